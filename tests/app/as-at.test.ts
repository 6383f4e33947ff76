// A review as it was after an earlier event: the state folded up to that event, read-only,
// beside the same workspace as it stands; and the review's own record edited based on a version.
import { describe, expect, it } from 'vitest';
import { basedOn, REVIEW_RECORD, recordVersion } from '../../src/app/edit-version.ts';
import { updateReview } from '../../src/app/reviews.ts';
import { EditConflictError } from '../../src/domain/errors.ts';
import { issueLines, logPosition, refusal, workspaceWithReview } from '../helpers/workspace.ts';

describe('a workspace as at an earlier event', () => {
  it('loads and logs the review as it was after that event, while the workspace stands at now', async () => {
    const { ws, reviewId } = await workspaceWithReview();
    const before = (await ws.load(reviewId)).seq;
    await updateReview(ws, reviewId, { title: 'Learning review: Child Q' });
    const then = ws.asAt(before);
    expect((await then.load(reviewId)).review.title).not.toBe('Learning review: Child Q');
    expect((await then.load(reviewId)).seq).toBe(before);
    expect((await then.log(reviewId)).at(-1)?.seq).toBe(before);
    expect((await ws.load(reviewId)).review.title).toBe('Learning review: Child Q');
    expect((await ws.as('someone').asAt(before).load(reviewId)).seq).toBe(before);
  });

  it('refuses every change with the store unchanged', async () => {
    const { ws, store, reviewId } = await workspaceWithReview();
    const at = await logPosition(store, reviewId);
    const error = await refusal(updateReview(ws.asAt(1), reviewId, { title: 'Changed' }));
    expect(error.issues[0]?.code).toBe('read-only-as-at');
    expect(issueLines(error).join('\n')).toMatch(/as it was after event 1/);
    expect(await logPosition(store, reviewId)).toEqual(at);
  });

  it('refuses an event the review has not reached, and a number that is no event', async () => {
    const { ws, reviewId } = await workspaceWithReview();
    const seq = (await ws.load(reviewId)).seq;
    const error = await refusal(ws.asAt(seq + 1).load(reviewId));
    expect(error.issues[0]).toMatchObject({ code: 'as-at-unknown-event', path: ['at'] });
    expect(() => ws.asAt(0)).toThrow(/not an event number/);
  });
});

describe('the review record based on a version', () => {
  it('is saved while unchanged and refused with the record as it stands once someone saved first', async () => {
    const { ws, store, reviewId } = await workspaceWithReview();
    const version = await recordVersion(ws, reviewId, REVIEW_RECORD);
    await updateReview(ws.as('someone.else'), reviewId, { title: 'Their title' });
    const at = await logPosition(store, reviewId);
    const error = await updateReview(basedOn(ws, REVIEW_RECORD, version), reviewId, {
      title: 'My title',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EditConflictError);
    expect((error as EditConflictError).current).toMatchObject({ title: 'Their title' });
    expect(await logPosition(store, reviewId)).toEqual(at);
    const now = await recordVersion(ws, reviewId, REVIEW_RECORD);
    await updateReview(basedOn(ws, REVIEW_RECORD, now), reviewId, { title: 'My title' });
    expect((await ws.load(reviewId)).review.title).toBe('My title');
  });
});
