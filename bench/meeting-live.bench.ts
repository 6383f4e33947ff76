/**
 * A live meeting under load: the demo review served by the installed command in its own
 * process, 50 pages following one meeting over server-sent events (plain HTTP clients, as a
 * browser's EventSource reads them), and one participant posting a contribution every 100 ms
 * for 30 s through the participant's form. Measured: the time from sending each POST to the
 * contribution arriving at every client (p50, p99; target p99 < 100 ms), and the server's
 * memory per connected client.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemoReview, DEMO_SCENARIO } from '../src/app/demo/build-demo.ts';
import { showItem, startMeeting } from '../src/app/live-meetings.ts';
import { issueInvite, redeemInvite } from '../src/app/meeting-invites.ts';
import { recordMeeting } from '../src/app/meetings.ts';
import { openWorkspaceFile } from '../src/app/open-workspace.ts';
import { addParticipant } from '../src/app/register.ts';
import { ensureBuilt } from './cli.bench.ts';
import type { BenchResult } from './event-store.bench.ts';
import { serve } from './web.bench.ts';

const CLIENTS = 50;
const EVERY_MS = 100;
const SECONDS = 30;
const P99_BUDGET_MS = 100;
/** Pages opened at once to weigh one page's memory above the garbage collector's noise. */
const MEMORY_PAGES = 300;

/** The server process's resident memory, in bytes. */
function rss(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? 0) * 1024;
}

interface Joined {
  cookie: string;
  csrf: string;
}

/** The demo review with a meeting running, KPE-1 on the screen, and `count + 1` joined links. */
async function prepare(workspace: string, count: number) {
  const ws = openWorkspaceFile(workspace, { create: true, actor: 'bench' });
  const reviewId = await buildDemoReview(ws, DEMO_SCENARIO);
  const { state } = await recordMeeting(ws, reviewId, {
    type: 'joint-meeting-1',
    date: new Date().toISOString().slice(0, 10),
    status: 'scheduled',
  });
  const meetingId = Object.keys(state.meetings).at(-1) as string;
  const kpe = Object.keys(state.kpes)[0] as string;
  const joined: Joined[] = [];
  for (let i = 1; i <= count + 1; i++) {
    const { state: s } = await addParticipant(ws, reviewId, {
      name: `Bench Practitioner ${i}`,
      role: 'case-group',
    });
    const participant = Object.keys(s.participants).at(-1) as string;
    const { token } = await issueInvite(ws, reviewId, { meeting: meetingId, participant });
    const { sessionToken, session } = await redeemInvite(ws, reviewId, token);
    joined.push({ cookie: `tv_meeting=${reviewId}.${sessionToken}`, csrf: session.csrfToken });
  }
  await startMeeting(ws, reviewId, meetingId);
  const { state: shown } = await showItem(ws, reviewId, meetingId, { kind: 'kpe', id: kpe });
  await ws.close();
  return { reviewId, meetingId, joined, seq: shown.seq };
}

/** A page's stream: calls `onData` with each event's data as it arrives. */
function follow(url: string, cookie: string, onData: (data: string) => void): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { agent: false, headers: { accept: 'text/event-stream', cookie } },
      (response) => {
        if (response.statusCode !== 200) {
          reject(new Error(`the stream answered ${response.statusCode}`));
          return;
        }
        let buffer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
            const data = block
              .split('\n')
              .filter((l) => l.startsWith('data: '))
              .map((l) => l.slice(6))
              .join('\n');
            if (data) onData(data);
          }
        });
        resolve(() => req.destroy());
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export async function runMeetingLiveBench(): Promise<BenchResult[]> {
  await ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'tunnelview-meeting-bench-'));
  const workspace = join(dir, 'tunnelview.db');
  const { reviewId, meetingId, joined, seq } = await prepare(workspace, CLIENTS);
  const { child, base } = await serve(workspace);
  const pid = child.pid as number;
  const closers: (() => void)[] = [];
  try {
    const page = `${base}/reviews/${reviewId}/meetings/${meetingId}`;
    // Warm the server (templates compiled, review folded) before measuring memory.
    await fetch(`${page}/take-part`, { headers: { cookie: (joined[0] as Joined).cookie } });
    await new Promise((r) => setTimeout(r, 1000));
    const before = rss(pid);
    const sentAt = new Map<number, number>();
    const latencies: number[] = [];
    const seen = Array.from({ length: CLIENTS }, () => new Set<number>());
    for (let c = 0; c < CLIENTS; c++) {
      const mine = seen[c] as Set<number>;
      closers.push(
        await follow(`${page}/live?since=${seq}`, (joined[c] as Joined).cookie, (data) => {
          const at = performance.now();
          for (const m of data.matchAll(/bench contribution #(\d+)\b/g)) {
            const n = Number(m[1]);
            if (mine.has(n)) continue;
            mine.add(n);
            const sent = sentAt.get(n);
            if (sent !== undefined) latencies.push(at - sent);
          }
        }),
      );
    }
    // Memory: many more pages, idle, so one page's share stands out from the heap's own swings.
    const extra: (() => void)[] = [];
    for (let i = 0; i < MEMORY_PAGES - CLIENTS; i++) {
      extra.push(
        await follow(`${page}/live?since=${seq}`, (joined[i % CLIENTS] as Joined).cookie, () => {}),
      );
    }
    await new Promise((r) => setTimeout(r, 1000));
    const connected = rss(pid);
    for (const close of extra) close();
    await new Promise((r) => setTimeout(r, 500));

    const writer = joined[CLIENTS] as Joined;
    const total = Math.round((SECONDS * 1000) / EVERY_MS);
    const posts: Promise<Response>[] = [];
    const started = performance.now();
    for (let n = 1; n <= total; n++) {
      const due = started + n * EVERY_MS;
      await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
      sentAt.set(n, performance.now());
      posts.push(
        fetch(`${page}/contributions`, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            cookie: writer.cookie,
          },
          body: new URLSearchParams({
            _csrf: writer.csrf,
            kind: 'context',
            text: `bench contribution #${n} — how it looked at the time, in the practitioner's words.`,
          }),
        }),
      );
    }
    const statuses = (await Promise.all(posts)).map((r) => r.status);
    await new Promise((r) => setTimeout(r, 1000));
    const after = rss(pid);
    const refused = statuses.filter((s) => s !== 303).length;
    const missing = CLIENTS * total - latencies.length;
    latencies.sort((a, b) => a - b);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    const perClient = (connected - before) / MEMORY_PAGES;
    return [
      {
        name: `meeting: ${CLIENTS} live pages, 1 post/${EVERY_MS} ms`,
        figure: `p99 ${p99.toFixed(1)} ms`,
        target: `p99 < ${P99_BUDGET_MS} ms`,
        ratio: `${(p99 / P99_BUDGET_MS).toFixed(2)} of budget`,
        pass: p99 < P99_BUDGET_MS && refused === 0 && missing === 0,
      },
      {
        name: '  POST to every page: p50; deliveries',
        figure: `p50 ${p50.toFixed(1)} ms`,
        target: '(reported)',
        ratio: `${latencies.length} of ${CLIENTS * total} received; ${refused} posts refused`,
        pass: true,
      },
      {
        name: '  server memory per live page',
        figure: `${(perClient / 1024).toFixed(0)} KiB`,
        target: '(reported)',
        ratio: `RSS ${(before / 2 ** 20).toFixed(0)} MiB, ${(connected / 2 ** 20).toFixed(0)} with ${MEMORY_PAGES} pages, ${(after / 2 ** 20).toFixed(0)} after ${total} posts`,
        pass: true,
      },
    ];
  } finally {
    for (const close of closers) close();
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('meeting-live.bench.ts')) {
  for (const r of await runMeetingLiveBench()) {
    console.log(`${r.name.padEnd(44)} ${r.figure.padStart(16)}   ${r.target}   ${r.ratio}`);
  }
}
