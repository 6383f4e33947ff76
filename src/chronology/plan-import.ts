/**
 * The pure core of an import: from a read return, the agency's saved mapping
 * and any mapping file, decide the column mapping, build and check every
 * entry, and find the people mentioned — without touching the store. The CLI
 * applies the plan through the review service (every entry in one
 * transaction) or, when there are problems and no --skip-invalid, does not.
 */
import type { ColumnMapping } from '../domain/chronology-entry.ts';
import type { Fix } from '../domain/fix.ts';
import type { Person } from '../domain/person.ts';
import {
  type BuiltEntry,
  buildEntries,
  isExampleRow,
  type SkippedRecord,
} from './build-entries.ts';
import {
  type CompiledDateFormat,
  compileDateFormat,
  DATE_FORMAT_EXAMPLE,
  DATE_FORMAT_HINT,
} from './date-format.ts';
import { detectMapping, narrativeHeadings } from './detect-mapping.ts';
import { findUnknownNames, type UnknownName } from './find-unknown-names.ts';
import { fitMapping, unmappedColumns } from './fit-mapping.ts';
import { type ImportProblem, importProblem } from './import-problem.ts';
import { createPersonMatcher } from './match-people.ts';
import {
  type DateCell,
  type DateColumnReport,
  decideDateReading,
  mostlyUnreadable,
  reportDateColumn,
} from './read-date-column.ts';
import type { SourceTable, StrippedControls } from './source-table.ts';

export interface ImportPlanInput {
  table: SourceTable;
  /** The agency's name, for messages. */
  agencyName: string;
  /** The mapping saved from the agency's last return, if any. */
  saved?: ColumnMapping;
  /** A mapping file given with --map: it wins over the saved and detected ones. */
  override?: { mapping: ColumnMapping; file: string };
  /** --month-first: read 03/04/2023 as March 4, whatever the mapping says. */
  monthFirst?: boolean;
  /** --date-format: how the date column writes its dates, whatever the mapping says. */
  dateFormat?: string;
  /** Today (YYYY-MM-DD) by the injected clock: later dates are refused. */
  today: string;
  /** The pseudonym register. */
  persons: readonly Person[];
}

/** Where the mapping came from: a mapping file given, the agency's saved mapping, or the headings. */
export type MappingSource = 'file' | 'saved' | 'detected';

/** Something the reviewer should know about the mapping, and what to do about it if anything. */
export interface MappingNote {
  text: string;
  fix?: Fix;
}

/** Importing with a mapping file, which names the columns and wins over the saved and detected ones. */
const MAPPING_FILE: Fix = {
  kind: 'give',
  field: 'mappingPath',
  example: 'mapping.yaml',
  purpose: 'import with the mapping file',
};

export interface PlannedEntry extends BuiltEntry {
  /** Registered people the entry mentions. */
  personIds: string[];
}

export interface ImportPlan {
  file: string;
  /** XLSX: the sheet read. */
  sheet?: string;
  /** How the file was read: "CSV, semicolon-separated, UTF-8 with BOM". */
  description: string;
  /** Control characters and bidi overrides removed on reading, when asked to strip them. */
  stripped?: StrippedControls;
  /** Data records in the file (blank ones included). */
  records: number;
  /** The file's column headings, in order: what a mapping chooses from. */
  headings: string[];
  mapping?: ColumnMapping;
  mappingSource?: MappingSource;
  /** Things the reviewer should know about the mapping (a saved one that no longer fits, a loose match). */
  mappingNotes: MappingNote[];
  /** Columns kept on each entry as extra, unmapped. */
  extraColumns: string[];
  /** How the date column was read: the forms found, the order, two-digit years, what no form reads. */
  dates?: DateColumnReport;
  /** Entries that passed every check, in record order. */
  entries: PlannedEntry[];
  /** Every problem, in record order; file-level ones (record null) first. */
  problems: ImportProblem[];
  /** What the reviewer should check in records that import all the same (a record short of an optional cell). */
  warnings: ImportProblem[];
  skipped: SkippedRecord[];
  /** Records with at least one problem. */
  invalidRecords: number[];
  unknownNames: UnknownName[];
}

const FIELD_NAMES: Record<string, string> = {
  date: 'date',
  text: 'text',
  time: 'time',
  author: 'author',
  sourceRef: 'source reference',
};

function chooseMapping(
  input: ImportPlanInput,
  dayFirst: (m?: ColumnMapping) => boolean,
): Pick<ImportPlan, 'mapping' | 'mappingSource' | 'mappingNotes' | 'problems'> {
  const { table } = input;
  const columns = table.headings.map((h) => `"${h}"`).join(', ');
  if (input.override) {
    const { mapping, missing } = fitMapping(input.override.mapping, table.headings);
    if (missing.length === 0) {
      return {
        mapping: { ...mapping, dayFirst: dayFirst(mapping) },
        mappingSource: 'file',
        mappingNotes: [],
        problems: [],
      };
    }
    return {
      mappingNotes: [],
      problems: missing.map((m) =>
        importProblem({
          code: 'missing-column',
          file: table.file,
          record: null,
          column: m.column,
          problem: `the mapping file ${input.override?.file} maps ${m.key} to "${m.column}", but ${table.file} has no such column (its columns: ${columns})`,
          advice: `correct ${m.key} in ${input.override?.file} to one of the file's columns`,
        }),
      ),
    };
  }
  const notes: MappingNote[] = [];
  if (input.saved) {
    const { mapping, missing } = fitMapping(input.saved, table.headings);
    if (missing.length === 0) {
      const extras = new Set(unmappedColumns(mapping, table.headings));
      const narrative = narrativeHeadings(table.headings).filter((h) => extras.has(h));
      const one = narrative.length === 1;
      return {
        mapping: { ...mapping, dayFirst: dayFirst(mapping) },
        mappingSource: 'saved',
        mappingNotes:
          narrative.length === 0
            ? []
            : [
                {
                  text: `The ${one ? 'column' : 'columns'} ${narrative.map((h) => `"${h}"`).join(', ')} ${one ? 'reads' : 'read'} as narrative text, but the mapping saved for ${input.agencyName} keeps ${one ? 'it' : 'them'} as ${one ? 'an extra field' : 'extra fields'}; to join ${one ? 'it' : 'them'} into the text, list ${one ? 'it' : 'them'} under text in a mapping file.`,
                  fix: MAPPING_FILE,
                },
              ],
        problems: [],
      };
    }
    notes.push({
      text: `The mapping saved for ${input.agencyName} names ${missing.map((m) => `"${m.column}"`).join(', ')}, which this file lacks; the columns were matched from the headings instead.`,
    });
  }
  const detected = detectMapping(table.headings, { dayFirst: dayFirst() });
  if (detected.mapping) {
    for (const field of new Set(detected.loose.map((l) => l.field))) {
      const chosen = detected.loose.filter((l) => l.field === field);
      const columns = chosen.map((l) => `"${l.column}"`).join(', ');
      const words = [...new Set(chosen.map((l) => `"${l.word}"`))].join(' or ');
      const one = chosen.length === 1;
      notes.push({
        text: `The ${FIELD_NAMES[field]} ${one ? 'column' : 'columns'} ${columns} ${one ? 'was' : 'were'} chosen because ${one ? 'the heading contains' : 'their headings contain'} ${words}; check ${one ? 'it' : 'them'}, or name the columns in a mapping file.`,
        fix: MAPPING_FILE,
      });
    }
    return {
      mapping: detected.mapping,
      mappingSource: 'detected',
      mappingNotes: notes,
      problems: [],
    };
  }
  const example = (field: 'date' | 'text') =>
    field === 'date'
      ? 'date: <the heading of the date column>'
      : 'text: [<heading>, <heading>] (the columns that say what happened)';
  return {
    mappingNotes: notes,
    problems: detected.missing.map((field) =>
      importProblem({
        code: 'missing-column',
        file: table.file,
        record: null,
        column: null,
        problem: `no column looks like the ${field === 'date' ? 'event date' : 'entry text'} (the columns are ${columns})`,
        advice: `rename the column (e.g. "${field === 'date' ? 'Date' : 'Details'}"), or write a mapping file with ${example(field)}`,
        fix: MAPPING_FILE,
      }),
    ),
  };
}

/**
 * Plans the import of one return. Pure: the same input gives the same plan.
 * @example const plan = planImport({ table, agencyName: 'Police', today: '2026-01-15', persons: [] });
 */
export function planImport(input: ImportPlanInput): ImportPlan {
  const { table } = input;
  const dayFirst = (m?: ColumnMapping) => (input.monthFirst ? false : (m?.dayFirst ?? true));
  const chosen = chooseMapping(input, dayFirst);
  const base = {
    file: table.file,
    ...(table.sheet !== undefined ? { sheet: table.sheet } : {}),
    description: table.description,
    ...(table.stripped ? { stripped: table.stripped } : {}),
    records: table.rows.length,
    headings: [...table.headings],
    mappingNotes: chosen.mappingNotes,
    unknownNames: [],
  };
  if (!chosen.mapping) {
    return {
      ...base,
      extraColumns: [],
      entries: [],
      problems: chosen.problems,
      warnings: [],
      skipped: [],
      invalidRecords: [],
    };
  }
  const stated = input.dateFormat ?? chosen.mapping.dateFormat;
  const compiled = stated === undefined ? undefined : compileDateFormat(stated);
  if (compiled && !compiled.ok) {
    return {
      ...base,
      extraColumns: [],
      entries: [],
      problems: [
        importProblem({
          code: 'invalid-date-format',
          file: table.file,
          record: null,
          column: chosen.mapping.date,
          problem: compiled.message.replace(/; a date format is written.*$/, ''),
          advice: `write dateFormat as the column writes its dates; ${DATE_FORMAT_HINT}`,
        }),
      ],
      warnings: [],
      skipped: [],
      invalidRecords: [],
    };
  }
  const format = compiled?.format;
  const { reading, order } = decideDateReading(dateCells(table, chosen.mapping.date), {
    dayFirst: chosen.mapping.dayFirst,
    orderStated: Boolean(input.monthFirst),
    ...(format ? { format } : {}),
    xlsx: table.format === 'xlsx',
    today: input.today,
  });
  // The mapping as the dates were read: saved with the agency, so its next return reads the same.
  const mapping: ColumnMapping = {
    ...chosen.mapping,
    dayFirst: reading.dayFirst,
    ...(format ? { dateFormat: format.text } : {}),
  };
  const built = buildEntries(table, { mapping, today: input.today, reading });
  const dates = reportDateColumn(mapping.date, reading, order, built.dates);
  const problems = mostlyUnreadable(dates)
    ? [
        unreadableDates(table.file, dates, format),
        ...built.problems.filter(
          (p) => !(p.code === 'unreadable-date' && p.column === mapping.date),
        ),
      ]
    : [...built.problems];
  if (built.entries.length === 0 && built.problems.length === 0) {
    problems.push(
      importProblem({
        code: 'no-records',
        file: table.file,
        record: null,
        column: null,
        problem: 'the file has a header but no records to import',
        advice: 'add one row per event under the header, or check that this is the right file',
      }),
    );
  }
  const matcher = createPersonMatcher(input.persons);
  return {
    ...base,
    mapping,
    ...(chosen.mappingSource ? { mappingSource: chosen.mappingSource } : {}),
    extraColumns: unmappedColumns(mapping, table.headings),
    dates,
    // People are looked for in the cells as written, not in the headings the join adds.
    entries: built.entries.map((e) => ({ ...e, personIds: matcher.idsIn(e.textParts.join('\n')) })),
    problems,
    warnings: built.warnings,
    skipped: built.skipped,
    invalidRecords: [...new Set(problems.map((p) => p.record).filter((r) => r !== null))],
    unknownNames: findUnknownNames(
      built.entries.map((e) => ({ record: e.record, text: e.textParts.join('\n') })),
      input.persons,
    ),
  };
}

/** The non-empty date cells of the records to import (not the template's example row). */
function dateCells(table: SourceTable, column: string): DateCell[] {
  const cells: DateCell[] = [];
  for (const row of table.rows) {
    const text = row.cells.get(column)?.trim() ?? '';
    if (text !== '' && !isExampleRow(row)) cells.push({ record: row.record, text });
  }
  return cells;
}

/** One problem for a date column most of whose dates no form reads, instead of one per record. */
function unreadableDates(
  file: string,
  dates: DateColumnReport,
  format: CompiledDateFormat | undefined,
): ImportProblem {
  const { unreadable, column, cells } = dates;
  const sample = unreadable.sample as DateCell;
  const seen = unreadable.suggestion ? `, the format ${unreadable.suggestion}` : '';
  const example = unreadable.suggestion ?? DATE_FORMAT_EXAMPLE;
  const stated = format ? `, the stated date format ${format.text} included` : '';
  return importProblem({
    code: 'unreadable-dates',
    file,
    record: null,
    column,
    problem: `${unreadable.count} of the ${cells} dates are in no form read${stated}; they are written like "${sample.text}" (record ${sample.record})${seen}`,
    advice: `${format ? 'correct' : 'set'} the mapping key dateFormat to the form the column writes its dates in, e.g. dateFormat: ${example}${unreadable.suggestion ? '' : `; ${DATE_FORMAT_HINT}`}`,
    fix: {
      kind: 'give',
      field: 'dateFormat',
      example: /^[\w/.:-]+$/.test(example) ? example : `'${example}'`,
      purpose: 'read the dates as the return writes them',
    },
  });
}
