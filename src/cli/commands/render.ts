/** `render`: the review's findings report as an accessible PDF. */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { RenderError } from '../../domain/errors.ts';
import { runRead, withReviewOption } from '../command-kit.ts';
import type { CliEnvironment } from '../context.ts';
import { printJson } from '../output.ts';

export function registerRenderCommand(program: Command, env: CliEnvironment): void {
  withReviewOption(
    program
      .command('render')
      .description(
        'write the findings report as a tagged A4 PDF, following the model’s report outline',
      )
      .option('--out <file>', 'where to write the PDF (default: <review id>-findings.pdf)')
      .option('--html', 'also write the HTML beside the PDF', false)
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview render --review R-7K2M9Q --out child-a-findings.pdf',
      ),
  ).action(async (_opts, command: Command) => {
    await runRead(env, command, async (service, reviewId, o) => {
      const state = await service.load(reviewId);
      const outFile = resolve(env.cwd, (o.out as string | undefined) ?? `${reviewId}-findings.pdf`);
      // The report stack (Handlebars, puppeteer-core) loads only for commands that render.
      const { findBrowser, MISSING_BROWSER_FIX, PdfRenderer, renderReport } = await import(
        '../../report/index.ts'
      );
      const executablePath = findBrowser(env.env);
      if (!executablePath) {
        throw new RenderError('no Chrome or Chromium was found, so the PDF cannot be rendered', {
          fix: MISSING_BROWSER_FIX,
        });
      }
      const renderer = await PdfRenderer.launch({ executablePath });
      try {
        const result = await renderReport(renderer, {
          state,
          model: service.modelOf(state),
          outFile,
          generatedAt: env.clock?.() ?? new Date(),
          keepHtml: Boolean(o.html),
        });
        if (o.json) {
          printJson(env.output, {
            review: reviewId,
            pdf: outFile,
            pages: result.pages ?? null,
            ms: Math.round(result.ms),
          });
        } else {
          env.output.out(`Wrote ${outFile}${result.pages ? ` (${result.pages} pages)` : ''}`);
        }
      } finally {
        await renderer.close();
      }
    });
  });
}
