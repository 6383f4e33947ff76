// Several programs writing to one workspace at once, each in a process of its own: writes wait
// for each other instead of failing, a writer killed mid-write leaves the log intact, and a
// workspace held for longer than tunnelview waits is a refusal to try again (exit 1), never a
// fault of tunnelview's (exit 2).
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/store/sqlite-event-store.ts';
import { tempDir } from '../helpers/workspace.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'tunnelview.js');
const WRITER = join(ROOT, 'tests', 'helpers', 'cli-writer.mjs');

interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs a script (the installed command, or the writer) in its own process; never rejects. */
function node(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      args,
      {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, TUNNELVIEW_ACTOR: 'Test Reviewer', ...env },
      },
      (error, out, err) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, out, err });
      },
    );
  });
}

function tunnelview(args: string[], env?: NodeJS.ProcessEnv): Promise<Run> {
  return node([BIN, ...args], env);
}

/** A new workspace holding one review, made with the installed command; its path and review id. */
async function workspaceWithReview(): Promise<{ path: string; reviewId: string }> {
  const path = join(tempDir(), 'shared.db');
  const created = await tunnelview([
    'review',
    'create',
    '--title',
    'Learning review: Child B',
    '--kind',
    'lcspr',
    '--workspace',
    path,
    '--json',
  ]);
  expect(created.code, created.err).toBe(0);
  return { path, reviewId: (JSON.parse(created.out) as { id: string }).id };
}

/** What the workspace holds now, read with a store of the test's own: events and chain issues. */
async function contents(path: string, reviewId: string) {
  const store = openWorkspace(path, { create: false });
  try {
    const events = await store.readEvents(reviewId);
    return { events, issues: await store.verify() };
  } finally {
    await store.close();
  }
}

/** Waits until the workspace holds more than `count` events (another process is writing). */
async function untilMoreEvents(path: string, count: number): Promise<void> {
  const db = new Database(path, { readonly: true });
  try {
    const head = db.prepare('SELECT sum(head_seq) AS n FROM reviews');
    while ((head.get() as { n: number }).n <= count) {
      await new Promise((done) => setTimeout(done, 20));
    }
  } finally {
    db.close();
  }
}

describe('many writers on one workspace', () => {
  it('takes 4 processes × 50 writes at once: 200 events, no failure, the chain intact', async () => {
    const { path, reviewId } = await workspaceWithReview();
    const writers = await Promise.all(
      ['north', 'south', 'east', 'west'].map((label) =>
        node([WRITER, path, reviewId, '50', label], { TUNNELVIEW_ACTOR: label }),
      ),
    );
    for (const writer of writers) expect(writer.code, writer.err).toBe(0);
    const calls = writers.flatMap((w) => JSON.parse(w.out) as { code: number; err: string }[]);
    expect(calls).toHaveLength(200);
    expect(calls.filter((c) => c.code !== 0)).toEqual([]);

    const { events, issues } = await contents(path, reviewId);
    expect(issues).toEqual([]);
    expect(events).toHaveLength(201);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    // Every write is there once, each agency with an id of its own.
    const added = events.filter((e) => e.type === 'agency.added');
    const names = added.map((e) => (e.payload as { name: string }).name);
    expect(new Set(names).size).toBe(200);
    for (const label of ['north', 'south', 'east', 'west']) {
      expect(names.filter((n) => n.startsWith(`${label} `))).toHaveLength(50);
    }
    const ids = added.map((e) => (e.payload as { id: string }).id);
    expect(new Set(ids).size).toBe(200);
  }, 240_000);

  it('keeps the log intact when a writer is killed (kill -9) in the middle of writing, again and again', async () => {
    const { path, reviewId } = await workspaceWithReview();
    let before = 1;
    for (let round = 1; round <= 6; round++) {
      const writer: ChildProcess = spawn(
        process.execPath,
        [WRITER, path, reviewId, '1000', `round ${round}`],
        { cwd: ROOT, stdio: 'ignore', env: { ...process.env, TUNNELVIEW_ACTOR: 'Killed' } },
      );
      const exited = new Promise<NodeJS.Signals | null>((done) =>
        writer.on('exit', (_code, signal) => done(signal)),
      );
      // Killed once it is writing (its start-up time varies with the load), at a different
      // moment of a write each round.
      await untilMoreEvents(path, before);
      await new Promise((done) => setTimeout(done, round * 37));
      writer.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      const { events, issues } = await contents(path, reviewId);
      expect(issues).toEqual([]);
      expect(events.length).toBeGreaterThanOrEqual(before);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      before = events.length;
    }
    expect(before).toBeGreaterThan(1);
    // And the workspace takes the next write as usual.
    const next = await tunnelview([
      'agency',
      'add',
      '--name',
      'After the kills',
      '--sector',
      'police',
      '--workspace',
      path,
    ]);
    expect(next.code, next.err).toBe(0);
    expect((await contents(path, reviewId)).events).toHaveLength(before + 1);
    const verify = await tunnelview(['verify', '--workspace', path]);
    expect(verify.code, verify.err).toBe(0);
  }, 120_000);

  it('refuses a write while another program holds the workspace past the timeout: exit 1, try again, nothing written', async () => {
    const { path, reviewId } = await workspaceWithReview();
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const started = performance.now();
      const write = await tunnelview(
        ['agency', 'add', '--name', 'Kept waiting', '--sector', 'police', '--workspace', path],
        { TUNNELVIEW_BUSY_TIMEOUT: '300' },
      );
      const waited = performance.now() - started;
      expect(write.code).toBe(1);
      expect(write.err).toContain('Refused; nothing was changed:');
      expect(write.err).toContain(`${path}: the workspace is busy; try again`);
      expect(write.err).toContain('tunnelview waited 300 ms');
      expect(write.err).toContain('set TUNNELVIEW_BUSY_TIMEOUT in milliseconds');
      expect(write.err).not.toContain('Internal error');
      expect(waited).toBeGreaterThan(300);
      // Reading does not wait for a writer.
      const list = await tunnelview(['agency', 'list', '--workspace', path], {
        TUNNELVIEW_BUSY_TIMEOUT: '300',
      });
      expect(list.code, list.err).toBe(0);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect((await contents(path, reviewId)).events).toHaveLength(1);
  }, 60_000);

  it('waits for a writer that lets go within the timeout, and then writes', async () => {
    const { path, reviewId } = await workspaceWithReview();
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    const writer = spawn(process.execPath, [WRITER, path, reviewId, '1', 'patient'], {
      cwd: ROOT,
      env: { ...process.env, TUNNELVIEW_ACTOR: 'Patient' },
    });
    let out = '';
    writer.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const exited = new Promise<number | null>((done) => writer.on('exit', (code) => done(code)));
    try {
      // Once the writer is making its change, hold on a while longer (well inside its 5 s), then let go.
      await new Promise<void>((done) =>
        writer.stderr.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('writing 1')) done();
        }),
      );
      await new Promise((done) => setTimeout(done, 800));
    } finally {
      holder.exec('COMMIT');
      holder.close();
    }
    expect(await exited).toBe(0);
    expect(JSON.parse(out)).toEqual([{ code: 0, err: '' }]);
    expect((await contents(path, reviewId)).events).toHaveLength(2);
  }, 60_000);

  it('refuses to open a workspace another program holds exclusively: exit 1 for reading and writing alike', async () => {
    const { path, reviewId } = await workspaceWithReview();
    // In exclusive locking mode a writer keeps even readers out until it closes.
    const holder = new Database(path);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE');
    try {
      for (const args of [
        ['review', 'list'],
        ['verify'],
        ['agency', 'add', '--name', 'Locked out', '--sector', 'police'],
      ]) {
        const run = await tunnelview([...args, '--workspace', path], {
          TUNNELVIEW_BUSY_TIMEOUT: '200',
        });
        expect(run.code, `${args.join(' ')}: ${run.err}`).toBe(1);
        expect(run.err).toContain('the workspace is busy; try again');
        expect(run.err).not.toContain('Internal error');
        expect(run.err).not.toContain('is not a workspace');
      }
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect((await contents(path, reviewId)).events).toHaveLength(1);
  }, 60_000);

  it('creates one workspace when several first commands race to create it', async () => {
    const path = join(tempDir(), 'new.db');
    const runs = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        tunnelview([
          'review',
          'create',
          '--title',
          `Learning review: Child ${n}`,
          '--kind',
          'lcspr',
          '--workspace',
          path,
        ]),
      ),
    );
    for (const run of runs) expect(run.code, run.err).toBe(0);
    const store = openWorkspace(path, { create: false });
    try {
      expect(await store.listReviews()).toHaveLength(4);
      expect(await store.verify()).toEqual([]);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('refuses a busy timeout that is not a number of milliseconds', async () => {
    const { path } = await workspaceWithReview();
    const run = await tunnelview(['review', 'list', '--workspace', path], {
      TUNNELVIEW_BUSY_TIMEOUT: 'soon',
    });
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      'TUNNELVIEW_BUSY_TIMEOUT: "soon" is not a number of milliseconds; give a whole number such as 5000',
    );
  });
});
