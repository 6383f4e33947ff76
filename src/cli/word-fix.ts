/**
 * How the command line words the remedy an issue carries: the command to run
 * or the option to give. The core only says what is needed.
 */
import type { Fix } from '../domain/fix.ts';
import { type IdKind, idKind } from '../domain/primitives.ts';
import { optionFor } from './flag-terms.ts';

/** What the command line knows that the fix does not: the review the command ran on. */
export interface FixContext {
  /** Named in each review command (`--review R-…`), so it can be run as printed. */
  review?: string;
}

/** The command that lists each kind of record (and, for those listed by meeting, what it takes). */
const LIST_COMMAND: Record<IdKind, string | [words: string, args: string]> = {
  person: 'person list',
  agency: 'agency list',
  participant: 'participant list',
  question: 'research-question list',
  chronology: 'chronology list',
  conversation: 'conversation list',
  excerpt: 'conversation list',
  kpe: 'kpe list',
  factor: 'factor list',
  finding: 'finding list',
  boardIssue: 'board-issue list',
  meeting: 'meeting list',
  invite: ['meeting invites', 'M-n'],
  prompt: ['meeting prompts', 'M-n'],
  contribution: ['meeting contributions', 'M-n'],
  timeLog: 'time list',
};

type Fields = Record<string, string>;

/** The command that adds each kind of record, and what it must be given. */
const ADD_COMMAND: Record<IdKind, (fields: Fields) => [words: string, args: string]> = {
  person: () => ['person add', '--name "…" --label "…" --role "…"'],
  agency: () => ['agency add', '--name "…" --sector …'],
  participant: (f) => ['participant add', `--name "…" --role ${f.role ?? '…'}`],
  question: () => ['review question', '"…?"'],
  chronology: () => ['chronology add', '--agency AG-n --date DATE --text "…"'],
  conversation: () => ['conversation add', '--participant PT-n --date YYYY-MM-DD'],
  excerpt: () => ['excerpt add', '--conversation CV-n --section … --text "…"'],
  kpe: () => ['kpe add', '--title "…" --from YYYY-MM-DD --what "…"'],
  factor: () => ['factor add', '--head … --text "…"'],
  finding: () => ['finding add', '--statement "…" --category …'],
  boardIssue: (f) => ['finding question', `${f.finding ?? 'F-n'} "…?"`],
  meeting: (f) => ['meeting add', `--type ${f.type ?? '…'} --date YYYY-MM-DD`],
  invite: () => ['meeting invite', 'M-n --participant PT-n'],
  prompt: () => ['meeting prompt', 'M-n --text "…"'],
  contribution: () => ['meeting contributions', 'M-n'],
  timeLog: () => ['time log', '--participant PT-n --activity "…" --minutes N --date YYYY-MM-DD'],
};

/** The command noun of each kind of record, as in `tunnelview chronology remove CH-3`. */
const NOUN: Record<IdKind, string> = {
  person: 'person',
  agency: 'agency',
  participant: 'participant',
  question: 'research-question',
  chronology: 'chronology',
  conversation: 'conversation',
  excerpt: 'excerpt',
  kpe: 'kpe',
  factor: 'factor',
  finding: 'finding',
  boardIssue: 'board-issue',
  meeting: 'meeting',
  invite: 'meeting',
  prompt: 'meeting',
  contribution: 'meeting',
  timeLog: 'time',
};

/** Removing the records that belong to another first, or moving them to another. */
function removeFirst(ids: readonly string[], context: FixContext): string {
  const first = ids[0] ?? '';
  const kind = idKind(first);
  const noun = kind ? NOUN[kind] : 'record';
  const them = ids.length === 1 ? 'it' : 'them';
  return `first remove ${them} (e.g. ${tunnelview(`${noun} remove`, `${first} --reason "…"`, context)}) or move ${them} with tunnelview ${noun} edit`;
}

/** Fields whose options on `… edit` are more than `--field "…"`. */
const EDIT_OPTIONS: Partial<Record<IdKind, Record<string, string>>> = {
  kpe: { appraisal: '--rating <rating> --appraisal "…"', explanation: '--explanation "…"' },
};

/** The environment variable that sets how long a command waits for a busy workspace. */
export const BUSY_TIMEOUT_VARIABLE = 'TUNNELVIEW_BUSY_TIMEOUT';

/** A wait as people say it: `5 s`, `250 ms`. */
function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

/** A path as a shell reads it back: quoted when it holds anything but plain characters. */
function shellWord(path: string): string {
  return /^[\w./@%+,:=-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;
}

/** `tunnelview <words>`, with `--review` after the command words when the review is known. */
function tunnelview(words: string, rest: string, context: FixContext): string {
  const review = context.review ? ` --review ${context.review}` : '';
  return `tunnelview ${words}${review}${rest ? ` ${rest}` : ''}`;
}

/**
 * The command that carries a fix out, as it can be typed; undefined for the
 * fixes that are an option to give or leave out rather than a command to run.
 *
 * @example fixCommand({ kind: 'set-key-date', keyDate: 'notification' }, {})
 * // 'tunnelview review update --key-date notification=YYYY-MM-DD'
 */
export function fixCommand(fix: Fix, context: FixContext = {}): string | undefined {
  switch (fix.kind) {
    case 'create-review': {
      const where = fix.workspace ? ` --workspace ${fix.workspace}` : '';
      return `tunnelview review create${where} --title "…" --kind lcspr`;
    }
    case 'list': {
      const list = LIST_COMMAND[fix.record];
      return typeof list === 'string'
        ? tunnelview(list, '', context)
        : tunnelview(...list, context);
    }
    case 'start-meeting':
      return tunnelview('meeting start', fix.meeting, context);
    case 'add':
      return tunnelview(...ADD_COMMAND[fix.record](fix.fields ?? {}), context);
    case 'edit': {
      const options = fix.fields
        .map((f) => EDIT_OPTIONS[fix.record]?.[f] ?? `${optionFor(f)} "…"`)
        .join(' ');
      return tunnelview(`${NOUN[fix.record]} edit`, `${fix.id} ${options}`, context);
    }
    case 'link-factor':
      return tunnelview('factor link', `CF-n --kpe ${fix.kpe}`, context);
    case 'cite-evidence': {
      const { factor = 'CF-n', kpe = 'KPE-n', evidence = 'EX-n' } = fix;
      return tunnelview('factor link', `${factor} --kpe ${kpe} --evidence ${evidence}`, context);
    }
    case 'support-finding':
      return tunnelview('finding link', `${fix.finding} --factor CF-n`, context);
    case 'set-key-date':
      return tunnelview('review update', `--key-date ${fix.keyDate}=YYYY-MM-DD`, context);
    case 'write-section':
      return tunnelview('review text', `${fix.section} "…"`, context);
    case 'accept-flag':
      return tunnelview(
        'lint accept',
        `--field ${fix.field} --rule ${fix.rule} --justification "…"`,
        context,
      );
    case 'see-flags':
      return tunnelview('lint', '', context);
    case 'render':
      return tunnelview('render', `--edition ${fix.edition}`, context);
    case 'reopen': {
      const to = fix.stages.length === 1 ? fix.stages[0] : 'STAGE';
      return tunnelview('reopen', `--to ${to} --reason "…"`, context);
    }
    case 'verify':
      return 'tunnelview verify';
    case 'make-private':
      return `chmod 600 ${fix.files.map(shellWord).join(' ')}`;
    case 'create-seal-key':
      return 'tunnelview seal --new-key FILE';
    case 'force-remove': {
      const kind = idKind(fix.id);
      return tunnelview(
        `${kind ? NOUN[kind] : 'record'} remove`,
        `${fix.id} --reason "…" --force`,
        context,
      );
    }
    case 'list-accounts':
      return 'tunnelview account list';
    case 'grant-role':
      return `tunnelview account grant ${fix.account} --role ROLE`;
    case 'remove-first':
    case 'try-again':
    case 'choose-password':
    case 'wait':
    case 'choose-review':
    case 'omit-id':
    case 'give':
    case 'omit':
    case 'raise-limit':
      return undefined;
  }
}

/** What running the command achieves, in the words that lead into it. */
const LEAD: Record<
  Exclude<
    Fix['kind'],
    | 'choose-review'
    | 'omit-id'
    | 'give'
    | 'omit'
    | 'raise-limit'
    | 'force-remove'
    | 'remove-first'
    | 'try-again'
    | 'create-seal-key'
    | 'choose-password'
    | 'wait'
  >,
  string
> = {
  'create-review': 'create one with',
  list: 'see what there is with',
  'start-meeting': 'start it with',
  add: 'add one with',
  edit: 'record it with',
  'link-factor': 'link one with',
  'cite-evidence': 'cite evidence with',
  'support-finding': 'link them with',
  'set-key-date': 'record it with',
  'write-section': 'write it with',
  'accept-flag': 'or accept it with',
  'see-flags': 'see them all with',
  render: 'render it with',
  reopen: 'reopen it with',
  verify: 'check the workspace with',
  'make-private': 'make it yours alone with',
  'list-accounts': 'see the accounts with',
  'grant-role': 'to give it another role, use',
};

/** The fix as the command line says it, to follow an issue's message after "; ". */
export function wordFix(fix: Fix, context: FixContext = {}): string {
  switch (fix.kind) {
    case 'choose-review':
      return 'say which with --review';
    case 'omit-id':
      return `leave out --id and tunnelview allocates ${fix.next}`;
    case 'give': {
      const option = optionFor(fix.field);
      const example = fix.example ? ` (e.g. ${option} ${fix.example})` : '';
      return `${fix.purpose ? `to ${fix.purpose}, ` : ''}give ${option}${example}`;
    }
    case 'omit':
      return `leave out ${optionFor(fix.field)}`;
    case 'raise-limit': {
      const option = optionFor(fix.limit);
      const value =
        fix.needed === undefined
          ? `with a number above ${fix.current.toLocaleString('en-GB')}`
          : String(fix.needed);
      return `if the file is what you meant to read, raise the limit: give ${option} ${value}`;
    }
    case 'reopen': {
      const choices = fix.stages.length > 1 ? ` (stages: ${fix.stages.join(', ')})` : '';
      return `${LEAD.reopen}: ${fixCommand(fix, context)}${choices}`;
    }
    case 'force-remove':
      return `to remove ${fix.id} and detach them in the same change, add --force: ${fixCommand(fix, context)}`;
    case 'remove-first':
      return removeFirst(fix.ids, context);
    case 'try-again':
      return `try again when the other program has finished with it (tunnelview waited ${seconds(fix.waitedMs)}; to wait longer, set ${BUSY_TIMEOUT_VARIABLE} in milliseconds, e.g. ${BUSY_TIMEOUT_VARIABLE}=30000)`;
    case 'choose-password':
      return `choose a password of ${fix.minLength} to ${fix.maxLength.toLocaleString('en-GB')} characters, not one character repeated and with no control characters, and pipe it to --password-stdin; or leave out --password-stdin to have one generated`;
    case 'wait':
      return `try again in ${fix.minutes} minute${fix.minutes === 1 ? '' : 's'}`;
    case 'create-seal-key':
      return `make a key pair, kept outside the workspace, with: ${fixCommand(fix, context)}; then give --key FILE, or set TUNNELVIEW_SEAL_KEY=FILE`;
    default:
      return `${LEAD[fix.kind]}: ${fixCommand(fix, context)}`;
  }
}
