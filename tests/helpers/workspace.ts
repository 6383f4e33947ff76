// Test helpers for the store, ws and CLI: temp workspaces (real SQLite files), a review
// ws with a pinned clock, the CLI run in-process with its output captured, and a way to
// tamper with a workspace file behind tunnelview's back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { onTestFinished } from 'vitest';
import { addChronologyEntry } from '../../src/app/chronology.ts';
import { addExcerpt, recordConversation } from '../../src/app/conversations.ts';
import {
  addFactor,
  editFactor,
  linkFactor,
  removeFactor,
  unlinkFactor,
} from '../../src/app/factors.ts';
import {
  addBoardIssue,
  addFinding,
  editFinding,
  linkFindingFactors,
} from '../../src/app/findings.ts';
import { addKpe, editKpe, removeKpe } from '../../src/app/kpes.ts';
import { recordMeeting } from '../../src/app/meetings.ts';
import { addAgency, addParticipant, addPerson } from '../../src/app/register.ts';
import {
  addResearchQuestion,
  createReview,
  setReportText,
  updateReview,
} from '../../src/app/reviews.ts';
import { logTime } from '../../src/app/time-log.ts';
import { Workspace } from '../../src/app/workspace.ts';
import { ValidationError } from '../../src/domain/errors.ts';
import { formatIssue } from '../../src/domain/issue.ts';
import { loadModel } from '../../src/model/load-model.ts';
import { eventHasher, GENESIS_HASH, type HashScheme } from '../../src/store/hash-chain.ts';
import { openWorkspace, type SqliteEventStore } from '../../src/store/sqlite-event-store.ts';

/** The instant every pinned clock starts at. */
export const PINNED_TIME = '2026-01-15T10:00:00.000Z';

/**
 * A clock that starts at `start` and moves on one second per reading, so events
 * get distinct, predictable timestamps.
 */
export function pinnedClock(start: string = PINNED_TIME): () => Date {
  let ms = Date.parse(start);
  return () => {
    const now = new Date(ms);
    ms += 1000;
    return now;
  };
}

/** A fresh temp folder, removed when the current test finishes. Call inside a test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tunnelview-test-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The path of a workspace file that does not exist yet, in a fresh temp folder. */
export function tempWorkspacePath(name = 'tunnelview.db'): string {
  return join(tempDir(), name);
}

export interface WorkspaceHandle {
  path: string;
  store: SqliteEventStore;
  ws: Workspace;
}

/**
 * Opens (creating it if needed) the workspace at `path` with a review ws over it whose
 * clock is pinned. The store is closed when the current test finishes.
 */
export function openTestWorkspace(
  path: string = tempWorkspacePath(),
  options: { clock?: () => Date; actor?: string; sealKeyFile?: string } = {},
): WorkspaceHandle {
  const store = openWorkspace(path, { create: true });
  onTestFinished(() => store.close());
  const ws = new Workspace({
    store,
    accounts: store.accounts(),
    loadModel: (id) => loadModel(id),
    clock: options.clock ?? pinnedClock(),
    actor: options.actor ?? 'Test Reviewer',
    ...(options.sealKeyFile ? { sealKeyFile: options.sealKeyFile } : {}),
  });
  return { path, store, ws };
}

/** A workspace holding one Learning Together review, with its ws. */
export async function workspaceWithReview(
  path?: string,
): Promise<WorkspaceHandle & { reviewId: string }> {
  const handle = openTestWorkspace(path);
  const { state } = await createReview(
    handle.ws,
    { title: 'Learning review: Child A', kind: 'lcspr' },
    'R-TEST01',
  );
  return { ...handle, reviewId: state.review.id };
}

/** Where a review's log stands: how many events and the last hash; equal before and after a refusal. */
export async function logPosition(
  store: SqliteEventStore,
  reviewId: string,
): Promise<{ events: number; head: string | undefined; reviews: number }> {
  const events = await store.readEvents(reviewId);
  return {
    events: events.length,
    head: events.at(-1)?.hash,
    reviews: (await store.listReviews()).length,
  };
}

/** Awaits `action`, which must be refused with a ValidationError, and returns that error. */
export async function refusal(
  action: Promise<unknown> | (() => unknown),
): Promise<ValidationError> {
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected the command to be refused with a ValidationError, but it succeeded');
}

/** Every issue of an error as the one line a user sees (`path: message`). */
export function issueLines(error: ValidationError): string[] {
  return error.issues.map(formatIssue);
}

export interface CliRun {
  code: number;
  stdout: string[];
  stderr: string[];
  /** All of stdout as one text. */
  out: string;
  /** All of stderr as one text. */
  err: string;
  /** stdout parsed as JSON. */
  json<T = unknown>(): T;
}

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  clock?: () => Date;
  /** What the command reads from standard input (nothing, by default). */
  stdin?: string;
}

/** Runs `tunnelview ...args` in-process, capturing what it prints. */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  // Imported on use, so store and ws tests do not load every CLI command.
  const { main } = await import('../../src/cli/main.ts');
  const code = await main(['node', 'tunnelview', ...args], {
    output: { out: (line) => stdout.push(line), err: (line) => stderr.push(line) },
    env: options.env ?? { TUNNELVIEW_ACTOR: 'Test Reviewer' },
    cwd: options.cwd ?? tmpdir(),
    clock: options.clock ?? pinnedClock(),
    readLine: async () => {
      const { readLine } = await import('../../src/cli/read-stdin.ts');
      return readLine(Readable.from([Buffer.from(options.stdin ?? '')]));
    },
  });
  const out = stdout.join('\n');
  return {
    code,
    stdout,
    stderr,
    out,
    err: stderr.join('\n'),
    json: <T>() => JSON.parse(out) as T,
  };
}

/**
 * Edits a workspace file directly with better-sqlite3, as someone working behind tunnelview's
 * back would: the append-only triggers are dropped first so history can be changed.
 */
export function tamper(path: string, edit: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    for (const table of ['events', 'seals', 'chain_migrations']) {
      db.exec(`DROP TRIGGER IF EXISTS ${table}_append_only_update`);
      db.exec(`DROP TRIGGER IF EXISTS ${table}_append_only_delete`);
    }
    edit(db);
  } finally {
    db.close();
  }
}

/**
 * Makes a workspace file as tunnelview wrote format 2, before accounts: the tables format 3
 * added are dropped. Use inside `tamper`.
 */
export function asFormatTwo(db: Database.Database): void {
  db.exec(
    'DROP TABLE sessions; DROP TABLE account_roles; DROP TABLE sign_in_failures; DROP TABLE accounts;',
  );
  db.pragma('user_version = 2');
}

/**
 * What someone who can edit the file can do after changing a review's events: re-hash its whole
 * log under `scheme` (the current one by default) and record the new last event as its head, so
 * the chain verifies again on its own. Use inside `tamper`.
 */
export function rehashLog(db: Database.Database, reviewId: string, scheme: HashScheme = 2): string {
  const rows = db
    .prepare('SELECT * FROM events WHERE review_id = ? ORDER BY seq')
    .all(reviewId) as {
    seq: number;
    type: string;
    actor: string;
    at: string;
    payload: string;
  }[];
  const hash = eventHasher(scheme);
  const set = db.prepare(
    'UPDATE events SET prev_hash = ?, hash = ? WHERE review_id = ? AND seq = ?',
  );
  let prev = GENESIS_HASH;
  for (const r of rows) {
    const next = hash({
      reviewId,
      seq: r.seq,
      type: r.type,
      actor: r.actor,
      at: r.at,
      prevHash: prev,
      payloadJson: r.payload,
    });
    set.run(prev, next, reviewId, r.seq);
    prev = next;
  }
  db.prepare('UPDATE reviews SET head_seq = ?, head_hash = ? WHERE id = ?').run(
    rows.at(-1)?.seq ?? 0,
    prev,
    reviewId,
  );
  return prev;
}

/**
 * Builds a realistic review through the ws: 35 mixed commands — registers,
 * chronology, a conversation, KPEs and factors with edits, removals, links and an unlink,
 * findings with sections, factors and Issues for the Board, a meeting and time logged.
 * Returns the state the ws returned after the last command.
 */
export async function buildSampleReview(ws: Workspace, reviewId: string) {
  const s = ws;
  await updateReview(s, reviewId, {
    subjectLabel: 'Child A',
    keyDates: { notification: '2025-12-19', decision: '2026-01-20' },
  });
  await addResearchQuestion(s, reviewId, 'How did agencies share concerns about neglect?');
  await setReportText(
    s,
    reviewId,
    'case-summary',
    'Child A lived with her mother in Fenwick Vale.',
  );
  await addPerson(s, reviewId, {
    realName: 'Maisie Thorne',
    roleInCase: 'subject child',
    publicationLabel: 'Child A',
    dateOfBirth: '2021-08-05',
  });
  await addAgency(s, reviewId, { name: 'Fenwick Vale Health Visiting', sector: 'health' });
  await addAgency(s, reviewId, { name: 'Little Acorns Nursery', sector: 'early-years' });
  await addParticipant(s, reviewId, {
    name: 'Dana Reid',
    role: 'lead-reviewer',
    profession: 'Independent reviewer',
  });
  await addParticipant(s, reviewId, {
    name: 'Sam Okafor',
    role: 'case-group',
    agencyId: 'AG-1',
    publicationLabel: 'Health Visitor 1',
  });
  await addChronologyEntry(s, reviewId, {
    agencyId: 'AG-1',
    date: { precision: 'day', start: '2023-05-02', original: '02/05/2023' },
    text: 'Health visitor home visit; mother tired, flat untidy.',
  });
  await addChronologyEntry(s, reviewId, {
    agencyId: 'AG-2',
    date: { precision: 'month', start: '2023-06-01', end: '2023-06-30', original: 'June 2023' },
    text: 'Nursery noted bruising to the left arm.',
  });
  await recordConversation(s, reviewId, {
    participantId: 'PT-2',
    date: '2026-02-10',
    conductedBy: ['PT-1'],
    sections: { overview: 'Caseload was 420 families at the time.' },
  });
  await addExcerpt(s, reviewId, {
    conversationId: 'CV-1',
    sectionId: 'overview',
    text: 'I had 420 families and no time to go back.',
    quotable: true,
  });
  await addKpe(s, reviewId, {
    title: 'Home visit after the birth of a sibling',
    period: { from: '2023-05-02' },
    agencyIds: ['AG-1'],
    chronologyRefs: ['CH-1'],
    whatHappened: 'The health visitor saw the family at home.',
  });
  await addKpe(s, reviewId, {
    title: 'Bruising seen at nursery',
    period: { from: '2023-06-01', to: '2023-06-30' },
    agencyIds: ['AG-2'],
    whatHappened: 'Nursery staff saw bruising.',
  });
  await addKpe(s, reviewId, {
    title: 'Duplicate of the nursery episode',
    period: { from: '2023-06-01' },
    whatHappened: 'Entered twice by mistake.',
  });
  await editKpe(s, reviewId, 'KPE-1', {
    appraisal: { rating: 'mixed', text: 'The visit happened but no follow-up was booked.' },
    explanation: { localRationality: 'Caseloads left no time for a return visit.' },
  });
  await editKpe(s, reviewId, 'KPE-2', { title: 'Bruising seen at nursery and referred' });
  await removeKpe(s, reviewId, 'KPE-3', 'entered twice by mistake');
  await addFactor(s, reviewId, {
    head: 'conditions-of-work',
    text: 'Health visiting caseloads above the local ceiling',
    scope: 'generic',
  });
  await addFactor(s, reviewId, { head: 'inter-agency-team', text: 'No shared record of concerns' });
  await addFactor(s, reviewId, { head: 'family', text: 'Mother avoided appointments' });
  await editFactor(s, reviewId, 'CF-1', {
    text: 'Health visiting caseloads far above the ceiling',
  });
  await linkFactor(s, reviewId, { kpeId: 'KPE-1', factorId: 'CF-1', evidence: ['EX-1'] });
  await linkFactor(s, reviewId, { kpeId: 'KPE-1', factorId: 'CF-1', evidence: ['CH-1'] });
  await linkFactor(s, reviewId, { kpeId: 'KPE-2', factorId: 'CF-2' });
  await linkFactor(s, reviewId, { kpeId: 'KPE-2', factorId: 'CF-3' });
  await unlinkFactor(s, reviewId, { kpeId: 'KPE-2', factorId: 'CF-3' });
  await removeFactor(s, reviewId, 'CF-3', 'not supported by the evidence');
  await addFinding(
    s,
    reviewId,
    {
      statement: 'Caseload pressure crowds out return visits.',
      category: 'human-management-system-operation',
      sections: { introduction: 'Health visitors carry caseloads far above the ceiling.' },
    },
    { factorIds: ['CF-1'], boardQuestions: ['How does the Board know caseloads are safe?'] },
  );
  await addFinding(s, reviewId, {
    statement: 'Concerns held by one agency are not shared.',
    category: 'multi-agency-assessment-and-longer-term-work',
    rank: 1,
  });
  await editFinding(s, reviewId, 'F-2', {
    sections: { 'how-it-featured': 'Nursery did not know.' },
  });
  await linkFindingFactors(s, reviewId, 'F-2', ['CF-1', 'CF-2']);
  await addBoardIssue(s, reviewId, 'F-2', 'How will agencies share concerns about bruising?');
  await recordMeeting(s, reviewId, {
    type: 'review-team',
    date: '2026-02-03',
    attendees: ['PT-1', 'PT-2'],
    dissent: 'Health did not accept the caseload figure.',
  });
  const last = await logTime(s, reviewId, {
    participantId: 'PT-1',
    activity: 'compiling health chronology',
    minutes: 150,
    date: '2026-01-14',
    stage: 'analysis',
  });
  return last.state;
}

/** How many events `buildSampleReview` appends after `review.created` (35 commands, one of two events). */
export const SAMPLE_REVIEW_EVENTS = 36;

/** The stable id the first event of a command allocated (`KPE-3`), or undefined. */
export function newId(result: { events: readonly { payload: unknown }[] }): string | undefined {
  const payload = result.events[0]?.payload as { id?: unknown } | undefined;
  return typeof payload?.id === 'string' ? payload.id : undefined;
}
