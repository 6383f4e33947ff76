/**
 * The schema of a model's language rules (`language:` in `models/*.yaml`):
 * the hindsight, counterfactual and blame phrasing the language check flags,
 * why each pulls a report away from understanding, a direction for rewording,
 * and the exceptions that keep the check precise. The rules are data; the
 * checker in `src/language/` only runs them.
 *
 * Pattern syntax (shared by patterns and exceptions): JavaScript regular
 * expressions, always case-insensitive (and `.` matches line breaks); a space matches any run of
 * whitespace; `{name}` is replaced by the fragment of that name. A rule's
 * patterns match whole words only.
 */
import { z } from 'zod';
import { ModelId } from '../domain/primitives.ts';

const Text = z.string().trim().min(1, 'a non-empty text');

/** A pattern in the syntax above: validated (it compiles, it cannot match nothing) by LanguageRules. */
const Pattern = z.string().min(1, 'a non-empty pattern');

const LANGUAGE_PATTERN_FLAGS = 'isu';

/**
 * When a phrase is not hindsight or blame. Every part given must hold:
 * `match` on the matched phrase itself, `before` on the text of the sentence
 * just before it (anchored at the phrase), `after` on the text just after it
 * (anchored at the phrase), `sentence` anywhere in the whole sentence.
 */
export const LanguageException = z.strictObject({
  /** Why text like this is legitimate, in a reviewer's words. */
  description: Text,
  match: Pattern.optional(),
  before: Pattern.optional(),
  after: Pattern.optional(),
  sentence: Pattern.optional(),
});
export type LanguageException = z.infer<typeof LanguageException>;

/** An exception shared by several rules, referred to by id from a rule's `contexts`. */
export const LanguageContext = LanguageException.extend({ id: ModelId });
export type LanguageContext = z.infer<typeof LanguageContext>;

export const LanguageCategory = z.strictObject({
  id: ModelId,
  name: Text,
  description: Text,
});
export type LanguageCategory = z.infer<typeof LanguageCategory>;

/** A part of speech as the tagger reads a word in its sentence. */
export const PartOfSpeech = z.enum(['Adverb', 'Adjective', 'Verb', 'Noun']);
export type PartOfSpeech = z.infer<typeof PartOfSpeech>;

/** A word of a lexicon: lower-case letters, hyphens and spaces ("brush aside"). */
const LexiconWord = z
  .string()
  .trim()
  .regex(/^[a-z][a-z' -]*[a-z]$/, 'a word in lower case, e.g. "careless" or "brush aside"');

export const LanguageRule = z
  .strictObject({
    id: ModelId,
    /** One of the section's `categories`. */
    category: ModelId,
    /** Any of these, matched as whole words, flags the sentence. */
    patterns: z.array(Pattern).default([]),
    /**
     * Adjectives that judge, found in every form the tagger reads as that part of
     * speech: "careless" finds "careless" (an adjective), "carelessly" (an adverb) and
     * "carelessness" (a noun).
     */
    adjectives: z.array(LexiconWord).default([]),
    /**
     * Adverbs that judge, found only where the tagger reads them as adverbs ("poorly
     * run", not "the baby was poorly").
     */
    adverbs: z.array(LexiconWord).default([]),
    /**
     * Verbs that judge what someone did, in any tense, found where the tagger reads
     * them as verbs. A phrasal verb keeps its particle, with up to three words
     * between ("fobbed the grandmother off").
     */
    verbs: z.array(LexiconWord).default([]),
    /**
     * The parts of speech the tagger must read a pattern's match as (any word of
     * it): "failings" as a noun, not "failing to thrive".
     */
    partOfSpeech: z.array(PartOfSpeech).min(1).optional(),
    /**
     * Only in a question about what happened (a verb in the past tense): a
     * rhetorical question carries its verdict; a question to the Board looks forward.
     */
    pastQuestion: z.boolean().default(false),
    /**
     * Whether a use under negation is left alone: "did not fail to follow the
     * procedure", "was not the result of carelessness".
     */
    negatable: z.boolean().default(false),
    /** Why the phrasing pulls a report away from understanding. */
    reason: Text,
    /** A direction for rewording; the checker never rewrites. */
    suggestion: Text,
    /** Ids of shared contexts (from `contexts`) in which the phrase is legitimate. */
    contexts: z.array(ModelId).default([]),
    /** This rule's own exceptions. */
    exceptions: z.array(LanguageException).default([]),
    /** Sentences the rule must flag and must leave alone; tests hold the rule to them. */
    examples: z
      .strictObject({
        flagged: z.array(Text).default([]),
        notFlagged: z.array(Text).default([]),
      })
      .default({ flagged: [], notFlagged: [] }),
  })
  .refine(
    (rule) =>
      rule.patterns.length + rule.adjectives.length + rule.adverbs.length + rule.verbs.length > 0,
    {
      message: 'a rule needs something to match: give it patterns, adjectives, adverbs or verbs',
      path: ['patterns'],
      // A misspelt key is the likelier fault; say that alone.
      when: (payload) => payload.issues.length === 0,
    },
  );
export type LanguageRule = z.infer<typeof LanguageRule>;

/**
 * Whose voice a sentence is in. The check judges the reviewers' own assertions;
 * it leaves alone what a sentence reports as someone else's words or thoughts,
 * hindsight the sentence names in order to set it aside, and verdicts it denies.
 * Patterns use the syntax above; verbs are base forms, found in every tense.
 */
export const LanguageVoice = z.strictObject({
  /**
   * Verbs of saying and thinking ("say", "wish", "reflect"). What follows one,
   * when its subject is a person and not the reviewers, is that person's account
   * (to the end of its clause): evidence of local rationality, not a verdict.
   */
  reportingVerbs: z.array(LexiconWord).default([]),
  /** The subject of a reporting verb that is the reviewers themselves ("the review", "we"). */
  reviewers: Pattern,
  /** Nouns for people the tagger may not know as people ("GP", "staff"). */
  people: Pattern,
  /** Hindsight named: "with hindsight", "looking back", "now", "knowing the outcome". */
  hindsight: Pattern,
  /**
   * Words that hold hindsight at arm's length in the clause that names it: it
   * is "easy", "tempting", or only "looks", "seems" so.
   */
  hedges: Pattern,
  /** Words that bring the reader back to the time: "at the time", "then", "on the day". */
  timeOfPractice: Pattern,
  /**
   * Verbs that, negated in the reviewers' voice, deny what follows: "does not
   * find that", "is not to say that".
   */
  denyingVerbs: z.array(LexiconWord).default([]),
  /** Words that deny what follows them in the clause: "no evidence that", "wrong to conclude that". */
  denials: Pattern,
});
export type LanguageVoice = z.infer<typeof LanguageVoice>;

type Path = (string | number)[];

export const LanguageRules = z
  .strictObject({
    /**
     * Whether phrases inside quotation marks are left alone: they are someone
     * else's words (a practitioner's, a family member's, a cited document's),
     * not the reviewers' own phrasing.
     */
    skipQuotations: z.boolean().default(true),
    /** Named pattern pieces, used in patterns as `{name}`. */
    fragments: z.record(ModelId, Pattern).default({}),
    categories: z.array(LanguageCategory).default([]),
    contexts: z.array(LanguageContext).default([]),
    voice: LanguageVoice.optional(),
    rules: z.array(LanguageRule).default([]),
  })
  .superRefine((language, ctx) => {
    const unique = (items: { id: string }[], key: string, what: string) => {
      const seen = new Set<string>();
      items.forEach((item, index) => {
        if (seen.has(item.id)) {
          ctx.addIssue({
            code: 'custom',
            path: [key, index, 'id'],
            message: `duplicate id "${item.id}": each ${what} needs its own id`,
          });
        }
        seen.add(item.id);
      });
    };
    unique(language.categories, 'categories', 'language category');
    unique(language.contexts, 'contexts', 'language context');
    unique(language.rules, 'rules', 'language rule');

    const check = (pattern: string, path: Path, role: PatternRole) => {
      const problem = languagePatternProblem(pattern, language.fragments, role);
      if (problem) ctx.addIssue({ code: 'custom', path, message: problem });
    };
    for (const [name, fragment] of Object.entries(language.fragments)) {
      check(fragment, ['fragments', name], 'fragment');
    }
    const checkException = (exception: LanguageException, path: Path) => {
      const parts = (['match', 'before', 'after', 'sentence'] as const).filter(
        (part) => exception[part] !== undefined,
      );
      if (parts.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path,
          message:
            'an exception needs at least one of match, before, after or sentence, saying where the legitimate use shows',
        });
      }
      for (const part of parts) check(exception[part] as string, [...path, part], part);
    };
    language.contexts.forEach((context, c) => {
      checkException(context, ['contexts', c]);
    });
    if (language.voice) {
      for (const key of [
        'reviewers',
        'people',
        'hindsight',
        'hedges',
        'timeOfPractice',
        'denials',
      ] as const) {
        check(language.voice[key], ['voice', key], 'sentence');
      }
    }

    const categoryIds = language.categories.map((c) => c.id);
    const contextIds = language.contexts.map((c) => c.id);
    language.rules.forEach((rule, r) => {
      if (!categoryIds.includes(rule.category)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', r, 'category'],
          message: `rule "${rule.id}" has the category "${rule.category}", which is not declared under language.categories (declared: ${categoryIds.join(', ') || 'none'})`,
        });
      }
      rule.patterns.forEach((pattern, p) => {
        check(pattern, ['rules', r, 'patterns', p], 'pattern');
      });

      rule.contexts.forEach((id, c) => {
        if (!contextIds.includes(id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['rules', r, 'contexts', c],
            message: `rule "${rule.id}" names the context "${id}", which is not declared under language.contexts (declared: ${contextIds.join(', ') || 'none'})`,
          });
        }
      });
      rule.exceptions.forEach((exception, e) => {
        checkException(exception, ['rules', r, 'exceptions', e]);
      });
    });
  });
export type LanguageRules = z.infer<typeof LanguageRules>;

/** Rules that flag nothing: the language section of a model that has none. */
export const NO_LANGUAGE_RULES: LanguageRules = {
  skipQuotations: true,
  fragments: {},
  categories: [],
  contexts: [],
  rules: [],
};

/** Where a pattern is used; it decides how the pattern is anchored. */
export type PatternRole = 'pattern' | 'fragment' | 'match' | 'before' | 'after' | 'sentence';

const FRAGMENT_REFERENCE = /\{([a-z][a-z0-9-]*)\}/g;
/** Letters, digits and underscore: what may not touch a rule's pattern on either side. */
const WORD_CHAR = '[\\p{L}\\p{N}_]';

/**
 * The regular-expression source of a pattern: fragments expanded (one level
 * deep: fragments may not use fragments) and spaces outside character
 * classes turned into `\s+`. Throws on an unknown fragment.
 */
function expandLanguagePattern(pattern: string, fragments: Record<string, string>): string {
  const expanded = pattern.replace(FRAGMENT_REFERENCE, (_, name: string) => {
    const fragment = fragments[name];
    if (fragment === undefined) {
      const known = Object.keys(fragments);
      throw new Error(
        `the fragment {${name}} is not declared under language.fragments (declared: ${known.join(', ') || 'none'})`,
      );
    }
    return `(?:${fragment})`;
  });
  let source = '';
  let inClass = false;
  for (let i = 0; i < expanded.length; i++) {
    const char = expanded[i] as string;
    if (char === '\\') {
      source += char + (expanded[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (char === ']') inClass = false;
      source += char;
    } else if (char === '[') {
      inClass = true;
      source += char;
    } else if (char === ' ') {
      // A run of spaces is one gap in the text, however wide.
      while (expanded[i + 1] === ' ') i++;
      source += '\\s+';
    } else {
      source += char;
    }
  }
  return source;
}

/**
 * Compiles a pattern for its role: a rule's pattern matches whole words
 * (global, to find every use); `before` is anchored at the end (the text just
 * before the phrase), `after` and `match` at the start; `sentence` anywhere.
 */
export function compileLanguagePattern(
  pattern: string,
  fragments: Record<string, string>,
  role: PatternRole,
): RegExp {
  const source = expandLanguagePattern(pattern, fragments);
  switch (role) {
    case 'pattern':
      return new RegExp(
        `(?<!${WORD_CHAR})(?:${source})(?!${WORD_CHAR})`,
        `g${LANGUAGE_PATTERN_FLAGS}`,
      );
    case 'before':
      return new RegExp(`(?:${source})\\s*$`, LANGUAGE_PATTERN_FLAGS);
    case 'after':
      return new RegExp(`^\\s*(?:${source})`, LANGUAGE_PATTERN_FLAGS);
    case 'match':
      return new RegExp(`^(?:${source})`, LANGUAGE_PATTERN_FLAGS);
    default:
      return new RegExp(source, LANGUAGE_PATTERN_FLAGS);
  }
}

/** Why a pattern cannot be used, in a model author's words; undefined when it is fine. */
function languagePatternProblem(
  pattern: string,
  fragments: Record<string, string>,
  role: PatternRole,
): string | undefined {
  if (role === 'fragment' && FRAGMENT_REFERENCE.test(pattern)) {
    FRAGMENT_REFERENCE.lastIndex = 0;
    return `found ${JSON.stringify(pattern)}: a fragment may not use other fragments; write it out`;
  }
  FRAGMENT_REFERENCE.lastIndex = 0;
  let regex: RegExp;
  try {
    regex = compileLanguagePattern(pattern, fragments, role === 'fragment' ? 'sentence' : role);
  } catch (error) {
    // The engine's message repeats the whole compiled expression; keep only what is wrong.
    const reason = (error instanceof Error ? error.message : String(error)).replace(
      /^Invalid regular expression: \/.*\/[a-z]*: /s,
      '',
    );
    return `found ${JSON.stringify(pattern)}, which is not a usable pattern (${reason})`;
  }
  if (role === 'pattern') {
    regex.lastIndex = 0;
    const empty = regex.exec('');
    if (empty && empty[0] === '') {
      return `found ${JSON.stringify(pattern)}, which can match empty text; a rule's pattern must match at least one word`;
    }
  }
  return undefined;
}
