/** `kpe add|edit|list|show|remove`: key practice episodes, appraised and explained apart. */
import type { Command } from 'commander';
import { APPRAISAL_RATINGS } from '../../domain/kpe.ts';
import { citedLabel } from '../cited.ts';
import {
  addRemoveCommand,
  createdId,
  type Options,
  runChange,
  runRead,
  withReviewOption,
} from '../command-kit.ts';
import type { CliEnvironment } from '../context.ts';
import { clearable, cleared, collect, defined, withCleared } from '../options.ts';
import { printJson, printTable } from '../output.ts';

const KPE_CLEARABLE = {
  to: 'period.to',
  standard: 'appraisal.standard',
  appraisal: 'appraisal',
  explanation: 'explanation',
};

function kpeOptions(command: Command): Command {
  return command
    .option('--title <title>', 'a short neutral title')
    .option('--from <date>', 'the day the episode began, e.g. 14/03/2023 or 2023-03-14')
    .option('--to <date>', 'the day it ended, if it spans a period')
    .option('--agency <agency>', 'an agency involved, by id or name; repeatable', collect)
    .option(
      '--chronology <entry>',
      'a chronology entry it draws on: CH-7, FILE#RECORD (gp-practice.csv#12) or AGENCY#RECORD (AG-2#12); repeatable',
      collect,
    )
    .option('--what <text>', 'what happened, factually')
    .option('--rating <rating>', `appraisal rating: ${APPRAISAL_RATINGS.join(', ')}`)
    .option('--appraisal <text>', 'the appraisal of practice against the standards of the time')
    .option('--standard <text>', 'the standard referred to, with its source')
    .option('--explanation <text>', 'why it made sense at the time (local rationality)');
}

/** The KPE fields the options give (an edit merges a partial appraisal or period into the old one). */
function kpeFields(o: Options) {
  const appraisal = defined({ rating: o.rating, text: o.appraisal, standard: o.standard });
  const period = defined({ from: o.from, to: o.to });
  return defined({
    title: o.title,
    period: Object.keys(period).length > 0 ? period : undefined,
    agencyIds: o.agency,
    chronologyRefs: o.chronology,
    whatHappened: o.what,
    appraisal: Object.keys(appraisal).length > 0 ? appraisal : undefined,
    explanation: o.explanation !== undefined ? { localRationality: o.explanation } : undefined,
  });
}

export function registerKpeCommands(program: Command, env: CliEnvironment): void {
  const kpe = program.command('kpe').description('key practice episodes');

  withReviewOption(
    kpeOptions(kpe.command('add').description('add a key practice episode'))
      .option('--id <id>', 'a stable id such as KPE-3 (default: the next one)')
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview kpe add --title "Referral after bruising seen at nursery" --from 2023-05-02 --agency AG-3 \\\n    --what "Nursery staff saw bruising and phoned the front door." --rating good \\\n    --appraisal "Prompt referral in line with procedures." --explanation "Clear local guidance and a confident key worker."',
      ),
  ).action(async (_opts, command: Command) => {
    const { addKpe } = await import('../../app/kpes.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) => addKpe(ws, reviewId, kpeFields(o), o.id as string | undefined),
      (result) => `Added ${createdId(result)}`,
    );
  });

  withReviewOption(
    kpeOptions(
      kpe
        .command('edit')
        .description(
          "change a KPE's fields; fields not given stay as they are (a new rating keeps the appraisal text)",
        )
        .argument('<id>', 'the KPE, e.g. KPE-3')
        .option(
          '--clear <option>',
          'clear to, standard, appraisal or explanation, repeatable',
          clearable(KPE_CLEARABLE),
        ),
    ).addHelpText(
      'after',
      '\nExample:\n  tunnelview kpe edit KPE-3 --explanation "The visit was the fourth that day; no interpreter could be booked."',
    ),
  ).action(async (id: string, _opts, command: Command) => {
    const { editKpe } = await import('../../app/kpes.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        editKpe(ws, reviewId, id, withCleared(kpeFields(o), cleared(o.clear, KPE_CLEARABLE))),
      (result) => `Edited ${createdId(result)}`,
    );
  });

  addRemoveCommand(kpe, env, {
    description:
      'remove a KPE (its id is never used again); refused while factors are linked to it',
    argument: 'the KPE, e.g. KPE-3',
    noun: '',
    force: 'unlink the factors linked to it, in the same change',
    load: async () => (await import('../../app/kpes.ts')).removeKpe,
  });

  withReviewOption(kpe.command('list').description('KPEs in time order')).action(
    async (_opts, command: Command) => {
      const { listKpes } = await import('../../app/kpes.ts');
      await runRead(env, command, async (ws, reviewId, o) => {
        const kpes = await listKpes(ws, reviewId);
        if (o.json) return printJson(env.output, kpes);
        printTable(env.output, kpes, [
          { header: 'ID', value: (k) => k.id },
          { header: 'FROM', value: (k) => k.period.from },
          { header: 'TITLE', value: (k) => k.title, max: 50 },
          { header: 'RATING', value: (k) => k.appraisal?.rating ?? '(not appraised)' },
          { header: 'EXPLAINED', value: (k) => (k.explanation ? 'yes' : 'no') },
          { header: 'FACTORS', value: (k) => k.factorIds.join(' ') },
        ]);
      });
    },
  );

  withReviewOption(
    kpe.command('show').description('one KPE in full').argument('<id>', 'e.g. KPE-3'),
  ).action(async (id: string, _opts, command: Command) => {
    const { showKpe } = await import('../../app/kpes.ts');
    await runRead(env, command, async (ws, reviewId, o) => {
      const k = await showKpe(ws, reviewId, id);
      if (o.json) return printJson(env.output, k);
      const out = env.output.out;
      out(`${k.id}: ${k.title}`);
      out(`  period: ${k.period.from}${k.period.to ? ` to ${k.period.to}` : ''}`);
      out(`  agencies: ${k.agencies.map((a) => a.name).join('; ') || '(none)'}`);
      out(`  what happened: ${k.whatHappened}`);
      out(
        `  appraisal: ${k.appraisal ? `${k.appraisal.rating} — ${k.appraisal.text}` : '(not yet appraised)'}`,
      );
      if (k.appraisal?.standard) out(`  standard: ${k.appraisal.standard}`);
      out(`  explanation: ${k.explanation?.localRationality ?? '(not yet explained)'}`);
      for (const e of k.chronology) {
        const where = [e.citation, e.agencyName].filter(Boolean).join(', ');
        out(`  ${e.id} (${where}) ${e.date.original}: ${e.text}`);
      }
      for (const l of k.links) {
        out(
          `  factor ${l.factorId}: ${l.factorText}${l.cited.length ? ` [evidence ${l.cited.map(citedLabel).join('; ')}]` : ''}`,
        );
      }
      for (const w of k.caseGroup) {
        const d = w.decision;
        const decided =
          d.outcome === 'declined'
            ? `declined: ${d.reason}`
            : d.outcome === 'accepted'
              ? 'accepted'
              : 'not yet decided';
        out(
          `  ${w.id} ${w.label.toLowerCase()} (${decided}) by ${w.authorId} at ${w.meetingId}${w.meetingDate ? ` on ${w.meetingDate}` : ''}: ${w.text}`,
        );
      }
    });
  });
}
