/**
 * `chronology add|list|import|template`: agencies' chronologies of involvement,
 * one entry at a time or a whole agency return at once, and the blank return
 * template agencies fill in.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { applyReturn } from '../../chronology/apply-return.ts';
import { formatImportReport } from '../../chronology/format-import-report.ts';
import { problemJson } from '../../chronology/import-problem.ts';
import { loadMappingFile } from '../../chronology/load-mapping-file.ts';
import { parseEventDate } from '../../chronology/parse-event-date.ts';
import { readReturn } from '../../chronology/read-return.ts';
import {
  RETURN_TEMPLATE_COLUMNS,
  returnTemplateCsv,
  returnTemplateXlsx,
  templateFileName,
} from '../../chronology/write-return-template.ts';
import { AgencySector } from '../../domain/agency.ts';
import { ValidationError } from '../../domain/errors.ts';
import { issue } from '../../domain/issue.ts';
import { orderedChronology } from '../../service/display-order.ts';
import { parseOrThrow } from '../../service/zod-issues.ts';
import { createdId, optionsOf, runChange, runRead, withReviewOption } from '../command-kit.ts';
import { type CliEnvironment, resolveReview, withService } from '../context.ts';
import { EXIT_USER_ERROR } from '../exit-codes.ts';
import { inFlagTerms } from '../flag-terms.ts';
import { defined } from '../options.ts';
import { printJson, printTable } from '../output.ts';

/** Today's date in the UK, by the environment's clock: later dates in a return are refused. */
function ukToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
}

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
        'as recorded: 14/03/2023, 14/03/2023 10:30, 2023-03-14, ?/03/2023, "early May 2023", "approx 14/03/2023" or unknown',
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

  withReviewOption(
    chronology
      .command('import')
      .description(
        "import an agency's return (CSV, XLSX or JSON): columns mapped from the headings or the agency's saved mapping, every record checked, all imported in one go or none",
      )
      .argument('<file>', 'the return: .csv (any delimiter, UTF-8 or Windows-1252), .xlsx or .json')
      .requiredOption('--agency <name or id>', 'the agency that sent it, by name or id (AG-2)')
      .option(
        '--sector <sector>',
        `create the agency if the review lacks it; one of ${AgencySector.options.join(', ')}`,
      )
      .option('--map <mapping.yaml>', 'a column mapping that overrides the saved or detected one')
      .option('--sheet <name>', 'XLSX: the sheet to read (default: the first)')
      .option(
        '--skip-invalid',
        'import the valid records and list the invalid ones, instead of importing nothing',
      )
      .option('--month-first', 'read 03/04/2023 as March 4 (the default is day first: 3 April)')
      .addHelpText(
        'after',
        [
          '',
          'A mapping file (--map) names the columns; text may list several, joined in order:',
          '  date: Occurrence date',
          '  time: Time',
          '  text: [Contact type, Details]',
          '  author: Officer',
          '  sourceRef: Occurrence ref',
          '  dayFirst: true',
          '',
          'Example:',
          '  tunnelview chronology import returns/police.csv --agency "Fenwick Vale Police" --sector police --skip-invalid',
        ].join('\n'),
      ),
  ).action(async (file: string, _opts, command: Command) => {
    const o = optionsOf(command);
    try {
      await importReturn(env, command, file);
    } catch (error) {
      if (!(error instanceof ValidationError) || !o.json) throw error;
      // --json promises one shape, refusals included.
      const shown = basename(file);
      printJson(env.output, {
        imported: 0,
        errors: inFlagTerms(error, command).issues.map((i) => ({
          file: typeof i.path[0] === 'string' && !i.path[0].startsWith('--') ? i.path[0] : shown,
          record: null,
          column: null,
          message: i.message,
        })),
      });
      process.exitCode = EXIT_USER_ERROR;
    }
  });

  chronology
    .command('template')
    .description(
      'write a blank agency return (CSV or XLSX) with the columns tunnelview imports and short guidance',
    )
    .requiredOption(
      '--agency <name>',
      'the agency the return is for (named in the guidance and the file name)',
    )
    .addOption(
      new Option('--format <format>', 'csv, or xlsx with notes and a guidance sheet')
        .choices(['csv', 'xlsx'])
        .makeOptionMandatory(),
    )
    .option('--out <file>', 'where to write it (default: chronology-return-<agency>.<format>)')
    .option('--force', 'overwrite the file if it exists')
    .addHelpText(
      'after',
      '\nExample:\n  tunnelview chronology template --agency "Fenwick Vale Police" --format xlsx --out police-return.xlsx',
    )
    .action(async (_opts, command: Command) => {
      const o = optionsOf(command);
      const format = o.format as 'csv' | 'xlsx';
      const agency = String(o.agency).trim();
      const out = resolve(env.cwd, String(o.out ?? templateFileName(agency, format)));
      if (existsSync(out) && !o.force) {
        throw new ValidationError([
          issue(
            'file-exists',
            ['--out'],
            `${out} already exists; choose another --out, or add --force to overwrite it`,
          ),
        ]);
      }
      const bytes = format === 'csv' ? returnTemplateCsv() : await returnTemplateXlsx(agency);
      writeFileSync(out, bytes);
      const columns = RETURN_TEMPLATE_COLUMNS.map((c) => c.heading);
      if (o.json) return printJson(env.output, { file: out, format, agency, columns });
      env.output.out(`Wrote ${out}: a blank chronology return for ${agency}.`);
      env.output.out(`Columns: ${columns.join(', ')}.`);
      env.output.out(
        format === 'csv'
          ? 'The second row is an example marked "EXAMPLE ROW"; it is never imported, so the agency may leave it or delete it.'
          : 'Each heading has a note with guidance; the Guidance sheet explains the columns with an example.',
      );
      env.output.out(
        `Import the filled-in return with: tunnelview chronology import ${basename(out)} --agency "${agency}"`,
      );
    });
}

async function importReturn(env: CliEnvironment, command: Command, file: string): Promise<void> {
  const o = optionsOf(command);
  const path = resolve(env.cwd, file);
  // Read everything before opening the workspace: a bad file changes nothing.
  const table = await readReturn(path, defined({ sheet: o.sheet as string | undefined }));
  const override = o.map
    ? { mapping: loadMappingFile(resolve(env.cwd, String(o.map))), file: basename(String(o.map)) }
    : undefined;
  const sector =
    o.sector === undefined ? undefined : parseOrThrow(AgencySector, o.sector, ['--sector']);

  await withService(env, o, { create: false }, async (service) => {
    const reviewId = await resolveReview(service, o.review);
    const { plan, outcome, persons } = await applyReturn(service, reviewId, {
      table,
      agency: String(o.agency),
      ...(sector ? { sector } : {}),
      ...(override ? { override } : {}),
      monthFirst: Boolean(o.monthFirst),
      skipInvalid: Boolean(o.skipInvalid),
      today: ukToday(env.clock?.() ?? new Date()),
    }).catch((error: unknown) => {
      throw error instanceof ValidationError ? inFlagTerms(error, command) : error;
    });
    const ids = outcome.ids;
    const mappingSaved = outcome.mappingSaved;
    if (ids.length === 0) process.exitCode = EXIT_USER_ERROR;

    if (o.json) {
      const mentions = new Map<string, number[]>();
      for (const e of plan.entries) {
        for (const id of e.personIds) mentions.set(id, [...(mentions.get(id) ?? []), e.record]);
      }
      printJson(env.output, {
        imported: ids.length,
        errors: plan.problems.map(problemJson),
        review: reviewId,
        agency: outcome.agency,
        file: plan.file,
        read: plan.description,
        mapping: plan.mapping ?? null,
        mappingSource: plan.mappingSource ?? null,
        mappingSaved,
        extraColumns: plan.extraColumns,
        ids,
        skipped: plan.skipped,
        people: [...mentions.entries()].map(([personId, records]) => ({ personId, records })),
        unknownNames: plan.unknownNames,
      });
      return;
    }
    for (const line of formatImportReport(plan, outcome, persons)) env.output.out(line);
  });
}
