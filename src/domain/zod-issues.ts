/**
 * Turns zod's issues into ours: one translator for every schema we parse, from
 * a command's options to the YAML files people write. Each issue carries a
 * code from our closed list, says what was wrong and what was expected, and
 * names the key or value likely meant when there is one.
 */
import type { z } from 'zod';
import { ValidationError } from './errors.ts';
import { type Issue, issue } from './issue.ts';
import { ISSUE_CODES, type IssueCode } from './issue-codes.ts';
import { nearest } from './nearest.ts';
import {
  allowedKeys,
  objectKeys,
  type Schema,
  schemaAt,
  unionOptions,
} from './zod-schema-shape.ts';

type Path = (string | number)[];
type ZodIssue = z.core.$ZodIssue;

/**
 * Who reads the issues.
 * - `fields` (the default): someone who typed input, shown each message after the field's name
 *   (`title: required, but not given`). A schema's own message is used as written.
 * - `file`: someone editing a YAML file, shown the place and the YAML path. Messages say what
 *   was found and what was expected in YAML's words (mapping, list), and each unknown key is an
 *   issue of its own, at the key, with the key likely meant.
 */
export type Wording = 'fields' | 'file';

export interface TranslateOptions {
  /** The schema that was parsed: it knows which keys and shapes were allowed. */
  schema?: Schema;
  /** The value that was parsed: it says what was found. */
  input?: unknown;
  wording?: Wording;
  /**
   * Words an unknown key, given the keys allowed beside it, in place of the wording's own
   * message; each unknown key is then an issue of its own, at the key.
   */
  unknownKey?: (key: string, allowed: readonly string[]) => string;
}

/** One of our issues for a zod issue; `path` is relative to the value parsed. */
export interface SchemaIssue extends Issue {
  /** The key or value likely meant, when there is one (for a quick fix). */
  suggestion?: string;
  /** The key itself is wrong (unknown, or not a valid key), not its value: point at the key. */
  atKey?: boolean;
}

interface Context extends TranslateOptions {
  file: boolean;
  /** Whether `input` was given: without it, what was found is not known. */
  knowsInput: boolean;
}

/** Our issues for zod's, in zod's order. */
export function translateZodIssues(
  issues: readonly ZodIssue[],
  options: TranslateOptions = {},
): SchemaIssue[] {
  const context: Context = {
    ...options,
    file: options.wording === 'file',
    knowsInput: 'input' in options,
  };
  return withoutEchoes(issues.flatMap((zi) => describe(zi, [], context)));
}

/** Our issues for a zod error, each path prefixed (e.g. with a file name or a command). */
export function issuesFromZod(
  error: z.ZodError,
  prefix: Issue['path'] = [],
  options: TranslateOptions = {},
): Issue[] {
  return translateZodIssues(error.issues, options).map((i) =>
    issue(i.code, [...prefix, ...i.path], i.message),
  );
}

/** Parses `input` with `schema`, or throws a ValidationError naming every problem. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix: Issue['path'] = [],
): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ValidationError(issuesFromZod(result.error, prefix, { schema, input }));
  }
  return result.data;
}

// ---------------------------------------------------------------------------
// One zod issue
// ---------------------------------------------------------------------------

/** One zod issue → one or more of ours; `base` is the path of an enclosing union. */
function describe(zi: ZodIssue, base: Path, context: Context): SchemaIssue[] {
  const { file } = context;
  const path: Path = [...base, ...(zi.path as Path)];
  const value = valueAt(context.input, path);
  const at = (code: IssueCode, message: string, extra: Partial<SchemaIssue> = {}) => [
    { code, path, message, ...extra },
  ];
  const key = path[path.length - 1];
  if (isMissing(zi, value, key, context)) {
    if (!file) return at('missing-key', 'required, but not given');
    // Placed at the mapping that lacks the key: a position stops at the deepest node there is.
    const expected =
      zi.code === 'invalid_type'
        ? expectedName(zi.expected, file)
        : zi.code === 'invalid_value'
          ? `one of ${quoted(zi.values)}`
          : 'a value';
    return at('missing-key', `missing required key "${String(key)}" (expected ${expected})`);
  }
  const shown = found(value, path, file);

  switch (zi.code) {
    case 'unrecognized_keys':
      return unknownKeys(zi.keys, path, context);
    case 'invalid_type': {
      const expected = expectedName(zi.expected, file);
      if (file) return at('wrong-type', `found ${shown}, expected ${expected}`);
      if (!isDefaultMessage(zi)) return at('wrong-type', zi.message);
      return at(
        'wrong-type',
        context.knowsInput
          ? `wrong type: found ${shown}, expected ${expected}`
          : `wrong type: ${zi.message.replace(/^Invalid input: /, '')}`,
      );
    }
    case 'too_small':
    case 'too_big':
      if (file) return at('invalid-value', `found ${shown}, expected ${boundText(zi)}`);
      // A schema without its own message: our words, never zod's English ("Too small: …").
      if (!isDefaultMessage(zi)) return at('invalid-value', zi.message);
      return at(
        'invalid-value',
        zi.code === 'too_small' && zi.origin === 'string' && Number(zi.minimum) <= 1
          ? 'empty; write at least one character'
          : `expected ${boundText(zi)}`,
      );
    case 'invalid_format':
      return at('invalid-value', file ? `found ${shown}, expected ${zi.message}` : zi.message);
    case 'invalid_value': {
      const guess = typeof value === 'string' ? nearest(value, zi.values.map(String)) : undefined;
      const suggestion = guess ? { suggestion: guess } : {};
      if (file) {
        const hint = guess ? ` — did you mean "${guess}"?` : '';
        return at(
          'invalid-value',
          `found ${shown}, expected one of ${quoted(zi.values)}${hint}`,
          suggestion,
        );
      }
      const hint =
        guess && !zi.message.includes('did you mean') ? ` (did you mean "${guess}"?)` : '';
      return at('invalid-value', `${zi.message}${hint}`, suggestion);
    }
    case 'invalid_key': {
      // The record key itself is wrong; point at the key, not its value.
      const inner = zi.issues[0]?.message ?? 'a valid key';
      return at('invalid-key', `found key ${JSON.stringify(key)}, expected ${inner}`, {
        atKey: true,
      });
    }
    case 'invalid_union':
      return describeUnion(zi, path, value, context);
    case 'custom':
      return at(customCode(zi) ?? 'invalid-value', zi.message);
    default:
      return at('invalid-value', file ? `found ${shown}: ${zi.message}` : zi.message);
  }
}

/** The code a schema's own check gives its issue (`params: { code: 'control-character' }`), if one of ours. */
function customCode(zi: z.core.$ZodIssueCustom): IssueCode | undefined {
  const code: unknown = zi.params?.code;
  return typeof code === 'string' && (ISSUE_CODES as readonly string[]).includes(code)
    ? (code as IssueCode)
    : undefined;
}

/** A key that is not there at all (rather than there with a wrong value). */
function isMissing(zi: ZodIssue, value: unknown, key: unknown, context: Context): boolean {
  if (!context.knowsInput) {
    return zi.code === 'invalid_type' && /received undefined$/.test(zi.message);
  }
  if (value !== undefined || (zi.code !== 'invalid_type' && zi.code !== 'invalid_value')) {
    return false;
  }
  // A whole file that is empty is "found an empty file", not a missing key.
  return key !== undefined || !context.file;
}

/** Zod's own wording rather than a message the schema gives ("Invalid input: expected …"). */
function isDefaultMessage(zi: ZodIssue): boolean {
  return /^(Invalid input|Invalid option|Too (small|big)|Unrecognized key)/.test(zi.message);
}

/**
 * A union failed in every branch. Report unknown keys against all branches'
 * keys; otherwise follow the branch that came closest, or say what each
 * branch would have accepted when none stands out.
 */
function describeUnion(
  zi: z.core.$ZodIssueInvalidUnion,
  path: Path,
  value: unknown,
  context: Context,
): SchemaIssue[] {
  const { file } = context;
  // Typed input: a message the schema gives for the union says it best.
  if (!file && !isDefaultMessage(zi)) return [{ code: 'wrong-type', path, message: zi.message }];
  const schema = context.schema ? schemaAt(context.schema, path) : undefined;
  const allowed = allowedKeys(schema);
  if (isPlainObject(value) && allowed.length > 0) {
    const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
    if (unknown.length > 0) return unknownKeys(unknown, path, context, allowed);
  }
  const scored = zi.errors.map((issues) => ({ issues, score: issues.length }));
  const best = Math.min(...scored.map((b) => b.score));
  const closest = scored.filter((b) => b.score === best);
  // A branch whose issues lie inside the value matched its shape; follow it.
  const first = closest[0];
  if (closest.length === 1 && first && first.issues.every((i) => i.path.length > 0)) {
    return first.issues.flatMap((i) => describe(i, path, context));
  }
  const alternatives = orList(unionOptions(schema).map((s) => describeSchema(s, file)));
  if (file) {
    const message = `found ${found(value, path, file)}, expected ${alternatives || 'another shape'}`;
    return [{ code: 'wrong-type', path, message }];
  }
  const message = alternatives ? `wrong type: expected ${alternatives}` : zi.message;
  return [{ code: 'wrong-type', path, message }];
}

/** Keys the schema does not have at `parent`: for a file each at its key, with the key likely meant. */
function unknownKeys(
  keys: readonly string[],
  parent: Path,
  context: Context,
  allowed = allowedKeys(context.schema ? schemaAt(context.schema, parent) : undefined),
): SchemaIssue[] {
  const { unknownKey } = context;
  if (unknownKey) {
    return keys.map((key) => ({
      code: 'unknown-key',
      path: [...parent, key],
      message: unknownKey(key, allowed),
      atKey: true,
    }));
  }
  if (!context.file) {
    // A field likely meant and not given is suggested; the others are named together.
    const given = valueAt(context.input, parent);
    const meant = (key: string) => {
      const guess = nearest(key, allowed);
      return guess && !(isPlainObject(given) && guess in given) ? guess : undefined;
    };
    const issues: SchemaIssue[] = [];
    const rest: string[] = [];
    for (const key of keys) {
      const guess = meant(key);
      if (guess === undefined) rest.push(key);
      else {
        const message = `unknown field; did you mean "${guess}"?`;
        issues.push({ code: 'unknown-key', path: [...parent, key], message, suggestion: guess });
      }
    }
    if (rest.length > 0) {
      const names = rest.map((k) => `"${k}"`).join(', ');
      const message = `unknown field${rest.length > 1 ? 's' : ''} ${names}; check the spelling`;
      issues.push({ code: 'unknown-key', path: parent, message });
    }
    return issues;
  }
  return keys.map((key) => {
    const guess = nearest(key, allowed);
    const message = guess
      ? `unknown key "${key}" — did you mean "${guess}"?`
      : allowed.length > 0
        ? `unknown key "${key}" — expected one of: ${allowed.join(', ')}`
        : `unknown key "${key}"`;
    const issue: SchemaIssue = {
      code: 'unknown-key',
      path: [...parent, key],
      message,
      atKey: true,
    };
    return guess ? { ...issue, suggestion: guess } : issue;
  });
}

/**
 * A misspelt required key shows up twice in zod: the unknown key and the
 * missing one. Keep only the unknown key, whose message already names the fix.
 */
function withoutEchoes(issues: SchemaIssue[]): SchemaIssue[] {
  const suggested = new Set(
    issues
      .filter((i) => i.code === 'unknown-key' && i.suggestion !== undefined)
      .map((i) => JSON.stringify([...i.path.slice(0, -1), i.suggestion])),
  );
  return issues.filter((i) => !(i.code === 'missing-key' && suggested.has(JSON.stringify(i.path))));
}

// ---------------------------------------------------------------------------
// Found and expected, in the reader's words
// ---------------------------------------------------------------------------

function valueAt(data: unknown, path: Path): unknown {
  let value = data;
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment];
    else if (isPlainObject(value)) value = value[String(segment)];
    else return undefined;
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function found(value: unknown, path: Path, file: boolean): string {
  if (file && path.length === 0 && value == null) return 'an empty file';
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string')
    return value === '' ? 'empty string' : `string ${JSON.stringify(clip(value))}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
  if (Array.isArray(value)) return value.length === 0 ? 'empty list' : `list of ${value.length}`;
  if (isPlainObject(value)) {
    const noun = file ? 'mapping' : 'object';
    const keys = Object.keys(value);
    return keys.length === 0 ? `empty ${noun}` : `${noun} with keys ${keys.join(', ')}`;
  }
  return typeof value;
}

const EXPECTED_IN_FILES: Record<string, string> = {
  object: 'mapping (key: value lines)',
  array: 'list (lines starting "- ")',
  int: 'whole number',
  boolean: 'boolean (true or false)',
};

const EXPECTED_IN_FIELDS: Record<string, string> = {
  array: 'list',
  int: 'whole number',
};

function expectedName(expected: string, file: boolean): string {
  return (file ? EXPECTED_IN_FILES : EXPECTED_IN_FIELDS)[expected] ?? expected;
}

function describeSchema(schema: Schema, file: boolean): string {
  const def = schema._zod.def;
  if (def.type === 'object') {
    const keys = objectKeys(schema);
    const noun = file ? 'mapping' : 'object';
    return `${noun} with ${keys.length === 1 ? 'key' : 'keys'} ${keys.join(', ')}`;
  }
  return expectedName(def.type, file);
}

function quoted(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

/** `a`, `a or b`, `a, b or c`. */
function orList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function boundText(zi: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const bound = zi.code === 'too_small' ? zi.minimum : zi.maximum;
  const inclusive = zi.inclusive !== false;
  // Custom messages in the schema (e.g. "a non-empty text") say it best.
  if (!zi.message.startsWith('Too ')) return zi.message;
  if (zi.origin === 'array') {
    const side = zi.code === 'too_small' ? 'at least' : 'at most';
    const n = Number(bound) + (inclusive ? 0 : zi.code === 'too_small' ? 1 : -1);
    return `${side} ${n} item${n === 1 ? '' : 's'}`;
  }
  if (zi.origin === 'string') {
    if (zi.code === 'too_big') return `at most ${String(bound)} characters`;
    return Number(bound) <= 1 ? 'a non-empty text' : `at least ${String(bound)} characters`;
  }
  const side =
    zi.code === 'too_small'
      ? inclusive
        ? 'at least'
        : 'greater than'
      : inclusive
        ? 'at most'
        : 'less than';
  return `a number ${side} ${String(bound)}`;
}

/** Long values shortened, so a message stays one readable line. */
export function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
