/**
 * Renders started from the web: a table in memory of jobs keyed by a random id and owned by
 * the account that started them, one browser session for the whole server (launched on the
 * first render, reused after), and one private temporary directory the server owns, where
 * every file is named by the job's id — never by anything a user sent. A file goes when it is
 * downloaded, or after an hour, or when the server closes.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserSession } from '../app/browser-session.ts';
import type { RenderedEdition } from '../app/render-edition.ts';
import type { Workspace } from '../app/workspace.ts';
import { ValidationError } from '../domain/errors.ts';
import type { Issue } from '../domain/issue.ts';

export type Edition = 'confidential' | 'publication';
export type Format = 'pdf' | 'docx';

export interface RenderJob {
  id: string;
  account: string;
  reviewId: string;
  edition: Edition;
  format: Format;
  state: 'waiting' | 'running' | 'done' | 'refused' | 'failed';
  /** What is happening now, in a few words. */
  step: string;
  startedAt: number;
  /** When done: the file in the server's directory, and what the render said. */
  file: string | null;
  result: RenderedEdition | null;
  /** When refused: why (the leaks of a publication edition, or a check that failed). */
  issues: readonly Issue[];
  message: string | null;
}

export const JOB_LIFETIME_MS = 60 * 60 * 1000;

export const CONTENT_TYPES: Record<Format, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

type Render = (
  ws: Workspace,
  reviewId: string,
  request: { edition: Edition; format: Format; outFile: string },
  browser: BrowserSession,
  progress: (p: { step: string }) => void,
) => Promise<RenderedEdition>;

export class RenderJobs {
  private readonly jobs = new Map<string, RenderJob>();
  /** Renders run one after another: one browser, a small machine. */
  private queue: Promise<unknown> = Promise.resolve();
  private dir: Promise<string> | undefined;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly browser: BrowserSession,
    private readonly render: Render,
    private readonly now: () => number = Date.now,
  ) {
    this.sweeper = setInterval(() => void this.sweep(), 5 * 60 * 1000);
    this.sweeper.unref();
  }

  /** Starts a render for `account`; returns the job at once, the render runs behind it. */
  start(ws: Workspace, reviewId: string, edition: Edition, format: Format): RenderJob {
    const id = randomBytes(16).toString('hex');
    const job: RenderJob = {
      id,
      account: ws.actor,
      reviewId,
      edition,
      format,
      state: 'waiting',
      step: 'waiting for the renders before it',
      startedAt: this.now(),
      file: null,
      result: null,
      issues: [],
      message: null,
    };
    this.jobs.set(id, job);
    this.queue = this.queue.then(() => this.run(ws, job));
    return job;
  }

  /** The job, only to the account that started it (anyone else: as if there were none). */
  get(id: string, account: string, reviewId: string): RenderJob | undefined {
    const job = this.jobs.get(id);
    return job && job.account === account && job.reviewId === reviewId ? job : undefined;
  }

  /** Forgets a job and deletes its file (after its download). */
  async remove(id: string): Promise<void> {
    const job = this.jobs.get(id);
    this.jobs.delete(id);
    if (job?.file) await rm(job.file, { force: true });
  }

  /** Deletes what is older than an hour. */
  async sweep(): Promise<void> {
    const cutoff = this.now() - JOB_LIFETIME_MS;
    for (const job of [...this.jobs.values()]) {
      if (job.startedAt < cutoff && job.state !== 'running') await this.remove(job.id);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.queue.catch(() => undefined);
    await this.browser.close();
    const dir = await this.dir?.catch(() => undefined);
    if (dir) await rm(dir, { recursive: true, force: true });
    this.jobs.clear();
  }

  private directory(): Promise<string> {
    // mkdtemp makes the directory readable by this user only.
    this.dir ??= mkdtemp(join(tmpdir(), 'tunnelview-renders-'));
    return this.dir;
  }

  private async run(ws: Workspace, job: RenderJob): Promise<void> {
    job.state = 'running';
    job.step = 'starting';
    const file = join(await this.directory(), `${job.id}.${job.format}`);
    try {
      job.result = await this.render(
        ws,
        job.reviewId,
        { edition: job.edition, format: job.format, outFile: file },
        this.browser,
        (p) => {
          job.step = p.step;
        },
      );
      job.file = file;
      job.state = 'done';
      job.step = 'done';
    } catch (error) {
      await rm(file, { force: true });
      if (error instanceof ValidationError) {
        job.state = 'refused';
        job.issues = error.issues;
        job.message = error.message;
      } else {
        console.error(error);
        job.state = 'failed';
        job.message = 'The render failed. Nothing was written; try again.';
      }
      job.step = 'stopped';
    }
  }
}
