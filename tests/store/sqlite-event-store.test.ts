// The SQLite workspace: replaying the log from disk gives back the live state, appends are
// one transaction with optimistic concurrency, and anything that is not a workspace is
// refused with a message that says what to do.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { addAgency } from '../../src/app/register.ts';
import { updateReview } from '../../src/app/reviews.ts';
import { ConcurrentChangeError, InternalError, ValidationError } from '../../src/domain/errors.ts';
import { foldEvents } from '../../src/store/fold-events.ts';
import { openWorkspace, SqliteEventStore } from '../../src/store/sqlite-event-store.ts';
import {
  buildSampleReview,
  issueLines,
  openTestWorkspace,
  PINNED_TIME,
  refusal,
  runCli,
  SAMPLE_REVIEW_EVENTS,
  tempDir,
  tempWorkspacePath,
  workspaceWithReview,
} from '../helpers/workspace.ts';

/** What a path that is no workspace asks for: another one. */
const OTHER_WORKSPACE = { kind: 'give', field: 'workspace', purpose: 'use another workspace' };

describe('replaying a workspace log', () => {
  it('folds the log read back from a fresh store into exactly the live state the ws returned', async () => {
    const { path, store, reviewId, ws } = await workspaceWithReview();
    const live = await buildSampleReview(ws, reviewId);
    await store.close();

    const fresh = openWorkspace(path, { create: false });
    try {
      const events = await fresh.readEvents(reviewId);
      expect(events).toHaveLength(1 + SAMPLE_REVIEW_EVENTS);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(foldEvents(events)).toStrictEqual(live);
    } finally {
      await fresh.close();
    }
    // A new ws over the same file loads the same state too.
    const { ws: second } = openTestWorkspace(path);
    expect(await second.load(reviewId)).toStrictEqual(live);
  });

  it('keeps what the commands meant: removals, merged evidence, unlinks and stable ids', async () => {
    const { path, store, reviewId, ws } = await workspaceWithReview();
    await buildSampleReview(ws, reviewId);
    await store.close();
    const fresh = openWorkspace(path, { create: false });
    const state = foldEvents(await fresh.readEvents(reviewId));
    await fresh.close();

    expect(Object.keys(state.kpes)).toEqual(['KPE-1', 'KPE-2']);
    expect(Object.keys(state.factors)).toEqual(['CF-1', 'CF-2']);
    expect(state.removed).toMatchObject({
      'KPE-3': { reason: 'entered twice by mistake' },
      'CF-3': { reason: 'not supported by the evidence' },
    });
    expect(state.lastIds).toMatchObject({ kpe: 3, factor: 3, finding: 2, boardIssue: 2 });
    expect(state.links['KPE-1|CF-1']?.evidence).toEqual(['EX-1', 'CH-1']);
    expect(state.links['KPE-2|CF-3']).toBeUndefined();
    expect(state.findings['F-2']?.factorIds).toEqual(['CF-1', 'CF-2']);
    expect(state.findings['F-2']?.boardIssues.map((b) => b.id)).toEqual(['BI-2']);
    // Editing KPE-2's title left the rest of it alone.
    expect(state.kpes['KPE-2']).toMatchObject({
      title: 'Bruising seen at nursery and referred',
      agencyIds: ['AG-2'],
    });
    expect(state.factors['CF-1']?.scope).toBe('generic');
    expect(state.kpes['KPE-1']?.explanation?.localRationality).toBe(
      'Caseloads left no time for a return visit.',
    );
    expect(state.review.keyDates).toEqual({ notification: '2025-12-19', decision: '2026-01-20' });
  });

  it('records who made each change and when, from the workspace’s clock and actor', async () => {
    const { store, reviewId, ws } = await workspaceWithReview();
    await addAgency(ws, reviewId, { name: 'Police', sector: 'police' });
    const events = await store.readEvents(reviewId);
    expect(events.map((e) => e.actor)).toEqual(['Test Reviewer', 'Test Reviewer']);
    expect(events[0]?.at).toBe(new Date(Date.parse(PINNED_TIME) + 1000).toISOString());
    expect((events[1]?.at ?? '') > (events[0]?.at ?? '')).toBe(true);
  });

  it('reads only the events after a given seq', async () => {
    const { store, reviewId, ws } = await workspaceWithReview();
    await buildSampleReview(ws, reviewId);
    const tail = await store.readEvents(reviewId, 35);
    expect(tail.map((e) => e.seq)).toEqual([36, 37]);
  });
});

describe('SqliteEventStore.append', () => {
  it('refuses to append after a seq that is no longer the head', async () => {
    const { store, reviewId } = await workspaceWithReview();
    const draft = {
      type: 'agency.added' as const,
      payload: { id: 'AG-1', name: 'Police', sector: 'police' as const },
    };
    await store.append(reviewId, 1, [draft], { actor: 'A', at: PINNED_TIME });
    const error = await store
      .append(reviewId, 1, [{ ...draft, payload: { ...draft.payload, id: 'AG-2' } }], {
        actor: 'B',
        at: PINNED_TIME,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrentChangeError);
    expect((error as Error).message).toContain('expected event 1, found 2');
    expect(error).toMatchObject({
      reviewId,
      expectedSeq: 1,
      actualSeq: 2,
      first: { seq: 2, type: 'agency.added', actor: 'A', at: PINNED_TIME },
    });
    expect(await store.readEvents(reviewId)).toHaveLength(2);
  });

  it('refuses to write to a workspace it may only read, as a refusal for the user, and writes nothing', async () => {
    const { path, store, reviewId } = await workspaceWithReview();
    await store.close();
    const readOnly = new SqliteEventStore(new Database(path, { readonly: true }), path);
    const draft = {
      type: 'agency.added' as const,
      payload: { id: 'AG-1', name: 'Police', sector: 'police' as const },
    };
    const error = await readOnly
      .append(reviewId, 1, [draft], { actor: 'A', at: PINNED_TIME })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      {
        code: 'workspace-unusable',
        path: [path],
        message: `${path} cannot be written: the file (or its folder) is read-only`,
      },
    ]);
    expect(await readOnly.readEvents(reviewId)).toHaveLength(1);
    await readOnly.close();
  });

  it('writes all of a batch or none of it', async () => {
    const { store, reviewId } = await workspaceWithReview();
    const before = await store.readEvents(reviewId);
    const good = {
      type: 'agency.added' as const,
      payload: { id: 'AG-1', name: 'Police', sector: 'police' as const },
    };
    const bad = {
      type: 'review.created' as const,
      payload: { ...(before[0]?.payload as object) } as never,
    };
    await expect(
      store.append(reviewId, 1, [good, bad], { actor: 'A', at: PINNED_TIME }),
    ).rejects.toBeInstanceOf(InternalError);
    expect(await store.readEvents(reviewId)).toEqual(before);
    expect((await store.listReviews())[0]?.events).toBe(1);
    expect(await store.verify()).toEqual([]);
  });

  it('keeps the list of reviews up to date with each review’s title and event count', async () => {
    const { store, reviewId, ws } = await workspaceWithReview();
    await updateReview(ws, reviewId, { title: 'Learning review: Child A (renamed)' });
    expect(await store.listReviews()).toEqual([
      {
        id: reviewId,
        title: 'Learning review: Child A (renamed)',
        modelId: 'learning-together',
        createdAt: expect.any(String),
        events: 2,
      },
    ]);
  });
});

describe('openWorkspace', () => {
  it('refuses a path in a folder that does not exist, naming the folder and saying to create it', () => {
    const folder = join(tempDir(), 'no', 'such', 'folder');
    const error = refusal(() => openWorkspace(join(folder, 'ws.db'), { create: true }));
    return error.then((e) => {
      expect(e.message).toContain(`the folder ${folder} does not exist`);
      expect(e.message).toContain(`create it first (mkdir -p ${folder})`);
      expect(e.issues[0]?.fix).toEqual(OTHER_WORKSPACE);
      expect(existsSync(folder)).toBe(false);
    });
  });

  it('refuses a folder given as the workspace file', async () => {
    const dir = tempDir();
    const e = await refusal(() => openWorkspace(dir, { create: true }));
    expect(e.message).toContain(`${dir} is a folder, not a workspace file`);
    expect(e.issues[0]?.fix).toEqual({
      kind: 'give',
      field: 'workspace',
      example: `${dir}/tunnelview.db`,
    });
  });

  it('refuses a text file as not a SQLite database, and leaves it as it was', async () => {
    const path = join(tempDir(), 'notes.txt');
    writeFileSync(path, 'Meeting notes, not a database.\n'.repeat(200));
    const e = await refusal(() => openWorkspace(path, { create: true }));
    expect(e.message).toContain(`${path} is not a workspace`);
    expect(e.message).toContain('it is not a SQLite database, or it is corrupt');
    expect(e.message).toContain('restore the file from a backup or a bundle');
    expect(e.issues[0]?.fix).toEqual(OTHER_WORKSPACE);
    expect(readFileSync(path, 'utf8')).toBe('Meeting notes, not a database.\n'.repeat(200));
  });

  it('refuses the SQLite database of another application, and does not touch it', async () => {
    const path = join(tempDir(), 'other-app.sqlite');
    const other = new Database(path);
    other.exec(
      "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hi');",
    );
    other.close();
    const e = await refusal(() => openWorkspace(path, { create: true }));
    expect(e.message).toContain(`${path} is a SQLite database of another application`);
    expect(e.issues[0]?.code).toBe('workspace-unusable');
    expect(e.issues[0]?.fix).toEqual(OTHER_WORKSPACE);
    const check = new Database(path, { readonly: true });
    const tables = check.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all();
    check.close();
    expect(tables).toEqual([{ name: 'notes' }]);
  });

  it('refuses a workspace written by a newer tunnelview, saying to upgrade', async () => {
    const path = tempWorkspacePath();
    await (await workspaceWithReview(path)).store.close();
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    const e = await refusal(() => openWorkspace(path, { create: false }));
    expect(e.message).toContain('workspace format 99');
    expect(e.message).toContain('upgrade tunnelview');
  });

  it('refuses to read a workspace that does not exist, and creates no file', async () => {
    const dir = tempDir();
    const path = join(dir, 'typo.db');
    const e = await refusal(() => openWorkspace(path, { create: false }));
    expect(e.message).toContain(`there is no workspace at ${path}`);
    expect(e.message).toContain('create a review there first');
    expect(e.issues[0]?.fix).toEqual({ kind: 'create-review', workspace: path });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('gives reading commands the same refusal through the CLI, and creates no file', async () => {
    const dir = tempDir();
    const path = join(dir, 'typo.db');
    for (const args of [['review', 'list'], ['verify'], ['kpe', 'list'], ['log']]) {
      const run = await runCli([...args, '--workspace', 'typo.db'], { cwd: dir });
      expect(run.code).toBe(1);
      expect(run.err).toContain(`there is no workspace at ${path}`);
      // The command line names the command that creates it there.
      expect(run.err).toContain(
        `create one with: tunnelview review create --workspace ${path} --title "…" --kind lcspr`,
      );
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names the option for another workspace on the command line', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'Meeting notes, not a database.\n');
    const text = await runCli(['review', 'list', '--workspace', 'notes.txt'], { cwd: dir });
    expect(text.code).toBe(1);
    expect(text.err).toContain(
      'restore the file from a backup or a bundle; to use another workspace, give --workspace',
    );
    const folder = await runCli(['review', 'list', '--workspace', '.'], { cwd: dir });
    expect(folder.err).toContain(
      `is a folder, not a workspace file; name a file in it; give --workspace (e.g. --workspace ${dir}/tunnelview.db)`,
    );
  });

  it('leaves no workspace file behind when the first review create is refused', async () => {
    const dir = tempDir();
    const empty = await runCli(
      ['review', 'create', '--title', ' ', '--kind', 'lcspr', '--workspace', 'new.db'],
      {
        cwd: dir,
      },
    );
    expect(empty.code).toBe(1);
    expect(empty.err).toContain('title: the review title is empty');
    const badVariant = await runCli(
      [
        'review',
        'create',
        '--title',
        'T',
        '--kind',
        'lcspr',
        '--variant',
        'nope',
        '--workspace',
        'new.db',
      ],
      { cwd: dir },
    );
    expect(badVariant.code).toBe(1);
    expect(badVariant.err).toContain('"nope" is not a variant of model learning-together');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps an existing workspace when a later review create is refused', async () => {
    const dir = tempDir();
    const ok = await runCli(
      ['review', 'create', '--title', 'T', '--kind', 'lcspr', '--workspace', 'ws.db'],
      {
        cwd: dir,
      },
    );
    expect(ok.code).toBe(0);
    const refused = await runCli(
      ['review', 'create', '--title', '', '--kind', 'lcspr', '--workspace', 'ws.db'],
      {
        cwd: dir,
      },
    );
    expect(refused.code).toBe(1);
    const list = await runCli(['review', 'list', '--json', '--workspace', 'ws.db'], { cwd: dir });
    expect(list.json<unknown[]>()).toHaveLength(1);
  });

  it('reports every opening problem as a ValidationError naming the file', async () => {
    const path = join(tempDir(), 'x.txt');
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, 'plain text');
    const e = await refusal(() => openWorkspace(path, { create: false }));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.issues[0]?.path).toEqual([path]);
    expect(issueLines(e)[0]?.startsWith(`${path}: `)).toBe(true);
  });
});
