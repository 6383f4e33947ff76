/**
 * Makes a packed .docx a function of its view alone. docx numbers bookmarks and drawings from
 * counters that live as long as the process (a second render in a server would number on from
 * the first), and its packer stamps every file with the clock; here the numbers restart at 1 in
 * document order and every file carries the report's own time.
 */
import { readZip } from './read-zip.ts';
import { writeZip } from './write-zip.ts';

const DOCUMENT = 'word/document.xml';

/** Each distinct number, in order of first sight, → 1, 2, 3… */
function renumbering(): (old: string) => string {
  const seen = new Map<string, string>();
  return (old) => {
    let next = seen.get(old);
    if (next === undefined) {
      next = String(seen.size + 1);
      seen.set(old, next);
    }
    return next;
  };
}

/**
 * Bookmark ids (`w:bookmarkStart`/`w:bookmarkEnd`, and the `_Toc…` names docx derives from
 * them) and drawing ids (`wp:docPr`), renumbered. Only markup is touched: user text is escaped,
 * so it cannot hold an attribute or a field instruction.
 */
function renumberDocumentIds(xml: string): string {
  const bookmark = renumbering();
  const drawing = renumbering();
  return xml
    .replace(
      /(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)(")/g,
      (_, before: string, id: string, after: string) => `${before}${bookmark(id)}${after}`,
    )
    .replace(
      /(w:name="|w:anchor="|<w:instrText\b[^>]*>\s*PAGEREF )_Toc(\d+)/g,
      (_, before: string, id: string) => `${before}_Toc${bookmark(id)}`,
    )
    .replace(
      /(<wp:docPr\b[^>]*?\bid=")(\d+)(")/g,
      (_, before: string, id: string, after: string) => `${before}${drawing(id)}${after}`,
    );
}

/** The same document with its ids renumbered and every file stamped `modified`. */
export function settleDocx(packed: Uint8Array, modified: Date): Buffer {
  const files = readZip(packed, 'the Word document just written');
  const xml = files.get(DOCUMENT);
  if (xml) files.set(DOCUMENT, Buffer.from(renumberDocumentIds(xml.toString('utf8')), 'utf8'));
  return writeZip(files, modified);
}
