/**
 * How the command line words the remedy an issue carries: the command to run
 * or the option to give. The core only says what is needed.
 */
import type { Fix } from '../domain/fix.ts';
import { type IdKind, idKind } from '../domain/primitives.ts';

/** The command that lists each kind of record. */
const LIST_COMMAND: Record<IdKind, string> = {
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
  timeLog: 'time list',
};

/** The command noun for each kind of record, as in `tunnelview chronology remove CH-3`. */
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
  timeLog: 'time',
};

function removeFirst(ids: readonly string[]): string {
  const first = ids[0] ?? '';
  const kind = idKind(first);
  const noun = kind ? NOUN[kind] : 'record';
  const them = ids.length === 1 ? 'it' : 'them';
  return `first remove ${them} (e.g. tunnelview ${noun} remove ${first} --reason "…") or move ${them} with tunnelview ${noun} edit`;
}

export function wordFix(fix: Fix): string {
  switch (fix.kind) {
    case 'create-review':
      return 'create one with: tunnelview review create --title "…" --kind lcspr';
    case 'choose-review':
      return 'say which with --review';
    case 'list':
      return `see what there is with: tunnelview ${LIST_COMMAND[fix.record]}`;
    case 'omit-id':
      return `leave out --id and tunnelview allocates ${fix.next}`;
    case 'give': {
      const example = fix.example
        ? ` (e.g. ${fix.field.startsWith('--') ? `${fix.field} ` : ''}${fix.example})`
        : '';
      return `${fix.purpose ? `to ${fix.purpose}, ` : ''}give ${fix.field}${example}`;
    }
    case 'force-remove':
      return `to remove ${fix.id} and detach them in the same change, add --force`;
    case 'remove-first':
      return removeFirst(fix.ids);
  }
}
