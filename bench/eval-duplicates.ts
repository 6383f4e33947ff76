/**
 * Duplicate finding measured on the synthetic corpus (bench/duplicates-corpus):
 * each seed's case is written out as agency returns, imported through the
 * real import path into a SQLite workspace in a temp folder, and the finder
 * is run as `chronology duplicates` runs it. Pairs of entries it puts in one
 * cluster are compared with the pairs that truly record one event; precision
 * and recall are given per split with the counts behind them.
 *
 * `tsx bench/eval-duplicates.ts --details` also lists the tuning split's
 * misses and false links (never the held-out split's).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findDuplicates } from '../src/app/chronology-views.ts';
import { importRegister } from '../src/app/import-register.ts';
import { importReturn } from '../src/app/import-return.ts';
import { openWorkspaceFile } from '../src/app/open-workspace.ts';
import { createReview } from '../src/app/reviews.ts';
import { chronologyCitation } from '../src/domain/chronology-citation.ts';
import { type GeneratedCase, generateCase } from './duplicates-corpus/generate-case.ts';
import { HELD_OUT_SEEDS, TUNING_SEEDS } from './duplicates-corpus/split.ts';
import type { TrueEvent } from './duplicates-corpus/timeline.ts';

export interface EvalRow {
  name: string;
  figure: string;
  counts: string;
}

export interface PairDetail {
  seed: number;
  a: string;
  b: string;
  /** The true events of the two entries (equal for a missed pair). */
  events: [TrueEvent | undefined, TrueEvent | undefined];
  texts: [string, string];
  dates: [string, string];
}

export interface CaseScore {
  seed: number;
  truePairs: number;
  predictedPairs: number;
  tp: number;
  /** Records that did not become entries (import problems): their pairs count as missed. */
  notImported: number;
  falsePositives: PairDetail[];
  falseNegatives: PairDetail[];
}

const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Imports one generated case into a fresh workspace and scores the finder on it. */
export async function scoreCase(generated: GeneratedCase, dir: string): Promise<CaseScore> {
  const caseDir = join(dir, `seed-${generated.seed}`);
  mkdirSync(caseDir, { recursive: true });
  const ws = openWorkspaceFile(join(caseDir, 'workspace.db'), {
    create: true,
    actor: 'Eval',
    clock: () => new Date('2026-01-15T10:00:00Z'),
  });
  try {
    const { state } = await createReview(ws, {
      title: `Synthetic case ${generated.seed}`,
      kind: 'lcspr',
    });
    const reviewId = state.review.id;
    const registerPath = join(caseDir, generated.register.file);
    writeFileSync(registerPath, generated.register.bytes);
    const reg = await importRegister(ws, reviewId, registerPath);
    if (!reg.imported) throw new Error(`seed ${generated.seed}: the register did not import`);
    let notImported = 0;
    for (const ret of generated.returns) {
      const path = join(caseDir, ret.file);
      writeFileSync(path, ret.bytes);
      const applied = await importReturn(ws, reviewId, {
        path,
        agency: ret.name,
        sector: ret.sector,
        skipInvalid: true,
      });
      notImported += ret.accounts.length - applied.outcome.ids.length;
    }
    const clusters = await findDuplicates(ws, reviewId);
    const loaded = await ws.load(reviewId);
    const citeOf = new Map<string, string>();
    const info = new Map<string, { text: string; date: string }>();
    for (const e of Object.values(loaded.chronology)) {
      const cite = chronologyCitation(e.provenance);
      if (cite) citeOf.set(e.id, cite);
      info.set(cite ?? e.id, { text: e.text, date: e.date.original });
    }
    const predicted = new Set<string>();
    for (const c of clusters) {
      const cites = c.ids.map((id) => citeOf.get(id) ?? id);
      for (let i = 0; i < cites.length; i++) {
        for (let j = i + 1; j < cites.length; j++)
          predicted.add(key(cites[i] as string, cites[j] as string));
      }
    }
    const byEvent = new Map<string, string[]>();
    for (const [cite, eventId] of generated.truth) {
      byEvent.set(eventId, [...(byEvent.get(eventId) ?? []), cite]);
    }
    const truePairs = new Set<string>();
    for (const cites of byEvent.values()) {
      for (let i = 0; i < cites.length; i++) {
        for (let j = i + 1; j < cites.length; j++)
          truePairs.add(key(cites[i] as string, cites[j] as string));
      }
    }
    const events = new Map(generated.events.map((e) => [e.id, e]));
    const detail = (pair: string): PairDetail => {
      const [a, b] = pair.split('|') as [string, string];
      const ia = info.get(a);
      const ib = info.get(b);
      return {
        seed: generated.seed,
        a,
        b,
        events: [
          events.get(generated.truth.get(a) ?? ''),
          events.get(generated.truth.get(b) ?? ''),
        ],
        texts: [ia?.text ?? '(not imported)', ib?.text ?? '(not imported)'],
        dates: [ia?.date ?? '', ib?.date ?? ''],
      };
    };
    const falsePositives = [...predicted].filter((p) => !truePairs.has(p)).map(detail);
    const falseNegatives = [...truePairs].filter((p) => !predicted.has(p)).map(detail);
    return {
      seed: generated.seed,
      truePairs: truePairs.size,
      predictedPairs: predicted.size,
      tp: [...predicted].filter((p) => truePairs.has(p)).length,
      notImported,
      falsePositives,
      falseNegatives,
    };
  } finally {
    await ws.store.close();
  }
}

export async function scoreSeeds(seeds: readonly number[]): Promise<CaseScore[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tunnelview-eval-duplicates-'));
  try {
    const scores: CaseScore[] = [];
    for (const seed of seeds) scores.push(await scoreCase(await generateCase(seed), dir));
    return scores;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function summarise(name: string, scores: CaseScore[]): EvalRow[] {
  const tp = scores.reduce((s, c) => s + c.tp, 0);
  const predicted = scores.reduce((s, c) => s + c.predictedPairs, 0);
  const truth = scores.reduce((s, c) => s + c.truePairs, 0);
  const missingRecords = scores.reduce((s, c) => s + c.notImported, 0);
  const fp = predicted - tp;
  const fn = truth - tp;
  const ratio = (n: number, d: number) => (d === 0 ? 'n/a' : (n / d).toFixed(3));
  return [
    {
      name: `${name}: precision`,
      figure: ratio(tp, predicted),
      counts: `TP ${tp} / predicted ${predicted} (FP ${fp})`,
    },
    {
      name: `${name}: recall`,
      figure: ratio(tp, truth),
      counts: `TP ${tp} / true pairs ${truth} (FN ${fn}); ${scores.length} cases${missingRecords ? `, ${missingRecords} records not imported` : ''}`,
    },
  ];
}

/** The eval module: duplicate precision and recall on the tuning and held-out seeds. */
export async function runDuplicatesEval(): Promise<EvalRow[]> {
  const tuning = await scoreSeeds(TUNING_SEEDS);
  const heldOut = await scoreSeeds(HELD_OUT_SEEDS);
  return [
    ...summarise(`Duplicates, tuning seeds ${TUNING_SEEDS[0]}–${TUNING_SEEDS.at(-1)}`, tuning),
    ...summarise(
      `Duplicates, held-out seeds ${HELD_OUT_SEEDS[0]}–${HELD_OUT_SEEDS.at(-1)}`,
      heldOut,
    ),
  ];
}

function describe(d: PairDetail): string {
  const ev = (e: TrueEvent | undefined) =>
    e ? `${e.id} ${e.kind}${e.about ? ` (about ${e.about.id} ${e.about.kind})` : ''}` : '?';
  return [
    `seed ${d.seed}: ${d.a}  ~  ${d.b}`,
    `  [${ev(d.events[0])}] ${d.dates[0]}: ${d.texts[0]}`,
    `  [${ev(d.events[1])}] ${d.dates[1]}: ${d.texts[1]}`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const details = process.argv.includes('--details');
  if (details) {
    const tuning = await scoreSeeds(TUNING_SEEDS);
    for (const c of tuning) {
      for (const d of c.falsePositives) console.log(`FALSE LINK ${describe(d)}`);
      for (const d of c.falseNegatives) console.log(`MISSED ${describe(d)}`);
    }
    for (const row of summarise('tuning', tuning))
      console.log(`${row.name} ${row.figure} ${row.counts}`);
  } else {
    for (const row of await runDuplicatesEval())
      console.log(`${row.name.padEnd(44)} ${row.figure.padStart(6)}   ${row.counts}`);
  }
}
