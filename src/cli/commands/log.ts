/** `log`, `verify`, `export`, `import`: the event log, its integrity, and bundles. */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { ValidationError } from '../../domain/errors.ts';
import { formatIssue, issue } from '../../domain/issue.ts';
import { loadModel } from '../../model/load-model.ts';
import { checkBundle, exportBundle, storeBundle } from '../../service/bundle.ts';
import { optionsOf, runRead, withReviewOption } from '../command-kit.ts';
import { type CliEnvironment, resolveReview, withService, workspacePath } from '../context.ts';
import { EXIT_USER_ERROR } from '../exit-codes.ts';
import { printJson, printTable } from '../output.ts';

export function registerLogCommands(program: Command, env: CliEnvironment): void {
  withReviewOption(
    program
      .command('log')
      .description("a review's event log: who changed what, when")
      .option('--limit <n>', 'only the last n events')
      .addHelpText('after', '\nExample:\n  tunnelview log --review R-7K2M9Q --limit 20'),
  ).action(async (_opts, command: Command) => {
    await runRead(env, command, async (service, reviewId, o) => {
      let events = await service.log(reviewId);
      if (o.limit) events = events.slice(-Number(o.limit));
      if (o.json) return printJson(env.output, events);
      printTable(env.output, events, [
        { header: 'SEQ', value: (e) => String(e.seq) },
        { header: 'AT', value: (e) => e.at.replace('T', ' ').slice(0, 19) },
        { header: 'ACTOR', value: (e) => e.actor, max: 20 },
        { header: 'EVENT', value: (e) => e.type },
        {
          header: 'ID',
          value: (e) => {
            const p = e.payload as { id?: string; kpeId?: string; findingId?: string };
            return p.id ?? p.findingId ?? p.kpeId ?? '';
          },
        },
        { header: 'HASH', value: (e) => e.hash.slice(0, 12) },
      ]);
    });
  });

  program
    .command('verify')
    .description("recompute every review's hash chain; exits 1 naming the first bad event")
    .option('--review <id>', 'only this review')
    .addHelpText('after', '\nExample:\n  tunnelview verify --workspace out/demo/tunnelview.db')
    .action(async (_opts, command: Command) => {
      const o = optionsOf(command);
      await withService(env, o, { create: false }, async (service, store) => {
        const reviews = await service.listReviews();
        const issues = await store.verify(o.review);
        if (o.json) {
          printJson(env.output, { ok: issues.length === 0, reviews: reviews.length, issues });
        } else if (issues.length === 0) {
          const events = reviews.reduce((n, r) => n + r.events, 0);
          env.output.out(
            `Intact: ${reviews.length} review(s), ${events} events, every hash chain verifies.`,
          );
        } else {
          env.output.err('The hash chain does not verify:');
          for (const i of issues) env.output.err(`  - ${formatIssue(i)}`);
          env.output.err('Restore the workspace from a backup or a bundle (tunnelview import).');
        }
        if (issues.length > 0) process.exitCode = EXIT_USER_ERROR;
      });
    });

  program
    .command('export')
    .description("write a review's whole log as a bundle (JSON) to stdout or --out")
    .argument('[review]', 'the review (may be left out when the workspace holds one)')
    .option('--out <file>', 'write to this file instead of stdout')
    .addHelpText('after', '\nExample:\n  tunnelview export R-7K2M9Q > child-a.bundle.json')
    .action(async (requested: string | undefined, _opts, command: Command) => {
      const o = optionsOf(command);
      await withService(env, o, { create: false }, async (service, store) => {
        const reviewId = await resolveReview(service, requested ?? o.review);
        await service.load(reviewId);
        const bundle = await exportBundle(
          store,
          reviewId,
          (env.clock?.() ?? new Date()).toISOString(),
        );
        const text = `${JSON.stringify(bundle, null, 2)}\n`;
        if (o.out) {
          writeFileSync(resolve(env.cwd, String(o.out)), text);
          env.output.err(`Wrote ${bundle.events.length} events of review ${reviewId} to ${o.out}`);
        } else {
          env.output.out(text.trimEnd());
        }
      });
    });

  program
    .command('import')
    .description('add a review from a bundle, after checking its hash chain and every event')
    .argument('<file>', 'a bundle written by tunnelview export')
    .addHelpText(
      'after',
      '\nExample:\n  tunnelview import child-a.bundle.json --workspace other.db',
    )
    .action(async (file: string, _opts, command: Command) => {
      const o = optionsOf(command);
      const path = resolve(env.cwd, file);
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (cause) {
        throw new ValidationError([
          issue('file-unreadable', [file], `cannot read ${path}: ${(cause as Error).message}`),
        ]);
      }
      // Check the whole bundle before touching the workspace.
      const bundle = checkBundle(text, basename(file), (id) => loadModel(id));
      await withService(env, o, { create: true }, async (_service, store) => {
        const state = await storeBundle(store, bundle, basename(file));
        if (o.json) {
          printJson(env.output, {
            id: state.review.id,
            title: state.review.title,
            events: state.seq,
            head: state.head,
          });
        } else {
          env.output.out(
            `Imported review ${state.review.id} (${state.review.title}): ${state.seq} events, chain verified, into ${workspacePath(env, o)}`,
          );
        }
      });
    });
}
