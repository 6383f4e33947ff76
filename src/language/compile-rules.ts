/**
 * Language rules compiled to regular expressions, once per rules object (a
 * loaded model is frozen and cached, so its rules compile once per process).
 */
import { InternalError } from '../domain/errors.ts';
import {
  compileLanguagePattern,
  type LanguageException,
  type LanguageRule,
  type LanguageRules,
  type LanguageVoice,
  type PartOfSpeech,
} from '../model/language-rules.ts';
import type { CompiledVoice } from './find-voices.ts';
import { adjectiveForms, verbForms } from './word-forms.ts';

export interface CompiledException {
  description: string;
  match?: RegExp;
  before?: RegExp;
  after?: RegExp;
  sentence?: RegExp;
}

export interface CompiledRule {
  rule: LanguageRule;
  /** Global, whole-word; reset `lastIndex` before each use. */
  patterns: RegExp[];
  /**
   * The lexicon's words in all their forms, one global whole-word pattern with
   * the part of speech each form must be read as (by the form in lower case).
   */
  lexicon?: { pattern: RegExp; partOfSpeech: ReadonlyMap<string, readonly PartOfSpeech[]> };
  /** Whether a match is only a candidate until the tagger has read the sentence. */
  needsTagger: boolean;
  /** The rule's own exceptions, then the shared contexts it names. */
  exceptions: CompiledException[];
}

export interface CompiledRules {
  skipQuotations: boolean;
  voice?: CompiledVoice;
  rules: CompiledRule[];
}

const cache = new WeakMap<LanguageRules, CompiledRules>();

/**
 * Compiles the rules; throws an Error naming the rule and pattern for a
 * pattern that does not compile (a loaded model has been checked already).
 */
export function compileRules(language: LanguageRules): CompiledRules {
  const cached = cache.get(language);
  if (cached) return cached;
  const { fragments } = language;
  const compileException = (exception: LanguageException, where: string): CompiledException => {
    const compiled: CompiledException = { description: exception.description };
    for (const part of ['match', 'before', 'after', 'sentence'] as const) {
      const pattern = exception[part];
      if (pattern !== undefined) compiled[part] = compile(pattern, part, `${where} ${part}`);
    }
    return compiled;
  };
  const compile = (
    pattern: string,
    role: 'pattern' | 'match' | 'before' | 'after' | 'sentence',
    where: string,
  ) => {
    try {
      return compileLanguagePattern(pattern, fragments, role);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new InternalError(
        `language ${where}: ${JSON.stringify(pattern)} is not usable (${reason})`,
      );
    }
  };
  const contexts = new Map(
    language.contexts.map((context) => [
      context.id,
      compileException(context, `context ${context.id}`),
    ]),
  );
  const compiled: CompiledRules = {
    skipQuotations: language.skipQuotations,
    ...(language.voice ? { voice: compileVoice(language.voice, fragments) } : {}),
    rules: language.rules.map((rule) => ({
      rule,
      patterns: rule.patterns.map((p, i) => compile(p, 'pattern', `rule ${rule.id} pattern ${i}`)),
      ...lexiconOf(rule),
      needsTagger:
        rule.partOfSpeech !== undefined ||
        rule.pastQuestion ||
        rule.negatable ||
        rule.adjectives.length + rule.adverbs.length + rule.verbs.length > 0,
      exceptions: [
        ...rule.exceptions.map((e, i) => compileException(e, `rule ${rule.id} exception ${i}`)),
        ...rule.contexts.map((id) => {
          const context = contexts.get(id);
          if (!context)
            throw new InternalError(`language rule ${rule.id} names the unknown context ${id}`);
          return context;
        }),
      ],
    })),
  };
  cache.set(language, compiled);
  return compiled;
}

const escapeRegExp = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The rule's adjectives, adverbs and verbs in all their forms, as one pattern. */
function lexiconOf(rule: LanguageRule): Pick<CompiledRule, 'lexicon'> {
  const partOfSpeech = new Map<string, PartOfSpeech[]>();
  const sources: string[] = [];
  const add = (
    form: string,
    tags: PartOfSpeech[],
    source = escapeRegExp(form).replace(/ /g, '\\s+'),
  ) => {
    partOfSpeech.set(form, [...(partOfSpeech.get(form) ?? []), ...tags]);
    sources.push(source);
  };
  for (const adjective of rule.adjectives) {
    for (const { form, partOfSpeech: tag } of adjectiveForms(adjective)) add(form, [tag]);
  }
  for (const adverb of rule.adverbs) add(adverb, ['Adverb']);
  for (const verb of rule.verbs) {
    const [head = verb, ...particle] = verb.split(' ');
    const forms = verbForms(head);
    for (const form of forms) {
      // A participle may be read as an adjective: "the ignored warnings".
      const tags: PartOfSpeech[] = /(?:ed|en|t)$/.test(form) ? ['Verb', 'Adjective'] : ['Verb'];
      partOfSpeech.set(form, [...(partOfSpeech.get(form) ?? []), ...tags]);
    }
    // One alternative per verb, its particle after up to three words: "fobbed the aunt off".
    const rest =
      particle.length > 0
        ? `(?:\\s+[\\p{L}'’-]+){0,3}?\\s+${particle.map(escapeRegExp).join('\\s+')}`
        : '';
    sources.push(`(?:${forms.map(escapeRegExp).join('|')})${rest}`);
  }
  if (sources.length === 0) return {};
  sources.sort((a, b) => b.length - a.length);
  return {
    lexicon: {
      pattern: new RegExp(`(?<![\\p{L}\\p{N}_])(?:${sources.join('|')})(?![\\p{L}\\p{N}_])`, 'giu'),
      partOfSpeech,
    },
  };
}

function compileVoice(voice: LanguageVoice, fragments: Record<string, string>): CompiledVoice {
  const pattern = (
    key: 'reviewers' | 'people' | 'hindsight' | 'hedges' | 'timeOfPractice' | 'denials',
  ) => {
    try {
      return compileLanguagePattern(voice[key], fragments, 'pattern');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new InternalError(
        `language voice ${key}: ${JSON.stringify(voice[key])} is not usable (${reason})`,
      );
    }
  };
  const reportingForms = new Set(voice.reportingVerbs.flatMap(verbForms));
  const denyingForms = new Set(voice.denyingVerbs.flatMap(verbForms));
  const hindsight = pattern('hindsight');
  const denials = pattern('denials');
  const words = [...reportingForms, ...denyingForms].map(escapeRegExp).join('|');
  return {
    reportingForms,
    denyingForms,
    cue: new RegExp(
      `(?<![\\p{L}\\p{N}_])(?:${words})(?![\\p{L}\\p{N}_])|${hindsight.source}|${denials.source}`,
      'iu',
    ),
    reviewers: pattern('reviewers'),
    people: pattern('people'),
    hindsight,
    hedges: pattern('hedges'),
    timeOfPractice: pattern('timeOfPractice'),
    denials,
  };
}
