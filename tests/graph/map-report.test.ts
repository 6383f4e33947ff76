// The map in the findings report: the whole map in its appendix and a subgraph in each finding,
// as inline SVG inside <figure> with a caption; user text still escaped; the PDF still tagged.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../src/model/load-model.ts';
import { buildReportMaps } from '../../src/report/build-map-figures.ts';
import { buildReportView } from '../../src/report/build-report-view.ts';
import { PdfRenderer } from '../../src/report/pdf/pdf-renderer.ts';
import { renderReportHtml } from '../../src/report/render-html.ts';
import { renderReport } from '../../src/report/render-report.ts';
import { pdfInfo, pdfText } from '../helpers/pdf-tools.ts';
import { tempDir } from '../helpers/workspace.ts';
import { generatedReview, smallReview } from './map-fixtures.ts';

const model = loadModel('learning-together');
const generatedAt = new Date('2026-11-26T09:00:00Z');

describe('report map figures', () => {
  it('puts the whole map in the map section and each finding’s subgraph in the finding', async () => {
    const state = smallReview();
    const maps = await buildReportMaps(state, model);
    const view = buildReportView(state, model, { generatedAt, maps });
    const section = view.sections.find((s) => s.content === 'map');
    expect(section?.heading).toBe('Map of the analysis');
    expect(section?.mapFigures?.map((f) => f.id)).toEqual(['map']);
    const findings = view.sections.find((s) => s.content === 'findings')?.findings ?? [];
    expect(findings.map((f) => f.mapFigures.map((m) => m.id))).toEqual([['map-f-1'], ['map-f-2']]);

    const html = renderReportHtml(view);
    expect(html.match(/<figure class="map" id="map(-f-\d)?">\s*<svg /g)).toHaveLength(3);
    expect(html).toContain('<figcaption>Map of the analysis. Key practice episodes');
    expect(html).toContain('<figcaption>The analysis behind finding 1 (F-1): its');
    // Still escaped inside the stashed SVG, and every id on the page is unique.
    expect(html).not.toContain('<script');
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('says when there is nothing to map, and when the map is not drawn', async () => {
    const empty = { ...smallReview(), kpes: {}, factors: {}, links: {}, findings: {} };
    const maps = await buildReportMaps(empty, model);
    const drawnView = buildReportView(empty, model, { generatedAt, maps });
    expect(drawnView.sections.find((s) => s.content === 'map')?.emptyNote).toContain(
      'Nothing has been recorded to map yet',
    );
    const undrawn = buildReportView(smallReview(), model, { generatedAt });
    expect(undrawn.sections.find((s) => s.content === 'map')?.emptyNote).toBe(
      'The map of the analysis is drawn when the report is rendered.',
    );
  });

  it('cuts a 40-KPE map into page-sized parts with their own captions', async () => {
    const maps = await buildReportMaps(generatedReview(model, 40), model);
    expect(maps.whole.length).toBeGreaterThan(1);
    expect(maps.whole[1]?.caption).toBe(
      `Map of the analysis, continued (part 2 of ${maps.whole.length}).`,
    );
  });
});

describe('report map figures in the PDF', () => {
  let renderer: PdfRenderer;
  beforeAll(async () => {
    renderer = await PdfRenderer.launch();
  });
  afterAll(async () => {
    await renderer?.close();
  });

  it('prints the map and the subgraphs as text a reader can find, in a tagged PDF', async () => {
    const state = smallReview();
    const outFile = join(tempDir(), 'findings.pdf');
    await renderReport(renderer, { state, model, outFile, generatedAt });
    expect((await pdfInfo(outFile)).Tagged).toBe('yes');
    const text = await pdfText(outFile);
    const appendix = text.lastIndexOf('Map of the analysis');
    expect(appendix).toBeGreaterThan(-1);
    const mapText = text.slice(text.indexOf('Map of the analysis', text.indexOf('Appendix')));
    for (const id of ['KPE-1', 'KPE-2', 'CF-1', 'CF-3', 'F-1', 'F-2', 'Good practice']) {
      expect(mapText).toContain(id);
    }
    expect(text).toContain('The analysis behind finding 2 (F-2)');
    expect(text).toContain('<script>alert');
  });
});
