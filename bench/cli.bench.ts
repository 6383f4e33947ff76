/**
 * Command-line start-up: whole-process runs of the installed command (the
 * compiled JavaScript in dist/) on the demo workspace, against a bare
 * `node -e 0` measured in the same run. Medians of 10 runs each, the three
 * kinds interleaved so a busy moment on the machine falls on all of them.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { buildDemoReview, DEMO_SCENARIO } from '../src/app/demo/build-demo.ts';
import { openWorkspaceFile } from '../src/app/open-workspace.ts';
import type { BenchResult } from './event-store.bench.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'tunnelview.js');
const RUNS = 10;
const MAX_SECONDS = 0.8;
const MAX_RATIO = 6;

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The installed command runs dist/: build it first when it is missing or older than src/. */
export async function ensureBuilt(): Promise<void> {
  const main = join(ROOT, 'dist', 'cli', 'main.js');
  if (existsSync(main) && statSync(main).mtimeMs >= newestIn(join(ROOT, 'src'))) return;
  console.error('Building dist/ (npm run build) for the start-up bench…');
  await run('npm', ['run', 'build'], { cwd: ROOT });
}

async function seconds(args: string[]): Promise<number> {
  const start = performance.now();
  await run(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, TUNNELVIEW_ACTOR: 'bench' },
  });
  return (performance.now() - start) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export async function runCliBench(): Promise<BenchResult[]> {
  await ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'tunnelview-cli-bench-'));
  try {
    const workspace = join(dir, 'tunnelview.db');
    // The demo review without its PDFs: the workspace is what the commands read.
    const ws = openWorkspaceFile(workspace, {
      create: true,
      actor: 'bench',
      clock: () => new Date('2026-11-26T09:00:00Z'),
    });
    await buildDemoReview(ws, DEMO_SCENARIO);
    await ws.close();

    const kinds = {
      node: ['-e', '0'],
      help: [BIN, '--help'],
      kpeList: [BIN, 'kpe', 'list', '--json', '--workspace', workspace],
    };
    const times: Record<keyof typeof kinds, number[]> = { node: [], help: [], kpeList: [] };
    // One warm-up of each (file cache, model cache), then interleaved timed runs.
    for (const args of Object.values(kinds)) await seconds(args);
    for (let i = 0; i < RUNS; i++) {
      for (const [kind, args] of Object.entries(kinds) as [keyof typeof kinds, string[]][]) {
        times[kind].push(await seconds(args));
      }
    }
    const node = median(times.node);
    const result = (name: string, values: number[]): BenchResult => {
      const m = median(values);
      const ratio = m / node;
      return {
        name,
        figure: `${m.toFixed(3)} s`,
        target: `≤ ${MAX_SECONDS} s and ≤ ${MAX_RATIO}× node -e 0 (${node.toFixed(3)} s)`,
        ratio: `${ratio.toFixed(1)}× node, ${(m / MAX_SECONDS).toFixed(2)}× the limit`,
        pass: m <= MAX_SECONDS && ratio <= MAX_RATIO,
      };
    };
    return [
      {
        name: 'node -e 0 (baseline, median of 10)',
        figure: `${node.toFixed(3)} s`,
        target: 'reference for the ratios below',
        ratio: '1.0×',
        pass: true,
      },
      result('tunnelview --help (median of 10)', times.help),
      result('tunnelview kpe list --json, demo (median of 10)', times.kpeList),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === import.meta.filename) {
  for (const r of await runCliBench()) {
    console.log(`${r.name.padEnd(48)} ${r.figure.padStart(9)}   ${r.ratio}   target ${r.target}`);
  }
}
