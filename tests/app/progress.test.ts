// Work that takes a while says where it is: the use-cases report their steps to whoever asks,
// and the command line shows them only on a person's terminal, never with --json or in a pipe.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importReturn } from '../../src/app/import-return.ts';
import { verifyWorkspace } from '../../src/app/log.ts';
import type { ProgressStep } from '../../src/app/progress.ts';
import { addAgency } from '../../src/app/register.ts';
import { createReview } from '../../src/app/reviews.ts';
import { progressOnTerminal } from '../../src/cli/progress.ts';
import { workspaceWithReview } from '../helpers/workspace.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'chronology');

describe('progress of long work', () => {
  it('reports each review checked when a workspace is verified', async () => {
    const { ws } = await workspaceWithReview();
    await createReview(ws, { title: 'Learning review: Child B', kind: 'lcspr' }, 'R-TEST02');
    const steps: ProgressStep[] = [];
    const result = await verifyWorkspace(ws, undefined, (s) => steps.push(s));
    expect(result.ok).toBe(true);
    expect(steps).toEqual([
      { step: 'checking the hash chains', done: 0, total: 2 },
      { step: 'checking the hash chains', done: 1, total: 2 },
    ]);
  });

  it('reports reading, checking and adding when a return is imported', async () => {
    const { ws, reviewId } = await workspaceWithReview();
    await addAgency(ws, reviewId, { name: 'Brackenmoor Surgery', sector: 'health' });
    const steps: string[] = [];
    await importReturn(ws, reviewId, {
      path: join(FIXTURES, 'health-gp.csv'),
      agency: 'Brackenmoor Surgery',
      skipInvalid: true,
      progress: (s) => steps.push(s.step),
    });
    expect(steps[0]).toBe('reading health-gp.csv');
    expect(steps.some((s) => s.startsWith('checking the'))).toBe(true);
    expect(steps.at(-1)).toMatch(/^adding \d+ entries$/);
  });

  it('shows progress on a terminal only: not with --json, not where output is captured', () => {
    const env = { output: { out: () => {}, err: () => {} }, env: {}, cwd: '/' };
    expect(progressOnTerminal({ ...env, interactive: false }, {}).report).toBeUndefined();
    expect(
      progressOnTerminal({ ...env, interactive: true }, { json: true }).report,
    ).toBeUndefined();
    expect(progressOnTerminal({ ...env, interactive: true }, {}).report).toBeTypeOf('function');
  });
});
