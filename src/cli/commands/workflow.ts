/** `status`, `advance`, `reopen`: where the review stands, and moving it through its stages. */
import type { Command } from 'commander';
import { runChange, runRead, withReviewOption } from '../command-kit.ts';
import type { CliEnvironment } from '../context.ts';
import { defined } from '../options.ts';
import { printJson } from '../output.ts';
import { wordFix } from '../word-fix.ts';

/** `status REVIEW` and `status --review REVIEW` both work. */
function reviewArgument(command: Command): Command {
  return command.argument(
    '[review]',
    'the review (or --review; may be left out when there is one)',
  );
}

export function registerWorkflowCommands(program: Command, env: CliEnvironment): void {
  withReviewOption(
    reviewArgument(
      program
        .command('status')
        .description(
          "the review's stage, what blocks the next one, its statutory clocks and next meeting",
        )
        .addHelpText('after', '\nExample:\n  tunnelview status R-7K2M9Q'),
    ),
  ).action(async (review: string | undefined, _opts, command: Command) => {
    const { statusOf } = await import('../../app/workflow.ts');
    if (review) command.setOptionValue('review', review);
    await runRead(env, command, async (ws, reviewId, o) => {
      const { model, status } = await statusOf(ws, reviewId);
      if (o.json) return printJson(env.output, status);
      const out = env.output.out;
      out(`${status.review.id}: ${status.review.title}`);
      out(`  ${status.review.kind}, ${model.name}, ${status.review.variant} variant`);
      out('');
      const entered = status.enteredAfterTheFact;
      const how =
        status.stage.entered === 'reopen'
          ? ', reopened'
          : status.stage.entered === 'start' && entered
            ? ', entered after the fact'
            : '';
      out(`Stage: ${status.stage.name} (since ${status.stage.since}${how})`);
      if (entered) {
        const before =
          entered.notTracked.length > 0
            ? `; the stages before it were not tracked here and are not counted as met: ${entered.notTracked.map((s) => s.name).join(', ')}`
            : '';
        out(
          `  Entered after the fact on ${entered.recordedOn}, already at ${entered.stageName} since ${entered.since}${before}.`,
        );
      }
      if (status.stage.final) {
        out(
          `  This is a final stage.${status.reopenTo.length ? ` It can be reopened to: ${status.reopenTo.join(', ')}.` : ''}`,
        );
      } else {
        out('  To move on:');
        for (const g of status.gates) {
          out(`    [${g.met ? 'met' : 'not met'}] ${g.description}`);
          for (const s of g.shortfalls) {
            const what = s.message.split(' — ').slice(1).join(' — ');
            out(`        ${what}${s.fix ? `; ${wordFix(s.fix)}` : ''}`);
          }
        }
        if (status.gates.length === 0) out('    (no gates)');
        const next = status.exits
          .map((e) => (e.outcome ? `${e.toName} (--outcome ${e.outcome})` : e.toName))
          .join(' | ');
        out(`  Next: ${next}${status.canAdvance ? ' — ready: tunnelview advance' : ''}`);
      }
      out('');
      out(`Clocks (today ${status.today}):`);
      if (status.clocks.length === 0) out('  (none apply to this review)');
      for (const c of status.clocks) {
        out(
          `  ${c.message}${c.statutory ? '' : ' (expectation, not statutory)'}${c.confirmed ? '' : ' (unconfirmed rule)'}`,
        );
      }
      out('');
      out(
        status.nextMeeting
          ? `Next meeting: ${status.nextMeeting.typeName} on ${status.nextMeeting.date} (${status.nextMeeting.id})`
          : 'Next meeting: none scheduled',
      );
    });
  });

  withReviewOption(
    reviewArgument(
      program
        .command('advance')
        .description(
          'move the review to its next stage; refused, listing every unmet gate, until they are met',
        )
        .option(
          '--outcome <id>',
          'at a decision, which way: e.g. lcspr, no-further-review, national-review',
        )
        .option(
          '--date <date>',
          'the day the move happened, when recording it later (e.g. 19/06/2026)',
        )
        .addHelpText(
          'after',
          '\nExample:\n  tunnelview advance R-7K2M9Q\n  tunnelview advance --outcome lcspr --date 2026-06-19',
        ),
    ),
  ).action(async (review: string | undefined, _opts, command: Command) => {
    const { advance } = await import('../../app/workflow.ts');
    if (review) command.setOptionValue('review', review);
    await runChange(
      env,
      command,
      (ws, reviewId, o) => advance(ws, reviewId, defined({ outcome: o.outcome, date: o.date })),
      (result) => `Moved to ${result.state.stage}`,
    );
  });

  withReviewOption(
    reviewArgument(
      program
        .command('reopen')
        .description('take the review back to a stage it has been through, with a recorded reason')
        .requiredOption('--to <stage>', 'the stage to go back to')
        .requiredOption('--reason <text>', 'why (kept in the log)')
        .option('--date <date>', 'the day it was reopened, when recording it later')
        .addHelpText(
          'after',
          '\nExample:\n  tunnelview reopen --to analysis --reason "New records from the GP practice arrived after the first joint meeting"',
        ),
    ),
  ).action(async (review: string | undefined, _opts, command: Command) => {
    const { reopen } = await import('../../app/workflow.ts');
    if (review) command.setOptionValue('review', review);
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        reopen(
          ws,
          reviewId,
          defined({ to: o.to, reason: o.reason, date: o.date }) as { to: unknown; reason: unknown },
        ),
      (result) => `Reopened at ${result.state.stage}`,
    );
  });
}
