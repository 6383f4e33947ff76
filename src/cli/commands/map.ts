/** `map`: the map of the analysis (KPEs → factors → findings) as an SVG file. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { ValidationError } from '../../domain/errors.ts';
import type { MapGraph } from '../../graph/map.ts';
import { runRead, withReviewOption } from '../command-kit.ts';
import type { CliEnvironment } from '../context.ts';
import { inFlagTerms } from '../flag-terms.ts';
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
    await runRead(env, cmd, async (service, reviewId, o) => {
      const state = await service.load(reviewId);
      const findingId = o.finding as string | undefined;
      // ELK (a large GWT bundle) loads only for the command that draws.
      const { buildMapGraph, layoutMap, renderMapSvg } = await import('../../graph/map.ts');
      let graph: MapGraph;
      try {
        graph = buildMapGraph(state, service.modelOf(state), findingId ? { findingId } : {});
      } catch (error) {
        throw error instanceof ValidationError ? inFlagTerms(error, cmd) : error;
      }
      const layout = await layoutMap(graph);
      const text = renderMapSvg(layout, { embedFont: true });
      const outFile = resolve(
        env.cwd,
        (o.out as string | undefined) ?? `${reviewId}-map${findingId ? `-${findingId}` : ''}.svg`,
      );
      mkdirSync(dirname(outFile), { recursive: true });
      writeFileSync(outFile, text);
      const counts = {
        kpes: graph.kpes.length,
        factors: graph.factors.length,
        heads: graph.heads.length,
        findings: graph.findings.length,
      };
      if (o.json) {
        printJson(env.output, {
          review: reviewId,
          finding: findingId ?? null,
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
