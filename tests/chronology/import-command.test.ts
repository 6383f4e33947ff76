// `tunnelview chronology import`, end to end on a temp workspace: each agency format, the messy
// return with every invalid-row kind (refused whole, store unchanged), --skip-invalid, a saved
// mapping reused on the next return, --map overriding it, --month-first, --json, and the report.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addAgency, addPerson } from '../../src/app/register.ts';
import type { ChronologyEntry } from '../../src/domain/chronology-entry.ts';
import { logPosition, runCli, tempDir, workspaceWithReview } from '../helpers/workspace.ts';
import { writeSocialCareWorkbook } from './social-care-workbook.ts';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../fixtures/chronology/${name}`, import.meta.url));

interface ImportJson {
  imported: number;
  errors: { file: string; record: number | null; column: string | null; message: string }[];
  agency: { id?: string; name: string; created: boolean };
  mapping: Record<string, unknown> | null;
  mappingSource: string | null;
  mappingSaved: boolean;
  extraColumns: string[];
  ids: string[];
  skipped: { record: number; reason: string }[];
  people: { personId: string; records: number[] }[];
  unknownNames: { name: string; occurrences: number; records: number[] }[];
}

/** A workspace with one review, the family in its register and two agencies, and a CLI runner. */
async function setUp() {
  const dir = tempDir();
  const wsPath = join(dir, 'ws.db');
  const handle = await workspaceWithReview(wsPath);
  const { ws, reviewId } = handle;
  await addPerson(ws, reviewId, {
    realName: 'Jaylen Brooks',
    initials: ['JB'],
    roleInCase: 'subject child',
    publicationLabel: 'Child A',
  });
  await addPerson(ws, reviewId, {
    realName: 'Danielle Brooks',
    aliases: ['Dani'],
    roleInCase: 'mother',
    publicationLabel: 'Mother',
  });
  await addPerson(ws, reviewId, {
    realName: 'Jo Pritchard',
    roleInCase: 'maternal grandmother',
    publicationLabel: 'Maternal grandmother',
  });
  await addAgency(ws, reviewId, { name: 'Brackenmoor Surgery', sector: 'health' });
  await addAgency(ws, reviewId, { name: 'Quillington Police', sector: 'police' });
  const run = (...args: string[]) => runCli([...args, '--workspace', wsPath], { cwd: dir });
  const entries = async () =>
    Object.values((await ws.load(reviewId)).chronology) as ChronologyEntry[];
  const position = () => logPosition(handle.store, reviewId);
  return { ...handle, dir, wsPath, run, entries, position };
}

describe('chronology import: agency formats', () => {
  it('imports a health CSV with a BOM, joining Summary and Details and keeping the rest as extra', async () => {
    const { run, entries } = await setUp();
    const result = await run(
      'chronology',
      'import',
      fixture('health-gp.csv'),
      '--agency',
      'brackenmoor surgery',
      '--json',
    );
    expect(result.code).toBe(0);
    const out = result.json<ImportJson>();
    expect(out).toMatchObject({
      imported: 4,
      errors: [],
      mappingSource: 'detected',
      mappingSaved: true,
    });
    expect(Object.keys(out).slice(0, 2)).toEqual(['imported', 'errors']);
    expect(out.mapping).toEqual({
      date: 'Consultation date',
      time: 'Time',
      text: ['Summary', 'Details'],
      author: 'Clinician',
      dayFirst: true,
    });
    const [first, , third, fourth] = await entries();
    expect(first).toMatchObject({
      agencyId: 'AG-1',
      date: { precision: 'time', start: '2023-03-14', time: '09:40', original: '14/03/2023' },
      author: 'GP',
      provenance: { method: 'import', file: 'health-gp.csv', record: 1 },
      extra: { Practice: 'Brackenmoor Surgery' },
    });
    expect(first?.text).toMatch(/^Summary: Immunisations; Details: Jaylen attended/);
    expect(third?.date).toEqual({
      precision: 'month',
      start: '2023-06-01',
      end: '2023-06-30',
      original: '?/06/2023',
    });
    expect(out.people).toEqual([
      { personId: 'P-1', records: [1, 2, 3] },
      { personId: 'P-2', records: [1, 2] },
      { personId: 'P-3', records: [4] },
    ]);
    expect(fourth?.text).toContain("Jo's house");
    expect(out.unknownNames.map((n) => n.name)).toEqual(['Jordan']);
  });

  it('imports a semicolon police CSV with multi-line cells and times in the occurrence date', async () => {
    const { run, entries } = await setUp();
    const result = await run(
      'chronology',
      'import',
      fixture('police-occurrences.csv'),
      '--agency',
      'AG-2',
      '--json',
    );
    expect(result.json<ImportJson>()).toMatchObject({ imported: 3, errors: [] });
    const [incident, referral, welfare] = await entries();
    expect(incident).toMatchObject({
      date: { precision: 'time', start: '2023-09-20', time: '23:10' },
      author: 'PC 4471',
      sourceRef: 'QP-23-0411',
      provenance: { record: 1 },
    });
    expect(incident?.text).toContain(
      'Quillington.\nOfficers attended; Danielle Brooks and Jordan Vickers present.\n',
    );
    expect(incident?.text).toMatch(/; Outcome: DASH completed; standard risk$/);
    expect(referral?.provenance.record).toBe(2);
    expect(welfare).toMatchObject({
      date: {
        precision: 'range',
        start: '2023-10-21',
        end: '2023-10-31',
        original: 'late October 2023',
      },
      provenance: { record: 3 },
    });
  });

  it('imports a Windows-1252 file with £ and curly quotes intact, creating the agency with --sector', async () => {
    const { run, entries } = await setUp();
    const result = await run(
      'chronology',
      'import',
      fixture('nursery-windows-1252.csv'),
      '--agency',
      'Little Wrens Nursery',
      '--sector',
      'early-years',
      '--json',
    );
    expect(result.json<ImportJson>()).toMatchObject({
      imported: 2,
      agency: { id: 'AG-3', name: 'Little Wrens Nursery', created: true },
    });
    const [first] = await entries();
    expect(first?.text).toBe(
      'Jaylen collected late by Mum, who said she owes £40 in fees and “can’t pay until payday”.',
    );
    // "Staff member" is read as who recorded the entry.
    expect(first?.author).toBe('Nursery manager');
    expect(first?.extra).toEqual({});
  });

  it('imports a social care XLSX: Excel dates, Excel times, text dates and rich text', async () => {
    const { run, entries, dir } = await setUp();
    const workbook = await writeSocialCareWorkbook(dir);
    const result = await run(
      'chronology',
      'import',
      workbook,
      '--agency',
      'Brackenmoor Children’s Services',
      '--sector',
      'children-social-care',
      '--json',
    );
    expect(result.json<ImportJson>()).toMatchObject({
      imported: 4,
      errors: [],
      extraColumns: ['Team'],
    });
    const dates = (await entries()).map((e) => e.date);
    expect(dates).toEqual([
      { precision: 'time', start: '2023-09-25', time: '14:30', original: '2023-09-25' },
      { precision: 'time', start: '2023-09-26', time: '09:15', original: '2023-09-26 09:15' },
      {
        precision: 'range',
        start: '2023-10-01',
        end: '2023-10-10',
        original: 'early October 2023',
      },
      { precision: 'month', start: '2023-11-01', end: '2023-11-30', original: '?/11/2023' },
    ]);
    const sheet = await run(
      'chronology',
      'import',
      workbook,
      '--sheet',
      'Supervision',
      '--agency',
      'AG-3',
      '--json',
    );
    expect(sheet.json<ImportJson>()).toMatchObject({ imported: 1 });
    const csv = await run(
      'chronology',
      'import',
      fixture('police-occurrences.csv'),
      '--sheet',
      'Supervision',
      '--agency',
      'AG-2',
    );
    expect(csv.code).toBe(1);
    expect(csv.err).toContain(
      '--sheet: police-occurrences.csv is a CSV file, which has no sheets; a sheet is named only for an Excel workbook; leave out --sheet',
    );
  });

  it('imports a JSON array, reading a UTC timestamp in UK time and keeping numbers as extra text', async () => {
    const { run, entries } = await setUp();
    const result = await run(
      'chronology',
      'import',
      fixture('ed-attendances.json'),
      '--agency',
      'Quillington General ED',
      '--sector',
      'health',
      '--json',
    );
    expect(result.json<ImportJson>()).toMatchObject({ imported: 3, errors: [] });
    const [first, second, third] = await entries();
    expect(first).toMatchObject({ sourceRef: 'ED-77812', extra: { 'Triage category': '3' } });
    expect(second?.date).toMatchObject({ precision: 'time', start: '2023-07-01', time: '10:30' });
    expect(third?.date).toEqual({
      precision: 'approximate',
      start: '2023-12-20',
      original: 'approx 20/12/2023',
    });
    expect(third?.extra).toEqual({ 'Triage category': '2', 'Safeguarding flag': 'true' });
  });
});

describe('chronology import: invalid records', () => {
  const messy = fixture('messy-social-care.csv');

  it('imports nothing from a file with invalid records, naming each problem; the store is unchanged', async () => {
    const { run, position } = await setUp();
    const before = await position();
    const result = await run(
      'chronology',
      'import',
      messy,
      '--agency',
      'Brackenmoor Children’s Services',
      '--sector',
      'children-social-care',
      '--json',
    );
    expect(result.code).toBe(1);
    const out = result.json<ImportJson>();
    expect(out.imported).toBe(0);
    expect(out.ids).toEqual([]);
    expect(await position()).toEqual(before);
    const file = 'messy-social-care.csv';
    expect(out.errors).toEqual([
      {
        file,
        record: 2,
        column: 'Date',
        message:
          '"31/02/2023" is not a real date: February 2023 has 28 days. Fix: check the date against the source record; if the day is uncertain, write the month ("?/02/2023") or "approx" before the date.',
      },
      {
        file,
        record: 3,
        column: 'Date',
        message: expect.stringMatching(
          /^"tbc" is a placeholder, not a date\. Fix: write it as DD\/MM\/YYYY/,
        ),
      },
      {
        file,
        record: 4,
        column: 'Date',
        message: expect.stringMatching(
          /^The date is empty\. Fix: copy the date from the source record;.*write "unknown"\.$/,
        ),
      },
      {
        file,
        record: 5,
        column: 'Date',
        message: expect.stringMatching(
          /^Found "14\/06\/2031", which is after today \(15\/01\/2026\)\. Fix: check the date/,
        ),
      },
      {
        file,
        record: 6,
        column: 'Contact type + Details',
        message: expect.stringMatching(
          /^The entry has no text \("Contact type" and "Details" are empty\)\. Fix:/,
        ),
      },
      {
        file,
        record: 11,
        column: 'Time',
        message:
          '"25:00" is not a time of day. Fix: write the time as HH:MM on the 24-hour clock (14:30), or leave it empty.',
      },
      {
        file,
        record: 12,
        column: 'Contact type + Details',
        message: expect.stringMatching(
          /^The record stops after 1 of 7 cells, without "Time", "Contact type", "Details", "Worker", "Case note ID" and "Team"; "Contact type" and "Details" are the entry text\. Fix: look for a line break in a cell that is not in double quotes, or a missing delimiter/,
        ),
      },
    ]);
  });

  it('prints a report a reviewer can act on, and creates no agency when nothing is imported', async () => {
    const { run, position, ws, reviewId } = await setUp();
    const before = await position();
    const result = await run(
      'chronology',
      'import',
      messy,
      '--agency',
      'Brackenmoor Children’s Services',
      '--sector',
      'children-social-care',
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'Nothing imported: 7 of 12 records have problems (2–6, 11, 12). Nothing was changed.',
    );
    expect(result.stdout).toContain(
      '  - record 2 (line 3), column "Date": "31/02/2023" is not a real date: February 2023 has 28 days',
    );
    expect(result.stdout).toContain(
      '  text       ← "Contact type" + "Details"  (joined as "Contact type: …; Details: …")',
    );
    expect(result.out).toMatch(
      /Dates kept with their uncertainty \(4\):\n {2}record 7 +"\?\/04\/2023" +month: 01\/04\/2023 – 30\/04\/2023/,
    );
    expect(result.out).toMatch(
      /Names not in the register.*\n {2}Jordan: record 9\n {2}Kyle Marsh: record 7\n/,
    );
    expect(await position()).toEqual(before);
    expect(Object.keys((await ws.load(reviewId)).agencies)).toEqual(['AG-1', 'AG-2']);
  });

  it('with --skip-invalid imports the valid records whole and lists the invalid ones', async () => {
    const { run, entries } = await setUp();
    const result = await run(
      'chronology',
      'import',
      messy,
      '--agency',
      'Brackenmoor Children’s Services',
      '--sector',
      'children-social-care',
      '--skip-invalid',
      '--json',
    );
    expect(result.code).toBe(0);
    const out = result.json<ImportJson>();
    expect(out.imported).toBe(5);
    expect(out.errors.map((e) => e.record)).toEqual([2, 3, 4, 5, 6, 11, 12]);
    const imported = await entries();
    expect(imported.map((e) => e.provenance.record)).toEqual([1, 7, 8, 9, 10]);
    expect(imported.map((e) => e.date.precision)).toEqual([
      'time',
      'month',
      'range',
      'approximate',
      'month',
    ]);
    expect(imported[0]).toMatchObject({
      sourceRef: 'CN-101',
      author: 'Social worker',
      extra: { Team: 'Assessment' },
    });
  });

  it('refuses a file whose header lacks a text column, saying how to map it', async () => {
    const { run, position } = await setUp();
    const before = await position();
    const result = await run(
      'chronology',
      'import',
      fixture('no-text-column.csv'),
      '--agency',
      'AG-1',
      '--json',
    );
    expect(result.code).toBe(1);
    expect(result.json<ImportJson>().errors).toEqual([
      {
        file: 'no-text-column.csv',
        record: null,
        column: null,
        message:
          'No column looks like the entry text (the columns are "Date", "Worker"). Fix: rename the column (e.g. "Details"), or write a mapping file with text: [<heading>, <heading>] (the columns that say what happened); to import with the mapping file, give --map (e.g. --map mapping.yaml).',
      },
    ]);
    expect(await position()).toEqual(before);
  });

  it('refuses an unknown agency without --sector, listing the agencies, in --json form too', async () => {
    const { run } = await setUp();
    const text = await run(
      'chronology',
      'import',
      fixture('health-gp.csv'),
      '--agency',
      'Brackenmoor Surgeri',
    );
    expect(text.code).toBe(1);
    expect(text.err).toContain(
      '--agency: review R-TEST01 has no agency "Brackenmoor Surgeri" (did you mean "Brackenmoor Surgery"?); give one by id (AG-2) or by its name; its agencies are AG-1 "Brackenmoor Surgery", AG-2 "Quillington Police"; to add it with this import, give --sector (e.g. --sector health)',
    );
    const json = await run(
      'chronology',
      'import',
      fixture('health-gp.csv'),
      '--agency',
      'Nobody',
      '--json',
    );
    expect(json.code).toBe(1);
    expect(json.json<ImportJson>()).toMatchObject({
      imported: 0,
      errors: [{ file: 'health-gp.csv', record: null, column: null }],
    });
  });
});

describe('chronology import: mappings', () => {
  it("reuses the agency's saved mapping on its next return, over what the headings suggest", async () => {
    const { run, entries, dir } = await setUp();
    const first = await run(
      'chronology',
      'import',
      fixture('police-occurrences.csv'),
      '--agency',
      'AG-2',
      '--map',
      fixture('police-mapping.yaml'),
      '--json',
    );
    expect(first.json<ImportJson>()).toMatchObject({
      imported: 3,
      mappingSource: 'file',
      mappingSaved: true,
    });
    const next = join(dir, 'police-december.csv');
    writeFileSync(
      next,
      'Occurrence ref;Occurrence date;Officer;Occurrence type;Details;Outcome\nQP-23-0611;02/12/2023 19:40;PC 4471;Concern for welfare;Child heard crying for an hour.;Words of advice\n',
    );
    const second = await run(
      'chronology',
      'import',
      next,
      '--agency',
      'Quillington Police',
      '--json',
    );
    expect(second.json<ImportJson>()).toMatchObject({
      imported: 1,
      mappingSource: 'saved',
      mappingSaved: false,
      extraColumns: ['Outcome'],
    });
    const last = (await entries()).at(-1);
    expect(last?.text).toBe(
      'Occurrence type: Concern for welfare; Details: Child heard crying for an hour.',
    );
    expect(last?.extra).toEqual({ Outcome: 'Words of advice' });
  });

  it('--map overrides a saved mapping; over the same return it is a revision, saved with the mapping when applied', async () => {
    const { run, ws, reviewId, position } = await setUp();
    await run('chronology', 'import', fixture('police-occurrences.csv'), '--agency', 'AG-2');
    const detected = (await ws.load(reviewId)).chronologyMappings['AG-2'];
    expect(detected?.text).toEqual(['Occurrence type', 'Details', 'Outcome']);
    const before = await position();
    const args = [
      'chronology',
      'import',
      fixture('police-occurrences.csv'),
      '--agency',
      'AG-2',
      '--map',
      fixture('police-mapping.yaml'),
    ];
    const shown = await run(...args);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('Columns (from the mapping file):');
    // The Outcome column leaves the text for the extra columns: every entry changes, none is added.
    expect(shown.out).toContain(
      '  0 added, 3 changed, 0 removed, 0 moved to another record, 0 unchanged.',
    );
    expect(shown.out).toContain('      "Outcome": (none) → "Referral sent"');
    expect(await position()).toEqual(before);
    expect((await ws.load(reviewId)).chronologyMappings['AG-2']).toEqual(detected);

    const applied = await run(...args, '--apply');
    expect(applied.code).toBe(0);
    const state = await ws.load(reviewId);
    expect(state.chronologyMappings['AG-2']?.text).toEqual(['Occurrence type', 'Details']);
    expect(Object.keys(state.chronology)).toEqual(['CH-1', 'CH-2', 'CH-3']);
    expect(state.chronology['CH-2']?.extra).toEqual({ Outcome: 'Referral sent' });
  });

  it('refuses a mapping file that names a column the return lacks, naming the file and key', async () => {
    const { run, dir, position } = await setUp();
    const map = join(dir, 'typo.yaml');
    writeFileSync(map, 'date: Occurence date\ntext: Details\n');
    const before = await position();
    const result = await run(
      'chronology',
      'import',
      fixture('police-occurrences.csv'),
      '--agency',
      'AG-2',
      '--map',
      map,
      '--json',
    );
    expect(result.code).toBe(1);
    expect(result.json<ImportJson>().errors[0]?.message).toMatch(
      /^The mapping file typo\.yaml maps date to "Occurence date", but police-occurrences\.csv has no such column \(its columns: "Occurrence ref", "Occurrence date"/,
    );
    expect(await position()).toEqual(before);
  });

  it('refuses an invalid mapping file before reading the workspace', async () => {
    const { run } = await setUp();
    const result = await run(
      'chronology',
      'import',
      fixture('police-occurrences.csv'),
      '--agency',
      'AG-2',
      '--map',
      fixture('bad-mapping.yaml'),
    );
    expect(result.code).toBe(1);
    expect(result.err).toContain('bad-mapping.yaml:3:1 officer: unknown key "officer"');
  });

  it('--month-first reads 03/04/2023 as March 4, and the choice is saved with the mapping', async () => {
    const { run, entries, ws, reviewId, dir } = await setUp();
    const file = join(dir, 'us.csv');
    writeFileSync(file, 'Date,Notes\n03/04/2023,Seen at clinic.\n');
    const result = await run('chronology', 'import', file, '--agency', 'AG-1', '--month-first');
    expect(result.out).toContain('Dates read month first: 03/04/2023 is March 4, 2023.');
    expect((await entries())[0]?.date.start).toBe('2023-03-04');
    expect((await ws.load(reviewId)).chronologyMappings['AG-1']?.dayFirst).toBe(false);
  });

  it('notes a date column chosen by a loose match, naming --map to choose it otherwise', async () => {
    const { run, dir } = await setUp();
    const file = join(dir, 'loose.csv');
    writeFileSync(file, 'Visit date of record,Notes\n01/02/2023,Seen at clinic.\n');
    const result = await run('chronology', 'import', file, '--agency', 'AG-1');
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain(
      '  Note: The date column "Visit date of record" was chosen because the heading contains "date"; check it, or name the columns in a mapping file; to import with the mapping file, give --map (e.g. --map mapping.yaml).',
    );
  });

  it('names --month-first when a day-first column also has month 13, and imports nothing', async () => {
    const { run, dir, position } = await setUp();
    const before = await position();
    const file = join(dir, 'us-dates.csv');
    // 14/03 proves day first, 04/13 month first: the column is mixed, so the UK order stands.
    writeFileSync(file, 'Date,Notes\n14/03/2023,Seen at clinic.\n04/13/2023,Seen at clinic.\n');
    const text = await run('chronology', 'import', file, '--agency', 'AG-1');
    expect(text.code).toBe(1);
    expect(text.out).toContain(
      '    Fix: check the date against the source record; if the day is uncertain, write the month ("?/02/2023") or "approx" before the date; to read dates month first, give --month-first',
    );
    const json = await run('chronology', 'import', file, '--agency', 'AG-1', '--json');
    expect(json.json<ImportJson>().errors[0]?.message).toMatch(
      /if this file writes dates month first, import it reading them that way\. Fix: .*; to read dates month first, give --month-first\.$/,
    );
    expect(await position()).toEqual(before);
  });
});

describe('chronology import: order of uncertain dates', () => {
  it('sorts each entry at its earliest possible day, narrower spans and more certain dates first', async () => {
    const { run, dir } = await setUp();
    const file = join(dir, 'order.csv');
    writeFileSync(
      file,
      [
        'Date,Notes',
        '01/05/2023,Whole day',
        'May 2023,Month',
        '01/05/2023 09:00,Timed',
        'early May 2023,Early May',
        'approx 01/05/2023,About the first',
        'unknown,Undated',
        '2023-05-01 to 2024-04-30,Year',
        '30/04/2023,Day before',
      ].join('\n'),
    );
    await run('chronology', 'import', file, '--agency', 'AG-1');
    const list = await run('chronology', 'list', '--json');
    expect(list.json<ChronologyEntry[]>().map((e) => e.text)).toEqual([
      'Day before',
      'Timed',
      'Whole day',
      'About the first',
      'Early May',
      'Month',
      'Year',
      'Undated',
    ]);
  });
});
