/**
 * The map: ELK layout and SVG of a generated 40-KPE review (60 factors, 8
 * findings). Cold is the first map in a fresh process, so it includes loading
 * elkjs and ELK's GWT start-up (about half a second); warm is the median of
 * later runs, as in a long-lived process (the web session) or a report's
 * second and later figures.
 */
import { loadModel } from '../src/model/load-model.ts';
import { generatedReview } from '../tests/graph/map-fixtures.ts';
import type { BenchResult } from './event-store.bench.ts';

const KPES = 40;
const WARM_RUNS = 10;
const BUDGET_SECONDS = 1;

export async function runMapBench(): Promise<BenchResult[]> {
  const model = loadModel('learning-together');
  const state = generatedReview(model, KPES);

  const coldStart = performance.now();
  // Imported inside the timing: loading the ELK bundle is part of a cold start.
  const { buildMapGraph, layoutMap, renderMapSvg } = await import('../src/graph/map.ts');
  const draw = async (findingId?: string) => {
    const graph = buildMapGraph(state, model, findingId ? { findingId } : {});
    return renderMapSvg(await layoutMap(graph));
  };
  const first = await draw();
  const coldSeconds = (performance.now() - coldStart) / 1000;
  if (!first.includes('id="map-KPE-40"')) throw new Error('the benchmark map lacks KPE-40');

  const warm: number[] = [];
  for (let i = 0; i < WARM_RUNS; i += 1) {
    const start = performance.now();
    await draw();
    warm.push((performance.now() - start) / 1000);
  }
  warm.sort((a, b) => a - b);
  const warmSeconds = warm[Math.floor(warm.length / 2)] ?? 0;

  // What a report adds: the whole map plus each finding's subgraph.
  const reportStart = performance.now();
  await draw();
  for (const id of Object.keys(state.findings)) await draw(id);
  const reportSeconds = (performance.now() - reportStart) / 1000;
  const findings = Object.keys(state.findings).length;

  const row = (label: string, seconds: number): BenchResult => ({
    name: `map of ${KPES} KPEs (layout+SVG), ${label}`,
    figure: `${seconds.toFixed(3)} s`,
    target: `< ${BUDGET_SECONDS} s`,
    ratio: `${(seconds / BUDGET_SECONDS).toFixed(2)} of budget`,
    pass: seconds < BUDGET_SECONDS,
  });
  return [
    row('cold', coldSeconds),
    row('warm, median', warmSeconds),
    {
      name: `  map + ${findings} finding subgraphs, warm`,
      figure: `${reportSeconds.toFixed(3)} s`,
      target: '(no target)',
      ratio: '',
      pass: true,
    },
  ];
}
