/**
 * The language check over one piece of prose: every use of a rule's phrase,
 * sentence by sentence, that no exception of the rule excuses and that is not
 * inside a quotation. Pure: the same text and rules give the same flags.
 */
import type { LanguageRules } from '../model/language-rules.ts';
import { type CompiledException, compileRules } from './compile-rules.ts';
import { quotedSpans, splitSentences, within } from './split-sentences.ts';

/** One flagged phrase. */
export interface LanguageFlag {
  /** The rule's id, e.g. `failed-to`. */
  rule: string;
  /** The rule's category, e.g. `counterfactual`. */
  category: string;
  /** The phrase as written. */
  match: string;
  /** Offset of the phrase in the text. */
  index: number;
  /** Why the phrasing pulls a report away from understanding. */
  reason: string;
  /** A direction for rewording (never a rewrite). */
  suggestion: string;
  /** The whole sentence the phrase is in, as written. */
  sentence: string;
  /** The sentence's 1-based position in the text. */
  sentenceNumber: number;
  /** Offset of the sentence in the text. */
  sentenceIndex: number;
}

/**
 * Flags hindsight, counterfactual and blame phrasing in `text`, in text order.
 * @example lintText('The health visitor failed to visit.', model.language)[0]?.rule // 'failed-to'
 */
export function lintText(text: string, rules: LanguageRules): LanguageFlag[] {
  const compiled = compileRules(rules);
  if (compiled.rules.length === 0 || text.trim() === '') return [];
  const quotes = compiled.skipQuotations ? quotedSpans(text) : [];
  const flags: LanguageFlag[] = [];
  for (const sentence of splitSentences(text)) {
    for (const { rule, patterns, exceptions } of compiled.rules) {
      const taken: { start: number; end: number }[] = [];
      for (const pattern of patterns) {
        pattern.lastIndex = 0;
        for (let m = pattern.exec(sentence.text); m; m = pattern.exec(sentence.text)) {
          if (m[0] === '') {
            pattern.lastIndex++;
            continue;
          }
          const start = m.index;
          const end = start + m[0].length;
          if (taken.some((t) => start < t.end && end > t.start)) continue;
          if (within(quotes, sentence.start + start)) continue;
          const parts = {
            match: m[0],
            before: sentence.text.slice(0, start),
            after: sentence.text.slice(end),
            sentence: sentence.text,
          };
          if (exceptions.some((exception) => excuses(exception, parts))) continue;
          taken.push({ start, end });
          flags.push({
            rule: rule.id,
            category: rule.category,
            match: m[0],
            index: sentence.start + start,
            reason: rule.reason,
            suggestion: rule.suggestion,
            sentence: sentence.text,
            sentenceNumber: sentence.number,
            sentenceIndex: sentence.start,
          });
        }
      }
    }
  }
  return flags.sort((a, b) => a.index - b.index);
}

/** An exception excuses a use when every part it gives holds. */
function excuses(
  exception: CompiledException,
  parts: { match: string; before: string; after: string; sentence: string },
): boolean {
  return (['match', 'before', 'after', 'sentence'] as const).every((part) => {
    const regex = exception[part];
    return regex === undefined || regex.test(parts[part]);
  });
}
