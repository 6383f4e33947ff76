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
 * dateFormat: DD-MMM-YYYY HH:mm   # optional; how the date column writes dates
 * ```
 *
 * `date_format` is read as `dateFormat` (the spelling some agencies' tools use).
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { ColumnMapping } from '../domain/chronology-entry.ts';
import { ValidationError } from '../domain/errors.ts';
import { FIXED_FILE_MEGABYTES, fileSizeIssue } from '../domain/import-limits.ts';
import { issue } from '../domain/issue.ts';
import { parseYaml } from '../model/parse-yaml.ts';
import { DateFormatText } from './date-format.ts';

/** The file form: `text` may be one column name or a list. */
const MappingFile = ColumnMapping.extend({
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
  dateFormat: DateFormatText.optional(),
  date_format: DateFormatText.optional(),
})
  .refine((m) => m.dateFormat === undefined || m.date_format === undefined, {
    message: 'give dateFormat or date_format, not both',
    path: ['date_format'],
  })
  .transform(({ date_format, ...m }): ColumnMapping => {
    const dateFormat = m.dateFormat ?? date_format;
    return { ...m, ...(dateFormat !== undefined ? { dateFormat } : {}) };
  });

/** Parses mapping YAML; `fileName` is only used in messages. */
export function parseMappingText(text: string, fileName: string): ColumnMapping {
  const yaml = parseYaml(text, fileName);
  if (yaml.problems.length > 0) throw new ValidationError(yaml.problems);
  // An empty file is a mapping with nothing in it: say which keys it needs.
  const result = yaml.safeParse(MappingFile, {
    input: yaml.data ?? {},
    // The schema's own messages are whole sentences with an example: use them as written.
    wording: 'fields',
    unknownKey: (key, allowed) =>
      `unknown key "${key}"; the keys are ${allowed.filter((k) => k !== 'date_format').join(', ')}`,
  });
  if (!result.success) throw new ValidationError(result.issues);
  return result.data;
}

/** Reads and validates the mapping file at `path`. */
export function loadMappingFile(path: string): ColumnMapping {
  const fileName = basename(path);
  let text: string;
  try {
    const tooLarge = fileSizeIssue(fileName, statSync(path).size, FIXED_FILE_MEGABYTES.mapping, {
      what: 'a column mapping',
      fixed: true,
      advice:
        'a mapping names a few columns (see the help of chronology import); check it is the right file',
    });
    if (tooLarge) throw new ValidationError([tooLarge]);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof ValidationError) throw error;
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
