/**
 * The language check over one piece of prose: every use of a rule's phrase,
 * sentence by sentence, that no exception of the rule excuses, that is not
 * inside a quotation and that is in the reviewers' own voice. Pure: the same
 * text and rules give the same flags.
 */
import type { LanguageRules, PartOfSpeech } from '../model/language-rules.ts';
import {
  type CompiledException,
  type CompiledRule,
  type CompiledRules,
  compileRules,
} from './compile-rules.ts';
import { type Clause, clausesOf, findVoices, isNegated, type VoiceSpan } from './find-voices.ts';
import {
  quotedSpans,
  type Sentence,
  splitSentences,
  type TextSpan,
  within,
} from './split-sentences.ts';
import { type TaggedSentence, type TaggedTerm, tagSentence } from './tag-sentence.ts';

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
 * A phrase inside a quotation is someone else's words and is left alone; so,
 * when the model has a `voice` section, is a phrase in what a sentence reports
 * as someone's account, in hindsight it names to set aside, or in a verdict it
 * denies (the sentence is read by a part-of-speech tagger, loaded only when a
 * sentence has a phrase to look at).
 * @example lintText('The health visitor failed to visit.', model.language)[0]?.rule // 'failed-to'
 */
export function lintText(text: string, rules: LanguageRules): LanguageFlag[] {
  const compiled = compileRules(rules);
  if (compiled.rules.length === 0 || text.trim() === '') return [];
  const quotes = compiled.skipQuotations ? quotedSpans(text) : [];
  const flags: LanguageFlag[] = [];
  for (const sentence of splitSentences(text)) {
    const candidates = compiled.rules.flatMap((rule) => candidatesIn(sentence, rule, quotes));
    if (candidates.length === 0) continue;
    const reading = readSentence(sentence.text, compiled, candidates);
    const questions = new Set<CompiledRule>();
    for (const { rule, start, end, match } of candidates) {
      if (reading && !holds(rule, start, end, match, sentence.text, reading)) continue;
      // A rhetorical question is one verdict, however many of its words carry it.
      if (rule.rule.pastQuestion) {
        if (questions.has(rule)) continue;
        questions.add(rule);
      }
      flags.push({
        rule: rule.rule.id,
        category: rule.rule.category,
        match,
        index: sentence.start + start,
        reason: rule.rule.reason,
        suggestion: rule.rule.suggestion,
        sentence: sentence.text,
        sentenceNumber: sentence.number,
        sentenceIndex: sentence.start,
      });
    }
  }
  return flags.sort((a, b) => a.index - b.index);
}

const QUESTION = /\?["'”’)\]]*\s*$/;

interface Candidate {
  rule: CompiledRule;
  start: number;
  end: number;
  match: string;
}

interface Reading {
  tagged: TaggedSentence;
  clauses: Clause[];
  spans: VoiceSpan[];
}

/** The rule's matches in the sentence that no exception excuses and no quotation holds. */
function candidatesIn(sentence: Sentence, rule: CompiledRule, quotes: TextSpan[]): Candidate[] {
  // Only a question can be a rhetorical one: no need to read any other sentence.
  if (rule.rule.pastQuestion && !QUESTION.test(sentence.text)) return [];
  const found: Candidate[] = [];
  const patterns = rule.lexicon ? [...rule.patterns, rule.lexicon.pattern] : rule.patterns;
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(sentence.text); m; m = pattern.exec(sentence.text)) {
      if (m[0] === '') {
        pattern.lastIndex++;
        continue;
      }
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((t) => start < t.end && end > t.start)) continue;
      if (within(quotes, sentence.start + start)) continue;
      const parts = {
        match: m[0],
        before: sentence.text.slice(0, start),
        after: sentence.text.slice(end),
        sentence: sentence.text,
      };
      if (rule.exceptions.some((exception) => excuses(exception, parts))) continue;
      found.push({ rule, start, end, match: m[0] });
    }
  }
  return found;
}

/** The tagger's reading of the sentence, when the model or a candidate's rule needs it. */
function readSentence(
  text: string,
  compiled: CompiledRules,
  candidates: readonly Candidate[],
): Reading | undefined {
  const voice = compiled.voice?.cue.test(text) ? compiled.voice : undefined;
  if (!voice && !candidates.some((c) => c.rule.needsTagger)) return undefined;
  const tagged = tagSentence(text);
  if (!voice) return { tagged, clauses: clausesOf(tagged), spans: [] };
  return { tagged, ...findVoices(text, tagged, voice) };
}

/** Whether a candidate stands once the sentence has been read. */
function holds(
  rule: CompiledRule,
  start: number,
  end: number,
  match: string,
  sentence: string,
  reading: Reading,
): boolean {
  if (reading.spans.some((span) => start >= span.start && start < span.end)) return false;
  const terms = reading.tagged.terms.filter((t) => t.start < end && t.end > start);
  const lexical = rule.lexicon?.partOfSpeech.get(match.split(/\s+/)[0]?.toLowerCase() ?? '');
  const wanted = lexical ?? rule.rule.partOfSpeech;
  if (wanted && !terms.some((t) => wanted.some((tag) => readsAs(reading.tagged, t, tag)))) {
    return false;
  }
  if (rule.rule.pastQuestion && !isPastQuestion(sentence, reading.tagged)) return false;
  if (rule.rule.negatable && isNegated(reading.tagged, reading.clauses, start)) return false;
  return true;
}

/**
 * Whether the tagger reads a term as a part of speech. An adjective it does
 * not know after "was" or "were" it takes for a noun ("the notes were
 * slapdash"): there, a noun reading counts as an adjective.
 */
function readsAs(tagged: TaggedSentence, term: TaggedTerm, tag: PartOfSpeech): boolean {
  if (term.tags.has(tag)) return true;
  if (tag !== 'Adjective' || !term.tags.has('Noun')) return false;
  const index = tagged.terms.indexOf(term);
  const before = tagged.terms[index - 1];
  const after = tagged.terms[index + 1];
  const predicative = Boolean(
    before && (before.tags.has('Copula') || ['and', 'or'].includes(before.normal)),
  );
  return predicative && !(after?.tags.has('Noun') ?? false);
}

/** A question (it ends in "?") with a verb in the past tense: about what happened, not what should be. */
function isPastQuestion(sentence: string, tagged: TaggedSentence): boolean {
  return QUESTION.test(sentence) && tagged.verbs.some((g) => g.past);
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
