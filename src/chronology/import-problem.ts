/**
 * A problem with one record (or the whole file) of an agency return: the
 * file, the record number, the column, what was found and how to fix it.
 * The shape of an `Issue`, with the location spelled out for the report and
 * for scripts; where importing differently would help (a mapping file, dates
 * read month first), that is the issue's `fix`, for the front door to word.
 */
import type { Issue } from '../domain/issue.ts';

export type ImportProblemCode =
  | 'missing-column'
  | 'empty-date'
  | 'unreadable-date'
  | 'unreadable-dates'
  | 'invalid-date-format'
  | 'impossible-date'
  | 'future-date'
  | 'unreadable-time'
  | 'empty-text'
  | 'misaligned-row'
  | 'short-record'
  | 'unreadable-record'
  | 'invalid-field'
  | 'id-reused'
  | 'unused-column'
  | 'no-records';

export interface ImportProblem extends Issue {
  code: ImportProblemCode;
  file: string;
  /** The 1-based data record; null when the problem is with the file as a whole (its header). */
  record: number | null;
  /** The column as headed in the file; null when no one column is at fault. */
  column: string | null;
  /** Where to find the record, for people: "line 7", "sheet row 5". */
  where?: string;
  /** What is wrong, including what was found. */
  problem: string;
  /** What to do about it, in the agency's terms (the record, the column). */
  advice: string;
}

/** The problem as scripts read it: exactly file, record, column and message (and the fix, if any). */
export interface ImportProblemJson {
  file: string;
  record: number | null;
  column: string | null;
  message: string;
}

/** Builds a problem; `message` is the problem and the fix in one sentence pair. */
export function importProblem(p: Omit<ImportProblem, 'message' | 'path'>): ImportProblem {
  const path: Issue['path'] = [p.file];
  if (p.record !== null) path.push(p.record);
  if (p.column !== null) path.push(p.column);
  const { where, ...rest } = p;
  return {
    ...rest,
    ...(where !== undefined ? { where } : {}),
    path,
    message: `${capitalised(sentence(p.problem))} Fix: ${sentence(p.advice)}`,
  };
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]["”)]?$/.test(t) ? t : `${t}.`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Where a problem is, for people: `record 3 (line 5), "Date"` or `the header`. */
export function problemLocation(p: ImportProblem): string {
  const record =
    p.record === null ? 'the file' : `record ${p.record}${p.where ? ` (${p.where})` : ''}`;
  return p.column === null ? record : `${record}, column "${p.column}"`;
}

/** The form scripts read: exactly file, record, column and message. */
export function problemJson(p: ImportProblem): ImportProblemJson {
  return { file: p.file, record: p.record, column: p.column, message: p.message };
}
