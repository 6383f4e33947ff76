/**
 * `render`: the findings report as a tagged PDF or a Word document, in the
 * confidential edition or the publication edition — which goes through the
 * pseudonym register and is written only if the leak check finds nothing.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { RenderError, ValidationError } from '../../domain/errors.ts';
import { issue } from '../../domain/issue.ts';
import type { ReviewState } from '../../domain/review-state.ts';
import { DEFAULT_PARTS, editionSections, OPTIONAL_PARTS } from '../../publish/edition-sections.ts';
import { runRead, withReviewOption } from '../command-kit.ts';
import type { CliEnvironment } from '../context.ts';
import { collect } from '../options.ts';
import { printJson } from '../output.ts';

const RenderOptions = z.object({
  edition: z.enum(['confidential', 'publication'], {
    error: (i) => `unknown edition ${JSON.stringify(i.input)}; use confidential or publication`,
  }),
  format: z.enum(['pdf', 'docx'], {
    error: (i) => `unknown format ${JSON.stringify(i.input)}; use pdf or docx`,
  }),
  include: z
    .array(
      z.enum(OPTIONAL_PARTS, {
        error: (i) =>
          `cannot include ${JSON.stringify(i.input)}; the optional parts are ${OPTIONAL_PARTS.join(', ')}`,
      }),
    )
    .optional(),
});

export function registerRenderCommand(program: Command, env: CliEnvironment): void {
  withReviewOption(
    program
      .command('render')
      .description(
        'write the findings report: a tagged A4 PDF or a Word document, confidential or for publication',
      )
      .option(
        '--edition <edition>',
        'confidential (every page marked not for publication) or publication',
        'confidential',
      )
      .option('--format <format>', 'pdf or docx', 'pdf')
      .option(
        '--include <parts>',
        `optional parts: ${OPTIONAL_PARTS.join(', ')} (publication default: map)`,
        collect,
      )
      .option(
        '--sections <ids>',
        'only these outline sections (title page and contents always)',
        collect,
      )
      .option('--out <file>', 'where to write it (default: <review id>-<edition>.<format>)')
      .option('--html', 'also write the HTML beside a PDF', false)
      .addHelpText(
        'after',
        '\nThe publication edition is written only when its text, HTML and the file itself are free of\nevery identifier in the pseudonym register (and of NHS numbers, phone numbers and postcodes);\notherwise nothing is written and each leak is listed with the field and id it came from.\n\nExample:\n  tunnelview render --edition publication --out child-a-publication.pdf\n  tunnelview render --format docx --sections executive-summary,findings',
      ),
  ).action(async (_opts, command: Command) => {
    await runRead(env, command, async (service, reviewId, o) => {
      const parsed = RenderOptions.safeParse({
        edition: o.edition,
        format: o.format,
        include: o.include,
      });
      if (!parsed.success) {
        throw new ValidationError(
          parsed.error.issues.map((i) =>
            issue('invalid-option', [`--${String(i.path[0])}`], i.message),
          ),
        );
      }
      const { edition, format } = parsed.data;
      const state = await service.load(reviewId);
      const model = service.modelOf(state);
      const sections =
        (o.sections as string[] | undefined) ??
        editionSections(model, parsed.data.include ?? DEFAULT_PARTS[edition]);
      const outFile = resolve(
        env.cwd,
        (o.out as string | undefined) ?? `${reviewId}-${edition}.${format}`,
      );
      const generatedAt = env.clock?.() ?? new Date();

      // The report stack (Handlebars, puppeteer-core, docx) loads only for commands that render.
      const report = await import('../../report/index.ts');
      const executablePath = report.findBrowser(env.env);
      if (!executablePath) {
        throw new RenderError('no Chrome or Chromium was found, so the report cannot be rendered', {
          fix: report.MISSING_BROWSER_FIX,
        });
      }
      const renderer = await report.PdfRenderer.launch({ executablePath });
      try {
        const docx = format === 'docx' ? await import('../../report/docx/index.ts') : undefined;
        const rasteriser = docx ? await docx.launchSvgRasteriser({ executablePath }) : undefined;
        /** Writes one edition of `reviewState` to `file`; a publication state is already pseudonymised. */
        const write = async (reviewState: ReviewState, file: string) => {
          if (docx && rasteriser) {
            const maps = await report.buildReportMaps(reviewState, model);
            const view = report.buildReportView(reviewState, model, {
              generatedAt,
              maps,
              edition,
              ...(sections ? { sections } : {}),
            });
            await writeFile(
              file,
              await docx.renderReportDocx(view, { edition, rasteriseSvg: rasteriser.rasterise }),
            );
            return {};
          }
          const result = await report.renderReport(renderer, {
            state: reviewState,
            model,
            outFile: file,
            generatedAt,
            edition,
            ...(sections ? { sections } : {}),
            keepHtml: Boolean(o.html),
          });
          return {
            html: result.html,
            ...(result.pages !== undefined ? { pages: result.pages } : {}),
          };
        };
        try {
          if (edition === 'confidential') {
            const written = await write(state, outFile);
            const pages = 'pages' in written ? written.pages : undefined;
            if (o.json)
              return printJson(env.output, {
                review: reviewId,
                edition,
                format,
                file: outFile,
                pages: pages ?? null,
              });
            env.output.out(
              `Wrote the confidential edition to ${outFile}${pages ? ` (${pages} pages)` : ''}`,
            );
            return;
          }
          const { publishEdition } = await import('../../publish/publish-edition.ts');
          const { pdfEditionWriter } = await import('../../publish/pdf-edition-writer.ts');
          const writer =
            docx && rasteriser
              ? {
                  format: 'docx' as const,
                  write,
                  readText: async (file: string) => docx.docxText(await readFile(file)),
                }
              : pdfEditionWriter(renderer, {
                  model,
                  generatedAt,
                  ...(sections ? { sections } : {}),
                  keepHtml: Boolean(o.html),
                });
          const published = await publishEdition(service, reviewId, outFile, writer);
          const warnings = [...new Set(published.check.warnings.map((w) => w.text))];
          if (o.json) {
            return printJson(env.output, {
              review: reviewId,
              edition,
              format,
              file: outFile,
              pages: published.pages ?? null,
              sha256: published.sha256,
              substitutions: published.publication.substitutions.length,
              leaks: [],
              warnings,
            });
          }
          env.output.out(
            `Wrote the publication edition to ${outFile}${published.pages ? ` (${published.pages} pages)` : ''}`,
          );
          env.output.out(
            `  leak check passed: ${published.publication.substitutions.length} identifiers replaced through the register; none left in the text, the ${format === 'pdf' ? 'HTML or the PDF' : 'Word document'}`,
          );
          if (warnings.length > 0) {
            env.output.out(
              `  names not in the register, to look at (not refused): ${warnings.slice(0, 30).join(', ')}${warnings.length > 30 ? ', …' : ''}`,
            );
          }
        } finally {
          await rasteriser?.close();
        }
      } finally {
        await renderer.close();
      }
    });
  });
}
