// The workflow through the command line: status, advance and reopen; restarts that change
// nothing; and refusals that name every unmet gate and write nothing.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ReviewStatus } from '../../src/workflow/review-status.ts';
import { runCli, tempDir } from '../helpers/workspace.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const today = () => new Date('2026-01-20T09:00:00Z');

function workspace() {
  const dir = tempDir();
  const ws = join(dir, 'ws.db');
  const run = (...args: string[]) =>
    runCli([...args, '--workspace', ws], { cwd: dir, clock: today });
  return { dir, ws, run };
}

async function reviewAtNotification() {
  const w = workspace();
  const created = await w.run(
    'review',
    'create',
    '--title',
    'Learning review: Child B',
    '--kind',
    'lcspr',
    '--json',
  );
  expect(created.code).toBe(0);
  return { ...w, reviewId: created.json<{ id: string }>().id };
}

async function eventCount(run: ReturnType<typeof workspace>['run']): Promise<number> {
  const log = await run('log', '--json');
  return log.json<unknown[]>().length;
}

describe('tunnelview status', () => {
  it('shows the stage, each gate met or not with what is missing, the clocks and the next meeting', async () => {
    const { run, reviewId } = await reviewAtNotification();
    await run('review', 'update', '--key-date', 'became-aware=2026-01-12');
    await run('meeting', 'add', '--type', 'rapid-review', '--date', '2026-01-28', '--scheduled');
    const text = await run('status', reviewId);
    expect(text.code).toBe(0);
    expect(text.out).toContain('Stage: Notification');
    expect(text.out).toMatch(/\[met\] .*became aware/i);
    expect(text.out).toMatch(/\[not met\] .*notification/i);
    expect(text.out).toContain(
      'the date "Notification" has not been recorded; record it with: tunnelview review update --key-date notification=YYYY-MM-DD',
    );
    // 5 working days after Monday 12 January 2026 is Monday 19 January: one working day overdue.
    expect(text.out).toContain('due 2026-01-19');
    expect(text.out).toContain('Next meeting: Rapid review meeting on 2026-01-28 (M-1)');

    const json = (await run('status', '--json')).json<ReviewStatus>();
    expect(json.stage.id).toBe('notification');
    expect(json.canAdvance).toBe(false);
    expect(json.clocks.find((c) => c.id === 'notification')).toMatchObject({
      due: '2026-01-19',
      status: 'overdue',
      daysOverdue: 1,
    });
    expect(json.nextMeeting).toMatchObject({ id: 'M-1', date: '2026-01-28' });
    // Each shortfall carries its fix as data, for a script or the web app to act on.
    const unmet = json.gates.find((g) => g.id === 'notification-recorded');
    expect(unmet?.shortfalls.map((i) => i.fix)).toEqual([
      { kind: 'set-key-date', keyDate: 'notification' },
    ]);
  });
});

describe('tunnelview advance and reopen', () => {
  it('refuses to advance while gates are unmet, listing every one, and writes nothing', async () => {
    const { run } = await reviewAtNotification();
    const before = await eventCount(run);
    const refused = await run('advance');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Not allowed now; nothing was changed:');
    expect(refused.err).toContain('gates.became-aware-recorded');
    expect(refused.err).toContain('gates.notification-recorded');
    expect(await eventCount(run)).toBe(before);
  });

  it('moves on once the gates are met, asks for the outcome at the decision, and records it', async () => {
    const { run } = await reviewAtNotification();
    await run(
      'review',
      'update',
      '--key-date',
      'became-aware=2026-01-05',
      '--key-date',
      'notification=2026-01-07',
    );
    expect((await run('advance')).out).toBe('Moved to rapid-review');
    await run('meeting', 'add', '--type', 'rapid-review', '--date', '2026-01-15');
    await run('review', 'update', '--key-date', 'rapid-review=2026-01-16');
    expect((await run('advance')).code).toBe(0);
    await run('review', 'update', '--key-date', 'decision=2026-01-19');

    const noOutcome = await run('advance');
    expect(noOutcome.code).toBe(1);
    expect(noOutcome.err).toContain(
      '--outcome: "Decision" is a decision; say which way it went: lcspr',
    );
    expect(noOutcome.err).toContain('; give --outcome (e.g. --outcome lcspr)');
    const badOutcome = await run('advance', '--outcome', 'lcpsr');
    expect(badOutcome.err).toContain('"lcpsr" is not an outcome of "Decision"');

    const moved = await run('advance', '--outcome', 'lcspr', '--json');
    expect(moved.json<{ events: { type: string }[] }>().events[0]?.type).toBe('workflow.advanced');
    const status = (await run('status', '--json')).json<ReviewStatus>();
    expect(status.stage.id).toBe('preparation');
    expect(status.history.map((h) => [h.stage, h.via, h.outcome ?? null])).toEqual([
      ['notification', 'start', null],
      ['rapid-review', 'advance', null],
      ['decision', 'advance', null],
      ['preparation', 'advance', 'lcspr'],
    ]);
  });

  it('reopens only with a reason, only to a stage the review has been through', async () => {
    const { run } = await reviewAtNotification();
    await run(
      'review',
      'update',
      '--key-date',
      'became-aware=2026-01-05',
      '--key-date',
      'notification=2026-01-07',
    );
    await run('advance');
    const before = await eventCount(run);

    const noReason = await run('reopen', '--to', 'notification');
    expect(noReason.code).toBe(1);
    expect(noReason.err).toContain("required option '--reason <text>' not specified");
    const emptyReason = await run('reopen', '--to', 'notification', '--reason', '  ');
    expect(emptyReason.code).toBe(1);
    expect(emptyReason.err).toContain('--reason: the reason for reopening is empty');
    const unknown = await run('reopen', '--to', 'analysys', '--reason', 'x');
    expect(unknown.err).toContain('"analysys" is not a stage of model learning-together');
    const ahead = await run('reopen', '--to', 'analysis', '--reason', 'x');
    expect(ahead.err).toContain(
      'can be reopened only to a stage it has been through before: notification',
    );
    expect(await eventCount(run)).toBe(before);

    const reopened = await run(
      'reopen',
      '--to',
      'notification',
      '--reason',
      'The notification date was wrong',
    );
    expect(reopened.code).toBe(0);
    const status = (await run('status', '--json')).json<ReviewStatus>();
    expect(status.stage).toMatchObject({ id: 'notification', entered: 'reopen' });
    expect(status.history.at(-1)).toMatchObject({
      via: 'reopen',
      reason: 'The notification date was wrong',
    });
  });

  it('refuses dates that are not dates on advance', async () => {
    const { run } = await reviewAtNotification();
    await run(
      'review',
      'update',
      '--key-date',
      'became-aware=2026-01-05',
      '--key-date',
      'notification=2026-01-07',
    );
    const refused = await run('advance', '--date', '2026-02-30');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      '--date: "2026-02-30" is not a real date: February 2026 has 28 days',
    );
  });

  it('gives the same status after a restart: create, advance twice, close, reopen in a new process', async () => {
    const { run, ws, dir } = await reviewAtNotification();
    await run(
      'review',
      'update',
      '--key-date',
      'became-aware=2026-01-05',
      '--key-date',
      'notification=2026-01-07',
    );
    await run('advance');
    await run('meeting', 'add', '--type', 'rapid-review', '--date', '2026-01-15');
    await run('review', 'update', '--key-date', 'rapid-review=2026-01-16');
    await run('advance');
    const before = (await run('status', '--json')).out;

    // A new process: nothing is shared with this one but the workspace file.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(repoRoot, 'bin/tunnelview.js'), 'status', '--workspace', ws, '--json'],
      { cwd: dir, env: { ...process.env, TZ: 'UTC' } },
    );
    const after = JSON.parse(stdout) as ReviewStatus;
    const expected = JSON.parse(before) as ReviewStatus;
    // The clocks depend on today's date, which differs between the pinned test clock and the process.
    expect({ ...after, today: '', clocks: [] }).toEqual({ ...expected, today: '', clocks: [] });
    expect(after.stage.id).toBe('decision');
  });
});
