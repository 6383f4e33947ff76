/**
 * The report's typeface, Atkinson Hyperlegible from @fontsource, as @font-face rules with the
 * font files inlined as data: URLs. Inlined rather than linked for two reasons: the kept HTML
 * renders the same anywhere, and Chromium draws the running header (a separate document that
 * cannot load files) in this face only when the page has already loaded the very same data: URL.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { RenderError } from '../domain/errors.ts';

const FACE_FILES = ['400.css', '700.css', '400-italic.css', '700-italic.css'] as const;

let bodyFaces: string | undefined;
let headerFaces: string[] | undefined;

function faces(files: readonly string[]): string[] {
  const require = createRequire(import.meta.url);
  const css = files.map((file) => {
    const path = require.resolve(`@fontsource/atkinson-hyperlegible/${file}`);
    return { css: readFileSync(path, 'utf8'), dir: dirname(path) };
  });
  const out: string[] = [];
  for (const { css: text, dir } of css) {
    for (const rule of text.match(/@font-face\s*{[^}]*}/g) ?? []) {
      const woff2 = rule.match(/url\(\.\/(files\/[^)]+\.woff2)\)/)?.[1];
      if (!woff2) continue;
      const data = readFileSync(join(dir, woff2)).toString('base64');
      // Only the woff2 source: every browser that prints our reports reads it.
      out.push(
        rule
          .replace(/src:[^;]+;/, `src: url(data:font/woff2;base64,${data}) format('woff2');`)
          .replace(/font-display:[^;]+;\s*/, ''),
      );
    }
  }
  if (out.length === 0) {
    throw new RenderError('No @font-face rules were found in @fontsource/atkinson-hyperlegible.', {
      fix: 'Reinstall the dependencies: npm ci',
    });
  }
  return out;
}

/** Every face the report body uses (regular, bold, italics; Latin and Latin Extended). */
export function reportFontFaces(): string {
  bodyFaces ??= faces(FACE_FILES).join('\n');
  return bodyFaces;
}

/**
 * The faces the running header needs for `text`: bold only, since the header sets the title in
 * bold, as the title page does (so the page has loaded every bold face the title touches), and
 * only those whose Unicode range the text touches: the header is a fresh document on every
 * page, and each face it carries is decoded once per page.
 */
export function headerFontFaces(text: string): string {
  headerFaces ??= faces(['700.css']);
  const codes = [...text].map((c) => c.codePointAt(0) as number);
  return headerFaces.filter((face) => coversAny(face, codes)).join('\n');
}

function coversAny(face: string, codes: number[]): boolean {
  const range = face.match(/unicode-range:\s*([^;]+);/)?.[1];
  if (!range) return true;
  return range.split(',').some((part) => {
    const [from, to] = part
      .trim()
      .replace(/^U\+/i, '')
      .split('-')
      .map((hex) => Number.parseInt(hex, 16));
    if (from === undefined || Number.isNaN(from)) return false;
    const last = to === undefined || Number.isNaN(to) ? from : to;
    return codes.some((c) => c >= from && c <= last);
  });
}
