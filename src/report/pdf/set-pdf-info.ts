/**
 * Adds entries (Keywords, Subject) to a PDF's document information dictionary, which Chromium
 * fills with the title alone. Done as an incremental update (ISO 32000-1 §7.5.6): the bytes
 * Chromium wrote stay as they are, tagging and outline included, and a new version of the
 * information dictionary is appended with its own cross-reference section.
 */
import { RenderError } from '../../domain/errors.ts';

/** Entries to add, by their key in the dictionary. */
export interface PdfInfo {
  Keywords?: string;
  Subject?: string;
}

/** A PDF text string: literal when plain ASCII, otherwise UTF-16BE in hex. */
function pdfString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${hex.toUpperCase()}>`;
}

/**
 * Where the dictionary starting at `start` (its `<<`) ends (just past its `>>`), and the names
 * of its own keys; strings, hex strings and nested dictionaries and arrays are skipped whole.
 */
function scanDictionary(text: string, start: number): { end: number; keys: string[] } {
  const keys: string[] = [];
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === '(') {
      // A literal string: balanced parentheses, backslash escapes.
      let nesting = 0;
      for (; i < text.length; i++) {
        const d = text[i];
        if (d === '\\') i++;
        else if (d === '(') nesting++;
        else if (d === ')' && --nesting === 0) break;
      }
      i++;
    } else if (c === '<' && text[i + 1] === '<') {
      depth++;
      i += 2;
    } else if (c === '>' && text[i + 1] === '>') {
      depth--;
      i += 2;
      if (depth === 0) return { end: i, keys };
    } else if (c === '<') {
      i = text.indexOf('>', i) + 1;
      if (i === 0) break;
    } else if (c === '/' && depth === 1) {
      const name = /^\/[^\s/<>[\]()%]*/.exec(text.slice(i, i + 128))?.[0] ?? '/';
      keys.push(name.slice(1));
      i += name.length;
      // A name as a value follows its key: skip it so it is not taken for a key.
      const value = /^\s*\/[^\s/<>[\]()%]*/.exec(text.slice(i, i + 128));
      if (value) i += value[0].length;
    } else if (c === '%') {
      i = text.indexOf('\n', i) + 1;
      if (i === 0) break;
    } else {
      i++;
    }
  }
  throw new Error('the document information dictionary does not end');
}

/**
 * Where object `num` starts, from the cross-reference section at `xrefAt` (classic form:
 * subsections of 20-byte entries), or undefined when it is not listed as in use there.
 */
function offsetOf(text: string, xrefAt: number, num: number): number | undefined {
  if (!text.startsWith('xref', xrefAt)) return undefined;
  const subsection = /\s*(\d+)\s+(\d+)[ \t]*\r?\n/y;
  let at = xrefAt + 4;
  for (;;) {
    subsection.lastIndex = at;
    const m = subsection.exec(text);
    if (!m) return undefined;
    const first = Number(m[1]);
    const count = Number(m[2]);
    at = subsection.lastIndex;
    if (num >= first && num < first + count) {
      const entry = text.slice(at + (num - first) * 20, at + (num - first + 1) * 20);
      return entry[17] === 'n' ? Number(entry.slice(0, 10)) : undefined;
    }
    at += count * 20;
  }
}

/**
 * The PDF with `info` added to its document information dictionary. Refuses (RenderError) a
 * PDF it cannot update safely: no classic trailer, no information dictionary, or one that
 * already has an entry to add.
 */
export function setPdfInfo(pdf: Uint8Array, info: PdfInfo): Uint8Array {
  const entries = Object.entries(info).filter(([, v]) => v !== undefined) as [string, string][];
  if (entries.length === 0) return pdf;
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const text = bytes.toString('latin1');
  try {
    const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
    const trailerAt = text.lastIndexOf('trailer');
    if (!startxref || trailerAt < 0) throw new Error('it has no classic trailer');
    const trailer = text.slice(trailerAt, startxref.index);
    const size = /\/Size\s+(\d+)/.exec(trailer)?.[1];
    const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(trailer)?.[1];
    const infoRef = /\/Info\s+(\d+)\s+(\d+)\s+R/.exec(trailer);
    const id = /\/ID\s*(\[[^\]]*\])/.exec(trailer)?.[1];
    if (!size || !root || !infoRef) throw new Error('its trailer names no information dictionary');
    const [, num = '', gen = ''] = infoRef;
    const objectStart = offsetOf(text, Number(startxref[1]), Number(num));
    const header = new RegExp(`${num}\\s+${gen}\\s+obj\\s*<<`, 'y');
    header.lastIndex = objectStart ?? 0;
    if (objectStart === undefined || !header.test(text)) {
      throw new Error(`its information dictionary (object ${num}) is not where its xref says`);
    }
    const dictAt = header.lastIndex - 2;
    const { end, keys } = scanDictionary(text, dictAt);
    const clash = entries.find(([key]) => keys.includes(key));
    if (clash) throw new Error(`its information dictionary already has ${clash[0]}`);
    const inner = text.slice(dictAt + 2, end - 2);
    const added = entries.map(([key, value]) => `/${key} ${pdfString(value)}`).join('\n');
    // The new object starts on a line of its own; its offset is where its number begins.
    const lead = text.endsWith('\n') ? '' : '\n';
    const objectAt = bytes.length + lead.length;
    const object = `${num} ${gen} obj\n<<${inner}\n${added}>>\nendobj\n`;
    const xrefAt = objectAt + Buffer.byteLength(object, 'latin1');
    const update = [
      lead,
      object,
      `xref\n${num} 1\n${String(objectAt).padStart(10, '0')} ${gen.padStart(5, '0')} n \n`,
      `trailer\n<</Size ${size}\n/Root ${root}\n/Info ${num} ${gen} R\n/Prev ${startxref[1]}${id ? `\n/ID ${id}` : ''}>>\n`,
      `startxref\n${xrefAt}\n%%EOF\n`,
    ].join('');
    return Buffer.concat([bytes, Buffer.from(update, 'latin1')]);
  } catch (error) {
    throw new RenderError(
      `Could not write the document's metadata (${entries.map(([k]) => k).join(', ')}): ${(error as Error).message}.`,
      {
        cause: error,
        fix: 'The browser wrote a PDF in a form that cannot be updated here; report it, with the version of the browser.',
      },
    );
  }
}
