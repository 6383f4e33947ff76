/**
 * A whole synthetic multi-agency case from a seed: the family and agencies,
 * the true events, each agency's return (CSV or XLSX, in its own headings,
 * date format, delimiter and encoding), the pseudonym register, and the
 * truth — which records of which returns are accounts of the same event.
 *
 * Written before the duplicate finder was read, so that the finder is
 * measured on records it was not shaped on. Fictional names and towns only.
 */
import { seeded } from './random.ts';
import { type CaseReturns, writeReturns } from './returns.ts';
import { buildTimeline, type TrueEvent } from './timeline.ts';
import { buildWorld, type World } from './world.ts';

export interface GeneratedCase extends CaseReturns {
  seed: number;
  world: World;
  events: TrueEvent[];
  /** `file#record` (1-based, as imported) → the true event it is an account of. */
  truth: Map<string, string>;
}

export async function generateCase(seed: number): Promise<GeneratedCase> {
  const r = seeded(seed * 7919 + 17);
  const world = buildWorld(seed, r.fork('world'));
  const events = buildTimeline(world, r.fork('timeline'));
  const returns = await writeReturns(world, events, r.fork('returns'));
  const truth = new Map<string, string>();
  for (const ret of returns.returns) {
    ret.accounts.forEach((a, i) => {
      truth.set(`${ret.file}#${i + 1}`, a.eventId);
    });
  }
  return { seed, world, events, truth, ...returns };
}
