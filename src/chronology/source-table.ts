/**
 * What every reader of an agency return yields: the column headings and the
 * data records, each numbered from 1 after the header (a CSV record that
 * spans several lines counts once), so a problem can be traced to its row.
 */

export type ReturnFormat = 'csv' | 'xlsx' | 'docx' | 'json';

export interface SourceRow {
  /** 1-based data record number, after the header. */
  record: number;
  /** Cell text by heading. A heading with no key means the record has no such cell at all. */
  cells: Map<string, string>;
  /** Where to find the record in the file, for people: "line 7", "sheet row 5", "table 2, row 6". */
  where?: string;
  /** Cells beyond the last heading: a sign the row is misaligned. */
  overflow?: string[];
  /** Why the record could not be read as a record at all (a JSON item that is not an object). */
  unreadable?: string;
}

export interface SourceTable {
  /** The file name as shown in messages (no folders). */
  file: string;
  format: ReturnFormat;
  /** XLSX: the name of the sheet read. */
  sheet?: string;
  /** How the file was read, for the import report: "CSV, semicolon-separated, UTF-8 with BOM". */
  description: string;
  /** Headings in file order; blanks and repeats are made unique ("Column 4", "Notes (2)"). */
  headings: string[];
  rows: SourceRow[];
  /** Control characters and bidi overrides removed on reading, when asked to strip them. */
  stripped?: StrippedControls;
}

/** What stripping control characters removed: how many, from how many cells. */
export interface StrippedControls {
  characters: number;
  cells: number;
}

/**
 * Gives every heading a usable, unique name: a blank heading becomes
 * "Column N", a repeated one "Notes (2)", so no cell is silently overwritten.
 */
export function uniqueHeadings(raw: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((heading, i) => {
    const base = heading.replace(/\s+/g, ' ').trim() || `Column ${i + 1}`;
    const count = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), count);
    return count === 1 ? base : `${base} (${count})`;
  });
}

/** True when a record has nothing in any cell: skipped, not reported. */
export function isBlankRow(row: SourceRow): boolean {
  return (
    row.unreadable === undefined &&
    [...row.cells.values(), ...(row.overflow ?? [])].every((v) => v.trim() === '')
  );
}
