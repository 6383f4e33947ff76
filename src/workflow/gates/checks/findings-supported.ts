/**
 * `findings-supported {minKpes}`: there are findings, and each rests on
 * factors seen in at least `minKpes` KPEs — a pattern, not a single episode.
 */
import { orderedFindings } from '../../../domain/display-order.ts';
import type { GateCheck, Shortfall } from '../gate-check.ts';
import { listed } from '../gate-check.ts';

export const findingsSupported: GateCheck = ({ state, gate }) => {
  const minKpes = typeof gate.params.minKpes === 'number' ? gate.params.minKpes : 2;
  const findings = orderedFindings(state.findings);
  if (findings.length === 0) {
    return [{ message: 'no findings have been recorded', fix: { kind: 'add', record: 'finding' } }];
  }
  const links = Object.values(state.links);
  const shortfalls: Shortfall[] = [];
  for (const f of findings) {
    const kpes = [
      ...new Set(links.filter((l) => f.factorIds.includes(l.factorId)).map((l) => l.kpeId)),
    ].sort();
    if (kpes.length >= minKpes) continue;
    const seen = kpes.length === 0 ? 'no KPE' : `only ${kpes.length} KPE (${listed(kpes)})`;
    shortfalls.push({
      message: `${f.id} rests on factors seen in ${seen}; a finding needs factors from at least ${minKpes} KPEs`,
      ids: [f.id, ...kpes],
      fix: { kind: 'support-finding', finding: f.id },
    });
  }
  return shortfalls;
};
