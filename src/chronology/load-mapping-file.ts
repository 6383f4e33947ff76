/**
 * Reads a column-mapping file (`--map mapping.yaml`) that overrides the
 * detected or saved mapping. Every problem names the file, the key and the
 * line, e.g. `mapping.yaml:3:7 text: …`.
 *
 * ```yaml
 * date: Occurrence date      # the column with the event date
 * time: Time                 # optional
 * text: [Contact type, Details]   # one column, or several joined in this order
 * author: Officer            # optional, who recorded it (by role)
 * sourceRef: Occurrence ref  # optional, the agency's own reference
 * dayFirst: true             # optional; false reads 03/04/2023 as March 4
 * ```
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { ColumnMapping } from '../domain/chronology-entry.ts';
import { ValidationError } from '../domain/errors.ts';
import { type Issue, issue } from '../domain/issue.ts';

/** The file form: `text` may be one column name or a list. */
export const MappingFile = ColumnMapping.extend({
  text: z
    .union(
      [
        z.string().min(1, 'the text column name is empty'),
        z
          .array(z.string().min(1, 'a text column name is empty'))
          .min(1, 'name at least one text column: text: [Contact type, Details]'),
      ],
      {
        error: 'name the text column, or a list of them: text: [Contact type, Details]',
      },
    )
    .transform((t) => (typeof t === 'string' ? [t] : t)),
  dayFirst: z
    .boolean({ error: 'dayFirst is true (03/04/2023 is 3 April) or false (March 4)' })
    .default(true),
});

type Ranged = { range?: [number, number, number] | null };

/** The node of a top-level key, so an unknown key is placed at the key, not its value. */
function keyNode(contents: unknown, key: string): Ranged | undefined {
  if (!isMap(contents)) return undefined;
  const pair = contents.items.find((p) => isScalar(p.key) && p.key.value === key);
  return pair?.key as Ranged | undefined;
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** Parses mapping YAML; `fileName` is only used in messages. */
export function parseMappingText(text: string, fileName: string): ColumnMapping {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ValidationError(
      doc.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return issue(
          'yaml-syntax',
          [fileName],
          `${fileName}:${line}:${col} YAML syntax error: ${error.message}`,
        );
      }),
    );
  }
  const data: unknown = doc.toJS();
  const result = MappingFile.safeParse(data ?? {});
  if (result.success) return result.data;
  const issues: Issue[] = result.error.issues.flatMap((zi) => {
    const keys = zi.code === 'unrecognized_keys' ? zi.keys : [undefined];
    return keys.map((unknownKey) => {
      const path = unknownKey === undefined ? (zi.path as (string | number)[]) : [unknownKey];
      const node =
        unknownKey !== undefined
          ? keyNode(doc.contents, unknownKey)
          : ((doc.getIn(path, true) as Ranged | undefined) ?? (doc.contents as Ranged | null));
      const at = lineCounter.linePos(node?.range?.[0] ?? 0);
      const where = `${fileName}:${at.line}:${at.col}`;
      const key =
        path.length > 0
          ? ` ${path
              .map((p) => (typeof p === 'number' ? `[${p}]` : p))
              .join('.')
              .replace(/\.\[/g, '[')}`
          : '';
      const message =
        unknownKey !== undefined
          ? `unknown key "${unknownKey}"; the keys are date, time, text, author, sourceRef, dayFirst`
          : zi.code === 'invalid_type' && valueAt(data, path) === undefined
            ? 'required, but not given'
            : zi.message;
      return issue('invalid-mapping', [fileName, ...path], `${where}${key}: ${message}`);
    });
  });
  throw new ValidationError(issues);
}

/** Reads and validates the mapping file at `path`. */
export function loadMappingFile(path: string): ColumnMapping {
  const fileName = basename(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ValidationError([
      issue(
        'unreadable-mapping',
        [fileName],
        `${path}: cannot read the mapping file (${code}); check its path`,
        { fix: { kind: 'give', field: 'mappingPath', example: 'mapping.yaml' } },
      ),
    ]);
  }
  return parseMappingText(text, fileName);
}
