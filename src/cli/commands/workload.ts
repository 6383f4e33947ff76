/** `workload`: the time logged on a review, by role, stage, person and activity, against the estimate. */
import type { Command } from 'commander';
import type { WorkloadSummary } from '../../workflow/workload.ts';
import { runRead, withReviewOption } from '../command-kit.ts';
import type { CliEnvironment } from '../context.ts';
import type { Output } from '../output.ts';
import { printJson, printTable } from '../output.ts';

/** Hours to one decimal place: managers read hours, and minutes stay in the JSON. */
function hours(minutes: number): string {
  return (minutes / 60).toFixed(1);
}

function share(minutes: number, total: number): string {
  return total === 0 ? '-' : `${Math.round((minutes / total) * 100)}%`;
}

/** The sentence comparing logged time with the variant's expected effort, or why there is none. */
export function expectedEffortLine(summary: WorkloadSummary, modelId: string): string {
  if (summary.variant === null) {
    return `The review's variant is not in model ${modelId}, so there is no expected effort to compare with.`;
  }
  if (summary.expectedEffortHours === null || summary.percentOfExpected === null) {
    return `The ${summary.variant.name} variant of model ${modelId} gives no expected effort to compare with (a model can give one as expectedEffortHours).`;
  }
  return `${hours(summary.totalMinutes)} h logged of the ${summary.expectedEffortHours} h the ${summary.variant.name} variant expects (${summary.percentOfExpected}%).`;
}

/** The workload as text for people: totals, then each breakdown as a table with each row's share. */
export function printWorkload(
  o: Output,
  summary: WorkloadSummary,
  review: { id: string; title: string; modelId: string },
): void {
  const total = summary.totalMinutes;
  const entries = `${summary.entries} ${summary.entries === 1 ? 'entry' : 'entries'}`;
  const people = `${summary.byPerson.length} ${summary.byPerson.length === 1 ? 'person' : 'people'}`;
  o.out(`Workload of review ${review.id}: ${review.title}`);
  if (total === 0) {
    o.out('No time has been logged yet. Record it as the work is done, for example:');
    o.out(
      '  tunnelview time log --participant PT-1 --activity "reading agency records" --minutes 90 --date 2026-01-14',
    );
  } else {
    o.out(`Total logged: ${hours(total)} h (${total} minutes) in ${entries} by ${people}.`);
    const sections: [string, () => void][] = [
      [
        'By role',
        () =>
          printTable(o, summary.byRole, [
            { header: 'ROLE', value: (r) => r.role },
            { header: 'HOURS', value: (r) => hours(r.minutes) },
            { header: 'SHARE', value: (r) => share(r.minutes, total) },
          ]),
      ],
      [
        'By stage',
        () =>
          printTable(o, summary.byStage, [
            { header: 'STAGE', value: (s) => s.stageName },
            { header: 'HOURS', value: (s) => hours(s.minutes) },
            { header: 'SHARE', value: (s) => share(s.minutes, total) },
          ]),
      ],
      [
        'By person',
        () =>
          printTable(o, summary.byPerson, [
            { header: 'ID', value: (p) => p.participantId },
            { header: 'NAME', value: (p) => p.name },
            { header: 'ROLE', value: (p) => p.role },
            { header: 'HOURS', value: (p) => hours(p.minutes) },
            { header: 'SHARE', value: (p) => share(p.minutes, total) },
          ]),
      ],
      [
        'By activity',
        () =>
          printTable(o, summary.byActivity, [
            { header: 'ACTIVITY', value: (a) => a.activity },
            { header: 'HOURS', value: (a) => hours(a.minutes) },
            { header: 'SHARE', value: (a) => share(a.minutes, total) },
          ]),
      ],
    ];
    for (const [heading, print] of sections) {
      o.out('');
      o.out(heading);
      print();
    }
  }
  o.out('');
  o.out(expectedEffortLine(summary, review.modelId));
  // Said every time, because the figures are a floor: work done at home and out of hours is often never logged.
  o.out('Only time logged with tunnelview time log is counted; time not logged is not shown.');
}

export function registerWorkloadCommand(program: Command, env: CliEnvironment): void {
  withReviewOption(
    program
      .command('workload')
      .description(
        "time logged on the review by role, stage, person and activity, against the variant's expected effort",
      )
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview workload --review R-7K2M9Q\n  tunnelview workload --json',
      ),
  ).action(async (_opts, command: Command) => {
    const { workload } = await import('../../app/time-log.ts');
    await runRead(env, command, async (ws, reviewId, o) => {
      const { review, summary } = await workload(ws, reviewId);
      if (o.json) return printJson(env.output, { review: reviewId, ...summary });
      printWorkload(env.output, summary, review);
    });
  });
}
