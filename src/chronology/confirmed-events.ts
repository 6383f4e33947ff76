/**
 * The events reviewers confirmed: entries of several agencies that a
 * reviewer decided record one event (`chronology confirm`), read from the
 * duplicate decisions. Per pair of entries the latest decision stands, so a
 * later split takes a pair apart again; entries joined through confirmed
 * pairs are one event. Pure and ordered: the same decisions give the same
 * events, each listing its entries in id order.
 */
import type { DuplicateDecision } from '../domain/chronology-entry.ts';
import { compareIds } from '../domain/primitives.ts';

export interface ConfirmedEvent {
  /** A stable name for the event: its entries' ids, in id order, joined ("CH-3+CH-9"). */
  key: string;
  /** The entries that record it, in id order. */
  ids: string[];
}

/**
 * Confirmed events among the entries `exists` knows, each of two or more
 * entries; by entry id, the event each entry belongs to.
 *
 * @example confirmedEvents(state.duplicateDecisions, (id) => id in state.chronology)
 */
export function confirmedEvents(
  decisions: readonly (DuplicateDecision & { seq: number })[],
  exists: (id: string) => boolean,
): Map<string, ConfirmedEvent> {
  const latest = new Map<string, { a: string; b: string; confirmed: boolean }>();
  const ordered = [...decisions].sort((x, y) => x.seq - y.seq);
  for (const d of ordered) {
    const ids = [...new Set(d.entryIds)].filter(exists).sort(compareIds);
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const a = ids[i] as string;
        const b = ids[j] as string;
        latest.set(`${a}|${b}`, { a, b, confirmed: d.decision === 'confirmed' });
      }
    }
  }
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r) as string;
    parent.set(x, r);
    return r;
  };
  for (const { a, b, confirmed } of latest.values()) {
    if (!confirmed) continue;
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    // The smaller id is the root, so the result does not depend on the order of the pairs.
    if (ra !== rb) {
      if (compareIds(ra, rb) < 0) parent.set(rb, ra);
      else parent.set(ra, rb);
    }
  }
  const groups = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    groups.set(root, [...(groups.get(root) ?? []), id]);
  }
  const byEntry = new Map<string, ConfirmedEvent>();
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const ids = members.sort(compareIds);
    const event = { key: ids.join('+'), ids };
    for (const id of ids) byEntry.set(id, event);
  }
  return byEntry;
}
