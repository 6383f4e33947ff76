/** `review create|list|show|update`: the reviews in a workspace. */
import type { Command } from 'commander';
import { REVIEW_KINDS } from '../../domain/review.ts';
import {
  addRemoveCommand,
  createdId,
  inCommandTerms,
  optionsOf,
  runChange,
  runRead,
  withReviewOption,
} from '../command-kit.ts';
import { type CliEnvironment, withWorkspace, workspacePath } from '../context.ts';
import { collectPairs, defined } from '../options.ts';
import { printJson, printTable } from '../output.ts';

export function registerReviewCommands(program: Command, env: CliEnvironment): void {
  const review = program.command('review').description('create, list and inspect reviews');

  review
    .command('create')
    .description('start a new review in the workspace (created if it does not exist)')
    .requiredOption('--title <title>', 'the review title')
    .requiredOption('--kind <kind>', `one of ${REVIEW_KINDS.join(', ')}`)
    .option('--model <id>', 'methodology model id', 'learning-together')
    .option('--variant <id>', "the model's variant (default: the model's default)")
    .option('--typology <id>', "typology of findings (default: the model's default)")
    .option('--subject <label>', 'how the subject is referred to, e.g. "Child A"')
    .option(
      '--key-date <id=date>',
      'a key date, repeatable (e.g. notification=19/12/2025 or notification=2025-12-19)',
      collectPairs,
    )
    .option('--id <id>', 'choose the review id instead of a generated one')
    .option(
      '--stage <id>',
      'a review already under way: the stage it is in (any stage of the model; default: where the model starts a review of this kind)',
    )
    .option(
      '--started <YYYY-MM-DD>',
      'with --stage: the day the review entered that stage; the earlier stages are recorded as not tracked here',
    )
    .addHelpText(
      'after',
      [
        '',
        'Example:',
        '  tunnelview review create --title "Learning review: Child A" --kind lcspr --key-date decision=2026-01-20 --json',
        '',
        'A review already under way, entered at its stage with the day it began and its key dates:',
        '  tunnelview review create --title "Learning review: Child B" --kind lcspr --stage analysis --started 2026-03-02 \\',
        '      --key-date became-aware=2025-11-03 --key-date notification=2025-11-07 --key-date decision=2025-12-01',
      ].join('\n'),
    )
    .action(async (_opts, command: Command) => {
      const o = optionsOf(command);
      const { createReview } = await import('../../app/reviews.ts');
      await withWorkspace(env, o, { create: true }, async (ws) => {
        const result = await inCommandTerms(command, () =>
          createReview(
            ws,
            defined({
              title: o.title,
              kind: o.kind,
              modelId: o.model,
              variant: o.variant,
              typology: o.typology,
              subjectLabel: o.subject,
              keyDates: o.keyDate,
              startStage: o.stage,
              startedOn: o.started,
            }),
            o.id as string | undefined,
          ),
        );
        const r = result.state.review;
        if (o.json) {
          printJson(env.output, { ...r, workspace: workspacePath(env, o) });
        } else {
          env.output.out(`Created review ${r.id}: ${r.title}`);
          env.output.out(`  model ${r.modelId}, variant ${r.variant}, typology ${r.typology}`);
          if (r.enteredAfterTheFact) {
            const { since, notTracked } = r.enteredAfterTheFact;
            env.output.out(
              `  entered after the fact: at ${r.startStage} since ${since}${notTracked.length > 0 ? `; not tracked here: ${notTracked.join(', ')}` : ''}`,
            );
          }
          env.output.out(`  workspace ${workspacePath(env, o)}`);
        }
      });
    });

  review
    .command('list')
    .description('list the reviews in the workspace')
    .addHelpText('after', '\nExample:\n  tunnelview review list --json')
    .action(async (_opts, command: Command) => {
      const o = optionsOf(command);
      const { listReviews } = await import('../../app/reviews.ts');
      await withWorkspace(env, o, { create: false }, async (ws) => {
        const reviews = await listReviews(ws);
        if (o.json) {
          printJson(env.output, reviews);
          return;
        }
        printTable(env.output, reviews, [
          { header: 'ID', value: (r) => r.id },
          { header: 'TITLE', value: (r) => r.title },
          { header: 'MODEL', value: (r) => r.modelId },
          { header: 'EVENTS', value: (r) => String(r.events) },
          { header: 'CREATED', value: (r) => r.createdAt.slice(0, 10) },
        ]);
      });
    });

  withReviewOption(
    review
      .command('show')
      .description('what a review holds: settings, key dates and counts')
      .addHelpText('after', '\nExample:\n  tunnelview review show --review R-7K2M9Q'),
  ).action(async (_opts, command: Command) => {
    const { showReview } = await import('../../app/reviews.ts');
    await runRead(env, command, async (ws, reviewId, o) => {
      const summary = await showReview(ws, reviewId);
      if (o.json) {
        printJson(env.output, summary);
        return;
      }
      const r = summary.review;
      env.output.out(`${r.id}: ${r.title}`);
      env.output.out(
        `  kind ${r.kind}; model ${summary.model.name} (${r.modelId}); variant ${r.variant}; typology ${r.typology}`,
      );
      if (r.subjectLabel) env.output.out(`  subject ${r.subjectLabel}`);
      for (const [id, date] of Object.entries(r.keyDates)) env.output.out(`  ${id}: ${date}`);
      env.output.out(
        `  ${Object.entries(summary.counts)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')}`,
      );
      env.output.out(`  ${summary.events} events; last ${summary.head.slice(0, 12)}…`);
    });
  });

  withReviewOption(
    review
      .command('update')
      .description("change a review's title, variant, typology, subject label or key dates")
      .option('--title <title>', 'the review title')
      .option('--variant <id>', "the model's variant")
      .option('--typology <id>', 'typology of findings')
      .option('--subject <label>', 'how the subject is referred to')
      .option('--key-date <id=date>', 'set a key date, repeatable', collectPairs)
      .option(
        '--allow-in-publication <text>',
        'a registered word cleared for the publication edition (e.g. the partnership’s town), repeatable; replaces the list',
        (v: string, p: string[] = []) => [...p, v],
      )
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview review update --key-date planned-publication=2026-09-30',
      ),
  ).action(async (_opts, command: Command) => {
    const { updateReview } = await import('../../app/reviews.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        updateReview(
          ws,
          reviewId,
          defined({
            title: o.title,
            variant: o.variant,
            typology: o.typology,
            subjectLabel: o.subject,
            keyDates: o.keyDate,
            publicationAllow: o.allowInPublication,
          }),
        ),
      (result) => `Updated review ${result.state.review.id}`,
    );
  });

  withReviewOption(
    review
      .command('question')
      .description('add a research question the review will answer')
      .argument('<text>', 'the question')
      .option('--id <id>', 'a stable id such as RQ-3 (default: the next one)')
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview review question "How did agencies share concerns about neglect?"',
      ),
  ).action(async (text: string, _opts, command: Command) => {
    const { addResearchQuestion } = await import('../../app/reviews.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) => addResearchQuestion(ws, reviewId, text, o.id as string | undefined),
      (result) => `Added research question ${createdId(result)}`,
    );
  });

  withReviewOption(
    review
      .command('text')
      .description("write the text of a report section (one of the model's written sections)")
      .argument('<section>', 'the report section id, e.g. case-summary')
      .argument('<text>', 'the text')
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview review text case-summary "Child A lived with her mother in Fenwick Vale…"',
      ),
  ).action(async (section: string, text: string, _opts, command: Command) => {
    const { setReportText } = await import('../../app/reviews.ts');
    await runChange(
      env,
      command,
      (ws, reviewId) => setReportText(ws, reviewId, section, text),
      () => `Set the text of report section ${section}`,
    );
  });
}

/** `research-question add|edit|remove|list`: the questions the review will answer. */
export function registerResearchQuestionCommands(program: Command, env: CliEnvironment): void {
  const question = program
    .command('research-question')
    .description('research questions: what the review sets out to answer');

  withReviewOption(
    question
      .command('add')
      .description('add a research question (as review question does)')
      .argument('<text>', 'the question')
      .option('--id <id>', 'a stable id such as RQ-3 (default: the next one)')
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview research-question add "How did agencies share concerns about neglect?"',
      ),
  ).action(async (text: string, _opts, command: Command) => {
    const { addResearchQuestion } = await import('../../app/reviews.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) => addResearchQuestion(ws, reviewId, text, o.id as string | undefined),
      (result) => `Added research question ${createdId(result)}`,
    );
  });

  withReviewOption(
    question
      .command('edit')
      .description('reword a research question; it keeps its id')
      .argument('<id>', 'the question, e.g. RQ-2')
      .requiredOption('--text <text>', 'the question, reworded')
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview research-question edit RQ-2 --text "How did agencies share and weigh concerns about neglect?"',
      ),
  ).action(async (id: string, _opts, command: Command) => {
    const { editResearchQuestion } = await import('../../app/reviews.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) => editResearchQuestion(ws, reviewId, id, { text: o.text }),
      (result) => `Edited research question ${createdId(result)}`,
    );
  });

  addRemoveCommand(question, env, {
    description: 'remove a research question (its id is never used again)',
    argument: 'the question, e.g. RQ-2',
    noun: 'research question',
    example:
      'tunnelview research-question remove RQ-3 --reason "Folded into RQ-1 by the review team"',
    load: async () => (await import('../../app/reviews.ts')).removeResearchQuestion,
  });

  withReviewOption(
    question
      .command('list')
      .description('the research questions by id')
      .addHelpText('after', '\nExample:\n  tunnelview research-question list --json'),
  ).action(async (_opts, command: Command) => {
    const { listResearchQuestions } = await import('../../app/reviews.ts');
    await runRead(env, command, async (ws, reviewId, o) => {
      const questions = await listResearchQuestions(ws, reviewId);
      if (o.json) return printJson(env.output, questions);
      printTable(env.output, questions, [
        { header: 'ID', value: (q) => q.id },
        { header: 'QUESTION', value: (q) => q.text, max: 90 },
      ]);
    });
  });
}
