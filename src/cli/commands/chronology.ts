/**
 * `chronology add|list|import|template|edit|remove`: agencies' chronologies of
 * involvement, one entry at a time or a whole agency return at once, the blank
 * return template agencies fill in, and corrections.
 */
import { basename, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import type { RevisionOutcome } from '../../app/import-outcome.ts';
import { AgencySector } from '../../domain/agency.ts';
import { ValidationError } from '../../domain/errors.ts';
import {
  addRemoveCommand,
  createdId,
  inCommandTerms,
  optionsOf,
  runChange,
  runRead,
  withReviewOption,
} from '../command-kit.ts';
import type { CliEnvironment } from '../context.ts';
import { EXIT_USER_ERROR, issueLine } from '../exit-codes.ts';
import { formatImportReport, problemJsonOf } from '../format-import-report.ts';
import { importLimitsOf, withImportLimitOptions } from '../import-options.ts';
import { clearable, cleared, defined, integer } from '../options.ts';
import { printJson, printTable } from '../output.ts';
import { progressOnTerminal } from '../progress.ts';

const ENTRY_CLEARABLE = { author: 'author', 'source-ref': 'sourceRef' };

export function registerChronologyCommands(program: Command, env: CliEnvironment): void {
  const chronology = program
    .command('chronology')
    .description("agencies' chronologies of involvement with the family");

  withReviewOption(
    chronology
      .command('add')
      .description('add one chronology entry for an agency')
      .requiredOption('--agency <agency>', 'the agency that recorded it, by id (AG-1) or name')
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
    const { addChronologyEntry } = await import('../../app/chronology.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        addChronologyEntry(
          ws,
          reviewId,
          defined({
            agencyId: o.agency,
            date: String(o.date),
            text: o.text,
            author: o.author,
            sourceRef: o.sourceRef,
          }),
          o.id as string | undefined,
        ),
      (result) => `Added chronology entry ${createdId(result)}`,
    );
  });

  withReviewOption(
    chronology
      .command('list')
      .description('the merged chronology, in time order')
      .option('--agency <agency>', 'only this agency, by id or name'),
  ).action(async (_opts, command: Command) => {
    const { listChronology } = await import('../../app/chronology.ts');
    await runRead(env, command, async (ws, reviewId, o) => {
      const entries = await listChronology(ws, reviewId, o.agency as string | undefined);
      if (o.json) return printJson(env.output, entries);
      printTable(env.output, entries, [
        { header: 'ID', value: (e) => e.id },
        { header: 'DATE', value: (e) => e.date.original || e.date.precision },
        { header: 'AGENCY', value: (e) => e.agencyName, max: 28 },
        { header: 'SOURCE', value: (e) => e.citation ?? '', max: 30 },
        { header: 'TEXT', value: (e) => e.text, max: 60 },
      ]);
    });
  });

  withImportLimitOptions(
    withReviewOption(
      chronology
        .command('import')
        .description(
          "import an agency's return (CSV, XLSX, Word or JSON): columns mapped from the headings or the agency's saved mapping, every record checked, all imported in one go or none",
        )
        .argument(
          '<file>',
          'the return: .csv (any delimiter, UTF-8 or Windows-1252), .xlsx, .docx (a table) or .json',
        )
        .requiredOption('--agency <name or id>', 'the agency that sent it, by name or id (AG-2)')
        .option(
          '--sector <sector>',
          `create the agency if the review lacks it; one of ${AgencySector.options.join(', ')}`,
        )
        .option('--map <mapping.yaml>', 'a column mapping that overrides the saved or detected one')
        .option('--sheet <name>', 'XLSX: the sheet to read (default: the first)')
        .option(
          '--table <n>',
          'Word: the table to read, counting from 1 (default: the first whose header row names a date and what happened)',
          integer,
        )
        .option(
          '--skip-invalid',
          'import the valid records and list the invalid ones, instead of importing nothing',
        )
        .option('--month-first', 'read 03/04/2023 as March 4 (the default is day first: 3 April)')
        .option(
          '--date-format <format>',
          'how the date column writes its dates, e.g. "DD-MMM-YYYY HH:mm", MM/DD/YYYY, YYYYMMDD or excel (saved with the mapping)',
        )
        .option(
          '--apply',
          'a corrected return (same agency, same file name as before): apply its differences as one revision, instead of only showing them',
        )
        .option(
          '--reason <text>',
          'with --apply: why the entries no longer in the return are removed (kept in the log)',
        )
        .addHelpText(
          'after',
          [
            '',
            'A file over 50 MB (a workbook or Word document unpacking to more), of more than',
            '200,000 records, or with a cell over 100,000 characters is refused before it is parsed;',
            'raise a limit with its option for a file that needs it. Cells holding NUL, control',
            'characters or bidi overrides are refused, naming each record and column, unless',
            '--strip-controls removes them.',
            '',
            'A Word return is read from the first table whose header row names a date and what',
            'happened (or the table --table names, counting from 1); tables right after it with the',
            'same header continue it. Paragraphs in a cell are joined with line breaks; repeats of',
            'the header row are skipped; records are numbered by table row, as the report shows.',
            '',
            'A record with more cells than the header is refused; one with fewer is refused when it',
            'lacks the date or a text column, and imported with a warning naming the others.',
            '',
            'A return is imported once. Importing it again imports nothing when every record is',
            'already in the review (same date, text, author and source ref, whatever the column',
            'order, encoding or file name). A corrected return (same agency and file name) is',
            'compared with its earlier import: records added, changed (old → new), moved and',
            'removed are shown, and --apply applies them as one revision; entries keep their ids,',
            'and one still linked from a KPE, factor link or duplicate decision is not removed.',
            '',
            'A mapping file (--map) names the columns; text may list several, joined in order:',
            '  date: Occurrence date',
            '  time: Time',
            '  text: [Contact type, Details]',
            '  author: Officer',
            '  sourceRef: Occurrence ref',
            '  dayFirst: true',
            '  dateFormat: DD-MMM-YYYY HH:mm   # optional: YYYY/YY, MM or MMM, DD, HH:mm or hh:mm A',
            '',
            'Without dateFormat, dates are read in any usual form (18/03/2023, 18-Mar-2023 16:05,',
            'Mar 18, 2023 4:05 PM, 2023-03-18T16:05:00, Excel serials); numbered dates are read',
            'day first unless the column proves otherwise (a date such as 03/18/2023); the report',
            'names the form found in the date column, with a sample.',
            '',
            'Example:',
            '  tunnelview chronology import returns/police.csv --agency "Fenwick Vale Police" --sector police --skip-invalid',
          ].join('\n'),
        ),
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
        errors: error.issues.map((i) => ({
          file: typeof i.path[0] === 'string' && !i.path[0].startsWith('--') ? i.path[0] : shown,
          // A cell's problem (a control character, a cell too long) is placed [file, record, column].
          record: typeof i.path[1] === 'number' ? i.path[1] : null,
          column: typeof i.path[1] === 'number' && typeof i.path[2] === 'string' ? i.path[2] : null,
          message: issueLine(i),
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
      const { writeReturnTemplate } = await import('../../app/return-template.ts');
      const written = await inCommandTerms(command, () =>
        writeReturnTemplate({
          agency: String(o.agency),
          format,
          dir: env.cwd,
          ...(o.out === undefined ? {} : { outFile: resolve(env.cwd, String(o.out)) }),
          force: Boolean(o.force),
        }),
      );
      const { file: out, agency, columns } = written;
      if (o.json) return printJson(env.output, written);
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

  registerEntryCorrections(chronology, env);
}

/** `chronology edit` and `chronology remove`: correcting an entry, or taking it out. */
function registerEntryCorrections(chronology: Command, env: CliEnvironment): void {
  withReviewOption(
    chronology
      .command('edit')
      .description('correct a chronology entry; fields not given stay as they are')
      .argument('<id>', 'the entry, e.g. CH-12')
      .option('--agency <id or name>', 'the agency that recorded it')
      .option('--date <date>', 'as recorded, in any form chronology add takes')
      .option('--text <text>', 'what the record says')
      .option('--author <role>', 'who recorded it, by role')
      .option('--source-ref <ref>', "the agency's own record reference")
      .option(
        '--clear <option>',
        'clear author or source-ref, repeatable',
        clearable(ENTRY_CLEARABLE),
      )
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview chronology edit CH-12 --date "15/03/2023 09:10" --text "Home visit; mother tired, flat cold."',
      ),
  ).action(async (id: string, _opts, command: Command) => {
    const { editChronologyEntry } = await import('../../app/chronology.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        editChronologyEntry(ws, reviewId, id, {
          ...defined({
            agencyId: o.agency,
            date: o.date,
            text: o.text,
            author: o.author,
            sourceRef: o.sourceRef,
          }),
          ...cleared(o.clear, ENTRY_CLEARABLE),
        }),
      (result) => `Edited chronology entry ${createdId(result)}`,
    );
  });

  addRemoveCommand(chronology, env, {
    description:
      'remove a chronology entry (its id is never used again); refused while KPEs, factor evidence or duplicate decisions name it',
    argument: 'the entry, e.g. CH-12',
    noun: 'chronology entry',
    force: 'detach the KPEs, evidence and duplicate decisions that name it',
    example:
      'tunnelview chronology remove CH-12 --reason "Same visit as CH-11, recorded twice" --force',
    load: async () => (await import('../../app/chronology.ts')).removeChronologyEntry,
  });
}

async function importReturn(env: CliEnvironment, command: Command, file: string): Promise<void> {
  const { importReturn } = await import('../../app/import-return.ts');
  await runRead(env, command, async (ws, reviewId, o) => {
    const progress = progressOnTerminal(env, o);
    const { plan, outcome, persons } = await importReturn(ws, reviewId, {
      path: resolve(env.cwd, file),
      agency: String(o.agency),
      ...defined({
        sector: o.sector,
        sheet: o.sheet as string | undefined,
        table: o.table,
        mappingPath: o.map === undefined ? undefined : resolve(env.cwd, String(o.map)),
        dateFormat: o.dateFormat as string | undefined,
        removalReason: o.reason,
        progress: progress.report,
      }),
      monthFirst: Boolean(o.monthFirst),
      skipInvalid: Boolean(o.skipInvalid),
      apply: Boolean(o.apply),
      limits: importLimitsOf(o),
      stripControls: Boolean(o.stripControls),
    }).finally(progress.done);
    const unresolved = plan.problems.length > 0 && !outcome.skipInvalid;
    if (outcome.result === 'nothing-imported' || unresolved) process.exitCode = EXIT_USER_ERROR;

    if (o.json) {
      const mentions = new Map<string, number[]>();
      for (const e of plan.entries) {
        for (const id of e.personIds) mentions.set(id, [...(mentions.get(id) ?? []), e.record]);
      }
      printJson(env.output, {
        imported: outcome.ids.length,
        errors: plan.problems.map(problemJsonOf),
        warnings: plan.warnings.map(problemJsonOf),
        result: outcome.result,
        review: reviewId,
        agency: outcome.agency,
        file: plan.file,
        read: plan.description,
        mapping: plan.mapping ?? null,
        mappingSource: plan.mappingSource ?? null,
        mappingSaved: outcome.mappingSaved,
        strippedControls: plan.stripped ?? null,
        extraColumns: plan.extraColumns,
        dates: plan.dates ?? null,
        ids: outcome.ids,
        skipped: plan.skipped,
        people: [...mentions.entries()].map(([personId, records]) => ({ personId, records })),
        unknownNames: plan.unknownNames,
        alreadyImported: outcome.alreadyImported ?? null,
        overlap: outcome.overlap ?? null,
        revision: outcome.revision ? revisionJson(outcome.revision) : null,
      });
      return;
    }
    for (const line of formatImportReport(plan, outcome, persons)) env.output.out(line);
    if (
      outcome.result === 'revision-shown' &&
      !unresolved &&
      outcome.revision?.blocked.length === 0
    ) {
      env.output.out(
        'To apply it as one revision, run the same import with --apply (and --reason "…" to say why entries go).',
      );
    }
  });
}

/** A revision as data: what is added, changed (old and new), moved, removed and kept, and the links. */
function revisionJson(r: RevisionOutcome) {
  const { diff } = r;
  return {
    file: r.file,
    applied: r.applied,
    added: diff.added.map((a, i) => ({
      record: a.record,
      ...(r.addedIds[i] ? { id: r.addedIds[i] } : {}),
      entry: a.entry,
    })),
    changed: diff.changed.map((c) => ({ ...c, links: r.links[c.id] ?? [] })),
    moved: diff.moved,
    removed: diff.removed.map((x) => ({ ...x, links: r.links[x.id] ?? [] })),
    kept: diff.kept,
    blocked: r.blocked,
    unchanged: diff.unchanged.length,
    mappingChanged: r.mappingChanged,
  };
}
