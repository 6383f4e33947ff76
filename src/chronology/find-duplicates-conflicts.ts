/**
 * Where the entries of a cluster disagree: different recorded times or days,
 * different numbers for the same thing, and people, places or numbers that one
 * agency records and another does not. Listed for the reviewer rather than
 * resolved: which account is right is a question for the review, not for us.
 */
import type { ChronologyEntry } from '../domain/chronology-entry.ts';
import type { EntryFeatures } from './find-duplicates-features.ts';
import type { NumberFact } from './find-duplicates-text.ts';

export const CONFLICT_KINDS = ['time', 'date', 'number', 'name', 'place'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

export interface ClusterConflict {
  kind: ConflictKind;
  /** `differ`: the entries give different values; `only-some`: some entries state it and others say nothing. */
  scope: 'differ' | 'only-some';
  /** One sentence a reviewer reads, e.g. "recorded times differ by 1 h 20 min". */
  message: string;
  /** What each entry of the cluster says on it; null when it says nothing. */
  values: { id: string; agency: string; value: string | null }[];
}

export interface ConflictMember {
  entry: ChronologyEntry;
  features: Pick<EntryFeatures, 'mentions'>;
  /** Numbers and clock times the text states (see `statedFacts`). */
  facts: { numbers: NumberFact[]; times: string[] };
  agency: string;
}

/** Minutes between recorded times before they count as different. */
const TIME_TOLERANCE_MINUTES = 30;

export function formatDuration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h >= 48 && m === 0) return `${Math.round(h / 24)} days`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

function minutesOf(e: ChronologyEntry): number | undefined {
  if (!e.date.start || !e.date.time) return undefined;
  const day = Date.UTC(
    Number(e.date.start.slice(0, 4)),
    Number(e.date.start.slice(5, 7)) - 1,
    Number(e.date.start.slice(8, 10)),
  );
  return day / 60_000 + Number(e.date.time.slice(0, 2)) * 60 + Number(e.date.time.slice(3, 5));
}

function whoSays(members: readonly ConflictMember[], value: (m: ConflictMember) => string | null) {
  return members.map((m) => ({ id: m.entry.id, agency: m.agency, value: value(m) }));
}

function agenciesWhere(
  members: readonly ConflictMember[],
  test: (m: ConflictMember) => boolean,
): string {
  const names = members.filter(test).map((m) => `${m.agency} (${m.entry.id})`);
  return names.join(', ');
}

/** The conflicting details of one cluster, in a fixed order: times, dates, numbers, names, places. */
export function findConflicts(members: readonly ConflictMember[]): ClusterConflict[] {
  const conflicts: ClusterConflict[] = [];

  const timed = members.filter((m) => minutesOf(m.entry) !== undefined);
  if (timed.length >= 2) {
    const minutes = timed.map((m) => minutesOf(m.entry) as number);
    const spread = Math.max(...minutes) - Math.min(...minutes);
    if (spread > TIME_TOLERANCE_MINUTES) {
      conflicts.push({
        kind: 'time',
        scope: 'differ',
        message: `recorded times differ by ${formatDuration(spread)}`,
        values: whoSays(members, (m) => (m.entry.date.time ? m.entry.date.original : null)),
      });
    }
  }

  const dayLevel = members.filter(
    (m) =>
      (m.entry.date.precision === 'day' || m.entry.date.precision === 'time') && m.entry.date.start,
  );
  const days = new Set(dayLevel.map((m) => m.entry.date.start));
  if (days.size > 1) {
    conflicts.push({
      kind: 'date',
      scope: 'differ',
      message: `recorded on ${days.size} different days`,
      values: whoSays(members, (m) => m.entry.date.original || m.entry.date.start || null),
    });
  }

  const textTimes = members.filter((m) => m.facts.times.length > 0);
  const distinctTextTimes = new Set(textTimes.flatMap((m) => m.facts.times));
  if (textTimes.length >= 2 && distinctTextTimes.size > 1) {
    conflicts.push({
      kind: 'time',
      scope: 'differ',
      message: 'the texts give different times',
      values: whoSays(members, (m) => (m.facts.times.length ? m.facts.times.join(', ') : null)),
    });
  }

  // Numbers, by what they count ("3 bruises"): different values, or stated by some only.
  // A number with nothing after it ("GCS 15", "aged 29") says too little to compare.
  const units = [
    ...new Set(members.flatMap((m) => m.facts.numbers.map((f) => f.unit).filter(Boolean))),
  ].sort();
  for (const unit of units) {
    const said = (m: ConflictMember) =>
      m.facts.numbers.filter((f) => f.unit === unit).map((f) => f.said);
    const values = new Set(
      members.flatMap((m) => m.facts.numbers.filter((f) => f.unit === unit).map((f) => f.value)),
    );
    const saying = members.filter((m) => said(m).length > 0);
    const what = `“${saying.map((m) => said(m).join(', ')).join('” / “')}”`;
    if (values.size > 1) {
      conflicts.push({
        kind: 'number',
        scope: 'differ',
        message: `different numbers: ${what}`,
        values: whoSays(members, (m) => (said(m).length ? said(m).join(', ') : null)),
      });
    } else if (saying.length < members.length) {
      conflicts.push({
        kind: 'number',
        scope: 'only-some',
        message: `${what} is stated only by ${agenciesWhere(members, (m) => said(m).length > 0)}`,
        values: whoSays(members, (m) => (said(m).length ? said(m).join(', ') : null)),
      });
    }
  }

  // People and places named by some entries and not others, grouped by who names them.
  for (const kind of ['name', 'place'] as const) {
    const matches = (m: ConflictMember['features']['mentions'][number]) =>
      kind === 'place' ? m.kind === 'place' : m.kind !== 'place';
    const keys = new Map<string, string>();
    for (const m of members) {
      for (const mention of m.features.mentions) {
        if (matches(mention)) keys.set(mention.key, mention.label);
      }
    }
    const groups = new Map<string, { labels: string[]; has: (m: ConflictMember) => boolean }>();
    for (const [key, label] of [...keys].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
      const has = (m: ConflictMember) => m.features.mentions.some((x) => x.key === key);
      if (members.every(has)) continue;
      const who = members
        .filter(has)
        .map((m) => m.entry.id)
        .join(' ');
      const group = groups.get(who);
      if (group) group.labels.push(label);
      else groups.set(who, { labels: [label], has });
    }
    for (const { labels, has } of groups.values()) {
      const verb = kind === 'place' ? 'mentioned' : 'named';
      conflicts.push({
        kind,
        scope: 'only-some',
        message: `${labels.join(', ')} ${labels.length === 1 ? 'is' : 'are'} ${verb} only by ${agenciesWhere(members, has)}`,
        values: whoSays(members, (m) => (has(m) ? labels.join(', ') : null)),
      });
    }
  }
  return conflicts;
}
