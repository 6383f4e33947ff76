// Meetings and conversations planned then recorded as held, and the workload summary, through the
// command line run in-process; with the refusals a user meets on the way (nothing written).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printWorkload } from '../../src/cli/commands/workload.ts';
import { loadModel } from '../../src/model/load-model.ts';
import { summariseWorkload, type WorkloadSummary } from '../../src/workflow/workload.ts';
import { openTestWorkspace, runCli, tempDir } from '../helpers/workspace.ts';

interface MeetingRow {
  id: string;
  status: string;
  date: string;
  attendees: string[];
  outcome?: string;
  dissent?: string;
  notes?: string;
}

interface ConversationRow {
  id: string;
  status: string;
  date: string;
  conductedBy: string[];
  sections: Record<string, string>;
}

/** A workspace with one review and three participants, made through the CLI. */
async function reviewWorkspace() {
  const dir = tempDir();
  const ws = join(dir, 'ws.db');
  const run = (...args: string[]) => runCli([...args, '--workspace', ws], { cwd: dir });
  const must = async (...args: string[]) => {
    const result = await run(...args);
    expect(result.err, args.join(' ')).toBe('');
    expect(result.code, args.join(' ')).toBe(0);
    return result;
  };
  await must('review', 'create', '--title', 'Learning review: Child A', '--kind', 'lcspr');
  await must('participant', 'add', '--name', 'Dana Reid', '--role', 'lead-reviewer');
  await must('participant', 'add', '--name', 'Priya Shah', '--role', 'review-team');
  await must('participant', 'add', '--name', 'Sam Okafor', '--role', 'case-group');
  /** How far the log has got: equal before and after a refused command. */
  const logHead = async () => {
    const events = (await must('log', '--json')).json<{ seq: number; hash: string }[]>();
    return { events: events.length, head: events.at(-1)?.hash };
  };
  return { ws, run, must, logHead };
}

/** Logs the time every workload test starts from: 6 h 30 min over three people and stages. */
async function logSomeTime(must: (...args: string[]) => Promise<unknown>) {
  const log = (who: string, activity: string, minutes: number, stage?: string) =>
    must(
      'time',
      'log',
      '--participant',
      who,
      '--activity',
      activity,
      '--minutes',
      String(minutes),
      '--date',
      '2026-02-02',
      ...(stage ? ['--stage', stage] : []),
    );
  await log('PT-1', 'Writing the report', 120, 'report');
  await log('PT-2', 'Compiling health chronology', 180, 'data-collection');
  await log('PT-3', 'Structured conversation', 60, 'data-collection');
  await log('PT-1', 'Reading the rapid review', 30);
}

describe('tunnelview meeting record', () => {
  it('records a scheduled meeting as held with its outcome and dissent, and lists it', async () => {
    const { must } = await reviewWorkspace();
    await must(
      'meeting',
      'add',
      '--type',
      'joint-meeting-1',
      '--date',
      '2026-03-10',
      '--scheduled',
      '--attendee',
      'PT-1,PT-2,PT-3',
    );
    const planned = (await must('meeting', 'list', '--json')).json<MeetingRow[]>();
    expect(planned).toMatchObject([{ id: 'M-1', status: 'scheduled' }]);
    expect((await must('meeting', 'list')).out).toMatch(/M-1 .*scheduled .*3 +- +-$/m);

    const recorded = await must(
      'meeting',
      'record',
      'M-1',
      '--date',
      '2026-03-12',
      '--attendee',
      'PT-1,PT-3',
      '--outcome',
      'KPEs 1 to 4 agreed with the case group',
      '--dissent',
      'Police did not accept the appraisal of KPE-3',
    );
    expect(recorded.out).toBe('Recorded meeting M-1 as held');

    const [held] = (await must('meeting', 'list', '--json')).json<MeetingRow[]>();
    expect(held).toEqual({
      id: 'M-1',
      type: 'joint-meeting-1',
      status: 'held',
      date: '2026-03-12',
      attendees: ['PT-1', 'PT-3'],
      outcome: 'KPEs 1 to 4 agreed with the case group',
      dissent: 'Police did not accept the appraisal of KPE-3',
    });
    const text = (await must('meeting', 'list')).out;
    expect(text).toMatch(/OUTCOME +DISSENT/);
    expect(text).toMatch(/M-1 +2026-03-12 +joint-meeting-1 +held +2 +yes +yes/);
  });

  it('keeps the planned attendees when none are given, and takes --outcome on meeting add', async () => {
    const { must } = await reviewWorkspace();
    await must('meeting', 'add', '--type', 'review-team', '--date', '2026-02-03', '--scheduled');
    await must(
      'meeting',
      'add',
      '--type',
      'review-team',
      '--date',
      '2026-02-01',
      '--attendee',
      'PT-1',
      '--outcome',
      'Research questions agreed',
    );
    await must('meeting', 'record', 'M-1', '--notes', 'Short meeting');
    const meetings = (await must('meeting', 'list', '--json')).json<MeetingRow[]>();
    expect(meetings).toMatchObject([
      { id: 'M-2', status: 'held', outcome: 'Research questions agreed' },
      { id: 'M-1', status: 'held', date: '2026-02-03', attendees: [], notes: 'Short meeting' },
    ]);
  });

  it('refuses an unknown meeting id, naming it, and changes nothing', async () => {
    const { run, must, logHead } = await reviewWorkspace();
    await must('meeting', 'add', '--type', 'review-team', '--date', '2026-02-03', '--scheduled');
    const before = await logHead();
    const result = await run('meeting', 'record', 'M-7', '--outcome', 'Agreed');
    expect(result.code).toBe(1);
    expect(result.err).toContain('Refused; nothing was changed');
    expect(result.err).toContain('M-7 does not exist');
    expect(result.err).toContain('tunnelview meeting list');
    expect(await logHead()).toEqual(before);
    const [meeting] = (await must('meeting', 'list', '--json')).json<MeetingRow[]>();
    expect(meeting?.status).toBe('scheduled');
  });

  it('refuses an unknown attendee, naming --attendee and the id', async () => {
    const { run, must, logHead } = await reviewWorkspace();
    await must('meeting', 'add', '--type', 'review-team', '--date', '2026-02-03', '--scheduled');
    const before = await logHead();
    const result = await run('meeting', 'record', 'M-1', '--attendee', 'PT-1,PT-9');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/--attendee: PT-9 does not exist/);
    expect(result.err).not.toContain('PT-1 does not exist');
    expect(await logHead()).toEqual(before);
  });
});

describe('tunnelview conversation record', () => {
  it('records a scheduled conversation as held, merging in its section notes', async () => {
    const { must } = await reviewWorkspace();
    await must(
      'conversation',
      'add',
      '--participant',
      'PT-3',
      '--date',
      '2026-02-10',
      '--scheduled',
      '--section',
      'introduction=Purpose and confidentiality explained in the invitation letter',
    );
    expect((await must('conversation', 'list', '--json')).json<ConversationRow[]>()).toMatchObject([
      { id: 'CV-1', status: 'scheduled' },
    ]);

    const recorded = await must(
      'conversation',
      'record',
      'CV-1',
      '--date',
      '2026-02-11',
      '--by',
      'PT-1',
      '--section',
      'overview=Saw the family weekly for a year',
      '--section',
      'mindset=Thought the bruise was accidental',
    );
    expect(recorded.out).toBe('Recorded conversation CV-1 as held');

    const [held] = (await must('conversation', 'list', '--json')).json<ConversationRow[]>();
    expect(held).toMatchObject({
      id: 'CV-1',
      status: 'held',
      date: '2026-02-11',
      conductedBy: ['PT-1'],
      sections: {
        introduction: 'Purpose and confidentiality explained in the invitation letter',
        overview: 'Saw the family weekly for a year',
        mindset: 'Thought the bruise was accidental',
      },
    });
    expect((await must('conversation', 'list')).out).toMatch(/CV-1 +2026-02-11 +Sam Okafor +held/);
  });

  it('refuses a section the model does not have, and changes nothing', async () => {
    const { run, must, logHead } = await reviewWorkspace();
    await must(
      'conversation',
      'add',
      '--participant',
      'PT-3',
      '--date',
      '2026-02-10',
      '--scheduled',
    );
    const before = await logHead();
    const result = await run('conversation', 'record', 'CV-1', '--section', 'gossip=none');
    expect(result.code).toBe(1);
    expect(result.err).toContain('--section');
    expect(result.err).toContain('gossip');
    expect(await logHead()).toEqual(before);
  });
});

describe('tunnelview time log', () => {
  it.each([
    ['0', 'minutes must be more than 0'],
    ['ninety', 'expected a whole number, found "ninety"'],
  ])('refuses --minutes %s, naming --minutes, and changes nothing', async (minutes, message) => {
    const { run, logHead } = await reviewWorkspace();
    const before = await logHead();
    const result = await run(
      'time',
      'log',
      '--participant',
      'PT-1',
      '--activity',
      'Reading records',
      '--minutes',
      minutes,
      '--date',
      '2026-02-02',
    );
    expect(result.code).toBe(1);
    expect(result.err).toContain('--minutes');
    expect(result.err).toContain(message);
    expect(await logHead()).toEqual(before);
  });
});

describe('tunnelview workload', () => {
  it('prints totals by role, stage, person and activity as text', async () => {
    const { must } = await reviewWorkspace();
    await logSomeTime(must);
    const { out } = await must('workload');
    expect(out).toContain('Workload of review');
    expect(out).toContain('Total logged: 6.5 h (390 minutes) in 4 entries by 3 people.');
    const section = (heading: string) => {
      const lines = out.split('\n');
      const start = lines.indexOf(heading);
      const end = lines.indexOf('', start);
      return lines.slice(start + 1, end);
    };
    expect(section('By role')).toEqual([
      'ROLE           HOURS  SHARE',
      'lead-reviewer  2.5    38%',
      'review-team    3.0    46%',
      'case-group     1.0    15%',
    ]);
    expect(section('By stage')).toEqual([
      'STAGE            HOURS  SHARE',
      'Data collection  4.0    62%',
      'Report           2.0    31%',
      '(no stage)       0.5    8%',
    ]);
    expect(section('By person')[1]).toMatch(/^PT-2 +Priya Shah +review-team +3\.0 +46%$/);
    expect(section('By activity')[1]).toMatch(/^Compiling health chronology +3\.0 +46%$/);
    expect(out).toContain(
      'The Full variant of model learning-together gives no expected effort to compare with',
    );
    expect(out).toContain('Only time logged with tunnelview time log is counted');
  });

  it('prints the summary as JSON with --json', async () => {
    const { must } = await reviewWorkspace();
    await logSomeTime(must);
    const summary = (await must('workload', '--json')).json<WorkloadSummary & { review: string }>();
    expect(summary).toMatchObject({
      totalMinutes: 390,
      totalHours: 6.5,
      entries: 4,
      variant: { id: 'full', name: 'Full' },
      expectedEffortHours: null,
      percentOfExpected: null,
    });
    expect(summary.byStage.map((s) => s.stage)).toEqual(['data-collection', 'report', null]);
    expect(summary.byPerson.map((p) => [p.participantId, p.minutes])).toEqual([
      ['PT-2', 180],
      ['PT-1', 150],
      ['PT-3', 60],
    ]);
  });

  it('says how to start when no time is logged', async () => {
    const { must } = await reviewWorkspace();
    const { out } = await must('workload');
    expect(out).toContain('No time has been logged yet');
    expect(out).toContain('tunnelview time log --participant');
  });

  it("compares the time logged with the variant's expected effort where the model gives one", async () => {
    const { ws: wsPath, must } = await reviewWorkspace();
    await logSomeTime(must);
    // The shipped models give no expected effort (the sources do not), so give the variant one here.
    const model = loadModel('learning-together');
    const withEffort = {
      ...model,
      variants: model.variants.map((v) =>
        v.id === 'full' ? { ...v, expectedEffortHours: 26 } : v,
      ),
    };
    const { ws } = openTestWorkspace(wsPath);
    const [review] = await ws.listReviews();
    const state = await ws.load(review?.id ?? '');
    const lines: string[] = [];
    printWorkload(
      { out: (l) => lines.push(l), err: () => {} },
      summariseWorkload(state, withEffort),
      {
        id: state.review.id,
        title: state.review.title,
        modelId: state.review.modelId,
      },
    );
    expect(lines).toContain('6.5 h logged of the 26 h the Full variant expects (25%).');
  });
});
