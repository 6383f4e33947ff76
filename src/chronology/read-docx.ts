/**
 * Reads a Word (.docx) return: the chronology as a table in the document. The table read is
 * the one named (`table`, counting every table in document order from 1, nested ones
 * included), or the only one, or else the first whose header row maps onto a date and a text
 * column; tables straight after it with the same header row continue it (a table split across
 * pages). mammoth reads the document; its model of the tables is read here, before any HTML.
 * The document's packing is checked as a workbook's is before anything is unpacked, and its XML
 * against a share of the file size limit, since mammoth holds it whole.
 *
 * How a table becomes rows like a CSV file's (its cells as `word-tables.ts` lays them out):
 * - the header is the first row with two or more filled cells (a title row above it is not);
 * - rows repeating the header's text, and rows marked "repeat as header row", are headings,
 *   not records; rows with no text after the last record are not records;
 * - records are numbered by table row: the row after the header is record 1, and the number
 *   goes on counting rows past a skipped repeat of the header (and into a continuing table).
 */
import { readFileSync } from 'node:fs';
import type { ColumnMapping } from '../domain/chronology-entry.ts';
import { ValidationError } from '../domain/errors.ts';
import {
  DEFAULT_IMPORT_LIMITS,
  formatBytes,
  type ImportLimits,
  limitExceeded,
  MEGABYTE,
  megabytesFor,
} from '../domain/import-limits.ts';
import { issue } from '../domain/issue.ts';
import { checkWorkbookPacking, WORD_DOCUMENT } from './check-workbook-packing.ts';
import { detectMapping } from './detect-mapping.ts';
import { fitMapping } from './fit-mapping.ts';
import { CellScreen } from './screen-cells.ts';
import { isBlankRow, type SourceRow, type SourceTable, uniqueHeadings } from './source-table.ts';
import {
  headerOf,
  normal,
  TableReader,
  type WordElement,
  type WordRow,
  type WordTable,
} from './word-tables.ts';
import type { ZipEntry } from './zip-directory.ts';

export interface DocxReadOptions {
  /** The table to read, counting from 1 in document order; by default the first whose header maps. */
  table?: number;
  /**
   * Mappings a table's header may fit (a mapping file given with the import), besides the
   * mapping detected from the headings.
   */
  mappings?: readonly ColumnMapping[];
  limits?: ImportLimits;
  /** Remove control characters and bidi overrides instead of refusing them. */
  stripControls?: boolean;
}

/**
 * mammoth holds a document's XML whole, as a DOM and then its own model, at 50 to 90 times the
 * XML's size in memory (measured: 23 MB of XML as Word writes it, 20,000 two-column rows, took
 * 1.2 GB and 15 s); so a Word document's XML may unpack to this share of the file size limit
 * (12.5 MB by default, some thousands of table rows as Word writes them).
 */
const XML_SHARE_OF_LIMIT = 4;

/** Refuses a document whose XML parts would take more memory to read than the limits allow. */
function checkXmlSize(file: string, parts: readonly ZipEntry[], limits: ImportLimits): void {
  const xml = parts
    .filter((p) => /\.(xml|rels)$/i.test(p.name))
    .reduce((n, p) => n + p.uncompressedSize, 0);
  const allowed = (limits.maxFileMegabytes * MEGABYTE) / XML_SHARE_OF_LIMIT;
  if (xml <= allowed) return;
  throw new ValidationError([
    limitExceeded(
      'file-too-large',
      [file],
      `${file}: its text and layout (the XML parts) unpack to ${formatBytes(xml)}, over a quarter of the limit of ${limits.maxFileMegabytes} MB for a file read in (${formatBytes(allowed)}): a Word document is read whole, taking some 50 times its XML's size in memory`,
      'maxFileMegabytes',
      limits.maxFileMegabytes,
      megabytesFor(xml * XML_SHARE_OF_LIMIT),
    ),
  ]);
}

function unreadableDocx(file: string, reason: string): ValidationError {
  return new ValidationError([
    issue(
      'unreadable-docx',
      [file],
      `${file}: cannot be read as a Word document (${reason}); open it in Word and save it again as .docx`,
    ),
  ]);
}

/** Each table, for a message: "table 2 (Date, Details, Outcome)". */
function tableList(tables: readonly WordTable[]): string {
  const shown = tables.slice(0, 10).map((t) => {
    const header = headerOf(t);
    const headings = header ? header.raw.map((h) => oneLine(h, 30)).join(', ') : 'empty';
    return `table ${t.number} (${oneLine(headings, 80)})`;
  });
  const more = tables.length > 10 ? `, and ${tables.length - 10} more` : '';
  return `${shown.join('; ')}${more}`;
}

function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The table to read, by number or by its header; a ValidationError saying which to name when none will do. */
function chooseTable(
  file: string,
  tables: readonly WordTable[],
  options: DocxReadOptions,
): WordTable {
  if (tables.length === 0) {
    throw new ValidationError([
      issue(
        'no-table',
        [file],
        `${file}: the document holds no table; a Word return needs the chronology as a table whose first row names the columns (Date, Details, …), or save the chronology as .xlsx or .csv and import that`,
      ),
    ]);
  }
  if (options.table !== undefined) {
    const named = tables[options.table - 1];
    if (!named) {
      throw new ValidationError([
        issue(
          'unknown-table',
          [file, 'table'],
          `${file}: has no table ${options.table}; it holds ${tables.length} table${tables.length === 1 ? '' : 's'}: ${tableList(tables)}`,
          { fix: { kind: 'give', field: 'table', example: '1', purpose: 'read that table' } },
        ),
      ]);
    }
    return named;
  }
  if (tables.length === 1) return tables[0] as WordTable;
  const maps = (headings: readonly string[]) =>
    detectMapping(headings, { dayFirst: true }).mapping !== undefined ||
    (options.mappings ?? []).some((m) => fitMapping(m, headings).missing.length === 0);
  const found = tables.find((t) => {
    const header = headerOf(t);
    return header !== undefined && maps(uniqueHeadings(header.raw));
  });
  if (found) return found;
  throw new ValidationError([
    issue(
      'unknown-table',
      [file, 'table'],
      `${file}: none of its ${tables.length} tables has a header row naming a date and what happened: ${tableList(tables)}`,
      {
        fix: {
          kind: 'give',
          field: 'table',
          example: '2',
          purpose: 'read the table that holds the chronology',
        },
      },
    ),
  ]);
}

/** The tables right after `first` (not inside it) with the same header: it split across pages. */
function continuations(tables: readonly WordTable[], first: WordTable): WordTable[] {
  const key = (t: WordTable) => headerOf(t)?.raw.map(normal).join('\u0000');
  const header = key(first);
  const read = new Set([first.number]);
  const found: WordTable[] = [];
  for (const t of tables.slice(first.number)) {
    if (t.inside !== undefined && read.has(t.inside)) {
      read.add(t.number);
      continue;
    }
    if (t.inside !== first.inside || key(t) !== header) break;
    read.add(t.number);
    found.push(t);
  }
  return found;
}

/**
 * Parses the Word document at `path`, called `file` in messages. Its packing is checked
 * against the limits before mammoth unpacks anything.
 */
export async function readDocx(
  path: string,
  file: string,
  options: DocxReadOptions = {},
): Promise<SourceTable> {
  const limits = options.limits ?? DEFAULT_IMPORT_LIMITS;
  const parts = checkWorkbookPacking(path, file, limits, WORD_DOCUMENT);
  checkXmlSize(file, parts, limits);
  // mammoth loads only once the document has passed, and only for a Word return.
  const { default: mammoth } = await import('mammoth');
  let body: WordElement | undefined;
  try {
    await mammoth.convertToHtml(
      { buffer: readFileSync(path) },
      {
        externalFileAccess: false,
        // The model is all we read: hand mammoth an empty document to write as HTML.
        transformDocument: (document: WordElement) => {
          body = document;
          return { ...document, children: [] };
        },
      },
    );
  } catch (error) {
    throw unreadableDocx(file, (error as Error).message);
  }
  if (!body) throw unreadableDocx(file, 'it has no document body');
  const reader = new TableReader();
  reader.blocks(body.children ?? []);
  const tables = reader.tables;
  const chosen = chooseTable(file, tables, options);
  const header = headerOf(chosen);
  if (!header) {
    throw new ValidationError([
      issue(
        'empty-file',
        [file],
        `${file}: table ${chosen.number} is empty; it needs a header row and at least one record`,
      ),
    ]);
  }
  const screen = new CellScreen(file, {
    maxCellLength: limits.maxCellLength,
    ...(options.stripControls ? { stripControls: true } : {}),
  });
  const headings = uniqueHeadings(
    screen.headings(header.raw, `table ${chosen.number}, row ${header.index + 1}`),
  );
  const repeat = header.raw.map(normal).join('\u0000');
  const isRepeat = (row: WordRow) =>
    row.isHeader || row.cells.slice(0, header.raw.length).map(normal).join('\u0000') === repeat;

  const more = continuations(tables, chosen);
  const rows: SourceRow[] = [];
  let kept = 0;
  let repeats = 0;
  let record = 0;
  for (const table of [chosen, ...more]) {
    // A continuing table's rows down to its own header row are counted, not read.
    const first = table === chosen ? header.index + 1 : 0;
    const own = table === chosen ? header.index : (headerOf(table)?.index ?? -1);
    for (let r = first; r < table.rows.length; r++) {
      record++;
      const row = table.rows[r] as WordRow;
      if (r <= own || isRepeat(row)) {
        repeats++;
        continue;
      }
      const cells = new Map<string, string>();
      headings.forEach((h, i) => {
        cells.set(h, row.cells[i] ?? '');
      });
      const source: SourceRow = { record, cells, where: `table ${table.number}, row ${r + 1}` };
      const overflow = row.cells.slice(headings.length);
      if (overflow.some((v) => v.trim() !== '')) source.overflow = overflow;
      screen.row(source);
      rows.push(source);
      if (isBlankRow(source)) continue;
      kept = rows.length;
      if (kept > limits.maxRecords) {
        throw new ValidationError([
          limitExceeded(
            'too-many-records',
            [file, `table ${chosen.number}`],
            `${file}: table ${chosen.number} holds more than ${limits.maxRecords.toLocaleString('en-GB')} records, the limit for one file (found one on row ${r + 1} of table ${table.number})`,
            'maxRecords',
            limits.maxRecords,
          ),
        ]);
      }
    }
  }
  // Rows with no text past the last record are not records.
  rows.length = kept;
  const stripped = screen.finish();
  return {
    file,
    format: 'docx',
    description: describe(chosen, tables.length, more, header.index, repeats),
    headings,
    rows,
    ...(stripped ? { stripped } : {}),
  };
}

/** "Word document, table 2 (of 3), continued in table 3, header on row 2, 1 repeat of the header row skipped". */
function describe(
  chosen: WordTable,
  count: number,
  more: readonly WordTable[],
  headerIndex: number,
  repeats: number,
): string {
  const parts = [`Word document, table ${chosen.number}${count > 1 ? ` (of ${count})` : ''}`];
  if (more.length > 0) {
    const numbers = more.map((t) => t.number);
    const last = numbers.pop();
    parts.push(
      `continued in table${numbers.length > 0 ? 's' : ''} ${numbers.length > 0 ? `${numbers.join(', ')} and ${last}` : last}`,
    );
  }
  if (headerIndex > 0) parts.push(`header on row ${headerIndex + 1}`);
  if (repeats > 0) {
    parts.push(`${repeats} repeat${repeats === 1 ? '' : 's'} of the header row skipped`);
  }
  return parts.join(', ');
}
