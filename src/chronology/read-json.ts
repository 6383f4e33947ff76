/**
 * Reads a JSON return: an array of objects, one per record. Keys become
 * headings in the order they first appear; numbers and booleans become text.
 */
import { ValidationError } from '../domain/errors.ts';
import {
  DEFAULT_IMPORT_LIMITS,
  type ImportLimits,
  limitExceeded,
} from '../domain/import-limits.ts';
import { issue } from '../domain/issue.ts';
import { decodeText } from './decode-text.ts';
import { CellScreen } from './screen-cells.ts';
import type { SourceRow, SourceTable } from './source-table.ts';

export interface JsonReadOptions {
  limits?: ImportLimits;
  /** Remove control characters and bidi overrides instead of refusing them. */
  stripControls?: boolean;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Parses the bytes of a JSON file called `file` (the name is only used in messages). */
export function readJson(
  bytes: Uint8Array,
  file: string,
  options: JsonReadOptions = {},
): SourceTable {
  const limits = options.limits ?? DEFAULT_IMPORT_LIMITS;
  const { text, encoding } = decodeText(bytes);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ValidationError([
      issue(
        'unreadable-json',
        [file],
        `${file}: is not valid JSON (${(error as Error).message}); check it in a JSON validator`,
      ),
    ]);
  }
  if (!Array.isArray(data)) {
    const found = data === null ? 'null' : typeof data;
    throw new ValidationError([
      issue(
        'not-an-array',
        [file],
        `${file}: found a JSON ${found === 'object' ? 'object' : found}, expected an array of records ([{"Date": "14/03/2023", "Details": "…"}, …])`,
      ),
    ]);
  }
  if (data.length > limits.maxRecords) {
    throw new ValidationError([
      limitExceeded(
        'too-many-records',
        [file],
        `${file}: holds ${data.length.toLocaleString('en-GB')} records, over the limit of ${limits.maxRecords.toLocaleString('en-GB')} for one file`,
        'maxRecords',
        limits.maxRecords,
        data.length,
      ),
    ]);
  }
  const screen = new CellScreen(file, {
    maxCellLength: limits.maxCellLength,
    ...(options.stripControls ? { stripControls: true } : {}),
  });
  const headings: string[] = [];
  const known = new Set<string>();
  const rows: SourceRow[] = data.map((item, i) => {
    const cells = new Map<string, string>();
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      for (const [key, value] of Object.entries(item)) {
        if (!known.has(key)) {
          known.add(key);
          headings.push(key);
        }
        cells.set(key, cellText(value));
      }
    } else {
      // Not a record at all: keep it visible rather than dropping it.
      const found = Array.isArray(item)
        ? 'an array'
        : item === null
          ? 'null'
          : `the ${typeof item} ${JSON.stringify(item)}`;
      return {
        record: i + 1,
        cells,
        where: `item ${i + 1}`,
        unreadable: `found ${found}, expected an object of column names and values`,
      };
    }
    const row: SourceRow = { record: i + 1, cells, where: `item ${i + 1}` };
    screen.row(row);
    return row;
  });
  // Keys are the headings: screened as a header, and renamed where stripping changed one.
  const clean = screen.headings(headings);
  const renamed = new Map(
    headings.flatMap((h, i) => (clean[i] === h ? [] : [[h, clean[i] as string]])),
  );
  if (renamed.size > 0) {
    for (const row of rows) {
      row.cells = new Map([...row.cells].map(([h, v]) => [renamed.get(h) ?? h, v]));
    }
  }
  const stripped = screen.finish();
  return {
    file,
    format: 'json',
    description: `JSON array, ${encoding}`,
    headings: clean,
    rows,
    ...(stripped ? { stripped } : {}),
  };
}
