// One workspace serving many requests (the web server): reads that catch up at the same time
// apply each new event once.
import { describe, expect, it } from 'vitest';
import { openTestWorkspace, PINNED_TIME, workspaceWithReview } from '../helpers/workspace.ts';

const leakCheck = {
  type: 'publication.leak-check-passed' as const,
  payload: {
    format: 'pdf' as const,
    file: 'findings.pdf',
    sha256: 'a'.repeat(64),
    checkedSeq: 1,
    warnings: 0,
  },
};

describe('a workspace shared by concurrent requests', () => {
  it('applies events written by another program once, however many reads catch up together', async () => {
    const { ws, reviewId, path } = await workspaceWithReview();
    await ws.load(reviewId);
    const other = openTestWorkspace(path);
    await other.store.append(reviewId, 1, [leakCheck, leakCheck], { actor: 'B', at: PINNED_TIME });
    const states = await Promise.all([ws.load(reviewId), ws.load(reviewId), ws.load(reviewId)]);
    expect(states.map((s) => s.seq)).toEqual([3, 3, 3]);
    expect(states[0]?.leakChecks.map((c) => c.seq)).toEqual([2, 3]);
  });
});
