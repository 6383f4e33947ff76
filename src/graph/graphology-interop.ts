/**
 * The graphology algorithm packages are CommonJS with `export default` in
 * their typings; under NodeNext TypeScript sees the module namespace, not the
 * function (stack notes §2.5). Each is unwrapped here once.
 */
import louvainModule from 'graphology-communities-louvain';

const interopDefault = <T>(m: { default: T } | T): T => (m as { default?: T }).default ?? (m as T);

export const louvain = interopDefault(louvainModule);

/** A small seeded PRNG (mulberry32), so Louvain's random walk is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
