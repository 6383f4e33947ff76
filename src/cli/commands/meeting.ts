/**
 * `meeting add|record|list|edit|remove` and `time log|list|edit|remove`:
 * meetings planned and held, and time spent on the review. A meeting run live has its
 * own subcommands (`live-meeting.ts`).
 */
import { type Command, Option } from 'commander';
import {
  addRemoveCommand,
  createdId,
  runChange,
  runRead,
  withReviewOption,
} from '../command-kit.ts';
import type { CliEnvironment } from '../context.ts';
import { clearable, cleared, collect, defined, integer } from '../options.ts';
import { printJson, printTable } from '../output.ts';
import { registerLiveMeetingCommands } from './live-meeting.ts';

const MEETING_CLEARABLE = { notes: 'notes', outcome: 'outcome', dissent: 'dissent' };

const TIME_CLEARABLE = { stage: 'stage' };

export function registerMeetingCommands(program: Command, env: CliEnvironment): void {
  const meeting = program.command('meeting').description('review team and case-group meetings');

  withReviewOption(
    meeting
      .command('add')
      .description('record a meeting (held, or --scheduled)')
      .requiredOption('--type <id>', 'a meeting type of the model (see tunnelview model show)')
      .requiredOption('--date <date>', 'the day, e.g. 03/02/2026 or 2026-02-03')
      .option('--scheduled', 'it is planned, not yet held', false)
      .option(
        '--attendee <participant>',
        'a participant who attended, by id or name; repeatable',
        collect,
      )
      .option('--notes <text>', 'notes')
      .option('--outcome <text>', 'what the meeting decided or concluded')
      .option('--dissent <text>', 'disagreement voiced, recorded as such')
      .option('--id <id>', 'a stable id such as M-3 (default: the next one)')
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview meeting add --type review-team --date 2026-02-03 --attendee PT-1,PT-2,PT-3\n  tunnelview meeting add --type joint-meeting-1 --date 2026-03-10 --scheduled',
      ),
  ).action(async (_opts, command: Command) => {
    const { recordMeeting } = await import('../../app/meetings.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        recordMeeting(
          ws,
          reviewId,
          defined({
            type: o.type,
            date: o.date,
            status: o.scheduled ? 'scheduled' : 'held',
            attendees: o.attendee,
            notes: o.notes,
            outcome: o.outcome,
            dissent: o.dissent,
          }),
          o.id as string | undefined,
        ),
      (result) => `Recorded meeting ${createdId(result)}`,
    );
  });

  withReviewOption(
    meeting
      .command('record')
      .description('record that a scheduled meeting was held, with its outcome and any dissent')
      .argument('<id>', 'the meeting, e.g. M-3')
      .option('--date <date>', 'the day it was held, if not the day planned')
      .option(
        '--attendee <participant>',
        'a participant who attended, by id or name, repeatable; replaces the planned list',
        collect,
      )
      .option('--outcome <text>', 'what the meeting decided or concluded')
      .option('--dissent <text>', 'disagreement voiced, recorded as such')
      .option('--notes <text>', 'notes')
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview meeting record M-3 --attendee PT-1,PT-2,PT-4 --outcome "KPEs 1-4 agreed" --dissent "Police did not accept the appraisal of KPE-3"',
      ),
  ).action(async (id: string, _opts, command: Command) => {
    const { updateMeeting } = await import('../../app/meetings.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        updateMeeting(
          ws,
          reviewId,
          id,
          defined({
            status: 'held',
            date: o.date,
            attendees: o.attendee,
            outcome: o.outcome,
            dissent: o.dissent,
            notes: o.notes,
          }),
        ),
      () => `Recorded meeting ${id} as held`,
    );
  });

  withReviewOption(meeting.command('list').description('meetings by date')).action(
    async (_opts, command: Command) => {
      const { listMeetings } = await import('../../app/meetings.ts');
      await runRead(env, command, async (ws, reviewId, o) => {
        const meetings = await listMeetings(ws, reviewId);
        if (o.json) return printJson(env.output, meetings);
        printTable(env.output, meetings, [
          { header: 'ID', value: (m) => m.id },
          { header: 'DATE', value: (m) => m.date },
          { header: 'TYPE', value: (m) => m.type },
          { header: 'STATUS', value: (m) => m.status },
          { header: 'ATTENDEES', value: (m) => String(m.attendees.length) },
          { header: 'OUTCOME', value: (m) => (m.outcome ? 'yes' : '-') },
          { header: 'DISSENT', value: (m) => (m.dissent ? 'yes' : '-') },
        ]);
      });
    },
  );

  withReviewOption(
    meeting
      .command('edit')
      .description(
        'correct a meeting; a field given replaces the old one (dissent too), fields not given stay',
      )
      .argument('<id>', 'the meeting, e.g. M-3')
      .option('--type <id>', 'a meeting type of the model')
      .option('--date <YYYY-MM-DD>', 'when')
      .addOption(
        new Option('--status <status>', 'held or scheduled').choices(['held', 'scheduled']),
      )
      .option(
        '--attendee <id>',
        'a participant who attended, repeatable; replaces the list',
        collect,
      )
      .option('--notes <text>', 'notes')
      .option('--outcome <text>', 'what the meeting decided or concluded')
      .option('--dissent <text>', 'disagreement voiced, as it should stand')
      .option(
        '--clear <option>',
        'clear notes, outcome or dissent, repeatable',
        clearable(MEETING_CLEARABLE),
      )
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview meeting edit M-3 --date 2026-03-11 --attendee PT-1,PT-2,PT-4,PT-5',
      ),
  ).action(async (id: string, _opts, command: Command) => {
    const { editMeeting } = await import('../../app/meetings.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        editMeeting(ws, reviewId, id, {
          ...defined({
            type: o.type,
            date: o.date,
            status: o.status,
            attendees: o.attendee,
            notes: o.notes,
            outcome: o.outcome,
            dissent: o.dissent,
          }),
          ...cleared(o.clear, MEETING_CLEARABLE),
        }),
      (result) => `Edited meeting ${createdId(result)}`,
    );
  });

  addRemoveCommand(meeting, env, {
    description: 'remove a meeting recorded by mistake (its id is never used again)',
    argument: 'the meeting, e.g. M-3',
    noun: 'meeting',
    example: 'tunnelview meeting remove M-4 --reason "Entered twice; M-3 is the same meeting"',
    load: async () => (await import('../../app/meetings.ts')).removeMeeting,
  });
  registerLiveMeetingCommands(meeting, env);
}

export function registerTimeCommands(program: Command, env: CliEnvironment): void {
  const time = program.command('time').description('time spent on the review');

  withReviewOption(
    time
      .command('log')
      .description('record minutes a participant spent on an activity')
      .requiredOption('--participant <participant>', 'who, by id (PT-2) or name')
      .requiredOption('--activity <text>', 'what, e.g. "compiling health chronology"')
      .requiredOption('--minutes <n>', 'how long', integer)
      .requiredOption('--date <date>', 'the day, e.g. 14/01/2026 or 2026-01-14')
      .option('--stage <id>', 'the review stage it belongs to')
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview time log --participant PT-2 --activity "compiling health chronology" --minutes 150 --date 2026-01-14',
      ),
  ).action(async (_opts, command: Command) => {
    const { logTime } = await import('../../app/time-log.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        logTime(
          ws,
          reviewId,
          defined({
            participantId: o.participant,
            activity: o.activity,
            minutes: o.minutes,
            date: o.date,
            stage: o.stage,
          }),
        ),
      (result) => `Logged ${createdId(result)}`,
    );
  });

  withReviewOption(time.command('list').description('time entries by date')).action(
    async (_opts, command: Command) => {
      const { listTime } = await import('../../app/time-log.ts');
      await runRead(env, command, async (ws, reviewId, o) => {
        const entries = await listTime(ws, reviewId);
        if (o.json) return printJson(env.output, entries);
        printTable(env.output, entries, [
          { header: 'ID', value: (t) => t.id },
          { header: 'DATE', value: (t) => t.date },
          { header: 'WHO', value: (t) => t.participantName },
          { header: 'ACTIVITY', value: (t) => t.activity },
          { header: 'MINUTES', value: (t) => String(t.minutes) },
        ]);
      });
    },
  );

  withReviewOption(
    time
      .command('edit')
      .description('correct a time entry; fields not given stay as they are')
      .argument('<id>', 'the entry, e.g. T-4')
      .option('--participant <id>', 'who')
      .option('--activity <text>', 'what')
      .option('--minutes <n>', 'how long', integer)
      .option('--date <YYYY-MM-DD>', 'when')
      .option('--stage <id>', 'the review stage it belongs to')
      .option('--clear <option>', 'clear stage', clearable(TIME_CLEARABLE))
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview time edit T-4 --minutes 210 --stage analysis',
      ),
  ).action(async (id: string, _opts, command: Command) => {
    const { editTime } = await import('../../app/time-log.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        editTime(ws, reviewId, id, {
          ...defined({
            participantId: o.participant,
            activity: o.activity,
            minutes: o.minutes,
            date: o.date,
            stage: o.stage,
          }),
          ...cleared(o.clear, TIME_CLEARABLE),
        }),
      (result) => `Edited time entry ${createdId(result)}`,
    );
  });

  addRemoveCommand(time, env, {
    description: 'remove a time entry logged by mistake (its id is never used again)',
    argument: 'the entry, e.g. T-4',
    noun: 'time entry',
    example: 'tunnelview time remove T-9 --reason "Logged against the wrong participant; see T-10"',
    load: async () => (await import('../../app/time-log.ts')).removeTime,
  });
}
