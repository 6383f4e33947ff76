// A writer in a process of its own, for the tests of many writers on one workspace: it runs the
// compiled command line (dist/) in-process `count` times, one change per call — each call opens
// the workspace, writes one event and closes it, as `tunnelview agency add` does — and prints
// one JSON line: every call's exit code and what it printed to stderr. Before each call it says
// `writing <n>` on stderr, for a test that waits until it is writing.
//
//   node cli-writer.mjs <workspace> <review> <count> <label>
import { main } from '../../dist/cli/main.js';

const [workspace, review, count, label] = process.argv.slice(2);
const calls = [];
for (let i = 1; i <= Number(count); i++) {
  process.stderr.write(`writing ${i}\n`);
  const err = [];
  const code = await main(
    [
      'node',
      'tunnelview',
      'agency',
      'add',
      '--name',
      `${label} agency ${i}`,
      '--sector',
      'police',
      '--review',
      review,
      '--workspace',
      workspace,
    ],
    { output: { out: () => {}, err: (line) => err.push(line) }, env: process.env },
  );
  calls.push({ code, err: err.join('\n') });
}
process.stdout.write(`${JSON.stringify(calls)}\n`);
