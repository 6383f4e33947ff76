/**
 * The text of a .docx, read back for the leak check: every place a reader of the file can find
 * words — body, headers and footers, notes and comments, document properties, pictures' alt
 * text and the text inside embedded SVG figures — each tagged with the part it came from.
 */
import { RenderError } from '../../domain/errors.ts';
import { decodeXmlText } from './map-figure.ts';
import { readZip } from './read-zip.ts';

export type DocxTextSource =
  | 'body'
  | 'header'
  | 'footer'
  | 'notes'
  | 'comments'
  | 'properties'
  | 'alt-text'
  | 'figure';

export interface DocxTextPart {
  /** The file inside the .docx, e.g. `word/document.xml`, `word/media/image1.svg`. */
  part: string;
  source: DocxTextSource;
  text: string;
}

const WORD_PARTS: [RegExp, DocxTextSource][] = [
  [/^word\/document\d*\.xml$/, 'body'],
  [/^word\/header\d*\.xml$/, 'header'],
  [/^word\/footer\d*\.xml$/, 'footer'],
  [/^word\/(footnotes|endnotes)\.xml$/, 'notes'],
  [/^word\/comments[A-Za-z]*\.xml$/, 'comments'],
];

const TAG = /<(\/?)([A-Za-z][\w:.-]*)([^>]*?)(\/?)>|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|([^<]+)/g;

/**
 * WordprocessingML to text: runs' text (`w:t`, and deleted text `w:delText`, which is still in
 * the file), tabs and breaks, a line per paragraph. Field codes (`w:instrText`) are left out;
 * their results are ordinary runs and come through.
 */
function wordXmlText(xml: string): string {
  let out = '';
  let inText = false;
  // `w:tab` inside `w:tabs` (paragraph properties) is a tab stop, not a tab character.
  let inTabStops = false;
  for (const m of xml.matchAll(TAG)) {
    const [, closing, name, , selfClosing, chars] = m;
    if (chars !== undefined) {
      if (inText) out += decodeXmlText(chars);
      continue;
    }
    if (name === 'w:t' || name === 'w:delText') inText = !closing && !selfClosing;
    else if (name === 'w:tabs') inTabStops = !closing && !selfClosing;
    else if (!closing && !inTabStops && (name === 'w:tab' || name === 'w:ptab')) out += '\t';
    else if (!closing && (name === 'w:br' || name === 'w:cr')) out += '\n';
    else if (closing && name === 'w:p') out += '\n';
    else if (selfClosing && name === 'w:p') out += '\n';
  }
  return out;
}

/** Character data of any XML (properties, SVG), one line per element, leaving out `<style>`. */
function xmlCharacterData(xml: string, alsoAttributes: string[] = []): string {
  const lines: string[] = [];
  let skip = 0;
  let line = '';
  const flush = () => {
    if (line.trim()) lines.push(line.trim());
    line = '';
  };
  for (const m of xml.matchAll(TAG)) {
    const [, closing, name, attrs, selfClosing, chars] = m;
    if (chars !== undefined) {
      if (!skip) line += decodeXmlText(chars);
      continue;
    }
    if (name === undefined) continue;
    const local = name.replace(/^.*:/, '');
    if (local === 'style' || local === 'script') {
      if (!selfClosing) skip += closing ? -1 : 1;
      continue;
    }
    if (!closing && attrs) {
      for (const attr of alsoAttributes) {
        const value = new RegExp(`\\s${attr}="([^"]*)"`).exec(attrs)?.[1];
        if (value) lines.push(decodeXmlText(value));
      }
    }
    // Text elements (SVG `text`/`tspan`) run on within a line; other elements end one.
    if (local !== 'tspan') flush();
  }
  flush();
  return lines.join('\n');
}

/** Pictures' names, titles and descriptions (alt text) in a Word part. */
function altText(xml: string): string {
  const lines: string[] = [];
  for (const m of xml.matchAll(/<(?:wp:docPr|pic:cNvPr)\b([^>]*)>/g)) {
    for (const attr of ['title', 'descr']) {
      const value = new RegExp(`\\s${attr}="([^"]*)"`).exec(m[1] ?? '')?.[1];
      if (value) lines.push(decodeXmlText(value));
    }
  }
  return [...new Set(lines)].join('\n');
}

/**
 * Every piece of text in a .docx by where it is, body first. Throws a RenderError when the
 * file is not a readable .docx.
 *
 * @example
 * for (const { part, source, text } of docxTextParts(buffer)) findLeaks(text, `${source} (${part})`);
 */
export function docxTextParts(docx: Uint8Array): DocxTextPart[] {
  const files = readZip(docx, 'the Word document');
  if (!files.has('word/document.xml')) {
    throw new RenderError('The Word document has no word/document.xml: it is not a .docx.', {
      fix: 'Render the report again as a Word document.',
    });
  }
  const parts: DocxTextPart[] = [];
  const add = (part: string, source: DocxTextSource, text: string) => {
    if (text.trim()) parts.push({ part, source, text });
  };
  const names = [...files.keys()].sort((a, b) => {
    const rank = (n: string) => (n === 'word/document.xml' ? 0 : 1);
    return rank(a) - rank(b) || a.localeCompare(b, 'en', { numeric: true });
  });
  for (const name of names) {
    const xml = () => (files.get(name) as Buffer).toString('utf8');
    const wordSource = WORD_PARTS.find(([pattern]) => pattern.test(name))?.[1];
    if (wordSource) {
      const content = xml();
      add(name, wordSource, wordXmlText(content));
      add(name, 'alt-text', altText(content));
    } else if (/^docProps\/(core|app|custom)\.xml$/.test(name)) {
      add(name, 'properties', xmlCharacterData(xml()));
    } else if (/^word\/media\/[^/]+\.svg$/i.test(name)) {
      add(name, 'figure', xmlCharacterData(xml(), ['aria-label']));
    }
  }
  return parts;
}

/**
 * All the text of a .docx as one string, parts separated by blank lines, body first: what the
 * leak check searches. Synchronous; awaiting it is harmless.
 */
export function docxText(docx: Uint8Array): string {
  return docxTextParts(docx)
    .map((p) => p.text.trimEnd())
    .join('\n\n');
}
