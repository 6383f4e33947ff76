/**
 * The text of a PDF, page by page, and its document properties, read with pdf.js — no system
 * tools needed, so the leak check reads back exactly what a reader of the file would see,
 * including what a viewer shows in its title bar and properties dialog.
 */
import { readFile } from 'node:fs/promises';
import { openPdf } from '../report/pdf/read-link-targets.ts';

interface TextRun {
  str: string;
  hasEOL: boolean;
  width: number;
  height: number;
  transform: number[];
}

/**
 * Whether a reader sees a gap between two runs of text. Chromium splits a word into runs around
 * characters it draws with no glyph (an invisible mark, a soft hyphen), and those runs touch; runs
 * with space between them, or on another line, are separate words.
 */
function gapBetween(a: TextRun, b: TextRun): boolean {
  const [, , , ad = 0, ax = 0, ay = 0] = a.transform;
  const [, , , , bx = 0, by = 0] = b.transform;
  const size = Math.abs(ad) || a.height || 1;
  if (Math.abs(by - ay) > size * 0.5) return true;
  const gap = bx - (ax + a.width);
  return gap > size * 0.15 || gap < -size * 0.5;
}

/**
 * The text of a PDF as a reader sees it, page by page (pages separated by a form feed): runs that
 * touch are one word, runs apart are separate words, and a run that ends a line ends one.
 */
export async function pdfText(file: string): Promise<string> {
  const doc = await openPdf(new Uint8Array(await readFile(file)));
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      let text = '';
      let previous: TextRun | undefined;
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const run = item as TextRun;
        // "Appendix A" and "Methodology" must not read as "AMethodology".
        if (previous && !previous.hasEOL && (run.str !== '' || run.hasEOL)) {
          if (previous.str !== '' && run.str !== '' && gapBetween(previous, run)) text += ' ';
        }
        text += run.str;
        if (run.hasEOL) text += '\n';
        if (run.str !== '' || run.hasEOL) previous = run;
      }
      pages.push(text.replace(/ +/g, ' '));
    }
    return pages.join('\n\f');
  } finally {
    await doc.destroy();
  }
}

/** The document information fields a viewer shows; any custom string field comes too. */
const SKIPPED_INFO = new Set(['PDFFormatVersion', 'Language', 'CreationDate', 'ModDate']);

/**
 * A PDF's document properties as text, one `Name: value` line each: the information
 * dictionary (Title, Author, Subject, Keywords, Creator, Producer, custom fields) and the XMP
 * metadata's values (dc:title, dc:creator, …).
 */
export async function pdfProperties(file: string): Promise<string> {
  const doc = await openPdf(new Uint8Array(await readFile(file)));
  try {
    const { info, metadata } = await doc.getMetadata();
    const lines: string[] = [];
    const add = (name: string, value: unknown) => {
      if (typeof value === 'string' && value.trim()) lines.push(`${name}: ${value}`);
      else if (Array.isArray(value)) for (const v of value) add(name, v);
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) add(`${name} ${k}`, v);
      }
    };
    for (const [name, value] of Object.entries(info as Record<string, unknown>)) {
      if (!SKIPPED_INFO.has(name)) add(name, value);
    }
    const xmp = metadata?.getAll() as Record<string, unknown> | Map<string, unknown> | undefined;
    if (xmp)
      for (const [name, value] of xmp instanceof Map ? xmp : Object.entries(xmp)) add(name, value);
    return lines.join('\n');
  } finally {
    await doc.destroy();
  }
}
