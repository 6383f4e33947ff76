/**
 * The prototype a character is confusable with, from Unicode's confusables (UTS #39, vendored in
 * unicode-confusables.ts with its version): Cyrillic "а" and Greek "α" have the prototype "a",
 * Cyrillic "Н" has "H". The table is read once, on first use.
 */
import { CONFUSABLE_PAIRS, CONFUSABLES_VERSION } from './unicode-confusables.ts';

/** The Unicode version of the confusables data, e.g. "17.0.0". */
export const confusablesVersion = CONFUSABLES_VERSION;

let table: Map<number, string> | undefined;

function load(): Map<number, string> {
  const map = new Map<number, string>();
  for (const line of CONFUSABLE_PAIRS.split('\n')) {
    const [source, ...prototype] = line.trim().split(' ');
    if (!source || prototype.length === 0) continue;
    map.set(
      Number.parseInt(source, 16),
      String.fromCodePoint(...prototype.map((h) => Number.parseInt(h, 16))),
    );
  }
  return map;
}

/**
 * The prototype of one character (a code point) as UTS #39 gives it, or undefined when the
 * character is its own prototype. Case matters: "Н" → "H", while "н" → "ʜ".
 */
export function prototypeOf(ch: string): string | undefined {
  table ??= load();
  const code = ch.codePointAt(0);
  return code === undefined ? undefined : table.get(code);
}
