// What a page derives from a review's state is worked out once per state, key and event:
// again when the review moves on, apart for another key or another state (as at an event).
import { describe, expect, it } from 'vitest';
import { memoOnState } from '../../src/app/state-memo.ts';
import type { ReviewState } from '../../src/domain/review-state.ts';

const stateAt = (seq: number) => ({ seq }) as ReviewState;

describe('memoOnState', () => {
  it('computes once for a state until its event number moves on', () => {
    let runs = 0;
    const derive = memoOnState(
      (state: ReviewState, key: string) => `${key}@${state.seq}#${++runs}`,
    );
    const state = stateAt(4);
    expect(derive(state, 'map')).toBe('map@4#1');
    expect(derive(state, 'map')).toBe('map@4#1');
    state.seq = 5;
    expect(derive(state, 'map')).toBe('map@5#2');
    expect(derive(state, 'F-1')).toBe('F-1@5#3');
    expect(derive(stateAt(5), 'map')).toBe('map@5#4');
    expect(runs).toBe(4);
  });
});
