// The publication editions refuse a registered name in disguise, end to end: the report as a PDF
// and as a Word document through real Chromium, and the chronology exports; each refusal names
// the field and the place the disguise stands, and writes nothing. The forms pseudonymisation
// replaces are still kept out, and what the file itself holds — its text and its document
// properties, read back — is checked too.
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../../src/app/browser-session.ts';
import { addChronologyEntry } from '../../src/app/chronology.ts';
import { chronologyView } from '../../src/app/chronology-views.ts';
import { addKpe } from '../../src/app/kpes.ts';
import { type EditionWriter, publishEdition } from '../../src/app/publish-edition.ts';
import { addAgency, addPerson } from '../../src/app/register.ts';
import { renderEdition } from '../../src/app/render-edition.ts';
import { findControls } from '../../src/domain/control-characters.ts';
import { ValidationError } from '../../src/domain/errors.ts';
import type { Leak } from '../../src/publish/find-leaks.ts';
import { pdfText as readPdfText } from '../../src/publish/pdf-text.ts';
import { pdfInfo, pdfText } from '../helpers/pdf-tools.ts';
import { logPosition, runCli, tempDir, workspaceWithReview } from '../helpers/workspace.ts';
import { DISGUISED_FORMS, FATHER } from './disguised-forms.ts';

const browser = new BrowserSession({ env: process.env });
afterAll(() => browser.close());

// A form holding a bidirectional override or a control character never gets in: text fields
// refuse it (src/domain/control-characters.ts), so it cannot reach an edition at all.
const REFUSED_AT_ENTRY = DISGUISED_FORMS.filter((f) => findControls(f.text));
const ENTERABLE = DISGUISED_FORMS.filter((f) => !findControls(f.text));
const DISGUISED = ENTERABLE.filter((f) => !f.plain);
const PLAIN = ENTERABLE.filter((f) => f.plain);

/** One line per form, each saying which line it is. */
function planted(forms: readonly { text: string }[]): string {
  if (forms.length === 0) return 'A home visit; nothing of note.';
  return forms.map((f, i) => `Line ${i + 1}: ${f.text} was seen.`).join('\n');
}

/** Where each form stands in `planted(forms)`: 1-based line and column. */
function placesOf(forms: readonly { text: string }[]): { line: number; column: number }[] {
  const text = planted(forms);
  return forms.map((_form, i) => {
    const offset = text.indexOf(`Line ${i + 1}: `) + `Line ${i + 1}: `.length;
    const before = text.slice(0, offset).split('\n');
    return { line: before.length, column: (before.at(-1) ?? '').length + 1 };
  });
}

async function reviewWith(forms: readonly { text: string }[]) {
  const handle = await workspaceWithReview();
  const { ws, reviewId } = handle;
  const { id: _id, ...father } = FATHER;
  await addPerson(ws, reviewId, father);
  await addAgency(ws, reviewId, { name: 'Harrowby Health Visiting', sector: 'health' });
  await addKpe(ws, reviewId, {
    title: 'A home visit',
    period: { from: '2025-01-10' },
    whatHappened: planted(forms),
  });
  await addChronologyEntry(ws, reviewId, {
    agencyId: 'AG-1',
    date: { precision: 'day', start: '2025-01-10', original: '10/01/2025' },
    text: planted(forms),
  });
  return handle;
}

async function refusalOf(promise: Promise<unknown>): Promise<Leak[]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues as Leak[];
}

/** Every disguised form is named at its line and column in `field`. */
function expectEveryFormNamed(leaks: readonly Leak[], field: string): void {
  const places = placesOf(DISGUISED);
  DISGUISED.forEach((form, i) => {
    expect(
      leaks.find((l) => l.source === field && l.line === places[i]?.line),
      `${form.label} in ${field}`,
    ).toMatchObject({ column: places[i]?.column, personIds: ['P-1'], text: form.text });
  });
}

describe('a disguise made of control characters', () => {
  it('is refused where it is written, naming the field, and the log is unchanged', async () => {
    expect(REFUSED_AT_ENTRY.length).toBeGreaterThan(0);
    for (const form of REFUSED_AT_ENTRY) {
      const { ws, reviewId, store } = await workspaceWithReview();
      const before = await logPosition(store, reviewId);
      // addKpe refuses before it returns a promise; the refusal is the same either way.
      const issues = (await refusalOf(
        Promise.resolve().then(() =>
          addKpe(ws, reviewId, {
            title: 'A home visit',
            period: { from: '2025-01-10' },
            whatHappened: planted([form]),
          }),
        ),
      )) as unknown as { path: string[]; message: string }[];
      expect(issues[0]?.path, form.label).toEqual(['whatHappened']);
      expect(issues[0]?.message).toMatch(/override|control character/);
      expect(await logPosition(store, reviewId)).toEqual(before);
    }
  });
});

describe('the publication edition of the report', () => {
  for (const format of ['pdf', 'docx'] as const) {
    it(`refuses every disguised form as a ${format}, naming where it stands, and writes nothing`, async () => {
      const { ws, reviewId, store } = await reviewWith(DISGUISED);
      const before = await logPosition(store, reviewId);
      const outFile = join(tempDir(), `publication.${format}`);
      const leaks = await refusalOf(
        renderEdition(ws, reviewId, { edition: 'publication', format, outFile }, browser),
      );
      expectEveryFormNamed(leaks, 'KPE-1 what happened');
      expect(leaks.filter((l) => l.source === 'KPE-1 what happened')).toHaveLength(
        DISGUISED.length,
      );
      expect(existsSync(outFile)).toBe(false);
      expect(await logPosition(store, reviewId)).toEqual(before);
    });
  }

  it('still keeps the plainly written forms out: replaced, so the PDF and Word document carry none', async () => {
    const { ws, reviewId } = await reviewWith(PLAIN);
    const dir = tempDir();
    const pdf = await renderEdition(
      ws,
      reviewId,
      { edition: 'publication', outFile: join(dir, 'p.pdf') },
      browser,
    );
    const docx = await renderEdition(
      ws,
      reviewId,
      { edition: 'publication', format: 'docx', outFile: join(dir, 'p.docx') },
      browser,
    );
    expect(pdf.publication?.substitutions).toBeGreaterThanOrEqual(PLAIN.length);
    expect(docx.publication?.substitutions).toBeGreaterThanOrEqual(PLAIN.length);
    const text = (await pdfText(join(dir, 'p.pdf'))).normalize('NFKD').toLowerCase();
    expect(text).not.toMatch(/ja\W*son|smi\W*th|ｊａｓｏｎ/);
    expect(text).toContain('line 1: father was seen.');
  });
});

describe('the publication PDF as written', () => {
  it('is read back, text and properties, and refused for what it holds', async () => {
    const { ws, reviewId } = await reviewWith([]);
    const dir = tempDir();
    const copy = join(dir, 'as-written.pdf');
    const renderer = await browser.pdfRenderer();
    const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    // A template that adds text of its own: the disguised forms, and the name in the title.
    const body = DISGUISED.map(
      (f, i) =>
        `<p>Line ${i + 1}: ${escapeHtml(f.text).replace(/-[ ]*\r?\n/g, '-<br>')} was seen.</p>`,
    ).join('');
    const writer: EditionWriter = {
      format: 'pdf',
      async write(_state, file) {
        const html = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Review for SMITH, Jason</title></head><body>${body}</body></html>`;
        await renderer.render({ html, outFile: file });
        copyFileSync(file, copy);
        return {};
      },
      readText: readPdfText,
      readProperties: async (file) =>
        (await import('../../src/publish/pdf-text.ts')).pdfProperties(file),
    };
    const out = join(dir, 'publication.pdf');
    const leaks = await refusalOf(publishEdition(ws, reviewId, out, writer));
    expect(existsSync(out)).toBe(false);

    // The title a viewer shows, as poppler reads it, is what the check read and refused.
    expect((await pdfInfo(copy)).Title).toBe('Review for SMITH, Jason');
    expect(leaks).toContainEqual(
      expect.objectContaining({
        source: 'publication PDF properties',
        text: 'SMITH, Jason',
        line: 1,
        column: 'Title: Review for '.length + 1,
      }),
    );

    // Every line of the page holds a form the check found where pdf.js reads it; a text found
    // once (Chromium drops some invisible characters, leaving "Jason") is reported once.
    const lines = (await readPdfText(copy)).split('\n');
    const fromPdf = leaks.filter((l) => l.source === 'publication PDF');
    DISGUISED.forEach((form, i) => {
      const line = lines.findIndex((l) => l.startsWith(`Line ${i + 1}: `)) + 1;
      expect(line, form.label).toBeGreaterThan(0);
      const shown = lines[line - 1] ?? '';
      const found = fromPdf.some(
        (l) => l.line === line || (l.line < line && shown.includes(`: ${l.text} was`)),
      );
      expect(found, `${form.label}: ${shown}`).toBe(true);
    });
  });
});

describe('the publication edition of the chronology exports', () => {
  it.each([
    ['csv', false],
    ['html', true],
    ['text', false],
    ['xlsx', true],
  ] as const)(
    'refuses every disguised form in %s (side by side: %s), naming the entry and place',
    async (format, sideBySide) => {
      const { ws, reviewId } = await reviewWith(DISGUISED);
      const leaks = await refusalOf(
        chronologyView(ws, reviewId, { format, sideBySide, edition: 'publication' }),
      );
      expectEveryFormNamed(leaks, 'CH-1 text');
    },
  );

  it('refuses what only the workbook holds, read back from its bytes', async () => {
    const { ws, reviewId } = await reviewWith([]);
    // Agency names are not pseudonymised; one that carries a disguised name shows in its sheets.
    await addAgency(ws, reviewId, { name: 'J\u0430son Smith Family Centre', sector: 'other' });
    await addChronologyEntry(ws, reviewId, {
      agencyId: 'AG-2',
      date: { precision: 'day', start: '2025-01-11', original: '11/01/2025' },
      text: 'Family support session held.',
    });
    const leaks = await refusalOf(
      chronologyView(ws, reviewId, { format: 'xlsx', edition: 'publication' }),
    );
    expect(leaks.map((l) => [l.source, l.text])).toContainEqual([
      'publication chronology (XLSX)',
      'J\u0430son Smith',
    ]);
    const confidential = await chronologyView(ws, reviewId, { format: 'xlsx' });
    expect(confidential.format).toBe('xlsx');
  });

  it('gives the export with the register applied when nothing is left', async () => {
    const { ws, reviewId } = await reviewWith(PLAIN);
    const shown = await chronologyView(ws, reviewId, { format: 'csv', edition: 'publication' });
    expect(shown.format === 'csv' && shown.text).toContain('Line 1: Father was seen.');
    expect('publication' in shown && shown.publication.substitutions).toBe(PLAIN.length);
  });

  it('tunnelview chronology show --edition publication exits 1 naming the leak, writing nothing', async () => {
    const { path, store } = await reviewWith(DISGUISED);
    await store.close();
    const dir = tempDir();
    const out = join(dir, 'chronology.csv');
    const run = await runCli([
      'chronology',
      'show',
      '--format',
      'csv',
      '--edition',
      'publication',
      '--out',
      out,
      '--workspace',
      path,
    ]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^Refused; nothing was changed:/);
    const cyrillic = placesOf(DISGUISED)[DISGUISED.findIndex((f) => f.label === 'Cyrillic а')];
    expect(run.err).toContain(
      `CH-1 text: line ${cyrillic?.line}, column ${cyrillic?.column}: "J\u0430son" reads as "Jason"`,
    );
    expect(existsSync(out)).toBe(false);

    const plain = await runCli([
      'chronology',
      'show',
      '--format',
      'csv',
      '--edition',
      'confidential',
      '--out',
      out,
      '--workspace',
      path,
    ]);
    expect(plain.code, plain.err).toBe(0);
    expect(existsSync(out)).toBe(true);
  });
});
