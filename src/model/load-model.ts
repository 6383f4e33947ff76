/**
 * Loads methodology models (`models/*.yaml`) and validates them against the
 * schema. Every problem — YAML syntax or schema — becomes an issue naming the
 * file, the YAML path, the line and column, what was found and what was
 * expected, so a reviewer editing a model can fix it without reading code.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ValidationError } from '../domain/errors.ts';
import { FIXED_FILE_MEGABYTES, formatBytes, MEGABYTE } from '../domain/import-limits.ts';
import { nearest } from '../domain/nearest.ts';
import { MethodologyModel, ModelId } from './methodology-model.ts';
import { invalidYamlFile, parseYaml, type YamlIssue } from './parse-yaml.ts';

/** The repo's own `models/` folder, found from this file so the cwd does not matter. */
export const defaultModelsDir = fileURLToPath(new URL('../../models', import.meta.url));

/** An issue in a model file; `path` is the file followed by the YAML path. */
export type ModelIssue = YamlIssue;

/**
 * Parses and validates a model from YAML text. `fileName` is only used in
 * messages. Throws a ValidationError listing every problem found.
 */
export function loadModelText(text: string, fileName: string): MethodologyModel {
  const yaml = parseYaml(text, fileName);
  if (yaml.problems.length > 0) fail(fileName, yaml.problems);
  const result = yaml.safeParse(MethodologyModel);
  if (result.success) return result.data;
  const issues = [...result.issues];
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
    if (stats.size > FIXED_FILE_MEGABYTES.model * MEGABYTE) {
      fail(undefined, [
        {
          code: 'file-too-large',
          path: [shown],
          file: shown,
          message: `${shown}: the model file is ${formatBytes(stats.size)}, over the limit of ${FIXED_FILE_MEGABYTES.model} MB for a methodology model (the largest shipped is under 100 KB); check it is the right file`,
        },
      ]);
    }
    text = readFileSync(absolute, 'utf8');
  } catch (cause) {
    if (cause instanceof ValidationError) throw cause;
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
  if (fileName === undefined) {
    throw new ValidationError(issues, issues.map((i) => i.message).join('\n'));
  }
  throw invalidYamlFile(fileName, 'methodology model', issues);
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
