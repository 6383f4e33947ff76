// `tunnelview clock`: a statutory clock's due date from the command line, in text and JSON,
// without a workspace; bad rules and dates exit 1 saying what to fix.
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/workspace.ts';

describe('tunnelview clock', () => {
  it('prints when the rapid review falls due', async () => {
    const run = await runCli(['clock', 'rapid-review', '--from', '2025-12-19']);
    expect(run.code).toBe(0);
    expect(run.out).toBe('Rapid review: due 2026-01-14 (15 working days after 2025-12-19)');
    expect(run.err).toBe('');
  });

  it('prints exactly the rule, the from-date and the due date with --json', async () => {
    for (const args of [
      ['--json', 'clock', 'rapid-review', '--from', '2025-12-19'],
      ['clock', 'rapid-review', '--from', '2025-12-19', '--json'],
    ]) {
      const run = await runCli(args);
      expect(run.code, args.join(' ')).toBe(0);
      expect(run.out).toBe('{"rule":"rapid-review","from":"2025-12-19","due":"2026-01-14"}');
    }
  });

  it('counts calendar months with month-end clamping, and back from a planned publication', async () => {
    const lcspr = await runCli(['clock', 'lcspr', '--from', '2026-08-31']);
    expect(lcspr.out).toBe(
      'LCSPR completed and published: due 2027-02-28 (6 calendar months after 2026-08-31)',
    );
    const before = await runCli(['clock', 'pre-publication', '--from', '2026-04-07', '--json']);
    expect(before.json()).toEqual({
      rule: 'pre-publication',
      from: '2026-04-07',
      due: '2026-03-25',
    });
  });

  it('says so when the rule is unconfirmed in the model', async () => {
    const run = await runCli(['clock', 'pre-publication', '--from', '2026-04-07']);
    expect(run.stdout).toEqual([
      'Final report sent before publication: due 2026-03-25 (7 working days before 2026-04-07)',
      'Note: this rule is unconfirmed in the model; check the guidance before relying on it.',
    ]);
  });

  it('takes the model with --model', async () => {
    const run = await runCli([
      'clock',
      'notification',
      '--from',
      '2025-12-22',
      '--model',
      'learning-together',
    ]);
    expect(run.code).toBe(0);
    expect(run.out).toBe(
      'Notification to the national Panel: due 2025-12-31 (5 working days after 2025-12-22)',
    );
  });

  it('needs no workspace and leaves none behind', async () => {
    const cwd = tempDir();
    const run = await runCli(['clock', 'scr', '--from', '2026-01-20'], { cwd });
    expect(run.code).toBe(0);
    expect(run.out).toBe(
      'Serious Case Review completed: due 2026-07-20 (6 calendar months after 2026-01-20)',
    );
    expect(readdirSync(cwd)).toEqual([]);
    expect(existsSync(`${cwd}/tunnelview.db`)).toBe(false);
  });

  it('refuses an unknown rule, naming the rules the model has', async () => {
    const run = await runCli(['clock', 'rapid-reveiw', '--from', '2025-12-19']);
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toContain(
      'RULE: "rapid-reveiw" is not a clock in the learning-together model (did you mean "rapid-review"?); its clocks are: notification, rapid-review, lcspr, pre-publication, scr',
    );
  });

  it('refuses a date that does not exist, or is not a date, saying why', async () => {
    const impossible = await runCli(['clock', 'rapid-review', '--from', '2025-02-30']);
    expect(impossible.code).toBe(1);
    expect(impossible.err).toContain(
      '--from: "2025-02-30" is not a real date: February 2025 has 28 days',
    );
    const word = await runCli(['clock', 'rapid-review', '--from', 'tomorrow']);
    expect(word.code).toBe(1);
    expect(word.err).toContain(
      '--from: "tomorrow" is not a date in any of the forms read; give a date as 14/03/2023 or 2023-03-14 (or 14 March 2023)',
    );
  });

  it('reports a bad rule and a bad date together', async () => {
    const run = await runCli(['clock', 'nope', '--from', 'tomorrow']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('RULE: "nope" is not a clock');
    expect(run.err).toContain('--from: "tomorrow" is not a date');
  });

  it('refuses a missing --from and an unknown model', async () => {
    const missing = await runCli(['clock', 'rapid-review']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("required option '--from <date>' not specified");
    const model = await runCli([
      'clock',
      'rapid-review',
      '--from',
      '2025-12-19',
      '--model',
      'nope',
    ]);
    expect(model.code).toBe(1);
    expect(model.err).toContain('unknown model "nope"');
  });

  it('ends its --help with an example', async () => {
    const run = await runCli(['clock', '--help']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('Usage: tunnelview clock [options] <rule>');
    expect(run.out).toMatch(/Example:\n {2}tunnelview clock rapid-review --from 2025-12-19$/);
  });
});
