/** `check`: the gaps in a review's analysis, errors first, each with what to do. */
import type { Command } from 'commander';
import type { GapSeverity } from '../../graph/index.ts';
import { runRead, withReviewOption } from '../command-kit.ts';
import type { CliEnvironment } from '../context.ts';
import { issueLine } from '../exit-codes.ts';
import { printJson } from '../output.ts';

const HEADINGS: Record<GapSeverity, string> = {
  error: 'Errors (block the no-blocking-gaps gate)',
  warning: 'Warnings',
  info: 'For information',
};

export function registerCheckCommand(program: Command, env: CliEnvironment): void {
  withReviewOption(
    program
      .command('check')
      .description(
        'find gaps in the analysis: KPEs without appraisal, explanation or factors; factors without evidence; thin or unanswered findings; unused excerpts',
      )
      .addHelpText('after', '\nExample:\n  tunnelview check --review R-7K2M9Q --json'),
  ).action(async (_opts, command: Command) => {
    const { analysisGaps } = await import('../../app/analysis.ts');
    await runRead(env, command, async (ws, reviewId, o) => {
      const { counts: c, gaps } = await analysisGaps(ws, reviewId);
      if (o.json) return printJson(env.output, { review: reviewId, counts: c, gaps });
      const out = env.output.out;
      if (gaps.length === 0) {
        out(`Review ${reviewId}: no gaps found.`);
        return;
      }
      out(
        `Review ${reviewId}: ${c.error} error(s), ${c.warning} warning(s), ${c.info} for information.`,
      );
      for (const severity of ['error', 'warning', 'info'] as const) {
        const some = gaps.filter((g) => g.severity === severity);
        if (some.length === 0) continue;
        out('');
        out(`${HEADINGS[severity]}:`);
        for (const g of some) out(`  - [${g.code}] ${issueLine({ ...g, path: [] })}`);
      }
    });
  });
}
