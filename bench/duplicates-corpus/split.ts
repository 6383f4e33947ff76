/**
 * The seeds of the synthetic corpus, split before any tuning of the duplicate
 * finder: tune on `TUNING_SEEDS` only; `HELD_OUT_SEEDS` are for measuring.
 * Do not move seeds between the two, and do not look at held-out failures
 * to decide what to change.
 */

/** Seeds 1–40: the finder may be tuned on these. */
export const TUNING_SEEDS: readonly number[] = Array.from({ length: 40 }, (_, i) => i + 1);

/** Seeds 41–80: measured, never tuned on. */
export const HELD_OUT_SEEDS: readonly number[] = Array.from({ length: 40 }, (_, i) => i + 41);
