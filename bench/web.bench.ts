/**
 * The web workspace under load: the demo review served by the installed command in its own
 * process (so the load generator does not share its event loop), one signed-in session, and
 * autocannon at 50 concurrent connections on the review dashboard and the chronology page.
 * Target (design.md): p99 under 100 ms.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { addAccount } from '../src/app/accounts.ts';
import { buildDemoReview, DEMO_SCENARIO } from '../src/app/demo/build-demo.ts';
import { openWorkspaceFile } from '../src/app/open-workspace.ts';
import { ensureBuilt } from './cli.bench.ts';
import type { BenchResult } from './event-store.bench.ts';

const BIN = join(import.meta.dirname, '..', 'bin', 'tunnelview.js');
const CONNECTIONS = 50;
const SECONDS = 10;
const P99_BUDGET_MS = 100;
const PASSWORD = 'bench-password-fenwick-vale';

/** Starts `tunnelview serve` on a free port and resolves with its address once it listens. */
export function serve(workspace: string): Promise<{ child: ChildProcess; base: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--workspace', workspace, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /at (http:\/\/localhost:\d+)\//.exec(out)?.[1];
      if (url) resolve({ child, base: url });
    });
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.on('exit', (code) => reject(new Error(`tunnelview serve exited (${code}): ${out}`)));
  });
}

/** Signs in through the form as a browser would and returns the session cookie. */
async function signIn(base: string): Promise<string> {
  const form = await fetch(`${base}/sign-in`);
  const html = await form.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const signInCookie = (form.headers.getSetCookie()[0] ?? '').split(';')[0];
  const response = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: signInCookie ?? '' },
    body: new URLSearchParams({
      _csrf: token,
      name: 'bench.reader',
      password: PASSWORD,
      next: '/',
    }),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith('tv_session='));
  if (!session) throw new Error(`signing in failed (${response.status})`);
  return session.split(';')[0] as string;
}

async function load(base: string, path: string, cookie: string) {
  const check = await fetch(`${base}${path}`, { headers: { cookie } });
  if (check.status !== 200) return { status: check.status };
  const result = await autocannon({
    url: `${base}${path}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { cookie },
  });
  return { status: 200, result };
}

export async function runWebBench(): Promise<BenchResult[]> {
  await ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'tunnelview-web-bench-'));
  const workspace = join(dir, 'tunnelview.db');
  const ws = openWorkspaceFile(workspace, { create: true, actor: 'bench' });
  const reviewId = await buildDemoReview(ws, DEMO_SCENARIO);
  await addAccount(ws, { name: 'bench.reader', role: 'lead-reviewer', password: PASSWORD });
  await ws.close();
  const { child, base } = await serve(workspace);
  try {
    const cookie = await signIn(base);
    const rows: BenchResult[] = [];
    for (const [label, path] of [
      ['review dashboard', `/reviews/${reviewId}`],
      ['chronology page', `/reviews/${reviewId}/chronology`],
    ] as const) {
      const measured = await load(base, path, cookie);
      if (!measured.result) {
        rows.push({
          name: `web: ${label}, ${CONNECTIONS} connections`,
          figure: `HTTP ${measured.status}`,
          target: `p99 < ${P99_BUDGET_MS} ms`,
          ratio: 'the page did not load',
          pass: false,
        });
        continue;
      }
      const { latency, requests, non2xx, errors } = measured.result;
      rows.push({
        name: `web: ${label}, ${CONNECTIONS} connections`,
        figure: `p99 ${latency.p99} ms`,
        target: `p99 < ${P99_BUDGET_MS} ms`,
        ratio: `${(latency.p99 / P99_BUDGET_MS).toFixed(2)} of budget`,
        pass: latency.p99 < P99_BUDGET_MS && non2xx === 0 && errors === 0,
      });
      rows.push({
        name: `  ${label}: p50, requests/s`,
        figure: `p50 ${latency.p50} ms`,
        target: '(reported)',
        ratio: `${Math.round(requests.average)} req/s; ${non2xx} non-2xx, ${errors} errors`,
        pass: true,
      });
    }
    return rows;
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
