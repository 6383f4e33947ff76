// `tunnelview chronology template`: a blank agency return in CSV or XLSX with guidance, which,
// filled in as an agency would, imports cleanly with every column mapped and nothing left over.
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { addAgency } from '../../src/app/register.ts';
import { runCli, tempDir, workspaceWithReview } from '../helpers/workspace.ts';

interface ImportJson {
  imported: number;
  errors: unknown[];
  mapping: Record<string, unknown>;
  extraColumns: string[];
  skipped: { record: number; reason: string }[];
}

async function setUp() {
  const dir = tempDir();
  const ws = join(dir, 'ws.db');
  const handle = await workspaceWithReview(ws);
  await addAgency(handle.ws, handle.reviewId, { name: 'Quillington Police', sector: 'police' });
  const run = (...args: string[]) => runCli([...args, '--workspace', ws], { cwd: dir });
  return { ...handle, dir, run };
}

const TEMPLATE_MAPPING = {
  date: 'Date',
  time: 'Time',
  text: ['Contact type', 'Details'],
  author: 'Recorded by (role)',
  sourceRef: 'Record ref',
  dayFirst: true,
};

describe('chronology template', () => {
  it('writes a CSV return: the header and an example row marked as such', async () => {
    const { run, dir } = await setUp();
    const result = await run(
      'chronology',
      'template',
      '--agency',
      'Quillington Police',
      '--format',
      'csv',
    );
    expect(result.code).toBe(0);
    const file = join(dir, 'chronology-return-quillington-police.csv');
    expect(result.stdout[0]).toBe(
      `Wrote ${file}: a blank chronology return for Quillington Police.`,
    );
    const lines = readFileSync(file, 'utf8').split('\r\n');
    expect(lines[0]).toBe('\uFEFFDate,Time,Contact type,Details,Recorded by (role),Record ref');
    expect(lines[1]).toMatch(/^14\/03\/2023,10:30,EXAMPLE ROW \(not imported\): Home visit,/);
  });

  it('a filled-in CSV template imports cleanly, skipping the example row', async () => {
    const { run, dir, ws, reviewId } = await setUp();
    await run(
      'chronology',
      'template',
      '--agency',
      'Quillington Police',
      '--format',
      'csv',
      '--out',
      'return.csv',
    );
    appendFileSync(
      join(dir, 'return.csv'),
      [
        '20/09/2023,23:10,Domestic incident,"Neighbour reported shouting. Officers attended;\nchild seen asleep.",PC,QP-0411',
        'late October 2023,,Concern for welfare,Anonymous caller says the child is left alone.,Call handler,QP-0502',
        '',
      ].join('\r\n'),
    );
    const result = await run(
      'chronology',
      'import',
      'return.csv',
      '--agency',
      'Quillington Police',
      '--json',
    );
    expect(result.code).toBe(0);
    const out = result.json<ImportJson>();
    expect(out).toMatchObject({
      imported: 2,
      errors: [],
      mapping: TEMPLATE_MAPPING,
      extraColumns: [],
    });
    expect(out.skipped).toEqual([{ record: 1, reason: "the template's example row" }]);
    const entries = Object.values((await ws.load(reviewId)).chronology);
    expect(entries.map((e) => e.provenance.record)).toEqual([2, 3]);
    expect(entries[0]).toMatchObject({
      author: 'PC',
      sourceRef: 'QP-0411',
      date: { precision: 'time', time: '23:10' },
    });
  });

  it('writes an XLSX return with notes on the headings and a guidance sheet', async () => {
    const { run, dir } = await setUp();
    await run(
      'chronology',
      'template',
      '--agency',
      'Quillington Police',
      '--format',
      'xlsx',
      '--out',
      'return.xlsx',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'return.xlsx'));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Chronology', 'Guidance']);
    const sheet = workbook.getWorksheet('Chronology') as ExcelJS.Worksheet;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Date',
      'Time',
      'Contact type',
      'Details',
      'Recorded by (role)',
      'Record ref',
    ]);
    expect(sheet.rowCount).toBe(1);
    const note = sheet.getCell('A1').note;
    expect(typeof note === 'string' ? note : JSON.stringify(note)).toContain('?/03/2023');
    const guide = workbook.getWorksheet('Guidance') as ExcelJS.Worksheet;
    expect(guide.getCell('A1').value).toBe('Chronology return for Quillington Police');
  });

  it('a filled-in XLSX template imports cleanly, with dates typed as text or as Excel dates', async () => {
    const { run, dir, ws, reviewId } = await setUp();
    await run(
      'chronology',
      'template',
      '--agency',
      'Quillington Police',
      '--format',
      'xlsx',
      '--out',
      'return.xlsx',
    );
    const path = join(dir, 'return.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.getWorksheet('Chronology') as ExcelJS.Worksheet;
    sheet.addRow([
      '?/04/2023',
      '',
      'Phone call',
      'Grandmother rang with worries about the flat.',
      'Call handler',
      'QP-0301',
    ]);
    sheet.addRow([
      new Date('2023-05-02T00:00:00Z'),
      '14:05',
      'Home visit',
      'Visit after the referral.',
      'PC',
      'QP-0302',
    ]);
    await workbook.xlsx.writeFile(path);
    const result = await run('chronology', 'import', 'return.xlsx', '--agency', 'AG-1', '--json');
    expect(result.json<ImportJson>()).toMatchObject({
      imported: 2,
      errors: [],
      mapping: TEMPLATE_MAPPING,
    });
    const dates = Object.values((await ws.load(reviewId)).chronology).map((e) => e.date);
    expect(dates).toEqual([
      { precision: 'month', start: '2023-04-01', end: '2023-04-30', original: '?/04/2023' },
      { precision: 'time', start: '2023-05-02', time: '14:05', original: '2023-05-02' },
    ]);
  });

  it('does not overwrite a file unless --force is given', async () => {
    const { run } = await setUp();
    await run('chronology', 'template', '--agency', 'Police', '--format', 'csv', '--out', 'x.csv');
    const again = await run(
      'chronology',
      'template',
      '--agency',
      'Police',
      '--format',
      'csv',
      '--out',
      'x.csv',
    );
    expect(again.code).toBe(1);
    expect(again.err).toContain(
      'already exists; choose another file; to overwrite it, give --force',
    );
    const forced = await run(
      'chronology',
      'template',
      '--agency',
      'Police',
      '--format',
      'csv',
      '--out',
      'x.csv',
      '--force',
    );
    expect(forced.code).toBe(0);
  });

  it('refuses a format other than csv or xlsx', async () => {
    const { run } = await setUp();
    const result = await run('chronology', 'template', '--agency', 'Police', '--format', 'docx');
    expect(result.code).toBe(1);
    expect(result.err).toContain('Allowed choices are csv, xlsx');
  });
});
