// Column mapping: detecting date, time, text, author and reference columns from the headings
// agencies' systems use, joining several text columns, fitting a saved mapping to a new file,
// and reading a mapping file whose every problem names the file, the key and the line.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectMapping } from '../../src/chronology/detect-mapping.ts';
import { fitMapping, unmappedColumns } from '../../src/chronology/fit-mapping.ts';
import { loadMappingFile, parseMappingText } from '../../src/chronology/load-mapping-file.ts';
import { planImport } from '../../src/chronology/plan-import.ts';
import type { SourceTable } from '../../src/chronology/source-table.ts';
import { issueLines, refusal } from '../helpers/workspace.ts';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../fixtures/chronology/${name}`, import.meta.url));

describe('detectMapping', () => {
  it.each([
    [
      'a GP export',
      ['Consultation date', 'Time', 'Clinician', 'Summary', 'Details', 'Practice'],
      {
        date: 'Consultation date',
        time: 'Time',
        text: ['Summary', 'Details'],
        author: 'Clinician',
      },
    ],
    [
      'a police export',
      ['Occurrence ref', 'Occurrence date', 'Officer', 'Occurrence type', 'Details', 'Outcome'],
      {
        date: 'Occurrence date',
        text: ['Occurrence type', 'Details', 'Outcome'],
        author: 'Officer',
        sourceRef: 'Occurrence ref',
      },
    ],
    [
      'an ED export',
      ['Arrival', 'Presenting complaint', 'Notes', 'Clinician', 'Record ref'],
      {
        date: 'Arrival',
        text: ['Presenting complaint', 'Notes'],
        author: 'Clinician',
        sourceRef: 'Record ref',
      },
    ],
    [
      'a social care export with a date/time column',
      ['Date/Time', 'Contact type', 'Entry', 'Worker', 'Case note ID', 'Team'],
      {
        date: 'Date/Time',
        text: ['Contact type', 'Entry'],
        author: 'Worker',
        sourceRef: 'Case note ID',
      },
    ],
  ])('maps %s', (_name, headings, expected) => {
    const { mapping } = detectMapping(headings, { dayFirst: true });
    expect(mapping).toEqual({ ...expected, dayFirst: true });
  });

  it('never takes a date of birth or a recording date for the event date', () => {
    const { mapping, loose } = detectMapping(
      ['Date of birth', 'Date recorded', 'Visit date', 'Notes'],
      {
        dayFirst: true,
      },
    );
    expect(mapping?.date).toBe('Visit date');
    expect(loose).toEqual([]);
  });

  it('falls back to a heading containing "date", and says so', () => {
    const { mapping, loose } = detectMapping(['Date seen by duty team', 'Notes'], {
      dayFirst: false,
    });
    expect(mapping).toMatchObject({ date: 'Date seen by duty team', dayFirst: false });
    expect(loose).toEqual([{ field: 'date', word: 'date', column: 'Date seen by duty team' }]);
  });

  it('takes a heading with a narrative word such as "notes" into the text, and flags it', () => {
    const gp = detectMapping(['Date', 'Time', 'Clinician', 'Consultation notes'], {
      dayFirst: true,
    });
    expect(gp.mapping).toMatchObject({ date: 'Date', time: 'Time', text: ['Consultation notes'] });
    expect(gp.loose).toEqual([{ field: 'text', word: 'notes', column: 'Consultation notes' }]);
    // Beside an exact heading too: every narrative column becomes text, in file order.
    const both = detectMapping(['Date', 'Officer notes', 'Details'], { dayFirst: true });
    expect(both.mapping?.text).toEqual(['Officer notes', 'Details']);
    expect(both.loose).toEqual([{ field: 'text', word: 'notes', column: 'Officer notes' }]);
  });

  it("takes every narrative column of a school's return, in header order", () => {
    const { mapping, loose } = detectMapping(
      ['Date', 'Pupil', 'Concern', 'Action taken', 'Outcome', 'Staff member', 'Year group'],
      { dayFirst: true },
    );
    expect(mapping).toEqual({
      date: 'Date',
      text: ['Concern', 'Action taken', 'Outcome'],
      author: 'Staff member',
      dayFirst: true,
    });
    expect(loose).toEqual([]);
  });

  it('finds narrative words anywhere in a heading, but not in a label, a code or a person', () => {
    const { mapping, loose } = detectMapping(
      [
        'Incident date',
        'Details of the incident',
        'Concern raised by',
        'Outcome code',
        'Reason for visit',
        'Further comments',
        'Response grade',
      ],
      { dayFirst: true },
    );
    expect(mapping?.text).toEqual([
      'Details of the incident',
      'Reason for visit',
      'Further comments',
    ]);
    expect(loose.map((l) => [l.column, l.word])).toEqual([
      ['Details of the incident', 'details'],
      ['Reason for visit', 'reason'],
      ['Further comments', 'comments'],
    ]);
  });

  it('names what it cannot find', () => {
    expect(detectMapping(['Date', 'Worker'], { dayFirst: true })).toEqual({
      missing: ['text'],
      loose: [],
    });
    expect(detectMapping(['Summary'], { dayFirst: true }).missing).toEqual(['date']);
  });
});

describe('fitMapping', () => {
  it('finds the columns a mapping names whatever their case and punctuation, and lists the missing', () => {
    const fitted = fitMapping(
      {
        date: 'occurrence date',
        text: ['Details', 'Narrative'],
        sourceRef: 'record ref',
        dayFirst: true,
      },
      ['Occurrence Date', 'Details', 'Record Ref.', 'Beat'],
    );
    expect(fitted.mapping).toEqual({
      date: 'Occurrence Date',
      text: ['Details', 'Narrative'],
      sourceRef: 'Record Ref.',
      dayFirst: true,
    });
    expect(fitted.missing).toEqual([{ key: 'text[1]', column: 'Narrative' }]);
    expect(
      unmappedColumns(fitted.mapping, ['Occurrence Date', 'Details', 'Record Ref.', 'Beat']),
    ).toEqual(['Beat']);
  });
});

describe('mapping files', () => {
  it('reads a mapping file; text may be one column or a list; dayFirst defaults to true', () => {
    expect(loadMappingFile(fixture('police-mapping.yaml'))).toEqual({
      date: 'occurrence date',
      text: ['Occurrence type', 'Details'],
      author: 'Officer',
      sourceRef: 'Occurrence ref',
      dayFirst: true,
    });
    expect(parseMappingText('date: Date\ntext: Notes\n', 'm.yaml').text).toEqual(['Notes']);
  });

  it('names the file, line and key of every problem', async () => {
    const error = await refusal(() => loadMappingFile(fixture('bad-mapping.yaml')));
    expect(issueLines(error)).toEqual([
      'bad-mapping.yaml:2:7 text: name at least one text column: text: [Contact type, Details]',
      'bad-mapping.yaml:4:11 dayFirst: dayFirst is true (03/04/2023 is 3 April) or false (March 4)',
      'bad-mapping.yaml:3:1 officer: unknown key "officer"; the keys are date, time, text, author, sourceRef, dayFirst, dateFormat',
    ]);
  });

  it('says when a required key is missing, and when the YAML does not parse', async () => {
    expect(issueLines(await refusal(() => parseMappingText('text: [Notes]\n', 'm.yaml')))).toEqual([
      'm.yaml:1:1 date: required, but not given',
    ]);
    expect(issueLines(await refusal(() => parseMappingText('date: [Date\n', 'm.yaml')))[0]).toMatch(
      /^m\.yaml:\d+:\d+ YAML syntax error/,
    );
  });
});

describe('planImport: what the mapping asks of the reviewer', () => {
  const table = (headings: string[], row: string[]): SourceTable => ({
    file: 'return.csv',
    format: 'csv',
    description: 'CSV, comma-separated, UTF-8',
    headings,
    rows: [{ record: 1, cells: new Map(headings.map((h, i) => [h, row[i] ?? ''])) }],
  });
  const plan = (t: SourceTable) =>
    planImport({ table: t, agencyName: 'Quillington Police', today: '2026-01-15', persons: [] });
  const mappingFile = {
    kind: 'give',
    field: 'mappingPath',
    example: 'mapping.yaml',
    purpose: 'import with the mapping file',
  };

  it('says how to map a missing column in words, with a mapping file as the fix', () => {
    const [problem] = plan(table(['Date', 'Worker'], ['01/02/2023', 'SW'])).problems;
    expect(problem?.code).toBe('missing-column');
    expect(problem?.advice).toBe(
      'rename the column (e.g. "Details"), or write a mapping file with text: [<heading>, <heading>] (the columns that say what happened)',
    );
    expect(problem?.message).not.toMatch(/ --[a-z]/);
    expect(problem?.fix).toEqual(mappingFile);
  });

  it('notes a column chosen by a loose match, with a mapping file as the fix', () => {
    const { mappingNotes } = plan(
      table(['Visit date of record', 'Notes'], ['01/02/2023', 'Seen.']),
    );
    expect(mappingNotes).toEqual([
      {
        text: 'The date column "Visit date of record" was chosen because the heading contains "date"; check it, or name the columns in a mapping file.',
        fix: mappingFile,
      },
    ]);
  });

  it('notes the text columns chosen by a narrative word, naming only those', () => {
    const { mapping, mappingNotes } = plan(
      table(['Date', 'Details', 'Officer notes', 'Concern raised'], ['01/02/2023', 'a', 'b', 'c']),
    );
    expect(mapping?.text).toEqual(['Details', 'Officer notes', 'Concern raised']);
    expect(mappingNotes).toEqual([
      {
        text: 'The text columns "Officer notes", "Concern raised" were chosen because their headings contain "notes" or "concern"; check them, or name the columns in a mapping file.',
        fix: mappingFile,
      },
    ]);
  });

  it('points out a narrative column that the saved mapping keeps as an extra field', () => {
    const t = table(
      ['Date', 'Concern', 'Action taken', 'Year group'],
      ['01/02/2023', 'a', 'b', 'R'],
    );
    const { mapping, mappingSource, mappingNotes } = planImport({
      table: t,
      agencyName: 'Larch Primary',
      saved: { date: 'Date', text: ['Action taken'], dayFirst: true },
      today: '2026-01-15',
      persons: [],
    });
    expect(mappingSource).toBe('saved');
    expect(mapping?.text).toEqual(['Action taken']);
    expect(mappingNotes).toEqual([
      {
        text: 'The column "Concern" reads as narrative text, but the mapping saved for Larch Primary keeps it as an extra field; to join it into the text, list it under text in a mapping file.',
        fix: mappingFile,
      },
    ]);
  });

  it('refuses a mapping file it cannot read, asking for its path', async () => {
    const error = await refusal(() => loadMappingFile('/no/such/mapping.yaml'));
    expect(error.issues[0]?.message).toBe(
      '/no/such/mapping.yaml: cannot read the mapping file (ENOENT); check its path',
    );
    expect(error.issues[0]?.fix).toEqual({
      kind: 'give',
      field: 'mappingPath',
      example: 'mapping.yaml',
    });
  });
});
