/**
 * `chronology duplicates|confirm|split|show`: possible duplicates across
 * agencies as clusters a reviewer confirms or splits, and each agency's
 * perspective — the merged chronology and the side-by-side view — as text,
 * HTML, CSV or XLSX, confidential or for publication.
 */
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { ChronologyEdition, ChronologyFormat } from '../../app/chronology-views.ts';
import type { DuplicateCluster } from '../../chronology/find-duplicates.ts';
import { describeDate, sourceOf } from '../../chronology/perspectives.ts';
import { wrap } from '../../chronology/perspectives-text.ts';
import { writePrivateFileSync } from '../../store/private-file.ts';
import { runChange, runRead, withReviewOption } from '../command-kit.ts';
import type { CliEnvironment } from '../context.ts';
import { collect, defined } from '../options.ts';
import { type Output, printJson } from '../output.ts';

function score(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new InvalidArgumentError(`expected a score between 0 and 1, e.g. 0.4; found "${value}"`);
  }
  return n;
}

/** The cluster as `--json` prints it: the fixed keys first, then ids, reasons and conflicts. */
function clusterJson(c: DuplicateCluster) {
  return {
    entries: c.entries.map((e) => ({
      agency: e.agency,
      file: e.file,
      record: e.record,
      id: e.id,
      agencyId: e.agencyId,
      date: e.date.original || describeDate(e.date),
      text: e.text,
    })),
    confirmed: c.confirmed,
    score: c.score,
    ids: c.ids,
    reasons: c.reasons,
    conflicts: c.conflicts,
  };
}

const TEXT_WIDTH = 110;

/** A wrapped bullet line under a cluster. */
function printBullet(out: Output, text: string): void {
  for (const [i, l] of wrap(text, TEXT_WIDTH - 6).entries()) {
    out.out(`${i === 0 ? '    - ' : '      '}${l}`);
  }
}

/** A cluster for people: its entries in columns side by side (stacked beyond three), why, and the conflicts. */
function printCluster(out: Output, c: DuplicateCluster, n: number): void {
  out.out(
    `Cluster ${n}: ${c.ids.join(' + ')} — score ${c.score.toFixed(2)}${c.confirmed ? ' — CONFIRMED by a reviewer' : ''}`,
  );
  const columns = c.entries.length <= 3 ? c.entries.length : 1;
  const gap = 3;
  const width = Math.floor((TEXT_WIDTH - 2 - gap * (columns - 1)) / columns);
  const blocks = c.entries.map((e) => [
    `${e.id} · ${e.agency}`,
    describeDate(e.date),
    sourceOf(e),
    '',
    ...wrap(e.text, width),
  ]);
  for (let start = 0; start < blocks.length; start += columns) {
    const group = blocks.slice(start, start + columns).map((b) => b.flatMap((l) => wrap(l, width)));
    const height = Math.max(...group.map((b) => b.length));
    for (let i = 0; i < height; i++) {
      out.out(
        `  ${group
          .map((b) => (b[i] ?? '').padEnd(width))
          .join(' '.repeat(gap))
          .trimEnd()}`,
      );
    }
    if (start + columns < blocks.length) out.out('');
  }
  out.out('  Why suggested:');
  for (const reason of c.reasons) {
    printBullet(out, reason);
  }
  if (c.conflicts.length > 0) {
    out.out('  Conflicting details (kept, not resolved):');
    for (const conflict of c.conflicts) {
      const says = conflict.values.map((v) => `${v.agency}: ${v.value ?? '—'}`).join('; ');
      const line = conflict.scope === 'differ' ? `${conflict.message} (${says})` : conflict.message;
      printBullet(out, line);
    }
  }
  if (!c.confirmed) {
    out.out(
      `  Decide: tunnelview chronology confirm ${c.ids.join(' ')}   or   tunnelview chronology split ${c.ids.join(' ')}`,
    );
  }
  out.out('');
}

/** Adds the duplicate and perspective commands to the `chronology` command (created if absent). */
export function registerChronologyViewCommands(program: Command, env: CliEnvironment): void {
  const chronology =
    program.commands.find((c) => c.name() === 'chronology') ??
    program
      .command('chronology')
      .description("agencies' chronologies of involvement with the family");

  withReviewOption(
    chronology
      .command('duplicates')
      .description(
        'entries that may record the same event in two or more agencies, as clusters to confirm or split',
      )
      .option(
        '--min-score <score>',
        'the lowest pair score (0–1) that links two entries; lower finds more, with more false alarms (confirmed clusters always show)',
        score,
      )
      .addHelpText(
        'after',
        '\nScores weigh wording (IDF-weighted cosine), shared people and places, the other agency\nor its practitioner named, what each records (a visit, a meeting, a call, a referral…),\nand time apart on a working clock (less for dates known only to the month); records of\ndifferent things on the same day (a referral and its acknowledgement, an incident and a\ncall passing on news of it) are not taken as one event.\n\nExample:\n  tunnelview chronology duplicates --review R-7K2M9Q --min-score 0.4 --json',
      ),
  ).action(async (_opts, command: Command) => {
    const { findDuplicates } = await import('../../app/chronology-views.ts');
    await runRead(env, command, async (ws, reviewId, o) => {
      const clusters = await findDuplicates(
        ws,
        reviewId,
        o.minScore === undefined ? {} : { minScore: o.minScore as number },
      );
      if (o.json) return printJson(env.output, { clusters: clusters.map(clusterJson) });
      if (clusters.length === 0) {
        env.output.out('No possible duplicates found.');
        return;
      }
      const confirmed = clusters.filter((c) => c.confirmed).length;
      env.output.out(
        `${clusters.length} cluster${clusters.length === 1 ? '' : 's'} of entries that may record the same event (${confirmed} confirmed):`,
      );
      env.output.out('');
      for (const [i, c] of clusters.entries()) printCluster(env.output, c, i + 1);
    });
  });

  for (const decision of ['confirmed', 'split'] as const) {
    const verb = decision === 'confirmed' ? 'confirm' : 'split';
    withReviewOption(
      chronology
        .command(`${verb} <ids...>`)
        .description(
          decision === 'confirmed'
            ? 'record that these entries are one event recorded by several agencies'
            : 'record that these entries are not one event; they are not suggested together again',
        )
        .option('--note <text>', 'why, for the record')
        .addHelpText(
          'after',
          decision === 'confirmed'
            ? '\nExample:\n  tunnelview chronology confirm CH-3 CH-17 --note "Same incident: police log and ambulance record"'
            : '\nExample:\n  tunnelview chronology split CH-3 CH-17 --note "The call passed on news of the incident; not the incident"',
        ),
    ).action(async (ids: string[], _opts, command: Command) => {
      const { decideDuplicates } = await import('../../app/chronology.ts');
      await runChange(
        env,
        command,
        (ws, reviewId, o) =>
          decideDuplicates(ws, reviewId, {
            entryIds: ids,
            decision,
            ...(o.note === undefined ? {} : { note: o.note }),
          }),
        (result) => {
          // The entries as resolved (CH-n), whichever way they were cited.
          const event = result.events[0];
          const entryIds =
            event?.type === 'chronology.duplicates-decided' ? event.payload.entryIds : ids;
          return decision === 'confirmed'
            ? `Confirmed ${entryIds.join(' + ')} as one event`
            : `Split ${entryIds.join(', ')}: not one event`;
        },
      );
    });
  }

  withReviewOption(
    chronology
      .command('show')
      .description(
        'the merged chronology in time order, or side by side with a column per agency, as text, HTML, CSV or XLSX',
      )
      .option('--from <date>', 'the first day to show, e.g. 01/03/2023 or 2023-03-01')
      .option('--to <date>', 'the last day to show')
      .option('--agency <agency>', 'only this agency, by id or name (repeatable)', collect)
      .addOption(
        new Option('--format <format>', 'text, html, csv or xlsx (xlsx has both views)')
          .choices(['text', 'html', 'csv', 'xlsx'])
          .default('text'),
      )
      .option(
        '--side-by-side',
        'one column per agency, one row per day (week or month for imprecise dates)',
      )
      .addOption(
        new Option(
          '--edition <edition>',
          'confidential, or publication: through the pseudonym register, given only if the leak check passes',
        )
          .choices(['confidential', 'publication'])
          .default('confidential'),
      )
      .option(
        '--out <file>',
        'write to this file (default: print; xlsx: <review>-chronology[-publication].xlsx)',
      )
      .addHelpText(
        'after',
        '\nEntries known only to a month, week or range show in a row for that period; with --from or\n--to, an imprecise entry shows if any day it could be falls in the period, and undated\nentries are left out.\n\nThe publication edition puts every register identifier through the pseudonym register, as\n`tunnelview render --edition publication` does, and is written only when the export is then free\nof them (read plainly and as a reader would); otherwise nothing is written and each leak is\nlisted with the entry and place it stands in.\n\nExample:\n  tunnelview chronology show --review R-7K2M9Q --from 2023-03-01 --to 2023-05-31 --side-by-side --format html --out side-by-side.html\n  tunnelview chronology show --side-by-side --format xlsx --edition publication',
      ),
  ).action(async (_opts, command: Command) => {
    const { chronologyView } = await import('../../app/chronology-views.ts');
    await runRead(env, command, async (ws, reviewId, o) => {
      const format = o.format as ChronologyFormat;
      const edition = o.edition as ChronologyEdition;
      const shown = await chronologyView(ws, reviewId, {
        ...defined({
          from: o.from as string | undefined,
          to: o.to as string | undefined,
          agencies: o.agency as string[] | undefined,
        }),
        sideBySide: Boolean(o.sideBySide),
        format,
        edition,
      });
      const suffix = edition === 'publication' ? '-publication' : '';
      const outFile =
        o.out === undefined
          ? format === 'xlsx'
            ? resolve(env.cwd, `${reviewId}-chronology${suffix}.xlsx`)
            : undefined
          : resolve(env.cwd, o.out as string);
      if (shown.format === 'text' && o.json) return printJson(env.output, shown.view);
      if (!outFile) {
        env.output.out(shown.format === 'xlsx' ? '' : shown.text.replace(/\r?\n$/, ''));
        return;
      }
      if (shown.format === 'xlsx') writePrivateFileSync(outFile, shown.bytes);
      else
        writePrivateFileSync(outFile, shown.text.endsWith('\n') ? shown.text : `${shown.text}\n`);
      const p = 'publication' in shown ? shown.publication : undefined;
      if (o.json) {
        printJson(env.output, {
          review: reviewId,
          file: outFile,
          entries: shown.entries,
          edition,
          ...(p ? { substitutions: p.substitutions, leaks: [], warnings: p.warnings } : {}),
        });
        return;
      }
      if (shown.format === 'xlsx') {
        env.output.out(
          `Wrote ${outFile} (${shown.entries} entries; sheets: Merged chronology, Side by side)`,
        );
      } else {
        env.output.out(`Wrote ${outFile} (${shown.entries} entries)`);
      }
      if (p) {
        env.output.out(
          `  leak check passed: ${p.substitutions} identifiers replaced through the register; none left in the export, read plainly or as a reader would`,
        );
        if (p.warnings.length > 0) {
          env.output.out(
            `  names not in the register, to look at (not refused): ${p.warnings.slice(0, 30).join(', ')}${p.warnings.length > 30 ? ', …' : ''}`,
          );
        }
      }
    });
  });
}
