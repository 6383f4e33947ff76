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
  timeLog: 'time entry',
};

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
  timeLog: '/time',
};

/** The kind of record an id names (`AG-2` → agency), if it is one. */
export function kindOf(id: string): IdKind | undefined {
  const prefix = id.slice(0, id.lastIndexOf('-'));
  return (Object.keys(ID_PREFIXES) as IdKind[]).find((k) => ID_PREFIXES[k] === prefix);
}

export function webFix(fix: Fix, reviewId: string | undefined): WebFix {
  const inReview = (path: string) => (reviewId ? reviewHref(reviewId, path) : null);
  switch (fix.kind) {
    case 'create-review':
      return { text: 'Start a review', href: '/reviews/new' };
    case 'choose-review':
      return { text: `Choose one of the reviews: ${fix.reviews.join(', ')}`, href: '/' };
    case 'list':
      return {
        text: `See the ${RECORD_NAMES[fix.record]}s there are`,
        href: inReview(LIST_PATHS[fix.record]),
      };
    case 'add':
      return { text: `Add a ${RECORD_NAMES[fix.record]}`, href: inReview(LIST_PATHS[fix.record]) };
    case 'edit':
      return {
        text: `Edit ${fix.id}: ${fix.fields.join(', ')}`,
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
    case 'set-key-date':
      return {
        text: `Record the key date “${fix.keyDate}”`,
        href: reviewId ? partHref(reviewId, 'settings') : null,
      };
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
      return { text: `Give ${fix.field}${fix.example ? `, e.g. ${fix.example}` : ''}`, href: null };
    case 'omit':
      return { text: `Leave ${fix.field} out`, href: null };
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
    case 'verify':
    case 'make-private':
    case 'create-seal-key':
    case 'list-accounts':
    case 'grant-role':
      return { text: 'Ask whoever runs this server (it is done on the command line)', href: null };
  }
}
