/** `log`, `head`, `verify`, `export`, `import`: the event log, its integrity, and bundles. */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { LoggedEvent } from '../../app/log-changes.ts';
import { DEFAULT_BUNDLE_MEGABYTES } from '../../domain/import-limits.ts';
import { describeLinks, type RecordLink } from '../../domain/record-links.ts';
import { writePrivateFileSync } from '../../store/private-file.ts';
import { inCommandTerms, optionsOf, runRead, withReviewOption } from '../command-kit.ts';
import { type CliEnvironment, withWorkspace, workspacePath } from '../context.ts';
import { eventNote } from '../event-note.ts';
import { EXIT_USER_ERROR, issueLine } from '../exit-codes.ts';
import { importLimitsOf, withImportLimitOptions } from '../import-options.ts';
import { collect, integer } from '../options.ts';
import { printJson, printTable } from '../output.ts';
import { progressOnTerminal } from '../progress.ts';

/** A value in a one-line summary: lists joined, long text clipped, nothing as "(none)". */
function shortValue(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  const text = Array.isArray(value)
    ? `[${value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}]`
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
}

/** What an event changed, in a few words: "field: old → new" for edits, the reason and what was detached for removals. */
function changeSummary(event: LoggedEvent): string {
  if (event.changes) {
    return event.changes
      .map((c) => `${c.field}: ${shortValue(c.old)} → ${shortValue(c.new)}`)
      .join('; ');
  }
  const payload = event.payload as { reason?: unknown; detached?: RecordLink[] };
  if (event.type.endsWith('removed') && typeof payload.reason === 'string') {
    const detached = payload.detached ?? [];
    return `reason: ${payload.reason}${detached.length > 0 ? `; detached from ${describeLinks(detached)}` : ''}`;
  }
  // A live meeting's decline or revoked invite: the words say what, the reason why.
  if (event.summary && typeof payload.reason === 'string') return `reason: ${payload.reason}`;
  return '';
}

export function registerLogCommands(program: Command, env: CliEnvironment): void {
  withReviewOption(
    program
      .command('log')
      .description(
        "a review's event log: who changed what, when; each edit with the old and new value of every field it changed",
      )
      .option('--limit <n>', 'only the last n events', integer)
      .addHelpText('after', '\nExample:\n  tunnelview log --review R-7K2M9Q --limit 20'),
  ).action(async (_opts, command: Command) => {
    const { reviewLog } = await import('../../app/log.ts');
    await runRead(env, command, async (ws, reviewId, o) => {
      const events = await reviewLog(ws, reviewId, o.limit ? { limit: o.limit as number } : {});
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
        {
          header: 'CHANGE',
          value: (e) => [e.summary, eventNote(e), changeSummary(e)].filter(Boolean).join('; '),
          max: 120,
        },
      ]);
    });
  });

  program
    .command('head')
    .description(
      "each review's head — its last event's number and full hash — after verifying its chain; note it down (or keep the --json) to check the log against later with verify --expect-head",
    )
    .option('--review <id>', 'only this review')
    .addHelpText(
      'after',
      '\nExample:\n  tunnelview head --json > heads-2026-03-10.json\n  tunnelview verify --expect-heads heads-2026-03-10.json',
    )
    .action(async (_opts, command: Command) => {
      const o = optionsOf(command);
      const { reviewHeads } = await import('../../app/log.ts');
      await withWorkspace(env, o, { create: false }, async (ws) => {
        const heads = await inCommandTerms(command, () => reviewHeads(ws, o.review));
        if (o.json) return printJson(env.output, heads);
        printTable(env.output, heads, [
          { header: 'REVIEW', value: (h) => h.review },
          { header: 'SEQ', value: (h) => String(h.seq) },
          { header: 'HEAD HASH', value: (h) => h.hash, max: 64 },
        ]);
      });
    });

  program
    .command('verify')
    .description(
      "recompute every review's hash chain, check it against heads noted down and check every seal; exits 1 naming the first bad event",
    )
    .option('--review <id>', 'only this review')
    .option(
      '--expect-head <head>',
      'a head noted down earlier (HASH, REVIEW:HASH or REVIEW:SEQ:HASH) that the chain must still pass through; repeatable',
      collect,
    )
    .option(
      '--expect-heads <file>',
      'a file of heads written by tunnelview head --json; repeatable',
      collect,
    )
    .option(
      '--public-key <file>',
      "a seal key's public key (written by tunnelview seal --new-key): every seal must carry a valid signature of a key given; repeatable",
      collect,
    )
    .addHelpText(
      'after',
      '\nExample:\n  tunnelview verify --workspace out/demo/tunnelview.db\n  tunnelview verify --expect-heads heads-2026-03-10.json --public-key ~/keys/lead-reviewer.key.pub',
    )
    .action(async (_opts, command: Command) => {
      const o = optionsOf(command);
      const { verifyWorkspace } = await import('../../app/log.ts');
      await withWorkspace(env, o, { create: false }, async (ws) => {
        const progress = progressOnTerminal(env, o);
        const paths = (key: string) =>
          ((o[key] as string[] | undefined) ?? []).map((f) => resolve(env.cwd, f));
        const result = await inCommandTerms(command, () =>
          verifyWorkspace(ws, o.review, progress.report, {
            expectHeads: (o.expectHead as string[] | undefined) ?? [],
            expectHeadsFiles: paths('expectHeads'),
            publicKeyFiles: paths('publicKey'),
          }),
        ).finally(progress.done);
        if (o.json) {
          printJson(env.output, {
            ok: result.ok,
            reviews: result.reviews,
            expectedHeads: result.expectedHeads,
            seals: result.seals,
            signaturesChecked: result.signaturesChecked,
            issues: result.issues,
          });
        } else if (result.ok) {
          const also = [
            result.expectedHeads > 0
              ? `every expected head (${result.expectedHeads}) is on its chain`
              : '',
            result.seals > 0
              ? result.signaturesChecked
                ? `every seal (${result.seals}) is signed by a key given and lies on its chain`
                : `every seal (${result.seals}) lies on its chain (give --public-key to check their signatures)`
              : '',
          ].filter(Boolean);
          env.output.out(
            `Intact: ${result.reviews} review(s), ${result.events} events, every hash chain verifies${also.length > 0 ? `; ${also.join('; ')}` : ''}.`,
          );
          if (result.expectedHeads === 0) {
            env.output.err(
              'A chain can be rewritten and re-hashed whole; to catch that, check it against heads noted down earlier (tunnelview head; verify --expect-head).',
            );
          }
        } else {
          env.output.err('The hash chain does not verify:');
          for (const i of result.issues) env.output.err(`  - ${issueLine(i)}`);
          env.output.err('Restore the workspace from a backup or a bundle (tunnelview import).');
        }
        if (!result.ok) process.exitCode = EXIT_USER_ERROR;
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
      if (requested) command.setOptionValue('review', requested);
      const { exportReview } = await import('../../app/log.ts');
      await runRead(env, command, async (ws, reviewId) => {
        const bundle = await exportReview(ws, reviewId);
        const text = `${JSON.stringify(bundle, null, 2)}\n`;
        if (o.out) {
          writePrivateFileSync(resolve(env.cwd, String(o.out)), text);
          env.output.err(`Wrote ${bundle.events.length} events of review ${reviewId} to ${o.out}`);
        } else {
          env.output.out(text.trimEnd());
        }
      });
    });

  withImportLimitOptions(
    program
      .command('import')
      .description('add a review from a bundle, after checking its hash chain and every event')
      .argument('<file>', 'a bundle written by tunnelview export')
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview import child-a.bundle.json --workspace other.db',
      ),
    { table: false, fileMegabytes: DEFAULT_BUNDLE_MEGABYTES },
  ).action(async (file: string, _opts, command: Command) => {
    const o = optionsOf(command);
    const { importBundle } = await import('../../app/log.ts');
    await withWorkspace(env, o, { create: true }, async (ws) => {
      const state = await inCommandTerms(command, () =>
        importBundle(ws, resolve(env.cwd, file), { limits: importLimitsOf(o) }),
      );
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
