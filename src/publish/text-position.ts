/** Where things are in a text: line and column of an offset, and whether a place opens a sentence. */

/** Line starts of a text, for turning offsets into 1-based lines and columns. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  };
}

/**
 * True when `start` opens a sentence: the start of the text or of a line, or after `.`, `!` or
 * `?` (and a closing quote or bracket), skipping spaces and opening quotes or brackets.
 */
export function opensSentence(text: string, start: number): boolean {
  let k = start - 1;
  while (k >= 0 && /[ \t\u00A0"'“‘([]/.test(text[k] ?? '')) k--;
  if (k < 0) return true;
  const ch = text[k] ?? '';
  if (ch === '\n' || ch === '\r' || /[.!?]/.test(ch)) return true;
  return /[”’)\]"']/.test(ch) && /[.!?]/.test(text[k - 1] ?? '');
}
