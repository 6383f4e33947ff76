/**
 * Loads methodology models (`models/*.yaml`) and validates them against the
 * schema. Every problem — YAML syntax or schema — becomes an issue naming the
 * file, the YAML path, the line and column, what was found and what was
 * expected, so a reviewer editing a model can fix it without reading code.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type YAMLError,
} from 'yaml';
import type { z } from 'zod';
import { ValidationError } from '../domain/errors.ts';
import type { Issue } from '../domain/issue.ts';
import type { IssueCode } from '../domain/issue-codes.ts';
import { MethodologyModel, ModelId } from './methodology-model.ts';

/** The repo's own `models/` folder, found from this file so the cwd does not matter. */
export const defaultModelsDir = fileURLToPath(new URL('../../models', import.meta.url));

/** An issue in a model file; `path` is the file followed by the YAML path. */
export interface ModelIssue extends Issue {
  file: string;
  /** 1-based; absent when the problem is not at a place in the file. */
  line?: number;
  column?: number;
  /** The likely intended key or value, when there is one (for a quick fix). */
  suggestion?: string;
}

type Path = (string | number)[];
type ZodIssue = z.core.$ZodIssue;
type Schema = z.core.$ZodType;

interface Context {
  fileName: string;
  doc: Document;
  lineCounter: LineCounter;
  data: unknown;
}

/**
 * Parses and validates a model from YAML text. `fileName` is only used in
 * messages. Throws a ValidationError listing every problem found.
 */
export function loadModelText(text: string, fileName: string): MethodologyModel {
  const lineCounter = new LineCounter();
  // prettyErrors off: we place the line and column ourselves, in our own format.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    fail(
      fileName,
      doc.errors.map((error) => syntaxIssue(error, text, fileName, lineCounter)),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (cause) {
    // toJS throws on alias bombs and the like: still the author's YAML to fix.
    const reason = cause instanceof Error ? cause.message : String(cause);
    fail(fileName, [
      {
        code: 'yaml-syntax',
        path: [fileName],
        file: fileName,
        message: `${fileName}: the YAML cannot be read as data (${reason})`,
      },
    ]);
  }
  const result = MethodologyModel.safeParse(data);
  if (result.success) return result.data;
  const context: Context = { fileName, doc, lineCounter, data };
  const issues = withoutEchoes(result.error.issues.flatMap((i) => describeIssue(i, [], context)));
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  fail(fileName, issues);
}

interface CacheEntry {
  mtimeMs: number;
  size: number;
  model: MethodologyModel;
}

// Per absolute path. A changed file (mtime or size) is reloaded, so a
// long-running server picks up edits to a model.
const cache = new Map<string, CacheEntry>();

/** Loads and validates one model file, cached per path. The result is frozen: share, never mutate. */
export function loadModelFile(file: string): MethodologyModel {
  const absolute = resolve(file);
  const shown = displayName(absolute);
  let stats: { mtimeMs: number; size: number };
  let text: string;
  try {
    stats = statSync(absolute);
    const cached = cache.get(absolute);
    if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) {
      return cached.model;
    }
    text = readFileSync(absolute, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
    fail(undefined, [
      {
        code: 'unreadable-model-file',
        path: [shown],
        file: shown,
        message: `${shown}: cannot read the model file (${reason}); check the path`,
      },
    ]);
  }
  const model = deepFreeze(loadModelText(text, shown));
  cache.set(absolute, { mtimeMs: stats.mtimeMs, size: stats.size, model });
  return model;
}

/** Forgets every cached model (for tests and for tools that rewrite models). */
export function clearModelCache(): void {
  cache.clear();
}

/** The ids of the models in a folder: the names of its `.yaml` / `.yml` files, sorted. */
export function listModels(modelsDir: string = defaultModelsDir): string[] {
  let names: string[];
  try {
    names = readdirSync(modelsDir);
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
    const shown = displayName(resolve(modelsDir));
    fail(undefined, [
      {
        code: 'unreadable-models-dir',
        path: [shown],
        file: shown,
        message: `${shown}: cannot read the models folder (${reason})`,
      },
    ]);
  }
  return names
    .filter((name) => MODEL_EXTENSIONS.includes(extname(name)))
    .map((name) => name.slice(0, -extname(name).length))
    .filter((id) => ModelId.safeParse(id).success)
    .sort();
}

const MODEL_EXTENSIONS = ['.yaml', '.yml'];

/**
 * Loads a model by id from a models folder (by default the repo's own).
 * @example loadModel('learning-together').stages.map((s) => s.id)
 */
export function loadModel(id: string, modelsDir: string = defaultModelsDir): MethodologyModel {
  const available = listModels(modelsDir);
  const shownDir = displayName(resolve(modelsDir));
  if (!available.includes(id)) {
    const guess = nearest(id, available);
    const hint = guess ? ` (did you mean "${guess}"?)` : '';
    const list = available.length > 0 ? available.join(', ') : 'none';
    fail(undefined, [
      {
        code: 'unknown-model',
        path: [shownDir],
        file: shownDir,
        message: `unknown model "${id}"${hint}; available models (from ${shownDir}): ${list}`,
      },
    ]);
  }
  const extension = MODEL_EXTENSIONS.find((ext) => {
    try {
      return statSync(join(modelsDir, `${id}${ext}`)).isFile();
    } catch {
      return false;
    }
  });
  const file = join(modelsDir, `${id}${extension ?? '.yaml'}`);
  const model = loadModelFile(file);
  if (model.id !== id) {
    // The file name is how users pick a model; a mismatched `id` would make
    // reviews record a model id that no file answers to.
    const shown = displayName(resolve(file));
    fail(undefined, [
      {
        code: 'model-id-mismatch',
        path: [shown, 'id'],
        file: shown,
        message: `${shown} id: found id "${model.id}", expected "${id}" to match the file name — rename the file or change the id`,
      },
    ]);
  }
  return model;
}

// ---------------------------------------------------------------------------
// Turning problems into issues
// ---------------------------------------------------------------------------

/** Throws the issues; `fileName` heads a list of model problems, a lone other issue stands alone. */
function fail(fileName: string | undefined, issues: ModelIssue[]): never {
  const lines = issues.map((i) => i.message);
  if (fileName === undefined) throw new ValidationError(issues, lines.join('\n'));
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  const summary = [`${fileName} is not a valid methodology model (${count}):`, ...lines];
  throw new ValidationError(issues, summary.join('\n  '));
}

function syntaxIssue(
  error: YAMLError,
  text: string,
  fileName: string,
  lineCounter: LineCounter,
): ModelIssue {
  const { line, col } = lineCounter.linePos(error.pos[0]);
  const source = text.split(/\r?\n/)[line - 1] ?? '';
  const shownSource = source.trim() ? ` (line ${line} reads: ${JSON.stringify(clip(source))})` : '';
  return {
    code: 'yaml-syntax',
    path: [fileName],
    file: fileName,
    line,
    column: col,
    message: `${fileName}:${line}:${col} YAML syntax error: ${error.message}${shownSource}`,
  };
}

/** One zod issue → one or more model issues; `base` is the path of an enclosing union. */
function describeIssue(zi: ZodIssue, base: Path, context: Context): ModelIssue[] {
  const path: Path = [...base, ...(zi.path as Path)];
  const value = valueAt(context.data, path);
  const at = (code: IssueCode, message: string, atKey = false): ModelIssue =>
    placed(code, path, message, context, atKey);
  const key = path[path.length - 1];
  if (
    value === undefined &&
    key !== undefined &&
    (zi.code === 'invalid_type' || zi.code === 'invalid_value')
  ) {
    // Placed at the mapping that lacks the key: locate stops at the deepest node there is.
    const expected =
      zi.code === 'invalid_type' ? expectedName(zi.expected) : `one of ${quoted(zi.values)}`;
    return [at('missing-key', `missing required key "${String(key)}" (expected ${expected})`)];
  }

  switch (zi.code) {
    case 'unrecognized_keys':
      return zi.keys.map((key) => unknownKey(key, path, context));
    case 'invalid_type':
      return [
        at('wrong-type', `found ${found(value, path)}, expected ${expectedName(zi.expected)}`),
      ];
    case 'too_small':
    case 'too_big':
      return [at('invalid-value', `found ${found(value)}, expected ${boundText(zi)}`)];
    case 'invalid_format':
      return [at('invalid-value', `found ${found(value)}, expected ${zi.message}`)];
    case 'invalid_value': {
      const guess = typeof value === 'string' ? nearest(value, zi.values.map(String)) : undefined;
      const hint = guess ? ` — did you mean "${guess}"?` : '';
      const issue = at(
        'invalid-value',
        `found ${found(value)}, expected one of ${quoted(zi.values)}${hint}`,
      );
      return [guess ? { ...issue, suggestion: guess } : issue];
    }
    case 'invalid_key': {
      // The record key itself is wrong; point at the key, not its value.
      const inner = zi.issues[0]?.message ?? 'a valid key';
      return [at('invalid-key', `found key ${JSON.stringify(key)}, expected ${inner}`, true)];
    }
    case 'invalid_union':
      return describeUnion(zi.errors, path, value, context);
    case 'custom':
      return [at('invalid-model', zi.message)];
    default:
      return [at('invalid-value', `found ${found(value)}: ${zi.message}`)];
  }
}

/**
 * A union failed in every branch. Report unknown keys against all branches'
 * keys; otherwise follow the branch that came closest, or say what each
 * branch would have accepted when none stands out.
 */
function describeUnion(
  branches: ZodIssue[][],
  path: Path,
  value: unknown,
  context: Context,
): ModelIssue[] {
  const schema = schemaAt(MethodologyModel, path);
  const allowed = allowedKeys(schema);
  if (isPlainObject(value) && allowed.length > 0) {
    const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
    if (unknown.length > 0) return unknown.map((key) => unknownKey(key, path, context, allowed));
  }
  const scored = branches.map((issues) => ({ issues, score: issues.length }));
  const best = Math.min(...scored.map((b) => b.score));
  const closest = scored.filter((b) => b.score === best);
  // A branch whose issues lie inside the value matched its shape; follow it.
  const first = closest[0];
  if (closest.length === 1 && first && first.issues.every((i) => i.path.length > 0)) {
    return first.issues.flatMap((i) => describeIssue(i, path, context));
  }
  const alternatives = orList(unionOptions(schema).map(describeSchema));
  return [
    placed(
      'wrong-type',
      path,
      `found ${found(value)}, expected ${alternatives || 'another shape'}`,
      context,
    ),
  ];
}

/** An unknown key, placed at the key itself, with the nearest allowed key as a suggestion. */
function unknownKey(
  key: string,
  parent: Path,
  context: Context,
  allowed = allowedKeys(schemaAt(MethodologyModel, parent)),
): ModelIssue {
  const guess = nearest(key, allowed);
  const message = guess
    ? `unknown key "${key}" — did you mean "${guess}"?`
    : `unknown key "${key}" — expected one of: ${allowed.join(', ')}`;
  const issue = placed('unknown-key', [...parent, key], message, context, true);
  return guess ? { ...issue, suggestion: guess } : issue;
}

/**
 * A misspelt required key shows up twice in zod: the unknown key and the
 * missing one. Keep only the unknown key, whose message already names the fix.
 */
function withoutEchoes(issues: ModelIssue[]): ModelIssue[] {
  const suggested = new Set(
    issues
      .filter((i) => i.code === 'unknown-key' && i.suggestion !== undefined)
      .map((i) => JSON.stringify([...i.path.slice(0, -1), i.suggestion])),
  );
  return issues.filter((i) => !(i.code === 'missing-key' && suggested.has(JSON.stringify(i.path))));
}

function placed(
  code: IssueCode,
  path: Path,
  message: string,
  context: Context,
  atKey = false,
): ModelIssue {
  const { fileName } = context;
  const position = locate(context, path, atKey);
  const where = position ? `${fileName}:${position.line}:${position.col}` : fileName;
  const shownPath = formatPath(path);
  const issue: ModelIssue = {
    code,
    path: [fileName, ...path],
    file: fileName,
    message: `${where} ${shownPath}: ${message}`,
  };
  if (position) {
    issue.line = position.line;
    issue.column = position.col;
  }
  return issue;
}

// ---------------------------------------------------------------------------
// Positions and values
// ---------------------------------------------------------------------------

/**
 * The line and column of the YAML node at `path`, or of the deepest node that
 * exists on the way (for a missing key, the mapping that lacks it). With
 * `atKey`, the position of the last segment's key rather than its value.
 */
function locate(context: Context, path: Path, atKey: boolean): { line: number; col: number } {
  const { doc, lineCounter } = context;
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [index, segment] of path.entries()) {
    if (isAlias(node)) node = node.resolve(doc);
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isScalar(p.key) && String(p.key.value) === String(segment),
      );
      if (!pair) break;
      const keyOffset = rangeStart(pair.key) ?? offset;
      if (last && atKey) {
        offset = keyOffset;
        break;
      }
      node = pair.value;
      offset = rangeStart(node) ?? keyOffset;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      node = item;
      offset = rangeStart(node) ?? offset;
    } else {
      break;
    }
  }
  return lineCounter.linePos(offset);
}

function rangeStart(node: unknown): number | undefined {
  if (typeof node !== 'object' || node === null || !('range' in node)) return undefined;
  const range = (node as { range?: [number, number, number] | null }).range;
  return range ? range[0] : undefined;
}

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

/** `factorFramework.levels[0].heads[2].name`; odd keys quoted: `meetings["Review Team"]`. */
export function formatPath(path: Path): string {
  if (path.length === 0) return '(top level)';
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(segment)) text += text ? `.${segment}` : segment;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

// ---------------------------------------------------------------------------
// Found and expected, in a YAML author's words
// ---------------------------------------------------------------------------

function found(value: unknown, path: Path = []): string {
  if (path.length === 0 && value == null) return 'an empty file';
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string')
    return value === '' ? 'empty string' : `string ${JSON.stringify(clip(value))}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
  if (Array.isArray(value)) return value.length === 0 ? 'empty list' : `list of ${value.length}`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    return keys.length === 0 ? 'empty mapping' : `mapping with keys ${keys.join(', ')}`;
  }
  return typeof value;
}

const EXPECTED_NAMES: Record<string, string> = {
  object: 'mapping (key: value lines)',
  array: 'list (lines starting "- ")',
  int: 'whole number',
  boolean: 'boolean (true or false)',
};

function quoted(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

/** `a`, `a or b`, `a, b or c`. */
function orList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function expectedName(expected: string): string {
  return EXPECTED_NAMES[expected] ?? expected;
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
    return zi.code === 'too_small' ? 'a non-empty text' : `at most ${String(bound)} characters`;
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

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

// ---------------------------------------------------------------------------
// Reading the schema, to know which keys and shapes were allowed
// ---------------------------------------------------------------------------

/** Strips wrappers (optional, default, lazy…) down to the schema that does the work. */
function unwrap(schema: Schema): Schema {
  let current = schema;
  for (let guard = 0; guard < 20; guard++) {
    const def = current._zod.def;
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'nonoptional':
      case 'readonly':
      case 'catch':
        current = (def as z.core.$ZodOptionalDef).innerType;
        break;
      case 'lazy':
        current = (def as z.core.$ZodLazyDef).getter();
        break;
      case 'pipe':
        current = (def as z.core.$ZodPipeDef).in;
        break;
      default:
        return current;
    }
  }
  return current;
}

/** The schema that validates the value at `path`, or undefined when the path leaves it. */
function schemaAt(root: Schema, path: Path): Schema | undefined {
  let current: Schema | undefined = root;
  for (const segment of path) {
    if (!current) return undefined;
    current = childSchema(unwrap(current), segment);
  }
  return current ? unwrap(current) : undefined;
}

function childSchema(schema: Schema, segment: string | number): Schema | undefined {
  const def = schema._zod.def;
  switch (def.type) {
    case 'object':
      return (def as z.core.$ZodObjectDef).shape[String(segment)];
    case 'array':
      return (def as z.core.$ZodArrayDef).element;
    case 'record':
      return (def as z.core.$ZodRecordDef).valueType;
    case 'union':
      for (const option of (def as z.core.$ZodUnionDef).options) {
        const child = childSchema(unwrap(option), segment);
        if (child) return child;
      }
      return undefined;
    default:
      return undefined;
  }
}

function unionOptions(schema: Schema | undefined): Schema[] {
  if (!schema) return [];
  const def = schema._zod.def;
  if (def.type !== 'union') return [schema];
  return (def as z.core.$ZodUnionDef).options.map(unwrap);
}

/** The keys a mapping at this place may have (for a union of mappings, any branch's). */
function allowedKeys(schema: Schema | undefined): string[] {
  const keys = new Set<string>();
  for (const option of unionOptions(schema)) {
    const def = option._zod.def;
    if (def.type === 'object') {
      for (const key of Object.keys((def as z.core.$ZodObjectDef).shape)) keys.add(key);
    }
  }
  return [...keys];
}

function describeSchema(schema: Schema): string {
  const def = schema._zod.def;
  if (def.type === 'object') {
    const keys = Object.keys((def as z.core.$ZodObjectDef).shape);
    return `mapping with ${keys.length === 1 ? 'key' : 'keys'} ${keys.join(', ')}`;
  }
  return expectedName(def.type);
}

// ---------------------------------------------------------------------------
// Suggestions
// ---------------------------------------------------------------------------

/**
 * The candidate closest to `word` by edit distance (case ignored), if it is
 * close enough to be a likely misspelling: within a third of its length, at
 * least 2 edits for longer words, 1 for words of three letters or fewer.
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    const limit = candidate.length <= 3 ? 1 : Math.max(2, Math.floor(candidate.length / 3));
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Optimal string alignment distance: Levenshtein plus adjacent swaps ("gaets" → "gates" is 1). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const cell = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(cell(i - 1, j) + 1, cell(i, j - 1) + 1, cell(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, cell(i - 2, j - 2) + 1);
      }
      (d[i] as number[])[j] = value;
    }
  }
  return cell(a.length, b.length);
}

// ---------------------------------------------------------------------------
// Small utilities
// ---------------------------------------------------------------------------

/** Paths inside the cwd are shown relative (`models/x.yaml`), others absolute. */
function displayName(absolute: string): string {
  const rel = relative(process.cwd(), absolute);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
