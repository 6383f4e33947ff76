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
} from '../model/language-rules.ts';

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
  /** The rule's own exceptions, then the shared contexts it names. */
  exceptions: CompiledException[];
}

export interface CompiledRules {
  skipQuotations: boolean;
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
    rules: language.rules.map((rule) => ({
      rule,
      patterns: rule.patterns.map((p, i) => compile(p, 'pattern', `rule ${rule.id} pattern ${i}`)),
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
