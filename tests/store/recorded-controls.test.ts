// Text recorded before control characters were refused at entry: a workspace (or a bundle)
// holding a form feed or a Windows-1252 C1 byte in a stored event is still whole — it verifies,
// loads, exports and imports as written — while the same text typed today is refused.
import { describe, expect, it } from 'vitest';
import { checkBundle, exportBundle, storeBundle } from '../../src/app/bundle.ts';
import { addAgency } from '../../src/app/register.ts';
import { loadModel } from '../../src/model/load-model.ts';
import {
  logPosition,
  openTestWorkspace,
  PINNED_TIME,
  refusal,
  workspaceWithReview,
} from '../helpers/workspace.ts';

/** A review whose log holds an agency name with a form feed and a C1 control, as older versions stored it. */
async function workspaceWithOldText() {
  const handle = await workspaceWithReview();
  const name = 'Brackenmoor\u000C Surgery\u0085';
  await handle.store.append(
    handle.reviewId,
    1,
    [{ type: 'agency.added', payload: { id: 'AG-1', name, sector: 'health' } }],
    { actor: 'Lead reviewer', at: PINNED_TIME },
  );
  return { ...handle, name };
}

describe('events recorded with control characters', () => {
  it('verify as intact and load as written', async () => {
    const { store, ws, reviewId, name } = await workspaceWithOldText();
    expect(await store.verify()).toEqual([]);
    expect((await ws.load(reviewId)).agencies['AG-1']?.name).toBe(name);
  });

  it('export and import as written, with the same hashes', async () => {
    const { store, reviewId } = await workspaceWithOldText();
    const bundle = await exportBundle(store, reviewId, PINNED_TIME);
    const checked = checkBundle(JSON.stringify(bundle), 'old.bundle.json', loadModel);
    const target = openTestWorkspace();
    await storeBundle(target.store, checked, 'old.bundle.json');
    expect((await target.store.readEvents(reviewId)).map((e) => e.hash)).toEqual(
      bundle.events.map((e) => e.hash),
    );
    expect(await target.store.verify()).toEqual([]);
  });

  it('still refuses the same text typed today, naming the field, with the log unchanged', async () => {
    const { ws, store, reviewId } = await workspaceWithOldText();
    const before = await logPosition(store, reviewId);
    const error = await refusal(
      (async () =>
        addAgency(ws, reviewId, { name: 'Quillington\u000C Police', sector: 'police' }))(),
    );
    expect(error.issues[0]?.path).toEqual(['name']);
    expect(error.issues[0]?.message).toMatch(/control character/);
    expect(await logPosition(store, reviewId)).toEqual(before);
  });

  it('still reports an event that is wrong in any other way as damaged', async () => {
    const { store, reviewId } = await workspaceWithReview();
    await store.append(
      reviewId,
      1,
      [
        { type: 'agency.added', payload: { id: 'AG-1', name: 'Café\u000C', sector: 'nowhere' } },
      ] as never,
      { actor: 'Lead reviewer', at: PINNED_TIME },
    );
    const found = await store.verify();
    expect(found.map((i) => i.code)).toEqual(['event-invalid']);
    expect(found[0]?.message).toMatch(/event 2 \(agency\.added\)/);
  });
});
