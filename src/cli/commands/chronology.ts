/** `chronology add|list`: entries of agency involvement, one at a time. */
import type { Command } from 'commander';
import { parseEventDate } from '../../chronology/parse-event-date.ts';
import { ValidationError } from '../../domain/errors.ts';
import { issue } from '../../domain/issue.ts';
import { orderedChronology } from '../../service/display-order.ts';
import { createdId, runChange, runRead, withReviewOption } from '../command-kit.ts';
import type { CliEnvironment } from '../context.ts';
import { defined } from '../options.ts';
import { printJson, printTable } from '../output.ts';

export function registerChronologyCommands(program: Command, env: CliEnvironment): void {
  const chronology = program
    .command('chronology')
    .description("agencies' chronologies of involvement with the family");

  withReviewOption(
    chronology
      .command('add')
      .description('add one chronology entry for an agency')
      .requiredOption('--agency <id>', 'the agency that recorded it, e.g. AG-1')
      .requiredOption(
        '--date <date>',
        'as recorded: 14/03/2023, 14/03/2023 10:30, 2023-03-14, 03/2023, "approx 14/03/2023" or unknown',
      )
      .requiredOption('--text <text>', 'what the record says')
      .option('--author <role>', 'who recorded it, by role')
      .option('--source-ref <ref>', "the agency's own record reference")
      .option('--id <id>', 'a stable id such as CH-3 (default: the next one)')
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview chronology add --agency AG-1 --date "14/03/2023 10:30" --text "Home visit; mother tired, flat cold."',
      ),
  ).action(async (_opts, command: Command) => {
    await runChange(
      env,
      command,
      (service, reviewId, o) => {
        const parsed = parseEventDate(String(o.date));
        if (!parsed.ok) {
          throw new ValidationError([issue('invalid-date', ['--date'], parsed.message)]);
        }
        return service.addChronologyEntry(
          reviewId,
          defined({
            agencyId: o.agency,
            date: parsed.date,
            text: o.text,
            author: o.author,
            sourceRef: o.sourceRef,
          }),
          o.id as string | undefined,
        );
      },
      (result) => `Added chronology entry ${createdId(result)}`,
    );
  });

  withReviewOption(
    chronology
      .command('list')
      .description('the merged chronology, in time order')
      .option('--agency <id>', 'only this agency'),
  ).action(async (_opts, command: Command) => {
    await runRead(env, command, async (service, reviewId, o) => {
      const state = await service.load(reviewId);
      const entries = orderedChronology(state.chronology).filter(
        (e) => !o.agency || e.agencyId === o.agency,
      );
      if (o.json) return printJson(env.output, entries);
      printTable(env.output, entries, [
        { header: 'ID', value: (e) => e.id },
        { header: 'DATE', value: (e) => e.date.original || e.date.precision },
        { header: 'AGENCY', value: (e) => state.agencies[e.agencyId]?.name ?? e.agencyId, max: 28 },
        { header: 'TEXT', value: (e) => e.text, max: 70 },
      ]);
    });
  });
}
