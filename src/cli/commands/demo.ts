/** `demo`: builds the fictional demo review into a fresh workspace and writes its findings PDF. */
import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { optionsOf } from '../command-kit.ts';
import { actorName, type CliEnvironment } from '../context.ts';
import { printJson } from '../output.ts';
import { progressOnTerminal } from '../progress.ts';

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
      const { runDemo } = await import('../../app/demo/run-demo.ts');
      const progress = progressOnTerminal(env, o);
      const demo = await runDemo(resolve(env.cwd, String(o.out)), {
        actor: actorName(env, o),
        env: env.env,
        log: (line) => env.output.err(line),
        progress: progress.report,
        ...(env.clock ? { clock: env.clock } : {}),
      }).finally(progress.done);
      if (o.json) {
        printJson(env.output, {
          review: demo.review,
          workspace: demo.workspace,
          pdf: demo.pdf,
          pages: demo.pages,
          publication: demo.publication,
          publicationPages: demo.publicationPages,
          events: demo.events,
        });
        return;
      }
      const show = (p: string) =>
        relative(env.cwd, p).startsWith('..') ? p : relative(env.cwd, p);
      const chain = demo.chainVerified ? 'hash chain verified' : 'HASH CHAIN BROKEN';
      env.output.out(`Demo review ${demo.review}: ${demo.title}`);
      env.output.out(`  workspace: ${show(demo.workspace)} (${demo.events} events, ${chain})`);
      env.output.out(
        `  findings:  ${show(demo.pdf)}${demo.pages ? ` (${demo.pages} pages, confidential edition)` : ''}`,
      );
      env.output.out(
        `             ${show(demo.publication)}${demo.publicationPages ? ` (${demo.publicationPages} pages, publication edition; leak check passed)` : ''}`,
      );
      env.output.out(`Try: npx tunnelview kpe list --workspace ${show(demo.workspace)}`);
    });
}
