/**
 * What would put an issue right, as data. The core says what is needed; each
 * front door words it: the command line names the command to run, the web app
 * links to the page. No message in the core carries command syntax.
 */
import type { ImportLimit } from './import-limits.ts';
import type { IdKind } from './primitives.ts';

export type Fix =
  /** There are no reviews yet (or none in this workspace): start one, here. */
  | { kind: 'create-review'; workspace?: string }
  /** Several reviews, or the wrong one named: say which. */
  | { kind: 'choose-review'; reviews: string[] }
  /** Look at what exists of a kind of record, to pick the right id. */
  | { kind: 'list'; record: IdKind }
  | { kind: 'start-meeting'; meeting: string }
  /** Leave the id out and let one be allocated. */
  | { kind: 'omit-id'; next: string }
  /**
   * Give a field its value (an option on the command line, a form field on the
   * web); `purpose` says what that achieves, in plain words ("add it with this import").
   */
  | { kind: 'give'; field: string; example?: string; purpose?: string }
  /** Leave a field out: it does not apply here (a sheet of a CSV file, an outcome of no decision). */
  | { kind: 'omit'; field: string }
  /**
   * Read a file past one of the import limits: raise it from `current` to `needed` (in the
   * limit's own unit), or, when how far the file goes past it is not known, above `current`.
   */
  | { kind: 'raise-limit'; limit: ImportLimit; current: number; needed?: number }
  // Putting the analysis right: what gaps and unmet gates ask for.
  /** Record one more of a kind; `fields` are values it must have (a participant's `role`, a Board issue's `finding`). */
  | { kind: 'add'; record: IdKind; fields?: Record<string, string> }
  /** Fill in or change fields of one record, named as the record names them (`appraisal`, `explanation`). */
  | { kind: 'edit'; record: IdKind; id: string; fields: string[] }
  /** Record a factor that helps explain (or, for good practice, enabled) the KPE. */
  | { kind: 'link-factor'; kpe: string }
  /** Cite an excerpt or chronology entry for a factor's link to a KPE; the ids known are given. */
  | { kind: 'cite-evidence'; factor?: string; kpe?: string; evidence?: string }
  /** Record the contributory factors a finding generalises from. */
  | { kind: 'support-finding'; finding: string }
  /** Record one of the model's key dates (its id, e.g. `notification`). */
  | { kind: 'set-key-date'; keyDate: string }
  /** Write the text of one of the report's sections (its id, e.g. `case-summary`). */
  | { kind: 'write-section'; section: string }
  /** Keep a flagged sentence, recording why: the field and sentence (`kpes.KPE-3.appraisal.text#2`) and the rule. */
  | { kind: 'accept-flag'; field: string; rule: string }
  /** See every sentence the language check flags, open and accepted. */
  | { kind: 'see-flags' }
  /** Render an edition of the report; a publication edition runs the leak check. */
  | { kind: 'render'; edition: 'confidential' | 'publication' }
  /** Take a review back to a stage it has been through (one of `stages`), giving the reason. */
  | { kind: 'reopen'; stages: string[] }
  // The workspace itself.
  /** Check every review's log end to end, to find what is damaged. */
  | { kind: 'verify' }
  /** Another program held the workspace for longer than we waited (`waitedMs`): try again later, or wait longer. */
  | { kind: 'try-again'; waitedMs: number }
  /** Files others may read (a workspace and its `-wal`/`-shm`): make them the owner's alone. */
  | { kind: 'make-private'; files: string[] }
  /** Make a key pair for sealing heads, the private key kept outside the workspace. */
  | { kind: 'create-seal-key' }
  // Accounts of the web workspace.
  /** See the workspace's accounts (and the roles each holds). */
  | { kind: 'list-accounts' }
  /** Give the account the role instead of adding it again. */
  | { kind: 'grant-role'; account: string }
  /** Choose a password within the rules, or leave it out to have one generated. */
  | { kind: 'choose-password'; minLength: number; maxLength: number }
  /** Too many attempts: wait this many minutes, then try again. */
  | { kind: 'wait'; minutes: number }
  // Removing a record something still names.
  /** Remove the record anyway, detaching what still names it in the same change. */
  | { kind: 'force-remove'; id: string }
  /** These records belong to the one being removed: remove them, or move them elsewhere, first. */
  | { kind: 'remove-first'; ids: string[] };

export type FixKind = Fix['kind'];
