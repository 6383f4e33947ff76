/**
 * Measuring and wrapping label text for the map without a browser: advance
 * widths come from the report's own font (Atkinson Hyperlegible, read from
 * its WOFF file once), so lines wrap where they will in the PDF.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import { InternalError } from '../domain/errors.ts';

export type FontWeight = 400 | 700;

/** Advance widths in em by code point, and the width used for a character the font lacks. */
interface FontMetrics {
  widths: Map<number, number>;
  fallback: number;
}

const metricsCache = new Map<FontWeight, FontMetrics>();

/** Reads the tables of a WOFF 1.0 file (zlib-compressed sfnt tables). */
function woffTables(file: Buffer): Map<string, Buffer> {
  if (file.toString('latin1', 0, 4) !== 'wOFF')
    throw new InternalError('the map font is not a WOFF 1.0 font');
  const tables = new Map<string, Buffer>();
  const count = file.readUInt16BE(12);
  for (let i = 0; i < count; i += 1) {
    const entry = 44 + i * 20;
    const tag = file.toString('latin1', entry, entry + 4);
    const offset = file.readUInt32BE(entry + 4);
    const compressed = file.readUInt32BE(entry + 8);
    const original = file.readUInt32BE(entry + 12);
    const data = file.subarray(offset, offset + compressed);
    tables.set(tag, compressed < original ? inflateSync(data) : data);
  }
  return tables;
}

/** Code point → glyph index from a format 4 (BMP) cmap subtable. */
function cmapFormat4(cmap: Buffer): Map<number, number> {
  const glyphs = new Map<number, number>();
  const count = cmap.readUInt16BE(2);
  for (let i = 0; i < count; i += 1) {
    const platform = cmap.readUInt16BE(4 + i * 8);
    const encoding = cmap.readUInt16BE(6 + i * 8);
    const at = cmap.readUInt32BE(8 + i * 8);
    if (!(platform === 3 && encoding === 1) && platform !== 0) continue;
    if (cmap.readUInt16BE(at) !== 4) continue;
    const segments = cmap.readUInt16BE(at + 6) / 2;
    const ends = at + 14;
    const starts = ends + segments * 2 + 2;
    const deltas = starts + segments * 2;
    const rangeOffsets = deltas + segments * 2;
    for (let s = 0; s < segments; s += 1) {
      const end = cmap.readUInt16BE(ends + s * 2);
      const start = cmap.readUInt16BE(starts + s * 2);
      const delta = cmap.readInt16BE(deltas + s * 2);
      const rangeOffset = cmap.readUInt16BE(rangeOffsets + s * 2);
      for (let c = start; c <= end && c !== 0xffff; c += 1) {
        let glyph: number;
        if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
        else {
          const where = rangeOffsets + s * 2 + rangeOffset + (c - start) * 2;
          const raw = cmap.readUInt16BE(where);
          glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
        }
        if (glyph !== 0) glyphs.set(c, glyph);
      }
    }
    return glyphs;
  }
  return glyphs;
}

/** The map's font file (WOFF 1.0, Latin subset) from the @fontsource package. */
function fontFile(weight: FontWeight): Buffer {
  const require = createRequire(import.meta.url);
  return readFileSync(
    require.resolve(
      `@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-${weight}-normal.woff`,
    ),
  );
}

/**
 * `@font-face` rules carrying the font as data URLs, for an SVG file that
 * must look the same outside the report; empty when the package is missing.
 */
export function embeddedFontCss(): string {
  try {
    return ([400, 700] as const)
      .map(
        (weight) =>
          // No quotes or angle brackets, so the rule reads the same escaped or not.
          `@font-face{font-family:Atkinson Hyperlegible;font-style:normal;font-weight:${weight};` +
          `src:url(data:font/woff;base64,${fontFile(weight).toString('base64')})}`,
      )
      .join('');
  } catch {
    return '';
  }
}

function loadMetrics(weight: FontWeight): FontMetrics {
  const cached = metricsCache.get(weight);
  if (cached) return cached;
  let metrics: FontMetrics;
  try {
    const file = fontFile(weight);
    const tables = woffTables(file);
    const head = tables.get('head');
    const hhea = tables.get('hhea');
    const hmtx = tables.get('hmtx');
    const cmap = tables.get('cmap');
    if (!head || !hhea || !hmtx || !cmap)
      throw new InternalError('the map font lacks a metrics table');
    const unitsPerEm = head.readUInt16BE(18);
    const longMetrics = hhea.readUInt16BE(34);
    const advance = (glyph: number) =>
      hmtx.readUInt16BE(Math.min(glyph, longMetrics - 1) * 4) / unitsPerEm;
    const widths = new Map<number, number>();
    for (const [code, glyph] of cmapFormat4(cmap)) widths.set(code, advance(glyph));
    metrics = { widths, fallback: widths.get(0x6f /* o */) ?? 0.56 };
  } catch {
    // Without the font package, an average width keeps wrapping sensible (and deterministic).
    metrics = { widths: new Map(), fallback: weight === 700 ? 0.6 : 0.56 };
  }
  metricsCache.set(weight, metrics);
  return metrics;
}

/** The width of `text` set in Atkinson Hyperlegible at `size` px (kerning ignored). */
export function textWidth(text: string, size: number, weight: FontWeight = 400): number {
  const { widths, fallback } = loadMetrics(weight);
  let em = 0;
  for (const ch of text) em += widths.get(ch.codePointAt(0) ?? 0) ?? fallback;
  return em * size;
}

export interface WrapOptions {
  /** Width of every line, in px. */
  width: number;
  size: number;
  weight?: FontWeight;
  /** Lines beyond this are cut and the last kept line ends with an ellipsis. */
  maxLines: number;
  /** Space already taken at the start of the first line (e.g. by a bold id). */
  firstLineIndent?: number;
}

export interface WrappedText {
  lines: string[];
  /** True when text was cut to fit `maxLines`. */
  truncated: boolean;
}

const ELLIPSIS = '…';

/** Collapses runs of white space (newlines included) to single spaces. */
export function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Greedy word wrap into at most `maxLines` lines. A word wider than a line
 * is broken between characters; text that does not fit ends in "…".
 */
export function wrapText(text: string, options: WrapOptions): WrappedText {
  const { width, size, weight = 400, maxLines, firstLineIndent = 0 } = options;
  const fits = (line: string, index: number) =>
    textWidth(line, size, weight) <= width - (index === 0 ? firstLineIndent : 0);
  const words = normaliseSpace(text).split(' ').filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (fits(candidate, lines.length)) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    // A word too long for a line of its own is split across lines.
    let rest = word;
    while (!fits(rest, lines.length)) {
      let cut = rest.length - 1;
      while (cut > 1 && !fits(rest.slice(0, cut), lines.length)) cut -= 1;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return { lines, truncated: false };

  const kept = lines.slice(0, maxLines);
  const lastIndex = maxLines - 1;
  let last = kept[lastIndex] ?? '';
  while (last && !fits(`${last}${ELLIPSIS}`, lastIndex)) {
    const space = last.lastIndexOf(' ');
    last = space > 0 ? last.slice(0, space) : last.slice(0, -1);
  }
  kept[lastIndex] = `${last.replace(/[\s,;:.–—-]+$/, '')}${ELLIPSIS}`;
  return { lines: kept, truncated: true };
}
