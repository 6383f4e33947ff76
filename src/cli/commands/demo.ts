/** `demo`: builds the fictional demo review into a fresh workspace and writes its findings PDF. */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_PARTS, editionSections } from '../../publish/edition-sections.ts';
import { optionsOf } from '../command-kit.ts';
import { type CliEnvironment, withService } from '../context.ts';
import { defined } from '../options.ts';
import { printJson } from '../output.ts';

export function registerDemoCommand(program: Command, env: CliEnvironment): void {
  program
    .command('demo')
    .description(
      'build the fictional demo review (examples/) in a fresh workspace and render its findings PDF',
    )
    .option('--out <dir>', 'where to put the workspace and the PDF', 'out/demo')
    .addHelpText('after', '\nExample:\n  tunnelview demo --out out/demo')
    .action(async (_opts, command: Command) => {
      const o = optionsOf(command);
      const dir = resolve(env.cwd, String(o.out));
      const workspace = join(dir, 'tunnelview.db');
      const pdf = join(dir, 'findings.pdf');
      const publication = join(dir, 'findings-publication.pdf');
      mkdirSync(dir, { recursive: true });
      // The demo always starts from nothing, so it shows what a fresh clone produces.
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${workspace}${suffix}`, { force: true });
      const log = (line: string) => env.output.err(line);
      const { buildDemoReview, DEMO_SCENARIO } = await import('../../demo/build-demo.ts');
      const { ensureBrowser, PdfRenderer, renderReport } = await import('../../report/index.ts');
      const { publishEdition } = await import('../../publish/publish-edition.ts');
      const { pdfEditionWriter } = await import('../../publish/pdf-edition-writer.ts');
      // Find (or, as root on Debian, install) the browser before writing anything.
      const executablePath = await ensureBrowser({ log });
      await withService(env, { ...o, workspace }, { create: true }, async (service, store) => {
        const reviewId = await buildDemoReview(service, DEMO_SCENARIO, {
          today: (env.clock?.() ?? new Date()).toISOString().slice(0, 10),
        });
        const state = await service.load(reviewId);
        const chain =
          (await store.verify(reviewId)).length === 0 ? 'hash chain verified' : 'HASH CHAIN BROKEN';
        const renderer = await PdfRenderer.launch({ executablePath, log });
        try {
          const generatedAt = env.clock?.() ?? new Date();
          const model = service.modelOf(state);
          const result = await renderReport(renderer, {
            state,
            model,
            outFile: pdf,
            generatedAt,
            keepHtml: true,
          });
          // The publication edition, through the register; written only if it leaks nothing.
          const published = await publishEdition(
            service,
            reviewId,
            publication,
            pdfEditionWriter(renderer, {
              model,
              generatedAt,
              ...defined({ sections: editionSections(model, DEFAULT_PARTS.publication) }),
            }),
          );
          const show = (p: string) =>
            relative(env.cwd, p).startsWith('..') ? p : relative(env.cwd, p);
          if (o.json) {
            printJson(env.output, {
              review: reviewId,
              workspace,
              pdf,
              pages: result.pages ?? null,
              publication,
              publicationPages: published.pages ?? null,
              events: (await service.load(reviewId)).seq,
            });
            return;
          }
          env.output.out(`Demo review ${reviewId}: ${state.review.title}`);
          env.output.out(`  workspace: ${show(workspace)} (${state.seq} events, ${chain})`);
          env.output.out(
            `  findings:  ${show(pdf)}${result.pages ? ` (${result.pages} pages, confidential edition)` : ''}`,
          );
          env.output.out(
            `             ${show(publication)}${published.pages ? ` (${published.pages} pages, publication edition; leak check passed)` : ''}`,
          );
          env.output.out(`Try: npx tunnelview kpe list --workspace ${show(workspace)}`);
        } finally {
          await renderer.close();
        }
      });
      if (!existsSync(pdf)) process.exitCode = 2;
    });
}
