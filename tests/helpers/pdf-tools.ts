// Reads PDFs back with poppler-utils so tests assert on what a reader would see, never on bytes.
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
// Large reports produce large text dumps; the default 1 MB buffer is too small for them.
const MAX_BUFFER = 64 * 1024 * 1024;

async function poppler(tool: string, args: string[]): Promise<string> {
  const { stdout } = await run(tool, args, { maxBuffer: MAX_BUFFER, encoding: 'utf8' });
  return stdout;
}

/** The PDF's text (`pdftotext [-layout] file -`); layout keeps columns and margin boxes in place. */
export function pdfText(
  file: string,
  { layout = false }: { layout?: boolean } = {},
): Promise<string> {
  return poppler('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-']);
}

/** `pdfinfo` as a record: Title, Pages, Tagged, "Page size", … (values trimmed, as strings). */
export async function pdfInfo(file: string): Promise<Record<string, string>> {
  const info: Record<string, string> = {};
  for (const line of (await poppler('pdfinfo', [file])).split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) info[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return info;
}

/** Page width and height in points from pdfinfo's "Page size" (595.92 x 841.92 pts (A4)). */
export async function pdfPageSize(file: string): Promise<{ width: number; height: number }> {
  const size = (await pdfInfo(file))['Page size'] ?? '';
  const match = size.match(/([\d.]+) x ([\d.]+) pts/);
  if (!match) throw new Error(`pdfinfo gave no page size for ${file}: ${JSON.stringify(size)}`);
  return { width: Number(match[1]), height: Number(match[2]) };
}

/**
 * Whether the document catalogue points at an outline (bookmarks). Chromium writes the catalogue
 * uncompressed, so the `/Outlines n 0 R` reference is visible in the bytes; an outline dictionary
 * with a /First entry means it is not empty.
 */
export async function pdfHasOutline(file: string): Promise<boolean> {
  const text = (await readFile(file)).toString('latin1');
  return /\/Outlines\s+\d+\s+\d+\s+R/.test(text) && /\/First\s+\d+\s+\d+\s+R/.test(text);
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
}

/** Fonts listed by `pdffonts`; `name` drops the subset prefix (ABCDEF+). */
export async function pdfFonts(file: string): Promise<PdfFont[]> {
  const lines = (await poppler('pdffonts', [file])).split('\n');
  // Columns are fixed-width, sized by the dashes under the header; names may contain spaces.
  const rule = lines[1] ?? '';
  const columns = [...rule.matchAll(/-+/g)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
  const cell = (line: string, i: number) => {
    const column = columns[i];
    const next = columns[i + 1];
    return column ? line.slice(column.start, next ? next.start : undefined).trim() : '';
  };
  return lines
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const fullName = cell(line, 0);
      return {
        name: fullName.replace(/^[A-Z]{6}\+/, ''),
        type: cell(line, 1),
        embedded: cell(line, 3) === 'yes',
        subset: cell(line, 4) === 'yes',
      };
    });
}

/**
 * Rasterises pages with `pdftoppm -png -r dpi`; returns the PNG paths in page order.
 * pdftoppm pads page numbers to the page count's width (x-1.png or x-01.png), hence the listing.
 */
export async function pdfToPng(
  file: string,
  outPrefix: string,
  dpi = 72,
  { first, last }: { first?: number; last?: number } = {},
): Promise<string[]> {
  const range = [
    ...(first === undefined ? [] : ['-f', String(first)]),
    ...(last === undefined ? [] : ['-l', String(last)]),
  ];
  await poppler('pdftoppm', ['-png', '-r', String(dpi), ...range, file, outPrefix]);
  const prefix = `${basename(outPrefix)}-`;
  const pageOf = (name: string) =>
    name.startsWith(prefix) ? Number(name.slice(prefix.length).match(/^(\d+)\.png$/)?.[1]) : NaN;
  return (await readdir(dirname(outPrefix)))
    .filter((name) => Number.isInteger(pageOf(name)))
    .sort((a, b) => pageOf(a) - pageOf(b))
    .map((name) => join(dirname(outPrefix), name));
}
