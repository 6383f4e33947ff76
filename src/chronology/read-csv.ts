/**
 * Reads a CSV return as a stream: decodes the bytes as they arrive (UTF-8,
 * BOM, UTF-16 with a mark, Windows-1252 when they are not UTF-8), detects the
 * delimiter, and parses quoted cells that span lines with csv-parse, screening
 * each record as it comes. Records are numbered after the header; a
 * multi-line record counts once. Past the record limit the read stops at
 * once, so memory stays bounded whatever the file holds.
 */
import { pipeline, Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { ValidationError } from '../domain/errors.ts';
import { DEFAULT_IMPORT_LIMITS, limitExceeded } from '../domain/import-limits.ts';
import { issue } from '../domain/issue.ts';
import { decodeWindows1252 } from './decode-text.ts';
import { DELIMITER_NAMES, type Delimiter, detectDelimiter } from './detect-delimiter.ts';
import { CellScreen } from './screen-cells.ts';
import { type SourceRow, type SourceTable, uniqueHeadings } from './source-table.ts';

/** The bytes of a file, whole or as a stream that can be opened again from the start. */
export type ByteSource = Uint8Array | (() => AsyncIterable<Uint8Array>);

export interface CsvReadOptions {
  /** Use this delimiter instead of detecting one. */
  delimiter?: Delimiter;
  /** Data records after the header; one more stops the read. */
  maxRecords?: number;
  /** Characters in one cell. */
  maxCellLength?: number;
  /** Remove control characters and bidi overrides instead of refusing them. */
  stripControls?: boolean;
}

/** The header is looked for among this many records (exports often put a title line above it). */
const HEADER_SEARCH = 10;
/** Text enough to see the header line, for the delimiter. */
const DELIMITER_SAMPLE = 64 * 1024;
/**
 * csv-parse holds a record in memory until it ends; this many full cells is
 * more than any return's record, and a quote never closed stops there.
 */
const RECORD_CELLS = 64;

class NotUtf8 extends Error {}

interface Parsed {
  record: string[];
  info: { lines: number };
}

/** Parses the CSV file called `file` (the name is only used in messages). */
export async function readCsv(
  source: ByteSource,
  file: string,
  options: CsvReadOptions = {},
): Promise<SourceTable> {
  const open = typeof source === 'function' ? source : () => oneChunk(source);
  try {
    return await readAs(open, file, options, false);
  } catch (error) {
    // Not UTF-8 after all: older Windows exports, where "£" and curly quotes are single bytes.
    if (error instanceof NotUtf8) return readAs(open, file, options, true);
    throw error;
  }
}

async function* oneChunk(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** A decoder for the bytes after any byte-order mark, chosen by that mark. */
function chooseDecoder(
  head: Uint8Array,
  windows1252: boolean,
): { skip: number; encoding: string; decode: (bytes: Uint8Array, last: boolean) => string } {
  const text = (label: string, skip: number, encoding: string) => {
    const decoder = new TextDecoder(label);
    return {
      skip,
      encoding,
      decode: (b: Uint8Array, last: boolean) => decoder.decode(b, { stream: !last }),
    };
  };
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return text('utf-8', 3, 'UTF-8 with BOM');
  if (head[0] === 0xff && head[1] === 0xfe) return text('utf-16le', 2, 'UTF-16LE with BOM');
  if (head[0] === 0xfe && head[1] === 0xff) return text('utf-16be', 2, 'UTF-16BE with BOM');
  if (windows1252)
    return { skip: 0, encoding: 'Windows-1252', decode: (b) => decodeWindows1252(b) };
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return {
    skip: 0,
    encoding: 'UTF-8',
    decode: (b, last) => {
      try {
        return decoder.decode(b, { stream: !last });
      } catch {
        throw new NotUtf8();
      }
    },
  };
}

/** The text of the bytes as they arrive; `read.encoding` is set once the first bytes are in. */
async function* decoded(
  chunks: AsyncIterable<Uint8Array>,
  read: { encoding: string },
  windows1252: boolean,
): AsyncGenerator<string> {
  let head: Uint8Array = new Uint8Array(0);
  let decode: ((bytes: Uint8Array, last: boolean) => string) | undefined;
  const begin = (last: boolean) => {
    const chosen = chooseDecoder(head, windows1252);
    read.encoding = chosen.encoding;
    decode = chosen.decode;
    return chosen.decode(head.subarray(chosen.skip), last);
  };
  for await (const chunk of chunks) {
    let text: string;
    if (decode) text = decode(chunk, false);
    else {
      head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
      if (head.length < 3) continue;
      text = begin(false);
    }
    if (text) yield text;
  }
  const rest = decode ? decode(new Uint8Array(0), true) : begin(true);
  if (rest) yield rest;
}

async function readAs(
  open: () => AsyncIterable<Uint8Array>,
  file: string,
  options: CsvReadOptions,
  windows1252: boolean,
): Promise<SourceTable> {
  const maxRecords = options.maxRecords ?? DEFAULT_IMPORT_LIMITS.maxRecords;
  const maxCellLength = options.maxCellLength ?? DEFAULT_IMPORT_LIMITS.maxCellLength;
  const read = { encoding: 'UTF-8' };
  const texts = decoded(open(), read, windows1252);
  // Enough of the text to see the header line, for the delimiter; the parser gets it first.
  let sample = '';
  let ended = false;
  while (sample.length < DELIMITER_SAMPLE) {
    const next = await texts.next();
    if (next.done) {
      ended = true;
      break;
    }
    sample += next.value;
  }
  const delimiter = options.delimiter ?? detectDelimiter(sample);
  async function* text(): AsyncGenerator<string> {
    try {
      if (sample) yield sample;
      if (!ended) yield* texts;
    } finally {
      await texts.return(undefined);
    }
  }
  const parser = parse({
    delimiter,
    info: true,
    relax_column_count: true,
    // A stray quote inside an unquoted cell (5'10") is text, not a syntax error.
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: maxCellLength * RECORD_CELLS,
  });
  // Errors reach the loop below through the parser; the callback only keeps them from going unheard.
  const records = pipeline(Readable.from(text()), parser, () => {});

  const screen = new CellScreen(file, {
    maxCellLength,
    ...(options.stripControls ? { stripControls: true } : {}),
  });
  const early: Parsed[] = [];
  let header: Parsed | undefined;
  let headings: string[] = [];
  const rows: SourceRow[] = [];
  const take = ({ record, info }: Parsed) => {
    if (rows.length >= maxRecords) {
      throw new ValidationError([
        limitExceeded(
          'too-many-records',
          [file],
          `${file}: holds more than ${maxRecords.toLocaleString('en-GB')} records, the limit for one file (reading stopped at line ${info.lines.toLocaleString('en-GB')})`,
          'maxRecords',
          maxRecords,
        ),
      ]);
    }
    rows.push(toRow(record, info, headings, rows.length + 1, screen));
  };
  const settleHeader = (found: Parsed) => {
    header = found;
    headings = uniqueHeadings(screen.headings(found.record));
    for (const parsed of early.slice(early.indexOf(found) + 1)) take(parsed);
    early.length = 0;
  };
  try {
    for await (const parsed of records as AsyncIterable<Parsed>) {
      if (header) {
        take(parsed);
        continue;
      }
      // The header is the first line with two or more cells, among the first few.
      early.push(parsed);
      if (parsed.record.filter((c) => c.trim() !== '').length >= 2) settleHeader(parsed);
      else if (early.length === HEADER_SEARCH) settleHeader(early[0] as Parsed);
    }
  } catch (error) {
    throw error instanceof CsvError ? unreadable(error, file, maxCellLength) : error;
  }
  if (!header && early.length > 0) settleHeader(early[0] as Parsed);
  if (!header) {
    throw new ValidationError([
      issue(
        'empty-file',
        [file],
        `${file}: the file is empty; it needs a header row and at least one record`,
      ),
    ]);
  }
  const stripped = screen.finish();
  return {
    file,
    format: 'csv',
    description: `CSV, ${DELIMITER_NAMES[delimiter]}-separated, ${read.encoding}${header.info.lines > 1 ? `, header on line ${header.info.lines}` : ''}`,
    headings,
    rows,
    ...(stripped ? { stripped } : {}),
  };
}

function toRow(
  record: string[],
  info: { lines: number },
  headings: readonly string[],
  number: number,
  screen: CellScreen,
): SourceRow {
  const cells = new Map<string, string>();
  record.slice(0, headings.length).forEach((value, j) => {
    cells.set(headings[j] as string, value);
  });
  // csv-parse reports the line a record ends on; a record spans one line more than its breaks.
  const breaks = record.reduce((n, cell) => n + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
  const row: SourceRow = { record: number, cells, where: `line ${info.lines - breaks}` };
  if (record.length > headings.length) row.overflow = record.slice(headings.length);
  screen.row(row);
  return row;
}

function unreadable(error: CsvError, file: string, maxCellLength: number): ValidationError {
  const line = (error as CsvError & { lines?: number }).lines;
  const where = line ? ` at line ${line}` : '';
  if (error.code === 'CSV_MAX_RECORD_SIZE') {
    const by = line ? ` by line ${line.toLocaleString('en-GB')}` : '';
    return new ValidationError([
      limitExceeded(
        'cell-too-long',
        [file],
        `${file}: a record runs past ${(maxCellLength * RECORD_CELLS).toLocaleString('en-GB')} characters${by}: a cell over the limit of ${maxCellLength.toLocaleString('en-GB')} characters, or a double quote never closed`,
        'maxCellLength',
        maxCellLength,
      ),
    ]);
  }
  const hint =
    error.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a cell opens a double quote that is never closed; close it, or double any quote inside a quoted cell ("")'
      : 'check the file opens as a table in a spreadsheet, then save it again as CSV';
  return new ValidationError([
    issue(
      'unreadable-csv',
      [file],
      `${file}: cannot be read as CSV${where} (${error.message}); ${hint}`,
    ),
  ]);
}
