/**
 * Remembers what a page derives from a review's state — the map's layout, the names the
 * register lacks — until the state moves on. A server shows the same review to many people
 * between changes; working these out again for each request (a few hundred milliseconds
 * each) would hold up everyone else's pages on the one thread.
 */
import type { ReviewState } from '../domain/review-state.ts';

/**
 * `compute(state, key, ...rest)` once per state, key and event: `rest` is what the value needs
 * besides (the review's model) and must not change what it is for that state and key.
 */
export function memoOnState<V, R extends unknown[] = []>(
  compute: (state: ReviewState, key: string, ...rest: R) => V,
): (state: ReviewState, key: string, ...rest: R) => V {
  // Keyed on the state object: a cached state is updated in place, a state as at an earlier
  // event is another object, and both are forgotten with their state.
  const memo = new WeakMap<ReviewState, Map<string, { seq: number; value: V }>>();
  return (state, key, ...rest) => {
    let byKey = memo.get(state);
    if (!byKey) {
      byKey = new Map();
      memo.set(state, byKey);
    }
    const hit = byKey.get(key);
    if (hit && hit.seq === state.seq) return hit.value;
    const value = compute(state, key, ...rest);
    byKey.set(key, { seq: state.seq, value });
    return value;
  };
}
