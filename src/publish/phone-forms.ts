/**
 * UK telephone numbers in their written forms: the national digits of a number, the spacings and
 * +44/0 prefixes people write it with, and a reader that finds phone-shaped numbers in text.
 */

/**
 * The national digits of a UK number (`07700900123`) from any written form (`+44 (0)7700 900123`,
 * `0044 7700 900 123`, `(07700) 900123`); undefined when it is not a UK number of 10 or 11 digits.
 */
export function nationalDigits(phone: string): string | undefined {
  let digits = phone.replace(/\D/g, '');
  const international = /^\s*(\+|00)/.test(phone);
  if (international) {
    digits = digits.replace(/^(00)?44/, '');
    if (!digits.startsWith('0')) digits = `0${digits}`;
  }
  return /^0[1-37-9]\d{8,9}$/.test(digits) ? digits : undefined;
}

/** How the digits after the leading 0 are grouped, by number range: [group sizes]. */
function groupings(national: string): number[][] {
  const n = national.slice(1);
  if (n.length === 9) return [[4, 5]];
  if (n.startsWith('7'))
    return [
      [4, 6],
      [4, 3, 3],
    ];
  if (n.startsWith('2'))
    return [
      [2, 4, 4],
      [3, 3, 4],
    ];
  if (/^1\d1|^11/.test(n))
    return [
      [3, 3, 4],
      [4, 6],
    ];
  if (n.startsWith('1'))
    return [
      [4, 6],
      [4, 3, 3],
    ];
  return [[3, 3, 4]];
}

function group(digits: string, sizes: number[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  if (at < digits.length) parts.push(digits.slice(at));
  return parts.filter((p) => p.length > 0).join(' ');
}

/**
 * The ways a number is written: as registered, the digits run together, the usual spacings, and
 * with +44, +44 (0) and 0044 in front. For a number that is not a UK one, only the registered
 * text and its digits.
 */
export function phoneForms(phone: string): { text: string; style: string }[] {
  const out: { text: string; style: string }[] = [{ text: phone.trim(), style: 'as registered' }];
  const national = nationalDigits(phone);
  if (national === undefined) {
    out.push({ text: phone.replace(/[^\d+]/g, ''), style: 'no spaces' });
  } else {
    const rest = national.slice(1);
    out.push({ text: national, style: 'no spaces' });
    for (const sizes of groupings(national)) {
      const spaced = group(rest, sizes);
      out.push(
        { text: `0${spaced}`, style: 'spaced' },
        { text: `(0${spaced.replace(' ', ') ')}`, style: 'area code in brackets' },
        { text: `+44 ${spaced}`, style: '+44' },
        { text: `+44 (0)${spaced}`, style: '+44 (0)' },
        { text: `+44 (0) ${spaced}`, style: '+44 (0)' },
        { text: `0044 ${spaced}`, style: '0044' },
      );
    }
    out.push({ text: `+44${rest}`, style: '+44, no spaces' });
  }
  const seen = new Set<string>();
  return out.filter((f) => f.text.length > 0 && !seen.has(f.text) && seen.add(f.text));
}

/** A phone-shaped number found in text, with its national digits. */
export interface PhoneMention {
  start: number;
  end: number;
  text: string;
  digits: string;
}

const PHONE =
  /(?<![\p{L}\p{N}+])(?:(?:\+|00)44[ \t]?(?:\(0\)[ \t]?)?|\(?0)\d{2,5}\)?(?:[\s-]?\d{2,6}){1,3}(?![\p{L}\p{N}])/gu;

/** Finds UK landline and mobile numbers written in any usual form. */
export function findPhoneMentions(text: string): PhoneMention[] {
  const found: PhoneMention[] = [];
  PHONE.lastIndex = 0;
  for (let m = PHONE.exec(text); m !== null; m = PHONE.exec(text)) {
    // The pattern is greedy: "07700 900123 2021" takes the year too. Try shorter readings,
    // cutting a trailing group at a time, before giving up on this start.
    const candidate = validPrefix(m[0]);
    if (candidate === undefined) continue;
    const start = m.index;
    found.push({ start, end: start + candidate.text.length, ...candidate });
    PHONE.lastIndex = start + candidate.text.length;
  }
  return found;
}

function validPrefix(match: string): { text: string; digits: string } | undefined {
  let text = match;
  for (;;) {
    const digits = nationalDigits(text);
    if (digits !== undefined) return { text, digits };
    const cut = text.search(/[\s-]\d+$/);
    if (cut <= 0) return undefined;
    text = text.slice(0, cut);
  }
}
