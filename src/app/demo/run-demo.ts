/**
 * The demo: builds the fictional Fenwick Vale review into a fresh workspace
 * in `dir` and writes its findings report in both editions, through the same
 * use-cases a reviewer's commands go through.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserSession } from '../browser-session.ts';
import { verifyWorkspace } from '../log.ts';
import { openWorkspaceFile } from '../open-workspace.ts';
import type { Progress } from '../progress.ts';
import { renderEdition } from '../render-edition.ts';
import { buildDemoReview, DEMO_SCENARIO } from './build-demo.ts';

export interface DemoOptions {
  actor: string;
  clock?: () => Date;
  env?: NodeJS.ProcessEnv;
  /** Lines about installing a browser, when one has to be installed. */
  log?: (line: string) => void;
  progress?: Progress;
}

export interface DemoResult {
  review: string;
  title: string;
  workspace: string;
  events: number;
  chainVerified: boolean;
  pdf: string;
  pages: number | null;
  publication: string;
  publicationPages: number | null;
}

export async function runDemo(dir: string, options: DemoOptions): Promise<DemoResult> {
  const workspace = join(dir, 'tunnelview.db');
  const pdf = join(dir, 'findings.pdf');
  const publication = join(dir, 'findings-publication.pdf');
  mkdirSync(dir, { recursive: true });
  // The demo always starts from nothing, so it shows what a fresh clone produces.
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${workspace}${suffix}`, { force: true });
  const browser = new BrowserSession({
    install: true,
    ...(options.env ? { env: options.env } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  // Find (or, as root on Debian, install) the browser before writing anything.
  await browser.executablePath();
  const ws = openWorkspaceFile(workspace, {
    create: true,
    actor: options.actor,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  try {
    options.progress?.({ step: 'building the demo review' });
    const reviewId = await buildDemoReview(ws, DEMO_SCENARIO);
    const verified = await verifyWorkspace(ws, reviewId);
    const confidential = await renderEdition(
      ws,
      reviewId,
      { edition: 'confidential', outFile: pdf, keepHtml: true },
      browser,
      options.progress,
    );
    const published = await renderEdition(
      ws,
      reviewId,
      { edition: 'publication', outFile: publication },
      browser,
      options.progress,
    );
    const state = await ws.load(reviewId);
    return {
      review: reviewId,
      title: state.review.title,
      workspace,
      events: state.seq,
      chainVerified: verified.ok,
      pdf,
      pages: confidential.pages,
      publication,
      publicationPages: published.pages,
    };
  } finally {
    await browser.close();
    await ws.close();
  }
}
