/**
 * The structure of prose the language check needs: its sentences (a flag and
 * its acceptance are about one sentence) and its quotations (someone else's
 * words, which the check leaves alone).
 */

export interface TextSpan {
  /** Offset of the first character. */
  start: number;
  /** Offset just after the last character. */
  end: number;
}

export interface Sentence extends TextSpan {
  text: string;
  /** 1-based position in the text. */
  number: number;
}

/** Words that end in a full stop without ending a sentence (compared in lower case, without the stop). */
const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'eg',
  'ie',
  'etc',
  'cf',
  'viz',
  'al',
  'approx',
  'dr',
  'mr',
  'mrs',
  'ms',
  'mx',
  'prof',
  'rev',
  'st',
  'no',
  'nos',
  'para',
  'paras',
  'p',
  'pp',
  'ref',
  'fig',
  'vol',
  'ch',
  'sec',
  'vs',
  'v',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'dept',
  'govt',
  'ltd',
  'inc',
  'co',
  'sgt',
  'insp',
  'det',
  'supt',
  'cllr',
]);

const CLOSERS = new Set(['"', "'", '”', '’', ')', ']', '»']);
const TERMINATORS = new Set(['.', '!', '?', '…']);

/**
 * Splits prose into sentences. A sentence ends at `.`, `!`, `?` or `…`
 * (with any closing quotes or brackets) followed by a space and a capital,
 * digit or opening quote — not after an abbreviation or an initial — and
 * always at a blank line. Single line breaks are spaces.
 * @example splitSentences('It rained. Dr. Lee came.').map((s) => s.text) // ['It rained.', 'Dr. Lee came.']
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body) {
      sentences.push({
        text: body,
        start: start + lead,
        end: start + lead + body.length,
        number: sentences.length + 1,
      });
    }
    start = end;
  };
  let i = 0;
  while (i < text.length) {
    const char = text[i] as string;
    if (char === '\n') {
      const blank = /^\n[ \t]*\r?\n/.exec(text.slice(i));
      if (blank) {
        push(i);
        i += blank[0].length;
        start = i;
        continue;
      }
    }
    if (TERMINATORS.has(char)) {
      let end = i + 1;
      while (end < text.length && TERMINATORS.has(text[end] as string)) end++;
      while (end < text.length && CLOSERS.has(text[end] as string)) end++;
      if (end >= text.length) break;
      if (/\s/.test(text[end] as string) && endsSentence(text, i, char, end)) {
        push(end);
        i = end;
        continue;
      }
      i = end;
      continue;
    }
    i++;
  }
  push(text.length);
  return sentences;
}

/** Whether the terminator at `at` (its closers running to `end`) ends a sentence. */
function endsSentence(text: string, at: number, char: string, end: number): boolean {
  const rest = text.slice(end);
  if (/^\s*\n[ \t]*\r?\n/.test(rest)) return true;
  const next = /^\s*(\S)/.exec(rest)?.[1];
  if (next === undefined) return true;
  const startsSentence = /[\p{Lu}\p{N}"'“‘([]/u.test(next);
  if (!startsSentence) return false;
  if (char !== '.') return true;
  // The word before the full stop: an abbreviation or an initial does not end a sentence.
  const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, at - 12), at))?.[1] ?? '';
  if (/^\p{Lu}$/u.test(word)) return false;
  return !ABBREVIATIONS.has(word.toLowerCase());
}

/**
 * The spans of text inside quotation marks: “…”, "…", ‘…’ and '…'. A closing
 * single quote between letters is an apostrophe (“children’s”), and a quote
 * left open at the end of a paragraph quotes nothing.
 */
export function quotedSpans(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  const open: Partial<Record<'curly' | 'straight' | 'curlySingle' | 'straightSingle', number>> = {};
  const close = (kind: keyof typeof open, at: number) => {
    const from = open[kind];
    if (from !== undefined) spans.push({ start: from, end: at + 1 });
    delete open[kind];
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    const before = i > 0 ? (text[i - 1] as string) : ' ';
    const after = i + 1 < text.length ? (text[i + 1] as string) : ' ';
    const letterBefore = /[\p{L}\p{N}]/u.test(before);
    const letterAfter = /[\p{L}\p{N}]/u.test(after);
    if (char === '\n' && /^\n[ \t]*\r?\n/.test(text.slice(i))) {
      for (const kind of Object.keys(open)) delete open[kind as keyof typeof open];
    } else if (char === '“') {
      open.curly = i;
    } else if (char === '”') {
      close('curly', i);
    } else if (char === '"') {
      if (open.straight === undefined) open.straight = i;
      else close('straight', i);
    } else if (char === '‘') {
      open.curlySingle = i;
    } else if (char === '’') {
      if (!(letterBefore && letterAfter) && open.curlySingle !== undefined) close('curlySingle', i);
    } else if (char === "'") {
      if (open.straightSingle === undefined) {
        if (!letterBefore && !/\s/.test(after)) open.straightSingle = i;
      } else if (!letterAfter && !/\s/.test(before)) {
        close('straightSingle', i);
      }
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** Whether the offset falls inside any of the spans. */
export function within(spans: readonly TextSpan[], offset: number): boolean {
  return spans.some((span) => offset > span.start && offset < span.end);
}
