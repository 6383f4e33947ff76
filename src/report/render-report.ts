/**
 * The findings report from a review's state to a PDF: view model, HTML, then
 * Chromium through a renderer that the caller launches once and reuses.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ReviewState } from '../domain/review-state.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import { buildReportMaps } from './build-map-figures.ts';
import { buildReportView } from './build-report-view.ts';
import type { PdfRenderer } from './pdf/pdf-renderer.ts';
import { renderReportHtml } from './render-html.ts';

export interface RenderReportInput {
  state: ReviewState;
  model: MethodologyModel;
  outFile: string;
  generatedAt: Date;
  /** Also write the HTML next to the PDF (same name, .html), for checking and archiving. */
  keepHtml?: boolean;
}

export async function renderReport(
  renderer: PdfRenderer,
  input: RenderReportInput,
): Promise<{ pages?: number; ms: number; html: string }> {
  const maps = await buildReportMaps(input.state, input.model);
  const view = buildReportView(input.state, input.model, { generatedAt: input.generatedAt, maps });
  const html = renderReportHtml(view);
  mkdirSync(dirname(input.outFile), { recursive: true });
  if (input.keepHtml) writeFileSync(`${input.outFile.replace(/\.pdf$/i, '')}.html`, html);
  const result = await renderer.render({ html, outFile: input.outFile });
  return { ...result, html };
}
