/**
 * Compares a return with the entries an earlier import of the same return
 * made. A record is the same entry as an earlier one when their content is the
 * same — date (what it means, not how it is written), text, author and source
 * reference, with spacing and Unicode forms ignored — whatever record it now
 * is; failing that, when it sits at the earlier entry's record, allowing for
 * rows that came or went above it. Such pairs are unchanged, moved (same
 * content, another record) or changed (field by field); the rest are added or
 * removed. Pure: the same input gives the same diff.
 */
import type { ChronologyEntry, EventDate } from '../domain/chronology-entry.ts';
import { compareIds } from '../domain/primitives.ts';
import type { EntryRevision } from '../domain/return-revision.ts';
import type { PlannedEntry } from './plan-import.ts';

export interface ReturnDiff {
  /** Earlier entries the return holds unchanged at the same record. */
  unchanged: { id: string; record: number }[];
  /** Earlier entries the return holds unchanged at another record (rows came or went above). */
  moved: { id: string; from: number; to: number }[];
  /** Earlier entries the return corrects: each field that changes, old and new. */
  changed: { id: string; record: number; changes: EntryRevision }[];
  /** Records that match no earlier entry. */
  added: PlannedEntry[];
  /** Earlier entries the return no longer holds. */
  removed: { id: string; record?: number }[];
  /** Earlier entries at records the return now has problems with: left as they are. */
  kept: { id: string; record: number }[];
}

/** Whether the return would change nothing. */
export function isEmptyDiff(diff: ReturnDiff): boolean {
  return diff.moved.length + diff.changed.length + diff.added.length + diff.removed.length === 0;
}

/** Text as compared: Unicode composed, runs of spacing (line ends included) as one space. */
export function comparableText(text: string | undefined): string {
  return (text ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** A date by what it says, not how it was written: "14/03/2023" and "2023-03-14" are one day. */
function dateKey(date: EventDate): string {
  return [date.precision, date.start ?? '', date.end ?? '', date.time ?? ''].join('|');
}

type Content = Pick<ChronologyEntry, 'date' | 'text' | 'author' | 'sourceRef' | 'extra'>;

/** The content that makes two records the same entry (extra columns are not part of it). */
export function contentKey(entry: Content): string {
  return JSON.stringify([
    dateKey(entry.date),
    comparableText(entry.text),
    comparableText(entry.author),
    comparableText(entry.sourceRef),
  ]);
}

function comparableCells(cells: Record<string, string>): string {
  return JSON.stringify(
    Object.entries(cells)
      .map(([k, v]) => [comparableText(k), comparableText(v)])
      .filter(([, v]) => v !== '')
      .sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1)),
  );
}

/** The fields that differ between an earlier entry and the record now at its place. */
export function entryChanges(before: Content, after: Content): EntryRevision | undefined {
  const changes: EntryRevision = {};
  if (dateKey(before.date) !== dateKey(after.date)) {
    changes.date = { from: before.date, to: after.date };
  }
  if (comparableText(before.text) !== comparableText(after.text)) {
    changes.text = { from: before.text, to: after.text };
  }
  for (const field of ['author', 'sourceRef'] as const) {
    if (comparableText(before[field]) !== comparableText(after[field])) {
      changes[field] = {
        ...(before[field] ? { from: before[field] } : {}),
        ...(after[field] ? { to: after[field] } : {}),
      };
    }
  }
  if (comparableCells(before.extra) !== comparableCells(after.extra)) {
    changes.extra = { from: before.extra, to: after.extra };
  }
  return Object.keys(changes).length > 0 ? changes : undefined;
}

/**
 * Diffs `planned` (the return's valid records) against `previous` (the
 * entries the earlier import of it made). `invalidRecords` are the return's
 * records with problems: an earlier entry at one of them is kept, not removed.
 */
export function diffReturn(
  previous: readonly ChronologyEntry[],
  planned: readonly PlannedEntry[],
  invalidRecords: readonly number[] = [],
): ReturnDiff {
  const olds = [...previous].sort(
    (a, b) =>
      (a.provenance.record ?? Number.MAX_SAFE_INTEGER) -
        (b.provenance.record ?? Number.MAX_SAFE_INTEGER) || compareIds(a.id, b.id),
  );
  // 1. By content: a record that moved because rows came or went above it is the same entry.
  const pairs = matchByContent(olds, planned);
  const taken = new Set<PlannedEntry>(pairs.values());

  // 2. By record number, shifted by the rows that came or went above (as the nearest content match shows).
  const contentPairs = [...pairs.entries()];
  const byRecord = new Map(planned.map((p) => [p.record, p]));
  const kept: ReturnDiff['kept'] = [];
  for (const old of olds) {
    if (pairs.has(old) || old.provenance.record === undefined) continue;
    const at = old.provenance.record;
    const above = contentPairs
      .filter(([o]) => (o.provenance.record ?? 0) < at)
      .sort(([a], [b]) => (b.provenance.record ?? 0) - (a.provenance.record ?? 0))[0];
    const shift = above ? above[1].record - (above[0].provenance.record ?? 0) : 0;
    const candidates = [at + shift, at];
    const match = candidates
      .map((r) => byRecord.get(r))
      .find((p): p is PlannedEntry => p !== undefined && !taken.has(p));
    if (match) {
      pairs.set(old, match);
      taken.add(match);
    } else if (candidates.some((r) => invalidRecords.includes(r))) {
      kept.push({ id: old.id, record: at });
    }
  }

  const diff: ReturnDiff = { unchanged: [], moved: [], changed: [], added: [], removed: [], kept };
  const keptIds = new Set(kept.map((k) => k.id));
  for (const old of olds) {
    const record = pairs.get(old);
    if (!record) {
      if (!keptIds.has(old.id)) {
        diff.removed.push({
          id: old.id,
          ...(old.provenance.record !== undefined ? { record: old.provenance.record } : {}),
        });
      }
      continue;
    }
    const from = old.provenance.record;
    const changes = entryChanges(old, record.entry);
    const renumbered = from !== undefined && from !== record.record;
    if (changes) {
      diff.changed.push({
        id: old.id,
        record: record.record,
        changes: renumbered ? { ...changes, record: { from, to: record.record } } : changes,
      });
    } else if (renumbered) {
      diff.moved.push({ id: old.id, from, to: record.record });
    } else {
      diff.unchanged.push({ id: old.id, record: record.record });
    }
  }
  diff.added = planned.filter((p) => !taken.has(p));
  diff.changed.sort((a, b) => a.record - b.record);
  diff.moved.sort((a, b) => a.to - b.to);
  return diff;
}

/**
 * Pairs each record with an earlier entry of the same content, the nearest by
 * record number when several are the same (the same visit entered twice).
 */
export function matchByContent(
  previous: readonly ChronologyEntry[],
  planned: readonly PlannedEntry[],
): Map<ChronologyEntry, PlannedEntry> {
  const pairs = new Map<ChronologyEntry, PlannedEntry>();
  const byKey = new Map<string, ChronologyEntry[]>();
  for (const old of previous) {
    const key = contentKey(old);
    byKey.set(key, [...(byKey.get(key) ?? []), old]);
  }
  for (const record of planned) {
    const candidates = (byKey.get(contentKey(record.entry)) ?? []).filter((o) => !pairs.has(o));
    if (candidates.length === 0) continue;
    const nearest = candidates.reduce((best, o) =>
      distance(o, record) < distance(best, record) ? o : best,
    );
    pairs.set(nearest, record);
  }
  return pairs;
}

function distance(old: ChronologyEntry, record: PlannedEntry): number {
  return Math.abs((old.provenance.record ?? Number.MAX_SAFE_INTEGER / 2) - record.record);
}
