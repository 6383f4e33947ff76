/**
 * Turns the records of a return into chronology entries under a column
 * mapping, checking each record whole: a record is either a complete entry
 * or a list of problems, never half of one. Checks: the record lines up with
 * the header (more cells are an error; fewer are an error when the date or a
 * text column is among those missing, a warning otherwise), the date is
 * present, real, readable and not in the future, any time is a time of day,
 * and the text is not empty.
 */
import type { z } from 'zod';
import { ChronologyEntryInput, type ColumnMapping } from '../domain/chronology-entry.ts';
import { fitMapping, unmappedColumns } from './fit-mapping.ts';
import { type ImportProblem, importProblem } from './import-problem.ts';
import { DATE_FORMS_HINT, parseClockTime, parseEventDate } from './parse-event-date.ts';
import type { DateRead, DateReading } from './read-date-column.ts';
import { isBlankRow, type SourceRow, type SourceTable } from './source-table.ts';

/** An entry ready for `importChronology`: everything but the agency. */
export const ImportedEntry = ChronologyEntryInput.omit({ agencyId: true });
export type ImportedEntry = z.infer<typeof ImportedEntry>;

/** The template's example row starts a cell with this; it is skipped, never imported. */
export const EXAMPLE_ROW_MARKER = 'EXAMPLE ROW';

export interface BuildOptions {
  mapping: ColumnMapping;
  /** Today's date (YYYY-MM-DD) by the injected clock; later dates are refused. */
  today: string;
  /**
   * How the column's dates are read (`decideDateReading`); without it, as the
   * mapping says, with Excel serials read in workbooks.
   */
  reading?: DateReading;
}

export interface BuiltEntry {
  record: number;
  entry: ImportedEntry;
  /** The text cells as written, before they were joined with their headings. */
  textParts: string[];
}

export interface SkippedRecord {
  record: number;
  reason: string;
}

export interface BuildResult {
  entries: BuiltEntry[];
  problems: ImportProblem[];
  /** What the reviewer should check but that does not stop a record: a record short of an optional cell. */
  warnings: ImportProblem[];
  /** Records left out on purpose: blank rows, the template's example row. */
  skipped: SkippedRecord[];
  /** Every non-empty date cell of the records built, and what it read as. */
  dates: DateRead[];
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The UK form of an ISO day, for messages: 2026-01-15 → 15/01/2026. */
const ukDay = (iso: string) => iso.split('-').reverse().join('/');

/** The template's example row, which is never imported. */
export function isExampleRow(row: SourceRow): boolean {
  return [...row.cells.values()].some((v) => v.trim().startsWith(EXAMPLE_ROW_MARKER));
}

export function buildEntries(table: SourceTable, options: BuildOptions): BuildResult {
  const { mapping } = fitMapping(options.mapping, table.headings);
  const extras = unmappedColumns(mapping, table.headings);
  const result: BuildResult = { entries: [], problems: [], warnings: [], skipped: [], dates: [] };
  const reading: DateReading = options.reading ?? {
    dayFirst: mapping.dayFirst,
    serials: table.format === 'xlsx',
    today: options.today,
  };
  for (const row of table.rows) {
    if (isBlankRow(row)) {
      result.skipped.push({ record: row.record, reason: 'blank' });
      continue;
    }
    if (isExampleRow(row)) {
      result.skipped.push({ record: row.record, reason: "the template's example row" });
      continue;
    }
    const built = buildOne(table, row, mapping, extras, reading, result.dates);
    result.warnings.push(...built.warnings);
    if ('entry' in built) result.entries.push(built);
    else result.problems.push(...built.problems);
  }
  return result;
}

function buildOne(
  table: SourceTable,
  row: SourceRow,
  mapping: ColumnMapping,
  extras: readonly string[],
  reading: DateReading,
  dates: DateRead[],
): (BuiltEntry | { problems: ImportProblem[] }) & { warnings: ImportProblem[] } {
  const { today } = reading;
  const problems: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const at = { file: table.file, record: row.record, ...(row.where ? { where: row.where } : {}) };
  const problem = (p: Omit<ImportProblem, 'message' | 'path' | 'file' | 'record'>) =>
    problems.push(importProblem({ ...at, ...p }));

  if (row.unreadable !== undefined) {
    problem({
      code: 'unreadable-record',
      column: null,
      problem: row.unreadable,
      advice:
        'make each item of the array an object such as {"Date": "14/03/2023", "Details": "…"}',
    });
    return { problems, warnings };
  }
  if (row.overflow) {
    const cells = row.cells.size + row.overflow.length;
    const beyond = row.overflow.map((v) =>
      v.trim() ? JSON.stringify(oneLine(v).slice(0, 40)) : 'an empty cell',
    );
    const trailing = row.overflow.every((v) => v.trim() === '');
    problem({
      code: 'misaligned-row',
      column: null,
      problem:
        table.format === 'csv'
          ? `found ${cells} cells but the header has ${table.headings.length} columns (beyond "${table.headings.at(-1)}": ${beyond.join(', ')}), so the cells do not line up with their headings`
          : `found values beyond the last headed column (${beyond.filter((v) => v !== 'an empty cell').join(', ')})`,
      advice:
        table.format !== 'csv'
          ? 'give that column a heading, or move the values into the column they belong to'
          : trailing
            ? 'the line ends with a delimiter after its last cell; remove it, or give the extra column a heading'
            : 'a delimiter inside a cell that is not in double quotes splits the cell; put the cell in double quotes ("…") or remove the delimiter',
    });
  }
  const short = shortRecord(table, row, mapping);
  if (short?.required) problem(short.problem);
  else if (short) warnings.push(importProblem({ ...at, ...short.problem }));
  // A JSON record without the key (a CSV record short of the cell is reported as short).
  const missingFields = (columns: readonly string[], role: string) => {
    const names = columns.map((c) => `"${c}"`).join(' or ');
    problem({
      code: 'missing-column',
      column: columns.join(' + '),
      problem: `the record has no ${names} field${columns.length > 1 ? 's' : ''} (the ${role})`,
      advice: `add ${names} to the record`,
    });
  };

  // Time first, so a bad time is put on its own column.
  let time: string | undefined;
  const timeCell = mapping.time !== undefined ? row.cells.get(mapping.time) : undefined;
  if (mapping.time !== undefined && timeCell !== undefined && timeCell.trim() !== '') {
    const t = parseClockTime(timeCell);
    if (t.ok) time = t.time;
    else {
      problem({
        code: 'unreadable-time',
        column: mapping.time,
        problem: t.message.replace(/; write it as.*$/, ''),
        advice: 'write the time as HH:MM on the 24-hour clock (14:30), or leave it empty',
      });
    }
  }

  const dateCell = row.cells.get(mapping.date);
  let date: ImportedEntry['date'] | undefined;
  if (dateCell === undefined) {
    if (!short) missingFields([mapping.date], 'date');
  } else if (dateCell.trim() === '') {
    problem({
      code: 'empty-date',
      column: mapping.date,
      problem: 'the date is empty',
      advice:
        'copy the date from the source record; if it is uncertain write "?/05/2023", "early May 2023" or "approx 14/05/2023"; if it is not known at all, write "unknown"',
    });
  } else {
    const parsed = parseEventDate(dateCell, {
      dayFirst: reading.dayFirst,
      today,
      serials: reading.serials,
      ...(reading.format ? { format: reading.format } : {}),
      ...(time ? { time } : {}),
    });
    dates.push({ record: row.record, text: dateCell.trim(), parsed });
    if (!parsed.ok) {
      problem({
        code: parsed.kind === 'impossible' ? 'impossible-date' : 'unreadable-date',
        column: mapping.date,
        problem: parsed.reason,
        advice:
          parsed.kind === 'impossible'
            ? 'check the date against the source record; if the day is uncertain, write the month ("?/02/2023") or "approx" before the date'
            : DATE_FORMS_HINT,
        ...(parsed.fix ? { fix: parsed.fix } : {}),
      });
    } else if (parsed.date.start !== undefined && parsed.date.start > today) {
      problem({
        code: 'future-date',
        column: mapping.date,
        problem: `found "${parsed.date.original}", which is after today (${ukDay(today)})`,
        advice:
          'check the date against the source record; a slip in the year (2032 for 2023) or a day and month swapped are the usual causes',
      });
    } else {
      date = parsed.date;
    }
  }

  const textCells = mapping.text.map((column) => ({ column, value: row.cells.get(column) }));
  const present = textCells.filter((c) => c.value !== undefined);
  if (present.length === 0 && !short) missingFields(mapping.text, 'entry text');
  const filled = present.filter((c) => (c.value as string).trim() !== '');
  const text =
    mapping.text.length === 1
      ? (filled[0]?.value ?? '').trim()
      : filled.map((c) => `${c.column}: ${(c.value as string).trim()}`).join('; ');
  if (present.length > 0 && filled.length === 0 && !short?.required) {
    problem({
      code: 'empty-text',
      column: mapping.text.join(' + '),
      problem: `the entry has no text (${mapping.text.map((c) => `"${c}"`).join(' and ')} ${mapping.text.length === 1 ? 'is' : 'are'} empty)`,
      advice: 'copy what the record says happened; a date alone tells the review nothing',
    });
  }

  if (problems.length > 0 || date === undefined) return { problems, warnings };

  const author = mapping.author !== undefined ? oneLine(row.cells.get(mapping.author) ?? '') : '';
  const sourceRef =
    mapping.sourceRef !== undefined ? oneLine(row.cells.get(mapping.sourceRef) ?? '') : '';
  const extra: Record<string, string> = {};
  for (const column of extras) {
    const value = row.cells.get(column);
    if (value !== undefined && value.trim() !== '') extra[column] = value.trim();
  }
  const candidate = {
    date,
    text,
    ...(author ? { author } : {}),
    ...(sourceRef ? { sourceRef } : {}),
    provenance: {
      method: 'import' as const,
      file: table.file,
      ...(table.sheet !== undefined ? { sheet: table.sheet } : {}),
      record: row.record,
    },
    extra,
  };
  const checked = ImportedEntry.safeParse(candidate);
  if (!checked.success) {
    const columnOf = (field: unknown, key: unknown): string | null => {
      if (field === 'text') return mapping.text.join(' + ');
      if (field === 'date') return mapping.date;
      if (field === 'author') return mapping.author ?? null;
      if (field === 'sourceRef') return mapping.sourceRef ?? null;
      if (field === 'extra' && typeof key === 'string') return key;
      return null;
    };
    for (const zi of checked.error.issues) {
      problem({
        code: 'invalid-field',
        column: columnOf(zi.path[0], zi.path[1]),
        problem: zi.message,
        advice: 'shorten or correct the cell in the source file',
      });
    }
    return { problems, warnings };
  }
  return {
    warnings,
    record: row.record,
    entry: checked.data,
    textParts: filled.map((c) => (c.value as string).trim()),
  };
}

const quoted = (columns: readonly string[]) => {
  const q = columns.map((c) => `"${c}"`);
  return q.length < 2 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} and ${q.at(-1)}`;
};

/**
 * A record with fewer cells than the header (a CSV row that ends early): an
 * error naming the columns it lacks when the date or a text column is among
 * them, else a warning — the record is imported with those cells empty. A
 * JSON record has no header to fall short of: a key it lacks is its own check.
 */
function shortRecord(
  table: SourceTable,
  row: SourceRow,
  mapping: ColumnMapping,
):
  | { required: boolean; problem: Omit<ImportProblem, 'message' | 'path' | 'file' | 'record'> }
  | undefined {
  if (table.format === 'json') return undefined;
  const absent = table.headings.filter((h) => !row.cells.has(h));
  if (absent.length === 0) return undefined;
  const needed = absent.filter((h) => h === mapping.date || mapping.text.includes(h));
  const roles = [
    ...(needed.includes(mapping.date) ? ['the date'] : []),
    ...(needed.some((h) => mapping.text.includes(h)) ? ['the entry text'] : []),
  ];
  const stops = `the record stops after ${row.cells.size} of ${table.headings.length} cells, without ${quoted(absent)}`;
  const everyCell = 'give the record a cell for every column (an empty one where there is nothing)';
  if (needed.length > 0) {
    return {
      required: true,
      problem: {
        code: 'short-record',
        column: needed.join(' + '),
        problem: `${stops}; ${quoted(needed)} ${needed.length === 1 ? 'is' : 'are'} ${roles.join(' and ')}`,
        advice: `look for a line break in a cell that is not in double quotes, or a missing delimiter, and ${everyCell}`,
      },
    };
  }
  return {
    required: false,
    problem: {
      code: 'short-record',
      column: absent.join(' + '),
      problem: `${stops}, so ${absent.length === 1 ? 'it is' : 'they are'} left empty`,
      advice: `check the record against the source for a missing delimiter or a lost cell, and ${everyCell}`,
    },
  };
}
