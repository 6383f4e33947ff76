/**
 * The one way we read YAML that people write (methodology models, the demo
 * scenario, column mappings): parsed with line and column positions, checked
 * against a zod schema, and every problem placed where it is in the file, as
 * `file:line:col path: message`.
 */
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
import { CONTROLS_REASON, describeControls, findControls } from '../domain/control-characters.ts';
import { ValidationError } from '../domain/errors.ts';
import type { Issue } from '../domain/issue.ts';
import {
  clip,
  type SchemaIssue,
  type TranslateOptions,
  translateZodIssues,
} from '../domain/zod-issues.ts';

export type YamlPath = (string | number)[];

/** An issue at a place in a YAML file; `path` is the file followed by the YAML path. */
export interface YamlIssue extends Issue {
  file: string;
  /** 1-based; absent when the problem is not at a place in the file. */
  line?: number;
  column?: number;
  /** The likely intended key or value, when there is one (for a quick fix). */
  suggestion?: string;
}

export type YamlResult<T> = { success: true; data: T } | { success: false; issues: YamlIssue[] };

/** A parsed YAML file: its data, and where each part of it is. */
export interface YamlText {
  /** The file as named in messages. */
  file: string;
  /** The document as plain data; undefined when it has syntax errors. */
  data: unknown;
  /** Syntax errors, and data the document cannot be read as; empty for a readable file. */
  problems: YamlIssue[];
  /**
   * The line and column of the node at `path`, or of the deepest node that exists on the way
   * (for a missing key, the mapping that lacks it). With `atKey`, of the last segment's key.
   */
  position(path: YamlPath, atKey?: boolean): { line: number; column: number };
  /**
   * An issue about the part at `at` re-homed in the file: its path (relative to that part)
   * follows `at`, and its message leads with the place, e.g. `scenario.yaml:12:5 kpes[3].title: …`.
   */
  place(issue: Issue & { atKey?: boolean; suggestion?: string }, at?: YamlPath): YamlIssue;
  /** The data checked against `schema`, each problem placed in the file. */
  safeParse<S extends z.ZodType>(
    schema: S,
    options?: Omit<TranslateOptions, 'schema'>,
  ): YamlResult<z.infer<S>>;
}

/** Parses YAML text; `file` is only used in messages. Never throws: see `problems`. */
export function parseYaml(text: string, file: string): YamlText {
  const lineCounter = new LineCounter();
  // prettyErrors off: we place the line and column ourselves, in our own format.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const problems = doc.errors.map((error) => syntaxIssue(error, text, file, lineCounter));
  let data: unknown;
  if (problems.length === 0) {
    try {
      data = doc.toJS();
    } catch (cause) {
      // toJS throws on alias bombs and the like: still the author's YAML to fix.
      const reason = cause instanceof Error ? cause.message : String(cause);
      problems.push({
        code: 'yaml-syntax',
        path: [file],
        file,
        message: `${file}: the YAML cannot be read as data (${reason})`,
      });
    }
  }

  const position = (path: YamlPath, atKey = false) => {
    const { line, col } = lineCounter.linePos(offsetOf(doc, path, atKey));
    return { line, column: col };
  };

  const place: YamlText['place'] = (found, at = []) => {
    const { atKey, ...rest } = found;
    const path = [...at, ...found.path];
    const { line, column } = position(path, atKey ?? false);
    return {
      ...rest,
      path: [file, ...path],
      file,
      line,
      column,
      message: `${file}:${line}:${column} ${formatPath(path)}: ${found.message}`,
    };
  };

  // Text in a file people edit is as clean as text typed: no controls, no bidi overrides.
  if (problems.length === 0) {
    for (const found of controlsIn(data)) problems.push(place(found));
  }

  return {
    file,
    data,
    problems,
    position,
    place,
    safeParse(schema, options = {}) {
      const input = 'input' in options ? options.input : data;
      const result = schema.safeParse(input);
      if (result.success) return { success: true, data: result.data };
      const issues: SchemaIssue[] = translateZodIssues(result.error.issues, {
        wording: 'file',
        ...options,
        schema,
        input,
      });
      return { success: false, issues: issues.map((i) => place(i)) };
    },
  };
}

/** An issue for each key or string in the data holding refused characters (see `control-characters.ts`). */
function controlsIn(data: unknown, path: YamlPath = []): (Issue & { atKey?: boolean })[] {
  const at = (text: string, atKey: boolean) => {
    const found = findControls(text);
    if (!found) return [];
    const what = atKey ? 'the key' : 'the text';
    return [
      {
        code: 'control-character' as const,
        path,
        message: `${what} ${describeControls(found)}; remove ${found.count > 1 ? 'them' : 'it'} (${CONTROLS_REASON})`,
        ...(atKey ? { atKey } : {}),
      },
    ];
  };
  if (typeof data === 'string') return at(data, false);
  if (Array.isArray(data)) return data.flatMap((item, i) => controlsIn(item, [...path, i]));
  if (data !== null && typeof data === 'object') {
    return Object.entries(data).flatMap(([key, value]) => {
      const keyIssues = at(key, true).map((i) => ({ ...i, path: [...path, key] }));
      return [...keyIssues, ...controlsIn(value, [...path, key])];
    });
  }
  return [];
}

/** The error for a file that is not what it should be: a headline naming it, then each problem. */
export function invalidYamlFile(file: string, what: string, issues: Issue[]): ValidationError {
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  const summary = [`${file} is not a valid ${what} (${count}):`, ...issues.map((i) => i.message)];
  return new ValidationError(issues, summary.join('\n  '));
}

/** `factorFramework.levels[0].heads[2].name`; odd keys quoted: `meetings["Review Team"]`. */
function formatPath(path: YamlPath): string {
  if (path.length === 0) return '(top level)';
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(segment)) text += text ? `.${segment}` : segment;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

function syntaxIssue(
  error: YAMLError,
  text: string,
  file: string,
  lineCounter: LineCounter,
): YamlIssue {
  const { line, col } = lineCounter.linePos(error.pos[0]);
  const source = text.split(/\r?\n/)[line - 1] ?? '';
  const shownSource = source.trim() ? ` (line ${line} reads: ${JSON.stringify(clip(source))})` : '';
  return {
    code: 'yaml-syntax',
    path: [file],
    file,
    line,
    column: col,
    message: `${file}:${line}:${col} YAML syntax error: ${error.message}${shownSource}`,
  };
}

/** The offset of the node at `path`, or of the deepest node that exists on the way. */
function offsetOf(doc: Document, path: YamlPath, atKey: boolean): number {
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
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  if (typeof node !== 'object' || node === null || !('range' in node)) return undefined;
  const range = (node as { range?: [number, number, number] | null }).range;
  return range ? range[0] : undefined;
}
