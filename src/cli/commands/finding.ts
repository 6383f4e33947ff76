/**
 * `finding add|edit|remove|link|unlink|question|list|show` and
 * `board-issue add|edit|remove|list`: underlying patterns and Issues for the Board.
 */
import type { Command } from 'commander';
import {
  addRemoveCommand,
  createdId,
  runChange,
  runRead,
  withReviewOption,
} from '../command-kit.ts';
import type { CliEnvironment } from '../context.ts';
import {
  clearable,
  cleared,
  clearedSections,
  collect,
  collectPairs,
  defined,
  integer,
} from '../options.ts';
import { printJson, printTable } from '../output.ts';

const FINDING_CLEARABLE = { rank: 'rank' };

export function registerFindingCommands(program: Command, env: CliEnvironment): void {
  const finding = program
    .command('finding')
    .description('findings: underlying patterns in the system');

  withReviewOption(
    finding
      .command('add')
      .description('add a finding with its category, sections, factors and Issues for the Board')
      .requiredOption('--statement <text>', 'one sentence stating the pattern')
      .requiredOption(
        '--category <id>',
        "a category of the review's typology (see tunnelview model show)",
      )
      .option(
        '--section <section=text>',
        "text for one of the model's finding sections, repeatable",
        collectPairs,
      )
      .option('--factor <id>', 'a factor that supports it, repeatable', collect)
      .option(
        '--question <text>',
        'an Issue for the Board, as a question; repeatable',
        (v: string, p: string[] = []) => [...p, v],
      )
      .option('--rank <n>', 'its position when findings are ranked', integer)
      .option('--id <id>', 'a stable id such as F-3 (default: the next one)')
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview finding add --statement "Handovers between teams lose the history of concerns." \\\n    --category multi-agency-longer-term --factor CF-2,CF-5 --question "How does the Board know handovers carry history?"',
      ),
  ).action(async (_opts, command: Command) => {
    const { addFinding } = await import('../../app/findings.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        addFinding(
          ws,
          reviewId,
          defined({
            statement: o.statement,
            category: o.category,
            sections: o.section,
            rank: o.rank,
          }),
          defined({
            id: o.id as string | undefined,
            factorIds: o.factor,
            boardQuestions: o.question,
          }),
        ),
      (result) => `Added ${createdId(result)}`,
    );
  });

  withReviewOption(
    finding
      .command('edit')
      .description("change a finding's statement, category, rank or section texts")
      .argument('<id>', 'the finding, e.g. F-2')
      .option('--statement <text>', 'the statement')
      .option('--category <id>', 'the typology category')
      .option('--section <section=text>', 'replace one section text, repeatable', collectPairs)
      .option('--clear-section <section>', 'clear one section text, repeatable', collect)
      .option('--rank <n>', 'its position when findings are ranked', integer)
      .option(
        '--clear <option>',
        'clear rank (take it out of the ranking)',
        clearable(FINDING_CLEARABLE),
      ),
  ).action(async (id: string, _opts, command: Command) => {
    const { editFinding } = await import('../../app/findings.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) => {
        const sections = { ...clearedSections(o.clearSection), ...(o.section as object) };
        return editFinding(ws, reviewId, id, {
          ...defined({
            statement: o.statement,
            category: o.category,
            sections: Object.keys(sections).length > 0 ? sections : undefined,
            rank: o.rank,
          }),
          ...cleared(o.clear, FINDING_CLEARABLE),
        });
      },
      (result) => `Edited ${createdId(result)}`,
    );
  });

  addRemoveCommand(finding, env, {
    description: 'remove a finding with its Issues for the Board (their ids are never used again)',
    argument: 'the finding, e.g. F-2',
    noun: 'finding',
    example: 'tunnelview finding remove F-4 --reason "Merged into F-2 at the second joint meeting"',
    load: async () => (await import('../../app/findings.ts')).removeFinding,
  });

  withReviewOption(
    finding
      .command('link')
      .description('record that factors support a finding')
      .argument('<id>', 'the finding, e.g. F-2')
      .requiredOption('--factor <id>', 'a factor, repeatable or comma-separated', collect)
      .addHelpText('after', '\nExample:\n  tunnelview finding link F-2 --factor CF-3,CF-7'),
  ).action(async (id: string, _opts, command: Command) => {
    const { linkFindingFactors } = await import('../../app/findings.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) => linkFindingFactors(ws, reviewId, id, o.factor),
      (result) => `Linked ${result.events.length} factor(s) to ${id}`,
    );
  });

  withReviewOption(
    finding
      .command('unlink')
      .description('record that a factor no longer supports a finding')
      .argument('<id>', 'the finding, e.g. F-2')
      .requiredOption('--factor <id>', 'the factor, e.g. CF-3')
      .addHelpText('after', '\nExample:\n  tunnelview finding unlink F-2 --factor CF-7'),
  ).action(async (id: string, _opts, command: Command) => {
    const { unlinkFindingFactor } = await import('../../app/findings.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) => unlinkFindingFactor(ws, reviewId, id, o.factor),
      (result) => {
        const p = result.events[0]?.payload as { findingId: string; factorId: string };
        return `Unlinked ${p.factorId} from ${p.findingId}`;
      },
    );
  });

  withReviewOption(
    finding
      .command('question')
      .description('add an Issue for the Board to a finding, as a question')
      .argument('<id>', 'the finding, e.g. F-2')
      .argument('<question>', 'the question for the Board')
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview finding question F-2 "What assurance does the Board need that …?"',
      ),
  ).action(async (id: string, question: string, _opts, command: Command) => {
    const { addBoardIssue } = await import('../../app/findings.ts');
    await runChange(
      env,
      command,
      (ws, reviewId) => addBoardIssue(ws, reviewId, id, question),
      (result) => `Added ${createdId(result)} to ${id}`,
    );
  });

  withReviewOption(finding.command('list').description('findings in ranked order')).action(
    async (_opts, command: Command) => {
      const { listFindings } = await import('../../app/findings.ts');
      await runRead(env, command, async (ws, reviewId, o) => {
        const findings = await listFindings(ws, reviewId);
        if (o.json) return printJson(env.output, findings);
        printTable(env.output, findings, [
          { header: 'ID', value: (f) => f.id },
          { header: 'CATEGORY', value: (f) => f.category, max: 30 },
          { header: 'STATEMENT', value: (f) => f.statement, max: 60 },
          { header: 'FACTORS', value: (f) => f.factorIds.join(' ') },
          { header: 'BOARD', value: (f) => String(f.boardIssues.length) },
        ]);
      });
    },
  );

  withReviewOption(
    finding.command('show').description('one finding in full').argument('<id>', 'e.g. F-2'),
  ).action(async (id: string, _opts, command: Command) => {
    const { showFinding } = await import('../../app/findings.ts');
    await runRead(env, command, async (ws, reviewId, o) => {
      const { finding: f, sections } = await showFinding(ws, reviewId, id);
      if (o.json) return printJson(env.output, f);
      const out = env.output.out;
      out(`${f.id}: ${f.statement}`);
      out(`  category: ${f.category}`);
      for (const s of sections) {
        out(`  ${s.title}`);
        out(`    ${s.text ?? '(not yet written)'}`);
      }
      out(`  factors: ${f.factorIds.join(', ') || '(none)'}`);
      out('  Issues for the Board:');
      for (const b of f.boardIssues) out(`    ${b.id}: ${b.question}`);
    });
  });
}

/** `board-issue add|edit|remove|list`: the Issues for the Board each finding raises, as questions. */
export function registerBoardIssueCommands(program: Command, env: CliEnvironment): void {
  const boardIssue = program
    .command('board-issue')
    .description('Issues for the Board: the questions each finding puts to the partnership');

  withReviewOption(
    boardIssue
      .command('add')
      .description('add an Issue for the Board to a finding (as finding question does)')
      .argument('<finding>', 'the finding, e.g. F-2')
      .argument('<question>', 'the question for the Board')
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview board-issue add F-2 "How does the Board know handovers carry the history of concerns?"',
      ),
  ).action(async (findingId: string, question: string, _opts, command: Command) => {
    const { addBoardIssue } = await import('../../app/findings.ts');
    await runChange(
      env,
      command,
      (ws, reviewId) => addBoardIssue(ws, reviewId, findingId, question),
      (result) => `Added ${createdId(result)} to ${findingId}`,
    );
  });

  withReviewOption(
    boardIssue
      .command('edit')
      .description('reword an Issue for the Board; it keeps its id and its finding')
      .argument('<id>', 'the Issue for the Board, e.g. BI-3')
      .requiredOption('--question <text>', 'the question, reworded')
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview board-issue edit BI-3 --question "What assurance does the Board need that caseloads are safe?"',
      ),
  ).action(async (id: string, _opts, command: Command) => {
    const { editBoardIssue } = await import('../../app/findings.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) => editBoardIssue(ws, reviewId, id, { question: o.question }),
      (result) => `Edited ${createdId(result)}`,
    );
  });

  addRemoveCommand(boardIssue, env, {
    description: 'remove an Issue for the Board from its finding (its id is never used again)',
    argument: 'the Issue for the Board, e.g. BI-3',
    noun: 'Issue for the Board',
    example: 'tunnelview board-issue remove BI-4 --reason "Asks the same as BI-3"',
    load: async () => (await import('../../app/findings.ts')).removeBoardIssue,
  });

  withReviewOption(
    boardIssue
      .command('list')
      .description('every Issue for the Board, findings in ranked order')
      .addHelpText('after', '\nExample:\n  tunnelview board-issue list --json'),
  ).action(async (_opts, command: Command) => {
    const { listBoardIssues } = await import('../../app/findings.ts');
    await runRead(env, command, async (ws, reviewId, o) => {
      const issues = await listBoardIssues(ws, reviewId);
      if (o.json) return printJson(env.output, issues);
      printTable(env.output, issues, [
        { header: 'ID', value: (b) => b.id },
        { header: 'FINDING', value: (b) => b.findingId },
        { header: 'QUESTION', value: (b) => b.question, max: 80 },
      ]);
    });
  });
}
