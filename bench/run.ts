/**
 * `npm run bench`: the performance targets in design.md, measured and printed
 * with their ratio to the target. Run on an idle machine; figures vary by host.
 */
import { runChronologyBench } from './chronology.bench.ts';
import { runCliBench } from './cli.bench.ts';
import { runEventStoreBench } from './event-store.bench.ts';
import { runGraphBench } from './graph.bench.ts';
import { runMapBench } from './map.bench.ts';
import { runMeetingLiveBench } from './meeting-live.bench.ts';
import { runReportBench } from './report.bench.ts';
import { runWebBench } from './web.bench.ts';

const results = [
  await runCliBench(),
  await runEventStoreBench(),
  await runChronologyBench(),
  await runMapBench(),
  await runGraphBench(),
  await runReportBench(),
  await runWebBench(),
  await runMeetingLiveBench(),
].flat();

console.log('\ntunnelview benchmarks');
console.log('─'.repeat(78));
for (const r of results) {
  const verdict = r.pass ? 'meets target' : 'MISSES target';
  console.log(`${r.name.padEnd(44)} ${r.figure.padStart(16)}   target ${r.target}`);
  console.log(`${''.padEnd(44)} ${r.ratio.padStart(16)}   ${verdict}`);
}
console.log('─'.repeat(78));
if (results.some((r) => !r.pass)) process.exitCode = 1;
