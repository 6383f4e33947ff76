// The finished report PDF, read back with poppler: contents with page numbers that match where
// pdftotext finds each heading, a running header with the title and the edition, a hostile title
// printed as text, both editions, and sections chosen by id (unknown ids refused).
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors.ts';
import type { ReviewState } from '../../src/domain/review-state.ts';
import { loadModel } from '../../src/model/load-model.ts';
import { buildReportView, type ContentsEntry } from '../../src/report/build-report-view.ts';
import { PdfRenderer } from '../../src/report/pdf/pdf-renderer.ts';
import { renderRunningHeader } from '../../src/report/render-html.ts';
import { type RenderReportResult, renderReport } from '../../src/report/render-report.ts';
import { pdfFonts, pdfHasOutline, pdfInfo, pdfText } from '../helpers/pdf-tools.ts';
import { largeReview } from './large-review.ts';

const model = loadModel('learning-together');
const generatedAt = new Date('2026-11-26T09:00:00Z');
const HOSTILE_TITLE = 'Child H: "Harbour" <script>alert("x")</script> & review';
const CONFIDENTIAL = 'Confidential draft — not for publication';

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each page's text, as pdftotext lays it out (pages are separated by form feeds). */
async function pageTexts(file: string): Promise<string[]> {
  return (await pdfText(file, { layout: true })).split('\f').slice(0, -1);
}

/** The heading as the report prints it: "1.2 Summary of the case", "Finding 3 When …". */
const headingText = (entry: ContentsEntry) => flat(`${entry.number} ${entry.text}`);

/**
 * Checks that every contents entry's page is where pdftotext finds its heading (and not the page
 * before), and that the number printed beside each one-line entry is that page.
 */
async function expectContentsMatch(file: string, contents: ContentsEntry[]) {
  const pages = await pageTexts(file);
  const firstBodyPage = Math.min(...contents.map((e) => Number(e.page)));
  const contentsText = pages.slice(1, firstBodyPage - 1).join('\n');
  expect(flat(contentsText)).toContain(' Contents ');
  let printedChecked = 0;
  for (const entry of contents) {
    const page = Number(entry.page);
    expect(page, `${entry.text} has a page`).toBeGreaterThanOrEqual(firstBodyPage);
    expect(flat(pages[page - 1] ?? ''), `"${headingText(entry)}" on page ${page}`).toContain(
      headingText(entry),
    );
    if (page > firstBodyPage) {
      expect(flat(pages[page - 2] ?? ''), `"${headingText(entry)}" not before`).not.toContain(
        headingText(entry),
      );
    }
    const printed = contentsText.match(
      new RegExp(
        `${entry.number ? `${escapeRe(entry.number)}\\s+` : ''}${escapeRe(entry.text)}\\s+(\\d+)\\s*$`,
        'm',
      ),
    );
    if (printed) {
      expect(printed[1], `printed page of "${entry.text}"`).toBe(entry.page);
      printedChecked += 1;
    }
  }
  // Every top-level entry fits on one line, so each of those was read back at least.
  expect(printedChecked).toBeGreaterThanOrEqual(contents.filter((e) => e.level === 2).length);
}

describe('renderReport: the finished PDF', () => {
  let renderer: PdfRenderer;
  let state: ReviewState;
  let outFile: string;
  let result: RenderReportResult;
  let pages: string[];
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tunnelview-finished-pdf-'));
    renderer = await PdfRenderer.launch();
    state = largeReview(model, { kpes: 10, findings: 3, chronology: 40 }, { title: HOSTILE_TITLE });
  });
  afterAll(async () => {
    await renderer?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('renders a confidential edition with contents whose page numbers match the headings', async () => {
    outFile = join(dir, 'report.pdf');
    result = await renderReport(renderer, { state, model, outFile, generatedAt });
    pages = await pageTexts(outFile);
    expect(result.passes).toBe(2);
    expect(pages.length).toBe(result.pages);
    expect(result.view.contents.map((e) => e.text).slice(0, 3)).toEqual([
      'Executive summary',
      'Introduction',
      'Why this case was chosen for review',
    ]);
    expect(result.view.contents.some((e) => e.number === 'Finding 3')).toBe(true);
    await expectContentsMatch(outFile, result.view.contents);
    // Title page, then contents, then the executive summary.
    expect(flat(pages[0] ?? '')).toContain('Learning Together case review');
    expect(flat(pages[1] ?? '')).toMatch(/ Contents Executive summary \d+ 1 Introduction \d+/);
    expect(result.view.contents[0]?.page).toBe('3');
  });

  it('shows the review title and the edition in the running header of a middle page', () => {
    const middle = pages[Math.floor(pages.length / 2)] ?? '';
    const header = middle.split('\n').find((line) => line.trim() !== '') ?? '';
    expect(header).toContain('Child H: "Harbour"');
    expect(header).toContain(CONFIDENTIAL);
  });

  it('prints a title holding <script> and quotes as text, never as markup', async () => {
    const middle = flat(pages[Math.floor(pages.length / 2)] ?? '');
    expect(middle).toContain(HOSTILE_TITLE);
    expect(flat(pages[0] ?? '')).toContain('Child H: "Harbour"');
    const header = renderRunningHeader(result.view);
    expect(header).not.toContain('<script>alert');
    expect(header).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; review');
    expect(result.html).not.toContain('<script>alert');
    // The header is set in the report's own face, not a fallback.
    for (const font of await pdfFonts(outFile)) expect(font.name).toMatch(/^AtkinsonHyperlegible/);
  });

  it('carries the log’s full head on the title page and in the document’s keywords', async () => {
    const anchor = `${state.review.id}:${state.seq}:${state.head}`;
    expect(state.head).toMatch(/^[0-9a-f]{64}$/);
    expect(flat(pages[0] ?? '')).toContain(
      `Review record ${state.seq} events; the log's head (review, event, hash): ${anchor}`,
    );
    expect((await pdfInfo(outFile)).Keywords).toBe(`tunnelview-head ${anchor}`);
  });

  it('marks every page of the confidential edition as not for publication', () => {
    for (const [i, page] of pages.entries()) expect(page, `page ${i + 1}`).toContain(CONFIDENTIAL);
  });

  it('is tagged, with an outline, a title and a language', async () => {
    const info = await pdfInfo(outFile);
    expect(info.Tagged).toBe('yes');
    expect(info.Title).toBe(`${HOSTILE_TITLE} — ${model.report.title}`);
    expect(info.Subject).toBe(model.report.title);
    expect(await pdfHasOutline(outFile)).toBe(true);
    expect((await readFile(outFile)).toString('latin1')).toContain('/Lang (en-GB)');
  });

  it('prints once when the same report is rendered again, with the same numbers', async () => {
    const again = await renderReport(renderer, {
      state,
      model,
      outFile: join(dir, 'again.pdf'),
      generatedAt,
    });
    expect(again.passes).toBe(1);
    expect(again.view.contents).toEqual(result.view.contents);
    expect(again.html).toBe(result.html);
  });

  it('labels the publication edition and never says "not for publication"', async () => {
    const file = join(dir, 'publication.pdf');
    const publication = await renderReport(renderer, {
      state,
      model,
      outFile: file,
      generatedAt,
      edition: 'publication',
      sections: ['executive-summary', 'findings'],
    });
    const text = await pageTexts(file);
    expect(text.length).toBe(publication.pages);
    const middle = text[Math.floor(text.length / 2)] ?? '';
    expect(middle.split('\n').find((l) => l.trim() !== '')).toContain('Publication edition');
    expect(flat(text[0] ?? '')).toContain('PUBLICATION EDITION');
    for (const page of text) expect(page).not.toContain('not for publication');
    const anchor = `${state.review.id}:${state.seq}:${state.head}`;
    expect(flat(text[0] ?? '')).toContain(anchor);
    expect((await pdfInfo(file)).Keywords).toBe(`tunnelview-head ${anchor}`);
    expect(publication.html).not.toContain('not for publication');
    await expectContentsMatch(file, publication.view.contents);
  });

  it('prints only the sections asked for, with the title page and contents, numbers kept', async () => {
    const file = join(dir, 'sections.pdf');
    const chosen = await renderReport(renderer, {
      state,
      model,
      outFile: file,
      generatedAt,
      sections: ['appendix-chronology', 'case-summary'],
    });
    expect(chosen.view.sections.map((s) => [s.id, s.headingOnly])).toEqual([
      ['introduction', true],
      ['case-summary', false],
      ['appendix-chronology', false],
    ]);
    expect(chosen.view.contents.map(headingText)).toEqual([
      '1 Introduction',
      '1.2 Summary of the case',
      'Appendix D Chronology of agency involvement',
    ]);
    const text = flat((await pageTexts(file)).join('\n'));
    expect(text).toContain('Learning Together case review');
    expect(text).toContain('Contents');
    expect(text).toContain('CH-40');
    expect(text).not.toContain('Why this case was chosen for review');
    expect(text).not.toContain('Key practice episodes');
    expect(text).not.toContain('Executive summary');
    await expectContentsMatch(file, chosen.view.contents);
  });

  it('refuses unknown sections, naming them and listing the valid ids, and writes nothing', async () => {
    const file = join(dir, 'refused.pdf');
    let error: unknown;
    try {
      await renderReport(renderer, {
        state,
        model,
        outFile: file,
        generatedAt,
        sections: ['findings', 'finding', 'apendix-map'],
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const refusal = error as ValidationError;
    expect(refusal.message).toContain('"finding", "apendix-map"');
    expect(refusal.message).toContain('executive-summary, introduction, why-this-case');
    expect(refusal.message).toContain('appendix-map');
    expect(refusal.issues.map((i) => [i.code, i.path])).toEqual([
      ['unknown-report-section', ['sections', 1]],
      ['unknown-report-section', ['sections', 2]],
    ]);
    expect(existsSync(file)).toBe(false);
  });
});

describe('buildReportView: editions, sections and the executive summary', () => {
  const state = largeReview(model, { kpes: 4, findings: 2, chronology: 5 });

  it('prints the executive summary first and unnumbered, then numbers from the introduction', () => {
    const view = buildReportView(state, model, { generatedAt });
    expect(view.sections.slice(0, 3).map((s) => [s.id, s.number])).toEqual([
      ['executive-summary', ''],
      ['introduction', '1'],
      ['why-this-case', '1.1'],
    ]);
  });

  it('shows what to write in a missing executive summary, in the confidential edition only', () => {
    const unwritten = { ...state, texts: { ...state.texts } };
    delete unwritten.texts['executive-summary'];
    const draft = buildReportView(unwritten, model, { generatedAt });
    const summary = draft.sections.find((s) => s.id === 'executive-summary');
    expect(summary?.textMissing).toBe(true);
    expect(summary?.prompt).toContain('for a reader who reads nothing else');
    const published = buildReportView(unwritten, model, { generatedAt, edition: 'publication' });
    expect(published.sections.find((s) => s.id === 'executive-summary')?.prompt).toBeNull();
    expect(published.editionLabel).toBe('Publication edition');
    expect(draft.editionLabel).toBe(CONFIDENTIAL);
  });

  it('links to findings and episodes only when the report prints them', () => {
    const whole = buildReportView(state, model, { generatedAt });
    const summary = whole.sections.find((s) => s.id === 'findings-summary');
    expect(summary?.findingsSummary?.[0]?.findings[0]?.href).toBe('#f-1');
    const alone = buildReportView(state, model, { generatedAt, sections: ['findings-summary'] });
    const aloneSummary = alone.sections.find((s) => s.id === 'findings-summary');
    expect(aloneSummary?.findingsSummary?.[0]?.findings[0]?.href).toBeNull();
  });

  it('keeps the outline order whatever order the ids come in', () => {
    const view = buildReportView(state, model, {
      generatedAt,
      sections: ['appendix-limitations', 'research-questions', 'research-questions'],
    });
    expect(view.sections.map((s) => s.id)).toEqual(['research-questions', 'appendix-limitations']);
  });

  it('numbers the printed sections among themselves when asked to', () => {
    const sections = ['executive-summary', 'findings', 'appendix-map', 'appendix-membership'];
    const kept = buildReportView(state, model, { generatedAt, sections });
    expect(kept.sections.map((s) => s.number)).toEqual(['', '7', 'Appendix B', 'Appendix E']);
    const renumbered = buildReportView(state, model, { generatedAt, sections, renumber: true });
    expect(renumbered.sections.map((s) => s.number)).toEqual(['', '1', 'Appendix A', 'Appendix B']);
  });

  it('refuses an empty choice of sections', () => {
    expect(() => buildReportView(state, model, { generatedAt, sections: [] })).toThrow(
      /name at least one report section/,
    );
  });
});
