// The synthetic corpus the duplicate eval measures on (bench/duplicates-corpus): a seed
// gives the same case every time, every record of every return imports through the real
// import path, and the truth names an event for each record, related same-day events included.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCase } from '../../bench/duplicates-corpus/generate-case.ts';
import { HELD_OUT_SEEDS, TUNING_SEEDS } from '../../bench/duplicates-corpus/split.ts';
import { scoreCase } from '../../bench/eval-duplicates.ts';

describe('the synthetic duplicates corpus', () => {
  it('keeps the tuning and held-out seeds apart', () => {
    expect(TUNING_SEEDS.filter((s) => HELD_OUT_SEEDS.includes(s))).toEqual([]);
    expect(TUNING_SEEDS.length).toBe(40);
    expect(HELD_OUT_SEEDS.length).toBe(40);
  });

  it('gives the same returns for the same seed', async () => {
    const [a, b] = [await generateCase(7), await generateCase(7)];
    expect(a.returns.map((r) => [r.file, Buffer.from(r.bytes).toString('base64')])).toEqual(
      b.returns.map((r) => [r.file, Buffer.from(r.bytes).toString('base64')]),
    );
  });

  it('imports every record of a case and scores the finder against the truth', async () => {
    const generated = await generateCase(3);
    const events = new Set(generated.truth.values());
    // Some events are recorded by several agencies, and some same-day events are about another.
    expect(generated.truth.size).toBeGreaterThan(events.size);
    expect(generated.events.some((e) => e.about && e.about.day === e.day)).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'tunnelview-corpus-'));
    try {
      const score = await scoreCase(generated, dir);
      expect(score.notImported).toBe(0);
      expect(score.truePairs).toBeGreaterThan(0);
      expect(score.tp).toBeLessThanOrEqual(score.predictedPairs);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
