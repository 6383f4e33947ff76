/**
 * What would put an issue right, as data. The core says what is needed; each
 * front door words it: the command line names the command to run, the web app
 * links to the page. No message in the core carries command syntax.
 */
import type { IdKind } from './primitives.ts';

export type Fix =
  /** There are no reviews yet: start one. */
  | { kind: 'create-review' }
  /** Several reviews, or the wrong one named: say which. */
  | { kind: 'choose-review'; reviews: string[] }
  /** Look at what exists of a kind of record, to pick the right id. */
  | { kind: 'list'; record: IdKind }
  /** Leave the id out and let one be allocated. */
  | { kind: 'omit-id'; next: string }
  /**
   * Give a field its value (an option on the command line, a form field on the
   * web); `purpose` says what that achieves, in plain words ("add it with this import").
   */
  | { kind: 'give'; field: string; example?: string; purpose?: string }
  /** Remove the record anyway, detaching what still names it in the same change. */
  | { kind: 'force-remove'; id: string }
  /** These records belong to the one being removed: remove them, or move them elsewhere, first. */
  | { kind: 'remove-first'; ids: string[] };

export type FixKind = Fix['kind'];
