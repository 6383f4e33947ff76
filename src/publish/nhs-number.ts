/**
 * NHS numbers: ten digits whose last is a modulus-11 check digit. Only numbers that pass the
 * check are reported, so an arbitrary ten-digit reference is not mistaken for one.
 */

/** True when `digits` (ten digits, spaces and hyphens ignored) is a valid NHS number. */
export function isValidNhsNumber(digits: string): boolean {
  const d = digits.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(d[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(d[9]);
}

/** An NHS number found in text. */
export interface NhsNumberMention {
  start: number;
  end: number;
  text: string;
  digits: string;
}

/** 943 476 5919, 943-476-5919 or 9434765919: the same separator, or none, in both places. */
const NHS_NUMBER = /(?<![\p{L}\p{N}])(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\p{L}\p{N}])/gu;

/** Finds NHS numbers with a valid check digit. */
export function findNhsNumbers(text: string): NhsNumberMention[] {
  const found: NhsNumberMention[] = [];
  NHS_NUMBER.lastIndex = 0;
  for (let m = NHS_NUMBER.exec(text); m !== null; m = NHS_NUMBER.exec(text)) {
    const digits = `${m[1]}${m[3]}${m[4]}`;
    if (isValidNhsNumber(digits)) {
      found.push({ start: m.index, end: m.index + m[0].length, text: m[0], digits });
    }
  }
  return found;
}
