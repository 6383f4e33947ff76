/**
 * Display order, kept apart from identity: KPEs in time order, findings by
 * rank, everything else by stable id. Ids are never renumbered to fit.
 */
import type { ChronologyEntry } from './chronology-entry.ts';
import type { Finding } from './finding.ts';
import type { Kpe } from './kpe.ts';
import { compareIds, idNumber } from './primitives.ts';

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
 * Chronology entries in time order. The rule, so a reader can predict it:
 *
 * 1. By the earliest day the entry could have happened (`date.start`): an
 *    entry known only as "?/04/2023" or "early May 2023" sorts at the start
 *    of its span, so it never appears after something it may have preceded.
 * 2. On the same earliest day, narrower spans first: a timed or whole-day
 *    entry, then "early May" (10 days), then "May" (the month), then "2023".
 * 3. At equal span, the more certain first: timed, whole day, month or
 *    range, then approximate ("approx 14/06/2023" after 14/06/2023's entries).
 * 4. Then by time of day, then by id — ids follow import order, so the
 *    order is stable. Undated (unknown) entries go last.
 */
export function orderedChronology(entries: Record<string, ChronologyEntry>): ChronologyEntry[] {
  const certaintyRank = { time: 0, day: 1, month: 2, range: 2, approximate: 3, unknown: 4 };
  // Keys are computed once per entry, not in the comparator: this sorts 100,000 entries.
  const keyed = Object.values(entries).map((e) => ({
    e,
    start: e.date.start ?? '9999-12-31',
    span: e.date.start && e.date.end ? Date.parse(e.date.end) - Date.parse(e.date.start) : 0,
    certainty: certaintyRank[e.date.precision],
    time: e.date.time ?? '',
    n: idNumber(e.id),
  }));
  keyed.sort(
    (a, b) =>
      (a.start < b.start ? -1 : a.start > b.start ? 1 : 0) ||
      a.span - b.span ||
      a.certainty - b.certainty ||
      (a.time < b.time ? -1 : a.time > b.time ? 1 : 0) ||
      a.n - b.n,
  );
  return keyed.map((k) => k.e);
}
