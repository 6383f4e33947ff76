/** `map`: the map of the analysis (KPEs → factors → findings) as an SVG file. */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { writePrivateFileSync } from '../../store/private-file.ts';
import { runRead, withReviewOption } from '../command-kit.ts';
import type { CliEnvironment } from '../context.ts';
import { printJson } from '../output.ts';

export function registerMapCommand(program: Command, env: CliEnvironment): void {
  const command = withReviewOption(
    program
      .command('map')
      .description(
        'draw the map of the analysis as SVG: KPEs in time order, contributory factors by head, findings; or one finding with its factors and KPEs',
      )
      .option('--out <file>', 'where to write the SVG (default: <review id>-map[-<finding>].svg)')
      .option('--finding <id>', 'only this finding, the factors behind it and their KPEs')
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview map --review R-7K2M9Q --out map.svg\n  tunnelview map --review R-7K2M9Q --finding F-2 --out finding-2.svg',
      ),
  );
  command.action(async (_opts, cmd: Command) => {
    const { analysisMap } = await import('../../app/analysis.ts');
    await runRead(env, cmd, async (ws, reviewId, o) => {
      const findingId = o.finding as string | undefined;
      const {
        svg: text,
        counts,
        finding,
      } = await analysisMap(ws, reviewId, findingId ? { findingId } : {});
      const outFile = resolve(
        env.cwd,
        (o.out as string | undefined) ?? `${reviewId}-map${findingId ? `-${findingId}` : ''}.svg`,
      );
      mkdirSync(dirname(outFile), { recursive: true });
      writePrivateFileSync(outFile, text);
      if (o.json) {
        printJson(env.output, {
          review: reviewId,
          finding,
          svg: outFile,
          ...counts,
        });
        return;
      }
      env.output.out(
        `Wrote ${outFile}${findingId ? ` (${findingId})` : ''}: ${counts.kpes} KPEs, ${counts.factors} factors under ${counts.heads} heads, ${counts.findings} finding${counts.findings === 1 ? '' : 's'}`,
      );
    });
  });
}
