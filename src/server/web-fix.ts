/**
 * The web's words for a fix: what to do, and the page to do it on. The core says what is
 * needed as data (`domain/fix.ts`); the command line names a command, the web links here.
 */
import type { Fix } from '../domain/fix.ts';
import { ID_PREFIXES, type IdKind } from '../domain/primitives.ts';
import { partHref, recordHref, reviewHref } from './review-frame.ts';

export interface WebFix {
  text: string;
  /** The page that carries the fix out, when there is one. */
  href: string | null;
}

const RECORD_NAMES: Record<IdKind, string> = {
  person: 'person',
  agency: 'agency',
  participant: 'participant',
  question: 'research question',
  chronology: 'chronology entry',
  conversation: 'conversation',
  excerpt: 'excerpt',
  kpe: 'KPE',
  factor: 'contributory factor',
  finding: 'finding',
  boardIssue: 'Issue for the Board',
  meeting: 'meeting',
  invite: 'invite link',
  prompt: 'prompt',
  contribution: 'contribution',
  timeLog: 'time entry',
};

const RECORD_PLURALS: Record<IdKind, string> = {
  person: 'people',
  agency: 'agencies',
  participant: 'participants',
  question: 'research questions',
  chronology: 'chronology entries',
  conversation: 'conversations',
  excerpt: 'excerpts',
  kpe: 'KPEs',
  factor: 'contributory factors',
  finding: 'findings',
  boardIssue: 'Issues for the Board',
  meeting: 'meetings',
  invite: 'invite links',
  prompt: 'prompts',
  contribution: 'contributions',
  timeLog: 'time entries',
};

/** A field the core names by its id, in words; any other is its id spelled out (`fieldWords`). */
const FIELD_WORDS: Record<string, string> = {
  mappingPath: 'a column mapping',
  stripControls: 'the “remove control characters” choice',
  monthFirst: 'the “month first” choice',
  dateFormat: 'the date format',
  allowedHost: 'an allowed host name',
  port: 'another port',
  workspace: 'another workspace',
  force: 'the “go ahead anyway” choice',
  startedOn: 'the date the review started',
  sector: 'the agency’s sector',
  publicKey: 'the public key',
  outcome: 'the outcome',
  field: 'the flagged sentence',
  sheet: 'the sheet',
  table: 'the table',
  review: 'the review',
};

/** `mappingPath` → "mapping path"; `became-aware` → "became aware". */
export function idInWords(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase()
    .trim();
}

export function fieldWords(field: string): string {
  return FIELD_WORDS[field] ?? idInWords(field);
}

/** What a fix may be worded with from the review's model (the model itself will do). */
export interface WebFixTerms {
  keyDates?: readonly { id: string; name: string }[];
}

/** Where the records of a kind are listed and added. */
const LIST_PATHS: Record<IdKind, string> = {
  person: '/register',
  agency: '/register',
  participant: '/register',
  question: '/settings',
  chronology: '/chronology',
  conversation: '/conversations',
  excerpt: '/conversations',
  kpe: '/kpes',
  factor: '/factors',
  finding: '/findings',
  boardIssue: '/findings',
  meeting: '/meetings',
  invite: '/meetings',
  prompt: '/meetings',
  contribution: '/meetings',
  timeLog: '/time',
};

/** The kind of record an id names (`AG-2` → agency), if it is one. */
export function kindOf(id: string): IdKind | undefined {
  const prefix = id.slice(0, id.lastIndexOf('-'));
  return (Object.keys(ID_PREFIXES) as IdKind[]).find((k) => ID_PREFIXES[k] === prefix);
}

export function webFix(fix: Fix, reviewId: string | undefined, terms: WebFixTerms = {}): WebFix {
  const inReview = (path: string) => (reviewId ? reviewHref(reviewId, path) : null);
  switch (fix.kind) {
    case 'create-review':
      return { text: 'Start a review', href: '/reviews/new' };
    case 'choose-review':
      return { text: `Choose one of the reviews: ${fix.reviews.join(', ')}`, href: '/' };
    case 'list':
      return {
        text: `See the ${RECORD_PLURALS[fix.record]} there are`,
        href: inReview(LIST_PATHS[fix.record]),
      };
    case 'add':
      return {
        text: `Add ${/^[aeiou]/i.test(RECORD_NAMES[fix.record]) ? 'an' : 'a'} ${RECORD_NAMES[fix.record]}`,
        href: inReview(LIST_PATHS[fix.record]),
      };
    case 'edit':
      return {
        text: `Edit ${fix.id}: give its ${fix.fields.map(fieldWords).join(', ')}`,
        href: reviewId ? recordHref(reviewId, fix.record, fix.id) : null,
      };
    case 'link-factor':
      return {
        text: `Link a contributory factor to ${fix.kpe}`,
        href: reviewId ? recordHref(reviewId, 'kpe', fix.kpe) : null,
      };
    case 'cite-evidence':
      return {
        text: 'Cite an excerpt or chronology entry for the link',
        href:
          reviewId && fix.factor
            ? recordHref(reviewId, 'factor', fix.factor)
            : inReview('/factors'),
      };
    case 'support-finding':
      return {
        text: `Link the contributory factors ${fix.finding} generalises from`,
        href: reviewId ? recordHref(reviewId, 'finding', fix.finding) : null,
      };
    case 'set-key-date': {
      const name =
        terms.keyDates?.find((k) => k.id === fix.keyDate)?.name ?? idInWords(fix.keyDate);
      return {
        text: `Record the key date “${name}”`,
        href: reviewId ? partHref(reviewId, 'settings') : null,
      };
    }
    case 'write-section':
      return { text: `Write the report section “${fix.section}”`, href: inReview('/render') };
    case 'accept-flag':
    case 'see-flags':
      return {
        text: 'See the sentences the language check flags',
        href: reviewId ? partHref(reviewId, 'check') : null,
      };
    case 'render':
      return {
        text: `Render the ${fix.edition} edition`,
        href: reviewId ? partHref(reviewId, 'render') : null,
      };
    case 'reopen':
      return {
        text: `Reopen the review to ${fix.stages.join(' or ')}, giving the reason`,
        href: inReview(''),
      };
    case 'force-remove': {
      const kind = kindOf(fix.id);
      return {
        text: `Remove ${fix.id} anyway, detaching what still names it`,
        href: reviewId && kind ? recordHref(reviewId, kind, fix.id) : null,
      };
    }
    case 'remove-first':
      return { text: `Remove or move ${fix.ids.join(', ')} first`, href: null };
    case 'omit-id':
      return { text: `Leave the id out (the next is ${fix.next})`, href: null };
    case 'give':
      return {
        text: `Give ${fieldWords(fix.field)}${fix.purpose ? `, to ${fix.purpose}` : ''}${fix.example ? ` (e.g. ${fix.example})` : ''}`,
        href: null,
      };
    case 'omit':
      return { text: `Leave out ${fieldWords(fix.field)}`, href: null };
    case 'raise-limit':
      return { text: 'The file is over a limit of this server; ask whoever runs it', href: null };
    case 'try-again':
      return { text: 'Another change was being saved; try again in a moment', href: null };
    case 'wait':
      return {
        text: `Wait ${fix.minutes} minute${fix.minutes === 1 ? '' : 's'}, then try again`,
        href: null,
      };
    case 'choose-password':
      return {
        text: `Choose a password of ${fix.minLength} to ${fix.maxLength} characters`,
        href: null,
      };
    case 'start-meeting':
      return {
        text: `Start meeting ${fix.meeting} from its control page`,
        href: reviewId ? reviewHref(reviewId, `/meetings/${fix.meeting}`) : null,
      };
    case 'verify':
    case 'make-private':
    case 'create-seal-key':
    case 'list-accounts':
    case 'grant-role':
      return { text: 'Ask whoever runs this server (it is done on the command line)', href: null };
  }
}
