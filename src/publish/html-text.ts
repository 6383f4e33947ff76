/**
 * The text of an HTML document as a reader meets it, for leak checking: tags dropped (block tags
 * and SVG text pieces become line breaks, inline tags nothing), entities decoded, script and style
 * skipped, and the text of alt, title and aria-label attributes kept. Each character remembers
 * where it came from, so a leak is reported at its place in the HTML.
 */

/** Searchable text plus, for each of its UTF-16 units, the index in the HTML it came from. */
export interface HtmlText {
  text: string;
  /** `offsets[i]` is the HTML index of `text[i]`; `offsets[text.length]` is the HTML length. */
  offsets: number[];
}

const INLINE_TAGS = new Set(
  'a abbr b bdi bdo cite code data del dfn em font i ins kbd mark q s samp small span strong sub sup time u var wbr'.split(
    ' ',
  ),
);
const SKIPPED_CONTENT = new Set(['script', 'style', 'template', 'noscript']);
const TEXT_ATTRIBUTES = new Set([
  'alt',
  'title',
  'aria-label',
  'aria-description',
  'placeholder',
  'summary',
]);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00A0',
  shy: '\u00AD',
  zwj: '\u200D',
  zwnj: '\u200C',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201C',
  rdquo: '\u201D',
  ndash: '\u2013',
  mdash: '\u2014',
  hellip: '\u2026',
  pound: '£',
  copy: '©',
  aacute: 'á',
  agrave: 'à',
  acirc: 'â',
  auml: 'ä',
  ccedil: 'ç',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  euml: 'ë',
  iacute: 'í',
  igrave: 'ì',
  icirc: 'î',
  iuml: 'ï',
  ntilde: 'ñ',
  oacute: 'ó',
  ograve: 'ò',
  ocirc: 'ô',
  ouml: 'ö',
  oslash: 'ø',
  uacute: 'ú',
  ugrave: 'ù',
  ucirc: 'û',
  uuml: 'ü',
  szlig: 'ß',
};

class Builder {
  text = '';
  offsets: number[] = [];

  push(chars: string, from: number): void {
    this.text += chars;
    for (let k = 0; k < chars.length; k++) this.offsets.push(from);
  }

  /** Appends `html.slice(from, to)` with its entities decoded. */
  decoded(html: string, from: number, to: number): void {
    let i = from;
    while (i < to) {
      if (html[i] === '&') {
        const m = /^&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});/.exec(html.slice(i, i + 12));
        if (m?.[1]) {
          const name = m[1];
          const char =
            name[0] === '#'
              ? safeCodePoint(
                  name[1] === 'x' || name[1] === 'X'
                    ? Number.parseInt(name.slice(2), 16)
                    : Number(name.slice(1)),
                )
              : NAMED_ENTITIES[name.toLowerCase()];
          if (char !== undefined) {
            this.push(char, i);
            i += m[0].length;
            continue;
          }
        }
      }
      this.push(html[i] ?? '', i);
      i++;
    }
  }
}

function safeCodePoint(code: number): string | undefined {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

/** The end of the tag opened at `start` (index after its `>`), honouring quoted attribute values. */
function tagEnd(html: string, start: number): number {
  let quote: string | undefined;
  for (let i = start + 1; i < html.length; i++) {
    const ch = html[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '>') return i + 1;
  }
  return html.length;
}

/** The readable text of `html`; see the module comment. */
export function htmlToText(html: string): HtmlText {
  const out = new Builder();
  let i = 0;
  let textFrom = 0;
  let lower: string | undefined;
  const flush = (to: number) => {
    if (to > textFrom) out.decoded(html, textFrom, to);
  };
  while (i < html.length) {
    if (html[i] !== '<') {
      i++;
      continue;
    }
    if (html.startsWith('<!--', i)) {
      flush(i);
      const close = html.indexOf('-->', i + 4);
      i = close < 0 ? html.length : close + 3;
      textFrom = i;
      continue;
    }
    const name = /^<\/?([A-Za-z][\w:-]*)/.exec(html.slice(i, i + 40))?.[1]?.toLowerCase();
    if (!name && !/^<[!?]/.test(html.slice(i, i + 2))) {
      i++; // a lone "<" in text
      continue;
    }
    flush(i);
    const end = tagEnd(html, i);
    const closing = html[i + 1] === '/';
    if (name && !closing) {
      const attributes = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
      const tag = html.slice(i, end);
      attributes.lastIndex = 1 + name.length;
      for (let m = attributes.exec(tag); m !== null; m = attributes.exec(tag)) {
        const value = m[2] ?? m[3] ?? m[4];
        if (value === undefined || !TEXT_ATTRIBUTES.has((m[1] ?? '').toLowerCase())) continue;
        const valueAt = i + m.index + m[0].length - value.length - (m[4] === undefined ? 1 : 0);
        out.push('\n', i);
        out.decoded(html, valueAt, valueAt + value.length);
        out.push('\n', i);
      }
    }
    if (name && !INLINE_TAGS.has(name)) out.push('\n', i);
    i = end;
    if (name && !closing && SKIPPED_CONTENT.has(name)) {
      lower ??= html.toLowerCase();
      const close = lower.indexOf(`</${name}`, i);
      i = close < 0 ? html.length : close;
    }
    textFrom = i;
  }
  flush(html.length);
  out.offsets.push(html.length);
  return { text: out.text, offsets: out.offsets };
}
