/**
 * SVG markup that is safe by construction: the `svg` tagged template escapes
 * every interpolated value unless it is markup this module built itself, so
 * user text (a KPE title, a factor) can never open an element or a script.
 *
 * @example
 *   svg`<text x="${x}">${kpe.title}</text>` // a title of `<script>` prints as text
 */

const BRAND: unique symbol = Symbol('SvgMarkup');

/** Markup produced by `svg` (or joined from such markup); the only thing inserted unescaped. */
export interface SvgMarkup {
  readonly [BRAND]: true;
  readonly text: string;
}

function markup(text: string): SvgMarkup {
  return Object.freeze({ [BRAND]: true as const, text });
}

function isSvgMarkup(value: unknown): value is SvgMarkup {
  return typeof value === 'object' && value !== null && BRAND in value;
}

/** Whether XML 1.0 can carry a code point at all (lone surrogates, most C0 controls and U+FFFE/F cannot). */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    code >= 0x10000
  );
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text made safe for SVG (XML) element content and quoted attribute values:
 * `& < > " '` become entities and characters XML cannot carry are dropped.
 */
export function escapeXml(text: string): string {
  let kept = '';
  // Iterating by code point keeps surrogate pairs together and isolates lone surrogates.
  for (const ch of text) if (isXmlChar(ch.codePointAt(0) ?? 0)) kept += ch;
  return kept.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A number as SVG writes it: at most two decimals, no `-0`, never NaN or Infinity. */
function svgNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`cannot write ${n} as an SVG coordinate`);
  const rounded = Math.round(n * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

export type SvgValue = SvgMarkup | string | number | readonly SvgValue[] | null | undefined | false;

function render(value: SvgValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (typeof value === 'number') return svgNumber(value);
  if (typeof value === 'string') return escapeXml(value);
  if (isSvgMarkup(value)) return value.text;
  return (value as readonly SvgValue[]).map(render).join('');
}

/**
 * The tagged template for SVG: strings are escaped, numbers rounded, arrays
 * joined, `null`/`undefined`/`false` left out, and nested `svg` output kept.
 */
export function svg(strings: TemplateStringsArray, ...values: SvgValue[]): SvgMarkup {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return markup(out);
}

/** Several fragments as one, separated by `separator` (itself trusted markup). */
export function joinSvg(parts: readonly SvgMarkup[], separator = '\n'): SvgMarkup {
  return markup(parts.map((p) => p.text).join(separator));
}
