// Each agency's perspective: the merged chronology and the side-by-side view, their grouping of
// imprecise dates, the --from/--to/--agency filters, and the text, CSV, HTML and XLSX exports
// read back (CSV with a parser, XLSX with exceljs).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { addChronologyEntry } from '../../src/app/chronology.ts';
import { addAgency } from '../../src/app/register.ts';
import { createReview } from '../../src/app/reviews.ts';
import {
  checkFilter,
  describeDate,
  mergedView,
  periodOf,
  sideBySideView,
} from '../../src/chronology/perspectives.ts';
import { escapeHtml, html, raw } from '../../src/chronology/perspectives-html.ts';
import { MERGED_COLUMNS } from '../../src/chronology/perspectives-records.ts';
import type { EventDate } from '../../src/domain/chronology-entry.ts';
import { openTestWorkspace, runCli } from '../helpers/workspace.ts';

const REVIEW = 'R-VIEW01';

const DATES: Record<string, EventDate> = {
  time: { precision: 'time', start: '2023-03-14', time: '22:40', original: '14/03/2023 22:40' },
  day: { precision: 'day', start: '2023-03-14', original: '14/03/2023' },
  month: { precision: 'month', start: '2023-03-01', end: '2023-03-31', original: '?/03/2023' },
  approximate: { precision: 'approximate', start: '2023-03-15', original: 'approx 15/03/2023' },
  rangeInMonth: {
    precision: 'range',
    start: '2023-05-01',
    end: '2023-05-10',
    original: 'early May 2023',
  },
  rangeInWeek: {
    precision: 'range',
    start: '2023-05-01',
    end: '2023-05-07',
    original: 'w/c 01/05/2023',
  },
  rangeWide: {
    precision: 'range',
    start: '2023-04-20',
    end: '2023-06-10',
    original: 'spring 2023',
  },
  unknown: { precision: 'unknown', original: 'unknown' },
  june: { precision: 'time', start: '2023-06-02', time: '09:00', original: '02/06/2023 09:00' },
};

/** A small review with one entry per kind of date, awkward texts, and a runner for the CLI. */
async function viewWorkspace() {
  const handle = openTestWorkspace();
  const { ws } = handle;
  await createReview(ws, { title: 'Learning review: Child A', kind: 'lcspr' }, REVIEW);
  await addAgency(ws, REVIEW, { name: 'Fenwick Vale Police', sector: 'police' });
  await addAgency(ws, REVIEW, {
    name: "Children's Social Care",
    sector: 'children-social-care',
  });
  await addAgency(ws, REVIEW, { name: 'Health Visiting', sector: 'health' });
  const add = (agencyId: string, date: EventDate, text: string, file?: string, record?: number) =>
    addChronologyEntry(ws, REVIEW, {
      agencyId,
      date,
      text,
      provenance: file ? { method: 'import', file, record } : { method: 'manual' },
    });
  await add(
    'AG-1',
    DATES.time as EventDate,
    "Officers attended. Note said <script>alert('x')</script> & more.",
    'police.csv',
    3,
  );
  await add(
    'AG-2',
    DATES.day as EventDate,
    'Referral received from police.\nSecond line of the record.',
    'csc.xlsx',
    7,
  );
  await add(
    'AG-3',
    DATES.month as EventDate,
    '=HYPERLINK("http://example.org") mother seen in clinic',
  );
  await add('AG-3', DATES.approximate as EventDate, 'Visit around the middle of the month.');
  await add(
    'AG-2',
    DATES.rangeInMonth as EventDate,
    'Early May: family moved in with grandmother.',
  );
  await add('AG-1', DATES.rangeInWeek as EventDate, 'Patrols passed the address that week.');
  await add('AG-1', DATES.unknown as EventDate, 'Undated intelligence note.');
  await add('AG-3', DATES.june as EventDate, 'Home visit, June.');
  await add('AG-2', DATES.rangeWide as EventDate, 'Spring: school attendance fell.');
  const run = (...args: string[]) =>
    runCli([...args, '--workspace', handle.path], { cwd: dirname(handle.path) });
  const state = await ws.load(REVIEW);
  return { ...handle, run, state, dir: dirname(handle.path) };
}

describe('describeDate', () => {
  it('says how precise each date is', () => {
    expect(describeDate(DATES.time as EventDate)).toBe('14/03/2023 22:40');
    expect(describeDate(DATES.day as EventDate)).toBe('14/03/2023');
    expect(describeDate(DATES.month as EventDate)).toBe('March 2023 (month only)');
    expect(describeDate(DATES.approximate as EventDate)).toBe('c. 15/03/2023 (approximate)');
    expect(describeDate(DATES.rangeInMonth as EventDate)).toBe('01/05/2023 – 10/05/2023 (range)');
    expect(describeDate(DATES.unknown as EventDate)).toBe('date not known');
  });
});

describe('periodOf', () => {
  it('groups by day, by week for approximate dates, by month, and by the range itself when it spans months', () => {
    expect(periodOf(DATES.time as EventDate)).toEqual({
      kind: 'day',
      start: '2023-03-14',
      end: '2023-03-14',
      label: 'Tue 14 Mar 2023',
    });
    expect(periodOf(DATES.approximate as EventDate)).toEqual({
      kind: 'week',
      start: '2023-03-13',
      end: '2023-03-19',
      label: 'Week of Mon 13 Mar 2023',
    });
    expect(periodOf(DATES.month as EventDate)).toMatchObject({
      kind: 'month',
      label: 'March 2023',
    });
    expect(periodOf(DATES.rangeInWeek as EventDate)).toMatchObject({
      kind: 'week',
      start: '2023-05-01',
    });
    expect(periodOf(DATES.rangeInMonth as EventDate)).toMatchObject({
      kind: 'month',
      label: 'May 2023',
    });
    expect(periodOf(DATES.rangeWide as EventDate)).toMatchObject({
      kind: 'range',
      label: 'Thu 20 Apr 2023 – Sat 10 Jun 2023',
    });
    expect(periodOf(DATES.unknown as EventDate)).toMatchObject({
      kind: 'undated',
      label: 'Date not known',
    });
  });
});

describe('sideBySideView', () => {
  it('puts each agency in a column and each period in a row, narrower periods first, undated last', async () => {
    const { state } = await viewWorkspace();
    const view = sideBySideView(mergedView(state));
    expect(view.agencies.map((a) => a.name)).toEqual([
      'Fenwick Vale Police',
      "Children's Social Care",
      'Health Visiting',
    ]);
    expect(view.rows.map((r) => r.period.label)).toEqual([
      'March 2023',
      'Week of Mon 13 Mar 2023',
      'Tue 14 Mar 2023',
      'Thu 20 Apr 2023 – Sat 10 Jun 2023',
      'Week of Mon 1 May 2023',
      'May 2023',
      'Fri 2 Jun 2023',
      'Date not known',
    ]);
    const day = view.rows[2];
    expect(Object.keys(day?.cells ?? {})).toEqual(['AG-1', 'AG-2']);
    expect(day?.cells['AG-1']?.[0]?.id).toBe('CH-1');
    expect(day?.cells['AG-2']?.[0]?.id).toBe('CH-2');
  });
});

describe('filters', () => {
  it('keeps entries whose possible days overlap the period, and leaves undated entries out', async () => {
    const { state } = await viewWorkspace();
    const { filter, issues } = checkFilter(state, { from: '2023-03-14', to: '2023-03-31' });
    expect(issues).toEqual([]);
    expect(mergedView(state, filter).rows.map((r) => r.id)).toEqual([
      'CH-3',
      'CH-1',
      'CH-2',
      'CH-4',
    ]);
    const may = checkFilter(state, { from: '2023-05-08' }).filter;
    expect(mergedView(state, may).rows.map((r) => r.id)).toEqual(['CH-9', 'CH-5', 'CH-8']);
  });

  it('selects agencies by id or by name, whatever the case', async () => {
    const { state } = await viewWorkspace();
    const { filter } = checkFilter(state, { agencies: ['fenwick vale police', 'AG-3'] });
    expect(filter.agencyIds).toEqual(['AG-1', 'AG-3']);
    const view = mergedView(state, filter);
    expect(new Set(view.rows.map((r) => r.agencyId))).toEqual(new Set(['AG-1', 'AG-3']));
    expect(view.scope).toBe('Fenwick Vale Police, Health Visiting');
  });

  it('names an unknown agency, an impossible date and a reversed period', async () => {
    const { state } = await viewWorkspace();
    const { issues } = checkFilter(state, { from: '2023-02-31', agencies: ['Probation'] });
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['from', '"2023-02-31" is not a real date: February 2023 has 28 days'],
      [
        'agencies',
        'there is no agency "Probation" in this review; use an id or a name: AG-1 (Fenwick Vale Police), AG-2 (Children\'s Social Care), AG-3 (Health Visiting)',
      ],
    ]);
    expect(checkFilter(state, { from: '2023-06-01', to: '2023-05-01' }).issues[0]?.message).toBe(
      'the last day 2023-05-01 is before the first day 2023-06-01; swap them',
    );
  });
});

describe('the html helper', () => {
  it('escapes interpolated text and inserts only markup marked as ours', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
    expect(html`<td>${'<script>'}</td>${raw('<br>')}`.value).toBe('<td>&lt;script&gt;</td><br>');
    expect(html`<ul>${['<b>', html`<li>${'&'}</li>`]}</ul>`.value).toBe(
      '<ul>&lt;b&gt;<li>&amp;</li></ul>',
    );
  });
});

describe('tunnelview chronology show', () => {
  it('prints the merged chronology in time order with dates, agencies, texts and sources', async () => {
    const { run } = await viewWorkspace();
    const result = await run('chronology', 'show', '--review', REVIEW);
    expect(result.code, result.err).toBe(0);
    const lines = result.stdout.join('\n').split('\n');
    expect(lines[0]).toBe('Merged chronology: Learning review: Child A — 9 entries');
    const heads = lines.filter((l) => /^\S/.test(l)).slice(1);
    expect(heads).toEqual([
      'March 2023 (month only)  Health Visiting  [CH-3, entered by hand]',
      '14/03/2023 22:40  Fenwick Vale Police  [CH-1, police.csv #3]',
      "14/03/2023  Children's Social Care  [CH-2, csc.xlsx #7]",
      'c. 15/03/2023 (approximate)  Health Visiting  [CH-4, entered by hand]',
      "20/04/2023 – 10/06/2023 (range)  Children's Social Care  [CH-9, entered by hand]",
      '01/05/2023 – 07/05/2023 (range)  Fenwick Vale Police  [CH-6, entered by hand]',
      "01/05/2023 – 10/05/2023 (range)  Children's Social Care  [CH-5, entered by hand]",
      '02/06/2023 09:00  Health Visiting  [CH-8, entered by hand]',
      'date not known  Fenwick Vale Police  [CH-7, entered by hand]',
    ]);
    expect(result.out).toContain(
      '    Referral received from police.\n    Second line of the record.',
    );
  });

  it('--side-by-side groups each agency’s entries under the period, and filters by --from, --to and --agency', async () => {
    const { run } = await viewWorkspace();
    const result = await run(
      'chronology',
      'show',
      '--side-by-side',
      '--from',
      '2023-03-14',
      '--to',
      '2023-03-14',
      '--agency',
      'AG-1',
      '--agency',
      "Children's Social Care",
    );
    expect(result.code, result.err).toBe(0);
    expect(result.out.split('\n')[0]).toBe(
      "Side by side: Learning review: Child A (14/03/2023 to 14/03/2023; Fenwick Vale Police, Children's Social Care) — 2 agencies, 1 period",
    );
    const body = result.out.slice(result.out.indexOf('──'));
    expect(body).toMatch(
      /^── Tue 14 Mar 2023 ─+\n {2}Fenwick Vale Police\n {4}22:40 {2}Officers attended\./,
    );
    expect(body).toContain("  Children's Social Care\n    —  Referral received from police.");
    expect(body).not.toContain('Health Visiting');
  });

  it('--json prints the view model: rows with provenance, or periods with cells by agency', async () => {
    const { run } = await viewWorkspace();
    const merged = (await run('chronology', 'show', '--json')).json<{
      rows: { id: string; when: string; file: string | null; record: number | null }[];
    }>();
    expect(merged.rows[1]).toMatchObject({
      id: 'CH-1',
      when: '14/03/2023 22:40',
      file: 'police.csv',
      record: 3,
    });
    const side = (await run('chronology', 'show', '--side-by-side', '--json')).json<{
      rows: { period: { label: string }; cells: Record<string, { id: string }[]> }[];
    }>();
    expect(side.rows[2]?.period.label).toBe('Tue 14 Mar 2023');
    expect(side.rows[2]?.cells['AG-2']?.map((r) => r.id)).toEqual(['CH-2']);
  });

  it('refuses an unknown agency, naming it', async () => {
    const { run } = await viewWorkspace();
    const result = await run('chronology', 'show', '--agency', 'Probation');
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      '--agency: review R-VIEW01 has no agency "Probation"; give one by id (AG-2) or by its name; its agencies are AG-1 "Fenwick Vale Police"',
    );
  });

  it('writes CSV a parser reads back, with provenance, multi-line text and formulas made inert', async () => {
    const { run, dir } = await viewWorkspace();
    const result = await run('chronology', 'show', '--format', 'csv', '--out', 'merged.csv');
    expect(result.code, result.err).toBe(0);
    const records = parse(readFileSync(join(dir, 'merged.csv'), 'utf8'), {
      columns: true,
    }) as Record<string, string>[];
    expect(Object.keys(records[0] ?? {})).toEqual([...MERGED_COLUMNS]);
    expect(records).toHaveLength(9);
    expect(records[1]).toMatchObject({
      id: 'CH-1',
      date: '2023-03-14',
      time: '22:40',
      precision: 'time',
      date_as_recorded: '14/03/2023 22:40',
      agency: 'Fenwick Vale Police',
      source_file: 'police.csv',
      source_record: '3',
    });
    expect(records[2]?.text).toBe('Referral received from police.\nSecond line of the record.');
    expect(records[0]?.text).toBe(`'=HYPERLINK("http://example.org") mother seen in clinic`);

    const side = await run('chronology', 'show', '--format', 'csv', '--side-by-side');
    const rows = parse(side.out, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'period',
      'period_start',
      'period_end',
      'Fenwick Vale Police',
      "Children's Social Care",
      'Health Visiting',
    ]);
    const day = rows.find((r) => r.period === 'Tue 14 Mar 2023');
    expect(day?.['Fenwick Vale Police']).toMatch(/^22:40 {2}Officers attended\./);
    expect(day?.['Health Visiting']).toBe('');
  });

  it('writes a standalone, accessible HTML page with every text escaped', async () => {
    const { run } = await viewWorkspace();
    const merged = await run('chronology', 'show', '--format', 'html');
    expect(merged.code, merged.err).toBe(0);
    const page = merged.out;
    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="en-GB">/);
    expect(page).toContain('<title>Merged chronology — Learning review: Child A</title>');
    expect(page).toContain(
      '<caption>Merged chronology for Learning review: Child A: 9 entries in time order</caption>',
    );
    expect(page).toContain('<th scope="col">Date</th>');
    expect(page).toContain('<th scope="row">14/03/2023 22:40</th>');
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more.');

    const side = await run('chronology', 'show', '--format', 'html', '--side-by-side');
    expect(side.out).toContain('<th scope="col">Fenwick Vale Police</th>');
    expect(side.out).toContain('<th scope="col">Children&#39;s Social Care</th>');
    expect(side.out).toContain('<th scope="row">Tue 14 Mar 2023</th>');
    expect(side.out).not.toContain('<script>');
  });

  it('writes an XLSX workbook with a merged sheet and a side-by-side sheet that exceljs reads back', async () => {
    const { run, dir } = await viewWorkspace();
    const result = await run('chronology', 'show', '--format', 'xlsx', '--out', 'chronology.xlsx');
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain(
      'chronology.xlsx (9 entries; sheets: Merged chronology, Side by side)',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'chronology.xlsx'));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Merged chronology', 'Side by side']);
    const merged = workbook.getWorksheet('Merged chronology') as ExcelJS.Worksheet;
    expect((merged.getRow(1).values as unknown[]).slice(1)).toEqual([...MERGED_COLUMNS]);
    expect(merged.rowCount).toBe(10);
    expect(merged.getRow(3).getCell(1).value).toBe('CH-1');
    expect(merged.getRow(3).getCell(8).value).toBe(
      "Officers attended. Note said <script>alert('x')</script> & more.",
    );
    // XLSX cells are typed text, and neutralised as in the CSV: saved again as CSV, it stays text.
    expect(merged.getRow(2).getCell(8).value).toBe(
      `'=HYPERLINK("http://example.org") mother seen in clinic`,
    );
    const side = workbook.getWorksheet('Side by side') as ExcelJS.Worksheet;
    expect((side.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Period',
      'Fenwick Vale Police',
      "Children's Social Care",
      'Health Visiting',
    ]);
    expect(side.rowCount).toBe(9);
    expect(side.getRow(4).getCell(1).value).toBe('Tue 14 Mar 2023');
    expect(String(side.getRow(4).getCell(3).value)).toContain(
      'Referral received from police.\nSecond line',
    );
  });
});
