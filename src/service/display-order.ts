/**
 * Display order, kept apart from identity: KPEs in time order, findings by
 * rank, everything else by stable id. Ids are never renumbered to fit.
 */
import type { ChronologyEntry } from '../domain/chronology-entry.ts';
import type { Finding } from '../domain/finding.ts';
import type { Kpe } from '../domain/kpe.ts';
import { compareIds } from '../domain/primitives.ts';

export function byId<T extends { id: string }>(items: Record<string, T>): T[] {
  return Object.values(items).sort((a, b) => compareIds(a.id, b.id));
}

/** KPEs by when they began, then by id. */
export function orderedKpes(kpes: Record<string, Kpe>): Kpe[] {
  return Object.values(kpes).sort(
    (a, b) => a.period.from.localeCompare(b.period.from) || compareIds(a.id, b.id),
  );
}

/** Ranked findings first (by rank), then the rest by id. */
export function orderedFindings(findings: Record<string, Finding>): Finding[] {
  const rank = (f: Finding) => f.rank ?? Number.POSITIVE_INFINITY;
  return Object.values(findings).sort((a, b) => rank(a) - rank(b) || compareIds(a.id, b.id));
}

/**
 * Chronology entries in time order. An entry known only to the month or a
 * range sorts at its earliest possible day, after the exact entries of that
 * day; undated entries go last. Ties keep id order, so the order is stable.
 */
export function orderedChronology(entries: Record<string, ChronologyEntry>): ChronologyEntry[] {
  const precisionRank = { time: 0, day: 1, approximate: 2, month: 3, range: 4, unknown: 5 };
  const key = (e: ChronologyEntry) => e.date.start ?? '9999-12-31';
  return Object.values(entries).sort(
    (a, b) =>
      key(a).localeCompare(key(b)) ||
      precisionRank[a.date.precision] - precisionRank[b.date.precision] ||
      (a.date.time ?? '').localeCompare(b.date.time ?? '') ||
      compareIds(a.id, b.id),
  );
}
