/**
 * The text of an .xlsx workbook as a reader of the file can find it, for the leak check: every
 * cell's text and value, sheet names, and the document properties apart. Reads the file's XML
 * itself, so no spreadsheet library is needed to check one.
 */
import { readZip } from '../report/docx/read-zip.ts';

export interface XlsxText {
  /** Sheet names, then every cell's text, a line each. */
  text: string;
  /** docProps/core.xml, app.xml and custom.xml: title, subject, creator, keywords… */
  properties: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1]?.toLowerCase() === 'x'
          ? Number.parseInt(name.slice(2), 16)
          : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The text of every `<t>` element, joined within each `<si>` or `<is>` (rich text runs). */
function stringItems(xml: string, item: 'si' | 'is'): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(new RegExp(`<${item}\\b[^>]*>([\\s\\S]*?)</${item}>`, 'g'))) {
    const body = m[1] ?? '';
    // Phonetic runs (<rPh>) are reading aids, not the cell's text, but they are in the file.
    out.push(
      [...body.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)].map((t) => decode(t[1] ?? '')).join(''),
    );
  }
  return out;
}

/** Cell values that are not shared-string indexes: numbers, formulas' cached text, booleans. */
function cellValues(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<c\b([^>]*)>([\s\S]*?)<\/c>/g)) {
    const type = /\st="([^"]*)"/.exec(m[1] ?? '')?.[1];
    const body = m[2] ?? '';
    if (type === 'inlineStr') out.push(...stringItems(body, 'is'));
    else if (type !== 's') {
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      if (v !== undefined) out.push(decode(v));
    }
    const formula = /<f\b[^>]*>([\s\S]*?)<\/f>/.exec(body)?.[1];
    if (formula) out.push(decode(formula));
  }
  return out;
}

/** Character data of any XML, one line per element. */
function characterData(xml: string): string[] {
  return [...xml.matchAll(/>([^<]+)</g)].map((m) => decode(m[1] ?? '').trim()).filter(Boolean);
}

/** The text of a workbook; see the module comment. Throws a RenderError for a damaged file. */
export function xlsxText(xlsx: Uint8Array): XlsxText {
  const files = readZip(xlsx, 'the workbook');
  const text: string[] = [];
  const properties: string[] = [];
  const xml = (name: string) => (files.get(name) as Buffer).toString('utf8');
  for (const name of files.keys()) {
    if (name === 'xl/workbook.xml') {
      for (const m of xml(name).matchAll(/<sheet\b[^>]*\sname="([^"]*)"/g))
        text.push(decode(m[1] ?? ''));
    } else if (name === 'xl/sharedStrings.xml') {
      text.push(...stringItems(xml(name), 'si'));
    } else if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) {
      text.push(...cellValues(xml(name)));
    } else if (/^xl\/comments[^/]*\.xml$/.test(name)) {
      text.push(...characterData(xml(name)));
    } else if (/^docProps\/(core|app|custom)\.xml$/.test(name)) {
      properties.push(...characterData(xml(name)));
    }
  }
  return { text: text.join('\n'), properties: properties.join('\n') };
}
