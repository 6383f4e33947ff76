/**
 * Renders the findings report: a tagged A4 PDF or a Word document, in the
 * confidential edition or the publication edition — which goes through the
 * pseudonym register and is written only if the leak check finds nothing.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ModelId } from '../domain/primitives.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import { DEFAULT_PARTS, editionSections, OPTIONAL_PARTS } from '../publish/edition-sections.ts';
import type { BlockedRequests } from '../report/pdf/closed-page.ts';
import { writePrivateFile } from '../store/private-file.ts';
import type { BrowserSession } from './browser-session.ts';
import type { Progress } from './progress.ts';
import type { EditionWriter } from './publish-edition.ts';
import type { Workspace } from './workspace.ts';

const EDITIONS = ['confidential', 'publication'] as const;
const FORMATS = ['pdf', 'docx'] as const;

export const RenderRequest = z.strictObject({
  edition: z
    .enum(EDITIONS, {
      error: (i) => `unknown edition ${JSON.stringify(i.input)}; use ${EDITIONS.join(' or ')}`,
    })
    .default('confidential'),
  format: z
    .enum(FORMATS, {
      error: (i) => `unknown format ${JSON.stringify(i.input)}; use ${FORMATS.join(' or ')}`,
    })
    .default('pdf'),
  /** Optional parts to print; by default the edition's own (the publication leaves out the chronology). */
  include: z
    .array(
      z.enum(OPTIONAL_PARTS, {
        error: (i) =>
          `cannot include ${JSON.stringify(i.input)}; the optional parts are ${OPTIONAL_PARTS.join(', ')}`,
      }),
    )
    .optional(),
  /** Only these outline sections (the title page and contents always print). */
  sections: z.array(ModelId).optional(),
  /** Where the file goes. */
  outFile: z.string().min(1, 'name the file to write'),
  /** Also write the HTML beside a PDF. */
  keepHtml: z.boolean().default(false),
});
export type RenderRequest = z.input<typeof RenderRequest>;

export interface RenderedEdition {
  review: string;
  edition: (typeof EDITIONS)[number];
  format: (typeof FORMATS)[number];
  file: string;
  pages: number | null;
  /** What the page (or the map pictures' pages) tried to load beyond the report's own assets: refused. */
  blocked: BlockedRequests;
  /** Publication edition: what the leak check found and recorded. */
  publication?: {
    sha256: string;
    substitutions: number;
    /** Names seen that the register does not hold: shown for a look, not refused. */
    warnings: string[];
    /** The head sealed after the publication was recorded, when a seal key is configured. */
    sealed?: { seq: number; headHash: string; keyFingerprint: string }[];
  };
}

export async function renderEdition(
  ws: Workspace,
  reviewId: string,
  request: RenderRequest,
  browser: BrowserSession,
  progress?: Progress,
): Promise<RenderedEdition> {
  const r = parseOrThrow(RenderRequest, request);
  const state = await ws.load(reviewId);
  const model = ws.modelOf(state);
  const sections = r.sections ?? editionSections(model, r.include ?? DEFAULT_PARTS[r.edition]);
  const generatedAt = ws.clock();
  const head = { review: state.review.id, edition: r.edition, format: r.format, file: r.outFile };

  progress?.({ step: 'starting the browser' });
  const report = await import('../report/index.ts');
  const renderer = await browser.pdfRenderer();
  const docx = r.format === 'docx' ? await import('../report/docx/index.ts') : undefined;
  const rasteriser = docx ? await browser.svgRasteriser() : undefined;

  let blocked: BlockedRequests = { count: 0, urls: [] };
  /** Writes one edition of a state (a publication state is already pseudonymised) to `file`. */
  const write = async (
    reviewState: ReviewState,
    file: string,
  ): Promise<{ html?: string; pages?: number }> => {
    if (docx && rasteriser) {
      progress?.({ step: 'drawing the maps' });
      const maps = await report.buildReportMaps(reviewState, model);
      const view = report.buildReportView(reviewState, model, {
        generatedAt,
        maps,
        edition: r.edition,
        ...(sections ? { sections } : {}),
      });
      progress?.({ step: 'writing the Word document' });
      rasteriser.takeBlocked();
      await writePrivateFile(
        file,
        await docx.renderReportDocx(view, {
          edition: r.edition,
          rasteriseSvg: rasteriser.rasterise,
        }),
      );
      blocked = rasteriser.takeBlocked();
      return {};
    }
    progress?.({ step: 'printing the PDF' });
    const result = await report.renderReport(renderer, {
      state: reviewState,
      model,
      outFile: file,
      generatedAt,
      edition: r.edition,
      // Left-out parts leave no gaps in the publication's numbering ("Appendix C, E").
      ...(sections ? { sections, renumber: r.edition === 'publication' } : {}),
      keepHtml: r.keepHtml,
    });
    blocked = result.blocked;
    return { html: result.html, ...(result.pages !== undefined ? { pages: result.pages } : {}) };
  };

  if (r.edition === 'confidential') {
    const written = await write(state, r.outFile);
    return { ...head, pages: written.pages ?? null, blocked };
  }
  const { publishEdition } = await import('./publish-edition.ts');
  /** A Word document's text by where it is: its properties apart, so a leak there is named so. */
  const docxParts = async (file: string, properties: boolean) =>
    (docx?.docxTextParts(await readFile(file)) ?? [])
      .filter((p) => (p.source === 'properties') === properties)
      .map((p) => p.text.trimEnd())
      .join('\n\n');
  const writer: EditionWriter = docx
    ? {
        format: 'docx',
        write,
        readText: (file) => docxParts(file, false),
        readProperties: (file) => docxParts(file, true),
      }
    : {
        format: 'pdf',
        write,
        readText: async (file) => (await import('../publish/pdf-text.ts')).pdfText(file),
        readProperties: async (file) =>
          (await import('../publish/pdf-text.ts')).pdfProperties(file),
      };
  progress?.({ step: 'checking the publication edition for leaks' });
  const published = await publishEdition(ws, state.review.id, r.outFile, writer);
  return {
    ...head,
    pages: published.pages ?? null,
    blocked,
    publication: {
      sha256: published.sha256,
      substitutions: published.publication.substitutions.length,
      warnings: [...new Set(published.check.warnings.map((w) => w.text))],
      ...(published.seals
        ? {
            sealed: published.seals.map(({ seq, headHash, keyFingerprint }) => ({
              seq,
              headHash,
              keyFingerprint,
            })),
          }
        : {}),
    },
  };
}
