/**
 * The findings report from a review's state to a PDF: view model, HTML, then
 * Chromium through a renderer that the caller launches once and reuses.
 *
 * The contents list page numbers, which Chromium cannot compute in CSS
 * (no `target-counter()`), so the renderer finds them by laying the report
 * out and fills them in before the final print. The numbers found are kept
 * per process by a hash of the report without them, so re-rendering an
 * unchanged report prints once.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ReviewState } from '../domain/review-state.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import { writePrivateFileSync } from '../store/private-file.ts';
import { BoundedCache, contentKey } from './bounded-cache.ts';
import { buildReportMaps } from './build-map-figures.ts';
import { buildReportView, type ReportEdition, type ReportView } from './build-report-view.ts';
import type { BlockedRequests } from './pdf/closed-page.ts';
import type { PdfRenderer } from './pdf/pdf-renderer.ts';
import { renderReportHtml, renderRunningHeader } from './render-html.ts';

export interface RenderReportInput {
  state: ReviewState;
  model: MethodologyModel;
  outFile: string;
  generatedAt: Date;
  /**
   * Default confidential. A publication edition must be given a state already through the
   * pseudonym register: this renders what it is given and labels every page with the edition.
   */
  edition?: ReportEdition;
  /**
   * Outline section ids to print (a chosen section brings its subsections); the title page and
   * contents always print. Unknown ids are refused with a ValidationError listing the valid ones.
   */
  sections?: readonly string[];
  /**
   * Number the printed sections among themselves, for an edition that leaves parts out for good
   * (no "Appendix C" then "Appendix E"). By default sections keep their full-outline numbers.
   */
  renumber?: boolean;
  /** Also write the HTML next to the PDF (same name, .html), for checking and archiving. */
  keepHtml?: boolean;
}

export interface RenderReportResult {
  /** Page count of the PDF, when it could be read. */
  pages?: number;
  /** End to end: maps, view, HTML and printing. */
  ms: number;
  /** The HTML the PDF was printed from, page numbers included. */
  html: string;
  /** The view model it was rendered from, contents page numbers included. */
  view: ReportView;
  /** Times Chromium printed the report: 2 when the page numbers had to be found, else 1. */
  passes: number;
  /** Loads the page tried beyond the report itself: refused and counted (none, normally). */
  blocked: BlockedRequests;
}

// Page numbers of recent reports, by a hash of the report's HTML and header without them.
const pageNumberCache = new BoundedCache<Record<string, number>>(64);

/** Forgets the page numbers of earlier renders (for benchmarks that time a first render). */
export function clearPageNumberCache(): void {
  pageNumberCache.clear();
}

function withPageNumbers(view: ReportView, pageOf: Readonly<Record<string, number>>): ReportView {
  return {
    ...view,
    contents: view.contents.map((entry) => ({
      ...entry,
      page: pageOf[entry.target] === undefined ? '' : String(pageOf[entry.target]),
    })),
  };
}

/**
 * Renders the report to `outFile` as a tagged A4 PDF with an outline, a running header (review
 * title and edition) and a table of contents with page numbers.
 *
 * `renderer` may also be the promise `PdfRenderer.launch()` returns: the maps and HTML are then
 * made while the browser starts (a cold command saves most of a second). The caller still owns
 * the renderer and closes it.
 *
 * @example
 * const renderer = await PdfRenderer.launch();
 * try {
 *   await renderReport(renderer, { state, model, outFile: 'report.pdf', generatedAt: new Date(),
 *     edition: 'publication', sections: ['executive-summary', 'findings'] });
 * } finally {
 *   await renderer.close();
 * }
 * @throws ValidationError for unknown `sections`; RenderError when Chromium fails.
 */
export async function renderReport(
  renderer: PdfRenderer | Promise<PdfRenderer>,
  input: RenderReportInput,
): Promise<RenderReportResult> {
  const started = performance.now();
  const maps = await buildReportMaps(input.state, input.model);
  const draft = buildReportView(input.state, input.model, {
    generatedAt: input.generatedAt,
    maps,
    edition: input.edition ?? 'confidential',
    ...(input.sections ? { sections: input.sections } : {}),
    ...(input.renumber ? { renumber: true } : {}),
  });
  const draftHtml = renderReportHtml(draft);
  const headerTemplate = renderRunningHeader(draft);
  const key = contentKey(draftHtml, headerTemplate);
  const known = pageNumberCache.get(key);
  const html = known ? renderReportHtml(withPageNumbers(draft, known)) : draftHtml;
  const result = await (await renderer).render({
    html,
    outFile: input.outFile,
    headerTemplate,
    info: { Subject: draft.reportTitle, Keywords: draft.documentKeywords },
    pageRefs: {
      targets: draft.contents.map((entry) => entry.target),
      ...(known ? { known } : {}),
    },
  });
  const pageOf = result.pageOf ?? {};
  pageNumberCache.set(key, pageOf);
  const view = withPageNumbers(draft, pageOf);
  // What Chromium printed: the same template with the numbers it found (usually `html` itself).
  const finalHtml = known && sameNumbers(known, pageOf) ? html : renderReportHtml(view);
  if (input.keepHtml) {
    mkdirSync(dirname(input.outFile), { recursive: true });
    writePrivateFileSync(`${input.outFile.replace(/\.pdf$/i, '')}.html`, finalHtml);
  }
  return {
    ...(result.pages === undefined ? {} : { pages: result.pages }),
    ms: Math.round(performance.now() - started),
    html: finalHtml,
    view,
    passes: result.passes,
    blocked: result.blocked,
  };
}

function sameNumbers(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>) {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
