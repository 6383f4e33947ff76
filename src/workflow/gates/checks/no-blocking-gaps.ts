/**
 * `no-blocking-gaps`: the review's graph has no error-severity gaps (see
 * `graph/find-gaps.ts`); warnings and information do not block. A model opts
 * in by declaring a gate with this check.
 */
import { findGaps } from '../../../graph/find-gaps.ts';
import { projectReview } from '../../../graph/project-review.ts';
import type { GateCheck } from '../gate-check.ts';

export const noBlockingGaps: GateCheck = ({ state, model }) =>
  findGaps(projectReview(state, model))
    .filter((g) => g.severity === 'error')
    .map((g) => ({ message: g.message, ids: g.ids, ...(g.fix ? { fix: g.fix } : {}) }));
