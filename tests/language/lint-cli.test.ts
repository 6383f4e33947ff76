// `tunnelview lint`: a plain text file line by line (the fixed JSON shape), a review by field
// with reason, direction and the handle to accept each flag, `lint accept`, and `lint rules`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/workspace.ts';

function cliWorkspace() {
  const dir = tempDir();
  const ws = join(dir, 'ws.db');
  const run = (...args: string[]) => runCli([...args, '--workspace', ws], { cwd: dir });
  return { dir, ws, run };
}

/** A review with one KPE whose appraisal trips the failed-to rule twice. */
async function reviewWithFlags() {
  const w = cliWorkspace();
  const created = await w.run(
    'review',
    'create',
    '--title',
    'Child B',
    '--kind',
    'lcspr',
    '--json',
  );
  const reviewId = created.json<{ id: string }>().id;
  const kpe = await w.run(
    'kpe',
    'add',
    '--title',
    'First incident',
    '--from',
    '2025-09-20',
    '--what',
    'Police attended after a neighbour called.',
    '--rating',
    'mixed',
    '--appraisal',
    'The front door failed to ask health visiting what it knew. The protocol expects a reply within five days. The health visitor failed to call for three weeks.',
  );
  expect(kpe.code, kpe.err).toBe(0);
  return { ...w, reviewId };
}

describe('tunnelview lint --text', () => {
  it('prints {"results": [{"line", "flags": [{"rule", "category", "match", "reason"}]}]} for every line', async () => {
    const dir = tempDir();
    const file = join(dir, 'draft.txt');
    writeFileSync(
      file,
      `${[
        'The health visitor failed to ask about the partner.',
        'The fire alarm failed.',
        '',
        'It was obvious, and she should have known. "Obviously," the nurse said.',
      ].join('\n')}\n`,
    );
    const run = await runCli(['lint', '--text', 'draft.txt', '--json'], { cwd: dir });
    expect(run.code, run.err).toBe(0);
    const { results, ...rest } = run.json<{
      results: { line: number; flags: Record<string, unknown>[] }[];
    }>();
    expect(rest).toEqual({});
    expect(results.map((r) => [r.line, r.flags.map((f) => [f.rule, f.category, f.match])])).toEqual(
      [
        [1, [['failed-to', 'counterfactual', 'failed to']]],
        [2, []],
        [3, []],
        [
          4,
          [
            ['obvious', 'certainty', 'obvious'],
            ['should-have', 'counterfactual', 'should have known'],
          ],
        ],
      ],
    );
    for (const flag of results.flatMap((r) => r.flags)) {
      expect(typeof flag.reason).toBe('string');
      expect(Object.keys(flag)).toEqual(
        expect.arrayContaining(['rule', 'category', 'match', 'reason']),
      );
    }
  });

  it('prints each flag as file:line:column with its reason and direction, then a count', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'draft.txt'), 'Agencies failed to share.\nA clear plan was agreed.\n');
    const run = await runCli(['lint', '--text', 'draft.txt'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout[0]).toBe('draft.txt:1:10 failed-to (counterfactual): "failed to"');
    expect(run.stdout[1]).toMatch(/^ {4}Why: /);
    expect(run.stdout[2]).toMatch(/^ {4}Direction: /);
    expect(run.stdout.at(-1)).toBe('1 flag on 1 of 2 lines (rules of model learning-together)');
  });

  it('names a file it cannot read, and refuses --text with --review', async () => {
    const dir = tempDir();
    const missing = await runCli(['lint', '--text', 'nope.txt', '--json'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/--text: cannot read \S*nope\.txt \(ENOENT\); check the path/);
    const both = await runCli(['lint', '--text', 'nope.txt', '--review', 'R-ABCDEF'], { cwd: dir });
    expect(both.code).toBe(1);
    expect(both.err).toContain('give --review or --text, not both');
  });
});

describe('tunnelview lint --review', () => {
  it('lists flags by field with the reason, direction and the handle to accept each', async () => {
    const { run, reviewId } = await reviewWithFlags();
    const listed = await run('lint', '--review', reviewId);
    expect(listed.code, listed.err).toBe(0);
    expect(listed.stdout[0]).toBe(
      `Language check of ${reviewId} (rules of model learning-together): 2 open, 0 accepted, in 1 text field`,
    );
    expect(listed.out).toContain('kpes.KPE-1.appraisal.text (KPE-1 appraisal)');
    expect(listed.out).toContain('[open] sentence 3, failed-to (counterfactual): "failed to"');
    expect(listed.out).toContain('"The health visitor failed to call for three weeks."');
    expect(listed.out).toContain(
      `Accept: tunnelview lint accept --review ${reviewId} --field kpes.KPE-1.appraisal.text#3 --rule failed-to --justification "…"`,
    );

    const json = (await run('lint', '--review', reviewId, '--json')).json<{
      open: number;
      flags: {
        handle: string;
        rule: string;
        status: string;
        sentence: string;
        accept: string;
        fix: unknown;
      }[];
    }>();
    expect(json.open).toBe(2);
    expect(json.flags.map((f) => [f.handle, f.rule, f.status])).toEqual([
      ['kpes.KPE-1.appraisal.text#1', 'failed-to', 'open'],
      ['kpes.KPE-1.appraisal.text#3', 'failed-to', 'open'],
    ]);
    // The fix as data, as the web app will get it, beside the command the CLI words from it.
    expect(json.flags[1]?.fix).toEqual({
      kind: 'accept-flag',
      field: 'kpes.KPE-1.appraisal.text#3',
      rule: 'failed-to',
    });
    expect(json.flags[1]?.accept).toBe(
      `tunnelview lint accept --review ${reviewId} --field kpes.KPE-1.appraisal.text#3 --rule failed-to --justification "…"`,
    );
  });

  it('accepts one flag by its handle, with the justification kept, and shows it as accepted', async () => {
    const { run, reviewId } = await reviewWithFlags();
    const ambiguous = await run(
      'lint',
      'accept',
      '--review',
      reviewId,
      '--field',
      'kpes.KPE-1.appraisal.text',
      '--rule',
      'failed-to',
      '--justification',
      'Kept.',
    );
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.err).toContain('--field: rule failed-to flags 2 sentences');
    expect(ambiguous.err).toContain('; give --field (e.g. --field kpes.KPE-1.appraisal.text#1)');

    const accepted = await run(
      'lint',
      'accept',
      '--review',
      reviewId,
      '--field',
      'kpes.KPE-1.appraisal.text#3',
      '--rule',
      'failed-to',
      '--justification',
      'The delay is the point of the sentence; the explanation says why.',
    );
    expect(accepted.code, accepted.err).toBe(0);
    expect(accepted.out).toBe(
      'Accepted failed-to in kpes.KPE-1.appraisal.text: "The health visitor failed to call for three weeks."',
    );
    const listed = await run('lint', '--review', reviewId);
    expect(listed.stdout[0]).toContain('1 open, 1 accepted');
    expect(listed.out).toContain(
      'Accepted by Test Reviewer (2026-01-15): The delay is the point of the sentence; the explanation says why.',
    );
    const log = await run('log', '--review', reviewId);
    expect(log.out).toContain('language.flag-accepted');
  });
});

describe('tunnelview lint rules', () => {
  it('lists the rules of a model, and gives them whole with --json', async () => {
    const table = await runCli(['lint', 'rules']);
    expect(table.code).toBe(0);
    expect(table.stdout[0]).toMatch(/^RULE\s+CATEGORY\s+WHY/);
    expect(table.out).toContain('lack-of-curiosity');
    const json = (await runCli(['lint', 'rules', '--model', 'seips', '--json'])).json<{
      rules: { id: string }[];
    }>();
    expect(json.rules.length).toBeGreaterThanOrEqual(16);
  });

  it('ends the help of each lint command with an example', async () => {
    for (const command of [['lint'], ['lint', 'accept'], ['lint', 'rules']]) {
      const help = await runCli([...command, '--help']);
      expect(help.code).toBe(0);
      expect(help.out, command.join(' ')).toMatch(/Example:\n {2}tunnelview lint/);
    }
  });
});
