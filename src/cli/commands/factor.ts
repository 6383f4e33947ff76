/** `factor add|edit|remove|link|unlink|list|show`: contributory factors and the KPEs they explain. */
import type { Command } from 'commander';
import type { CommandResult } from '../../app/workspace.ts';
import { InternalError } from '../../domain/errors.ts';
import { FACTOR_SCOPES } from '../../domain/factor.ts';
import { citedLabel } from '../cited.ts';
import {
  addRemoveCommand,
  createdId,
  runChange,
  runRead,
  withReviewOption,
} from '../command-kit.ts';
import type { CliEnvironment } from '../context.ts';
import { collect, defined } from '../options.ts';
import { printJson, printTable } from '../output.ts';

/** The link a `factor link` made, as stored (ids resolved). */
function linkOf(result: CommandResult) {
  const event = result.events[0];
  if (event?.type !== 'factor.linked') throw new InternalError('factor link appended no link');
  return event.payload;
}

export function registerFactorCommands(program: Command, env: CliEnvironment): void {
  const factor = program.command('factor').description('contributory factors');

  withReviewOption(
    factor
      .command('add')
      .description("add a contributory factor under one of the model's framework heads")
      .requiredOption('--head <id>', 'the framework head (see tunnelview model show)')
      .requiredOption('--text <text>', 'the factor, in plain words')
      .option('--scope <scope>', `${FACTOR_SCOPES.join(' or ')}`, 'case-specific')
      .option('--id <id>', 'a stable id such as CF-3 (default: the next one)')
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview factor add --head conditions-of-work --text "Health visiting caseloads above the local ceiling" --scope generic',
      ),
  ).action(async (_opts, command: Command) => {
    const { addFactor } = await import('../../app/factors.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        addFactor(
          ws,
          reviewId,
          { head: o.head, text: o.text, scope: o.scope },
          o.id as string | undefined,
        ),
      (result) => `Added ${createdId(result)}`,
    );
  });

  withReviewOption(
    factor
      .command('edit')
      .description(
        "change a factor's head, text or scope, one at a time or together; its level follows from the head",
      )
      .argument('<id>', 'the factor, e.g. CF-3')
      .option('--head <id>', 'the framework head')
      .option('--text <text>', 'the factor')
      .option('--scope <scope>', `${FACTOR_SCOPES.join(' or ')}`),
  ).action(async (id: string, _opts, command: Command) => {
    const { editFactor } = await import('../../app/factors.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        editFactor(ws, reviewId, id, defined({ head: o.head, text: o.text, scope: o.scope })),
      (result) => `Edited ${createdId(result)}`,
    );
  });

  addRemoveCommand(factor, env, {
    description:
      'remove a factor (its id is never used again); refused while KPEs or findings are linked to it',
    argument: 'the factor, e.g. CF-3',
    noun: 'factor',
    force: 'unlink it from its KPEs and findings, in the same change',
    load: async () => (await import('../../app/factors.ts')).removeFactor,
  });

  withReviewOption(
    factor
      .command('link')
      .description('record that a factor helps explain a KPE, with the evidence')
      .argument('<factor>', 'the factor, e.g. CF-3')
      .requiredOption('--kpe <id>', 'the KPE it helps explain')
      .option(
        '--evidence <refs>',
        'excerpts (EX-4) or chronology entries (CH-17, gp-practice.csv#12 or AG-2#12), repeatable',
        collect,
      )
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview factor link CF-3 --kpe KPE-2 --evidence EX-4,gp-practice.csv#12',
      ),
  ).action(async (factorId: string, _opts, command: Command) => {
    const { linkFactor } = await import('../../app/factors.ts');
    const { citeAll } = await import('../../app/references/cite-evidence.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        linkFactor(ws, reviewId, { kpeId: o.kpe, factorId, evidence: o.evidence ?? [] }),
      (result) => {
        const { factorId: id, kpeId, evidence } = linkOf(result);
        const cited = citeAll(result.state, evidence).map(citedLabel);
        return `Linked ${id} to ${kpeId}${cited.length ? ` with evidence ${cited.join('; ')}` : ''}`;
      },
    );
  });

  withReviewOption(
    factor
      .command('unlink')
      .description('remove the link between a factor and a KPE')
      .argument('<factor>', 'the factor, e.g. CF-3')
      .requiredOption('--kpe <id>', 'the KPE'),
  ).action(async (factorId: string, _opts, command: Command) => {
    const { unlinkFactor } = await import('../../app/factors.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) => unlinkFactor(ws, reviewId, { kpeId: o.kpe, factorId }),
      () => `Unlinked ${factorId}`,
    );
  });

  withReviewOption(factor.command('list').description('factors with their heads and KPEs')).action(
    async (_opts, command: Command) => {
      const { listFactors } = await import('../../app/factors.ts');
      await runRead(env, command, async (ws, reviewId, o) => {
        const factors = await listFactors(ws, reviewId);
        if (o.json) return printJson(env.output, factors);
        printTable(env.output, factors, [
          { header: 'ID', value: (f) => f.id },
          { header: 'LEVEL', value: (f) => f.levelName, max: 20 },
          { header: 'HEAD', value: (f) => f.headName, max: 30 },
          { header: 'SCOPE', value: (f) => f.scope },
          { header: 'TEXT', value: (f) => f.text, max: 60 },
          { header: 'KPES', value: (f) => f.kpeIds.join(' ') },
        ]);
      });
    },
  );

  withReviewOption(
    factor
      .command('show')
      .description(
        'one factor: head, level, text, scope, the KPEs it explains, the findings it supports',
      )
      .argument('<id>', 'e.g. CF-3'),
  ).action(async (id: string, _opts, command: Command) => {
    const { showFactor } = await import('../../app/factors.ts');
    await runRead(env, command, async (ws, reviewId, o) => {
      const f = await showFactor(ws, reviewId, id);
      if (o.json) return printJson(env.output, f);
      const out = env.output.out;
      out(`${f.id}: ${f.text}`);
      out(`  head: ${f.headName} (${f.head})`);
      out(`  level: ${f.levelName || '(not in the model)'}`);
      out(`  scope: ${f.scope}`);
      for (const l of f.links) {
        out(
          `  explains ${l.kpeId}${l.evidence.length ? ` [evidence ${l.evidence.join(', ')}]` : ''}`,
        );
      }
      out(`  supports: ${f.findingIds.join(', ') || '(no finding yet)'}`);
    });
  });
}
