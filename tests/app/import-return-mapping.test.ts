// A column mapping given as data (chosen on a form) overrides the headings; a mapping that names
// no date column is refused naming `mapping`, with the store unchanged; the plan lists the
// file's headings for a form to choose from.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importReturn } from '../../src/app/import-return.ts';
import { logPosition, refusal, tempDir, workspaceWithReview } from '../helpers/workspace.ts';

async function oddReturn() {
  const file = join(tempDir(), 'odd.csv');
  await writeFile(file, 'Occurred,Narrative,Who\n03/05/2023,Welfare check at the flat.,PC 1123\n');
  return file;
}

describe('importReturn with a mapping given as data', () => {
  it('lists the headings and imports nothing when they are not recognised', async () => {
    const { ws, reviewId } = await workspaceWithReview();
    const { plan, outcome } = await importReturn(ws, reviewId, {
      path: await oddReturn(),
      agency: 'Fenwick Vale Police',
      sector: 'police',
    });
    expect(plan.headings).toEqual(['Occurred', 'Narrative', 'Who']);
    expect(plan.mapping).toBeUndefined();
    expect(outcome.result).toBe('nothing-imported');
  });

  it('imports with the columns chosen', async () => {
    const { ws, reviewId } = await workspaceWithReview();
    const { plan, outcome } = await importReturn(ws, reviewId, {
      path: await oddReturn(),
      agency: 'Fenwick Vale Police',
      sector: 'police',
      mapping: { date: 'Occurred', text: ['Narrative'], author: 'Who' },
    });
    expect(plan.mappingSource).toBe('file');
    expect(outcome.result).toBe('imported');
    const entry = (await ws.load(reviewId)).chronology[outcome.ids[0] as string];
    expect(entry?.author).toBe('PC 1123');
  });

  it('refuses a mapping without a date column, naming it, with the store unchanged', async () => {
    const { ws, store, reviewId } = await workspaceWithReview();
    const before = await logPosition(store, reviewId);
    const error = await refusal(
      importReturn(ws, reviewId, {
        path: await oddReturn(),
        agency: 'Fenwick Vale Police',
        sector: 'police',
        mapping: { date: '', text: ['Narrative'] },
      }),
    );
    expect(error.issues[0]?.path).toEqual(['mapping', 'date']);
    expect(error.issues[0]?.message).toContain('date column');
    expect(await logPosition(store, reviewId)).toEqual(before);
  });
});
