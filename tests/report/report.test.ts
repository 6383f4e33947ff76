import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addKpe } from '../../src/app/kpes.ts';
import { loadModel } from '../../src/model/load-model.ts';
import { walkOutline } from '../../src/model/lookups.ts';
import { buildReportView } from '../../src/report/build-report-view.ts';
import { PdfRenderer } from '../../src/report/pdf/pdf-renderer.ts';
import { renderReportHtml } from '../../src/report/render-html.ts';
import { renderReport } from '../../src/report/render-report.ts';
import { pdfHasOutline, pdfInfo, pdfText } from '../helpers/pdf-tools.ts';
import { buildSampleReview, tempDir, workspaceWithReview } from '../helpers/workspace.ts';

const model = loadModel('learning-together');
const generatedAt = new Date('2026-11-26T09:00:00Z');

async function sampleState() {
  const { ws, reviewId } = await workspaceWithReview();
  await buildSampleReview(ws, reviewId);
  return { ws, reviewId, state: await ws.load(reviewId) };
}

describe('buildReportView', () => {
  it('follows the model outline, numbering sections and lettering appendices', async () => {
    const { state } = await sampleState();
    const view = buildReportView(state, model, { generatedAt });
    const outline = walkOutline(model);
    expect(view.sections.map((s) => s.id)).toEqual(outline.map((e) => e.section.id));
    // The executive summary comes first, unnumbered; numbering starts at the introduction.
    expect(view.sections[0]?.number).toBe('');
    expect(view.sections[1]?.number).toBe('1');
    expect(view.sections[2]?.number).toBe('1.1');
    const firstAppendix = view.sections.find((s) => s.appendix);
    expect(firstAppendix?.number).toBe('Appendix A');
  });

  it('orders KPEs by when they began and keeps their stable ids', async () => {
    const { state } = await sampleState();
    const view = buildReportView(state, model, { generatedAt });
    const table = view.sections.find((s) => s.content === 'kpe-table')?.kpeTable ?? [];
    const starts = table.map((k) => state.kpes[k.id]?.period.from ?? '');
    expect(starts).toEqual([...starts].sort());
    expect(table.every((k) => /^KPE-\d+$/.test(k.id))).toBe(true);
  });

  it('says plainly when a section has nothing in it yet', async () => {
    const { ws, reviewId } = await workspaceWithReview();
    const state = await ws.load(reviewId);
    const view = buildReportView(state, model, { generatedAt });
    const findings = view.sections.find((s) => s.content === 'findings');
    expect(findings?.emptyNote).toBe('No findings have been recorded yet.');
    const summary = view.sections.find((s) => s.id === 'case-summary');
    expect(summary?.textMissing).toBe(true);
  });
});

describe('renderReportHtml', () => {
  it('escapes user text, so markup in a title is printed, never run', async () => {
    const { ws, reviewId } = await sampleState();
    await addKpe(ws, reviewId, {
      title: '<script>alert("x")</script> & <b>bold</b>',
      period: { from: '2023-06-01' },
      whatHappened: 'A plain account.',
    });
    const state = await ws.load(reviewId);
    const html = renderReportHtml(buildReportView(state, model, { generatedAt }));
    expect(html).not.toContain('<script>alert');
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;',
    );
  });
});

describe('renderReport (PDF)', () => {
  let renderer: PdfRenderer;
  beforeAll(async () => {
    renderer = await PdfRenderer.launch();
  });
  afterAll(async () => {
    await renderer?.close();
  });

  it('writes a tagged A4 PDF whose text follows the outline, with each finding and its Issues for the Board', async () => {
    const { state } = await sampleState();
    const outFile = join(tempDir(), 'findings.pdf');
    const result = await renderReport(renderer, { state, model, outFile, generatedAt });
    expect(result.pages).toBeGreaterThan(3);

    const info = await pdfInfo(outFile);
    expect(info.Tagged).toBe('yes');
    expect(info.Title).toBe(`${state.review.title} — ${model.report.title}`);
    expect(info['Page size']).toContain('A4');
    expect(await pdfHasOutline(outFile)).toBe(true);

    const text = await pdfText(outFile, { layout: false });
    // Top-level outline headings appear in the model's order.
    let cursor = -1;
    for (const section of model.report.outline) {
      const at = text.indexOf(section.heading, cursor + 1);
      expect(at, `heading "${section.heading}" after position ${cursor}`).toBeGreaterThan(cursor);
      cursor = at;
    }
    for (const finding of Object.values(state.findings)) {
      const at = text.indexOf(finding.statement.slice(0, 40));
      expect(at).toBeGreaterThan(-1);
      for (const s of model.findingSections) expect(text.indexOf(s.title, at)).toBeGreaterThan(at);
      for (const b of finding.boardIssues) expect(text).toContain(b.question.slice(0, 40));
    }
    expect(text).toContain('Issues for the Board');
    expect(text).toMatch(/Page 2 of \d+/);
  });
});
