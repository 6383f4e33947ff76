// The adversary's files, refused by the installed command in its own process within seconds
// and with bounded memory: a 300 MB CSV of two million records, and an XLSX "zip bomb" whose
// 1.2 MB holds a sheet of 1.2 GB (declared honestly, or understated in its directory). Peak
// memory is the child's own (process.resourceUsage().maxRSS, reported by a preloaded hook),
// time is wall-clock from spawn to exit; the store is unchanged after each refusal.
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  logPosition,
  openTestWorkspace,
  tempDir,
  workspaceWithReview,
} from '../helpers/workspace.ts';
import { deflatedPart, partsOf, repeatedPart, writeZip } from '../helpers/zip-files.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'tunnelview.js');
const HOOK = join(ROOT, 'tests', 'helpers', 'report-max-rss.mjs');
const MB = 1024 * 1024;

interface Measured {
  code: number;
  stderr: string;
  seconds: number;
  peakMb: number;
}

/** Runs the installed command in its own process, measuring its peak memory and time. */
async function measured(args: string[], cwd: string): Promise<Measured> {
  const started = process.hrtime.bigint();
  const result = await promisify(execFile)(process.execPath, ['--import', HOOK, BIN, ...args], {
    cwd,
    env: { ...process.env, TUNNELVIEW_ACTOR: 'Test Reviewer' },
    maxBuffer: 16 * MB,
  }).then(
    (r) => ({ code: 0, stderr: r.stderr }),
    (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const kb = Number(/max-rss-kb=(\d+)/.exec(result.stderr)?.[1]);
  const peakMb = Math.round(kb / 1024);
  console.info(
    `${args.slice(0, 3).join(' ')}: exit ${result.code}, ${seconds.toFixed(2)} s, peak RSS ${peakMb} MB`,
  );
  return { ...result, seconds, peakMb };
}

/** A workspace file holding one review, closed so the child process has it to itself. */
async function reviewOnDisk(dir: string) {
  const path = join(dir, 'ws.db');
  const h = await workspaceWithReview(path);
  const before = await logPosition(h.store, h.reviewId);
  await h.ws.close();
  const unchanged = async () => {
    const again = openTestWorkspace(path);
    expect(await logPosition(again.store, h.reviewId)).toEqual(before);
  };
  return { path, unchanged };
}

/** Writes `megabytes` of CSV records, a megabyte at a time, never holding more. */
async function writeLargeCsv(path: string, megabytes: number): Promise<number> {
  const row = '14/03/2023,Home visit; mother tired and the flat cold.,Health visitor,HV-0001\n';
  const block = Buffer.from(row.repeat(Math.floor(MB / row.length)));
  const out = createWriteStream(path);
  out.write('Date,Details,Author,Reference\n');
  for (let i = 0; i < megabytes; i++) {
    if (!out.write(block)) await once(out, 'drain');
  }
  await new Promise<void>((resolve, reject) =>
    out.end((e?: Error | null) => (e ? reject(e) : resolve())),
  );
  return (megabytes * block.length) / row.length;
}

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_ROW =
  '<row><c t="inlineStr"><is><t>14/03/2023</t></is></c><c t="inlineStr"><is><t>Home visit; mother tired and the flat cold.</t></is></c></row>';
const SHEET_TAIL = '</sheetData></worksheet>';

/** A workbook like one exceljs writes, whose sheet unpacks to `megabytes` of rows. */
async function writeBomb(dir: string, name: string, megabytes: number, declaredSize?: number) {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Visits').addRow(['Date', 'Details']);
  const base = join(dir, `base-${name}`);
  await workbook.xlsx.writeFile(base);
  const rows = SHEET_ROW.repeat(Math.floor(MB / SHEET_ROW.length));
  const sheet = repeatedPart('xl/worksheets/sheet1.xml', SHEET_HEAD, rows, megabytes, SHEET_TAIL);
  const parts = partsOf(base, statSync(base).size).map((p) =>
    p.name === 'xl/worksheets/sheet1.xml'
      ? { ...sheet, ...(declaredSize !== undefined ? { declaredSize } : {}) }
      : deflatedPart(p.name, p.data),
  );
  const path = join(dir, name);
  writeZip(path, parts);
  return { path, unpacked: sheet.size, packed: statSync(path).size };
}

describe('refusing the adversary’s files, in the installed command', () => {
  it('refuses a 300 MB CSV of two million records within seconds, under 300 MB of memory', async () => {
    const dir = tempDir();
    const ws = await reviewOnDisk(dir);
    const csv = join(dir, 'police.csv');
    const records = await writeLargeCsv(csv, 300);
    expect(records).toBeGreaterThan(2_000_000);
    const args = [
      'chronology',
      'import',
      csv,
      '--agency',
      'Quillington Police',
      '--sector',
      'police',
    ];
    const run = await measured([...args, '--workspace', ws.path], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'police.csv: the file is 300 MB, over the limit of 50 MB for a file read in; if the file is what you meant to read, raise the limit: give --max-file-size 300',
    );
    expect(run.seconds).toBeLessThan(5);
    expect(run.peakMb).toBeLessThan(300);
    await ws.unchanged();

    // With the size limit raised, the stream stops at the record past the record limit.
    const raised = await measured([...args, '--max-file-size', '400', '--workspace', ws.path], dir);
    expect(raised.code).toBe(1);
    expect(raised.stderr).toContain(
      'police.csv: holds more than 200,000 records, the limit for one file',
    );
    expect(raised.stderr).toContain('give --max-records with a number above 200,000');
    expect(raised.seconds).toBeLessThan(15);
    expect(raised.peakMb).toBeLessThan(400);
    await ws.unchanged();
  });

  it('refuses an XLSX bomb declaring a 1.2 GB sheet before unpacking it, within seconds, under 300 MB', async () => {
    const dir = tempDir();
    const ws = await reviewOnDisk(dir);
    const bomb = await writeBomb(dir, 'bomb.xlsx', 1200);
    expect(bomb.unpacked).toBeGreaterThan(1200 * MB - MB);
    expect(bomb.packed).toBeLessThan(5 * MB);
    const run = await measured(
      [
        'chronology',
        'import',
        bomb.path,
        '--agency',
        'Quillington Police',
        '--sector',
        'police',
        '--workspace',
        ws.path,
      ],
      dir,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /bomb\.xlsx: its parts unpack to 1,200 MB \(xl\/worksheets\/sheet1\.xml alone to 1,200 MB\), over the limit of 50 MB for a file read in; .*give --max-file-size 1200/,
    );
    expect(run.stderr).toMatch(
      /its part xl\/worksheets\/sheet1\.xml unpacks [\d,]+ times larger than it is packed/,
    );
    expect(run.seconds).toBeLessThan(5);
    expect(run.peakMb).toBeLessThan(300);
    await ws.unchanged();
  });

  it('refuses the same bomb when its directory understates the sheet, unpacking no more than declared', async () => {
    const dir = tempDir();
    const ws = await reviewOnDisk(dir);
    const bomb = await writeBomb(dir, 'liar.xlsx', 1200, 1 * MB);
    const run = await measured(
      [
        'chronology',
        'import',
        bomb.path,
        '--agency',
        'Quillington Police',
        '--sector',
        'police',
        '--workspace',
        ws.path,
      ],
      dir,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'liar.xlsx: cannot be read as an XLSX workbook: xl/worksheets/sheet1.xml unpacks to more than the 1,048,576 bytes it declares (a damaged or crafted file)',
    );
    expect(run.seconds).toBeLessThan(5);
    expect(run.peakMb).toBeLessThan(300);
    await ws.unchanged();
  });
});
