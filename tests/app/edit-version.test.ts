// Optimistic concurrency for forms: a save based on the version of a record it showed is
// written only if the record is still that version; otherwise it is refused with the record
// as it now stands, and nothing is written.
import { describe, expect, it } from 'vitest';
import { basedOn, recordVersion } from '../../src/app/edit-version.ts';
import { addAgency, editAgency } from '../../src/app/register.ts';
import { EditConflictError } from '../../src/domain/errors.ts';
import { logPosition, workspaceWithReview } from '../helpers/workspace.ts';

async function withAgency() {
  const handle = await workspaceWithReview();
  await addAgency(handle.ws, handle.reviewId, { name: 'Brackenmoor Surgery', sector: 'health' });
  return handle;
}

describe('an edit based on a version', () => {
  it('is written when the record is still that version', async () => {
    const { ws, reviewId } = await withAgency();
    const version = await recordVersion(ws, reviewId, 'AG-1');
    await editAgency(basedOn(ws, 'AG-1', version), reviewId, 'AG-1', {
      name: 'Brackenmoor Medical Practice',
    });
    expect((await ws.load(reviewId)).agencies['AG-1']?.name).toBe('Brackenmoor Medical Practice');
    expect(await recordVersion(ws, reviewId, 'AG-1')).not.toBe(version);
  });

  it('is refused, carrying the record as it now stands, when someone saved first', async () => {
    const { ws, store, reviewId } = await withAgency();
    const version = await recordVersion(ws, reviewId, 'AG-1');
    await editAgency(ws.as('someone.else'), reviewId, 'AG-1', {
      name: 'Brackenmoor Health Centre',
    });
    const before = await logPosition(store, reviewId);
    const error = await editAgency(basedOn(ws, 'AG-1', version), reviewId, 'AG-1', {
      name: 'Brackenmoor Medical Practice',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EditConflictError);
    const conflict = error as EditConflictError;
    expect(conflict.issues[0]).toMatchObject({
      code: 'edit-conflict',
      path: ['version'],
      ids: ['AG-1'],
    });
    expect(conflict.issues[0]?.message).toMatch(/changed by someone else/);
    expect(conflict.current).toMatchObject({ name: 'Brackenmoor Health Centre' });
    expect(await logPosition(store, reviewId)).toEqual(before);
  });
});

describe('an Issue for the Board', () => {
  it('has a version of its own inside its finding: rewording another leaves it, rewording it changes it', async () => {
    const { ws, reviewId } = await workspaceWithReview();
    const { addFinding, editBoardIssue } = await import('../../src/app/findings.ts');
    await addFinding(
      ws,
      reviewId,
      { statement: 'Handovers lose history.', category: 'human-tool-operation' },
      { boardQuestions: ['Who audits handovers?', 'How often?'] },
    );
    const version = await recordVersion(ws, reviewId, 'BI-1');
    expect(version).not.toBe('absent');
    await editBoardIssue(ws, reviewId, 'BI-2', { question: 'How often, and by whom?' });
    expect(await recordVersion(ws, reviewId, 'BI-1')).toBe(version);
    const error = await editBoardIssue(ws, reviewId, 'BI-1', { question: 'Who audits?' })
      .then(() =>
        editBoardIssue(basedOn(ws, 'BI-1', version), reviewId, 'BI-1', { question: 'x?' }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EditConflictError);
    expect((error as EditConflictError).current).toEqual({ id: 'BI-1', question: 'Who audits?' });
  });
});
