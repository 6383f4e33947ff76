/**
 * Each agency's perspective on the case, as view models: the merged
 * chronology in time order, and a side-by-side view with one column per
 * agency and one row per day (or week or month, for dates recorded less
 * precisely), so each agency's account of the same period reads next to the
 * others'. Entries reviewers confirmed as one event (`confirmed-events.ts`)
 * are one row of the merged chronology holding each agency's account, and sit
 * in one period of the side-by-side view, marked as one event. Pure:
 * renderers (text, HTML, CSV, XLSX) take these as they are.
 */
import type { ChronologyEntry, EventDate } from '../domain/chronology-entry.ts';
import { orderedChronology } from '../domain/display-order.ts';
import { ValidationError } from '../domain/errors.ts';
import { type Issue, issue } from '../domain/issue.ts';
import { isoDateProblem, MONTHS } from '../domain/primitives.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { confirmedEvents } from './confirmed-events.ts';

export interface ChronologyRow {
  id: string;
  agencyId: string;
  agency: string;
  date: EventDate;
  /** The date for a reader, with its precision: "14/03/2023 22:40", "March 2023 (month only)". */
  when: string;
  text: string;
  author: string | null;
  sourceRef: string | null;
  /** Provenance: the source file and 1-based record, when imported. */
  file: string | null;
  record: number | null;
  /** The event reviewers confirmed this entry records with other agencies' entries, if any. */
  event: RowEvent | null;
}

/** A confirmed event as a row names it: its key ("CH-3+CH-9") and every entry of it, with its agency. */
export interface RowEvent {
  key: string;
  members: { id: string; agency: string }[];
}

/**
 * A row of the merged chronology: one entry, or one confirmed event — then the
 * row's own fields are its first account's and `accounts` holds every
 * agency's account shown, in time order (empty for a plain entry).
 */
export interface MergedRow extends ChronologyRow {
  accounts: ChronologyRow[];
}

export interface PerspectiveFilter {
  /** First day of interest, YYYY-MM-DD. */
  from?: string;
  /** Last day of interest, YYYY-MM-DD. */
  to?: string;
  /** Only these agencies (ids). */
  agencyIds?: readonly string[];
}

export interface MergedView {
  title: string;
  /** The filter in words ("from 2023-03-01 to 2023-05-31; Police, Health Visiting"), or "". */
  scope: string;
  agencies: { id: string; name: string }[];
  rows: MergedRow[];
}

export type PeriodKind = 'day' | 'week' | 'month' | 'range' | 'undated';

export interface Period {
  kind: PeriodKind;
  start: string | null;
  end: string | null;
  label: string;
}

export interface SideBySideRow {
  period: Period;
  /** Entries by agency id, in time order; agencies with nothing in the period are absent. */
  cells: Record<string, ChronologyRow[]>;
}

export interface SideBySideView extends Omit<MergedView, 'rows'> {
  rows: SideBySideRow[];
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function ukDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function utc(iso: string): Date {
  return new Date(
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))),
  );
}

function isoOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function longDate(iso: string): string {
  const d = utc(iso);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]?.slice(0, 3)} ${d.getUTCFullYear()}`;
}

function monthName(iso: string): string {
  return `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}

/**
 * A date for a reader, saying how precise it is: "14/03/2023 22:40",
 * "14/03/2023", "c. 14/03/2023 (approximate)", "March 2023 (month only)",
 * "01/05/2023 – 10/05/2023 (range)", "date not known".
 */
export function describeDate(d: EventDate): string {
  switch (d.precision) {
    case 'time':
      return `${ukDate(d.start as string)} ${d.time ?? ''}`.trim();
    case 'day':
      return ukDate(d.start as string);
    case 'approximate':
      return `c. ${ukDate(d.start as string)}${d.time ? ` ${d.time}` : ''} (approximate)`;
    case 'month':
      return `${monthName(d.start as string)} (month only)`;
    case 'range':
      return `${ukDate(d.start as string)} – ${ukDate(d.end as string)} (range)`;
    default:
      return 'date not known';
  }
}

function mondayOf(iso: string): string {
  const d = utc(iso);
  const back = (d.getUTCDay() + 6) % 7;
  return isoOf(new Date(d.getTime() - back * 86_400_000));
}

function addDays(iso: string, days: number): string {
  return isoOf(new Date(utc(iso).getTime() + days * 86_400_000));
}

function lastOfMonth(iso: string): string {
  const d = utc(iso);
  return isoOf(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)));
}

function week(start: string): Period {
  const monday = mondayOf(start);
  return {
    kind: 'week',
    start: monday,
    end: addDays(monday, 6),
    label: `Week of ${longDate(monday)}`,
  };
}

function month(start: string): Period {
  const first = `${start.slice(0, 7)}-01`;
  return { kind: 'month', start: first, end: lastOfMonth(first), label: monthName(first) };
}

/**
 * The row an entry belongs to in the side-by-side view: its day when known to
 * the day; the week for an approximate date; the month for a month; for a
 * range, the week or month that holds it, else the range itself.
 */
export function periodOf(d: EventDate): Period {
  const start = d.start;
  if (!start || d.precision === 'unknown') {
    return { kind: 'undated', start: null, end: null, label: 'Date not known' };
  }
  switch (d.precision) {
    case 'time':
    case 'day':
      return { kind: 'day', start, end: start, label: longDate(start) };
    case 'approximate':
      return week(start);
    case 'month':
      return month(start);
    default: {
      const end = d.end ?? start;
      if (mondayOf(start) === mondayOf(end)) return week(start);
      if (start.slice(0, 7) === end.slice(0, 7)) return month(start);
      return {
        kind: 'range',
        start,
        end,
        label: `${longDate(start)} – ${longDate(end)}`,
      };
    }
  }
}

/** Checks a from/to pair and the agencies asked for; the issues name the field and the fix. */
export function checkFilter(
  state: Pick<ReviewState, 'agencies'>,
  input: { from?: string; to?: string; agencies?: readonly string[] },
): { filter: PerspectiveFilter; issues: Issue[] } {
  const issues: Issue[] = [];
  for (const key of ['from', 'to'] as const) {
    const value = input[key];
    const problem = value === undefined ? undefined : isoDateProblem(value);
    if (problem) issues.push(issue('invalid-date', [key], problem));
  }
  if (input.from && input.to && issues.length === 0 && input.to < input.from) {
    issues.push(
      issue(
        'invalid-period',
        ['to'],
        `the last day ${input.to} is before the first day ${input.from}; swap them`,
      ),
    );
  }
  const agencyIds: string[] = [];
  for (const wanted of input.agencies ?? []) {
    const found =
      state.agencies[wanted] ??
      Object.values(state.agencies).find((a) => a.name.toLowerCase() === wanted.toLowerCase());
    if (found) {
      if (!agencyIds.includes(found.id)) agencyIds.push(found.id);
    } else {
      const known = Object.values(state.agencies)
        .map((a) => `${a.id} (${a.name})`)
        .join(', ');
      issues.push(
        issue(
          'unknown-agency',
          ['agencies'],
          `there is no agency "${wanted}" in this review; use an id or a name: ${known || 'none registered yet'}`,
        ),
      );
    }
  }
  const filter: PerspectiveFilter = {
    ...(input.from ? { from: input.from } : {}),
    ...(input.to ? { to: input.to } : {}),
    ...(agencyIds.length ? { agencyIds } : {}),
  };
  return { filter, issues };
}

/** `checkFilter`, throwing its issues as a ValidationError. */
export function filterOrThrow(
  state: Pick<ReviewState, 'agencies'>,
  input: { from?: string; to?: string; agencies?: readonly string[] },
): PerspectiveFilter {
  const { filter, issues } = checkFilter(state, input);
  if (issues.length > 0) throw new ValidationError(issues);
  return filter;
}

/**
 * Whether an entry falls in the filter: its possible days overlap [from, to]
 * (an entry known only to the month is in if any day of the month is), its
 * agency is asked for; an undated entry only when no dates are asked for.
 */
function inFilter(entry: ChronologyEntry, filter: PerspectiveFilter): boolean {
  if (filter.agencyIds && !filter.agencyIds.includes(entry.agencyId)) return false;
  if (!filter.from && !filter.to) return true;
  const start = entry.date.start;
  if (!start) return false;
  const end = entry.date.end ?? start;
  if (filter.from && end < filter.from) return false;
  if (filter.to && start > filter.to) return false;
  return true;
}

function scopeOf(state: Pick<ReviewState, 'agencies'>, filter: PerspectiveFilter): string {
  const parts: string[] = [];
  if (filter.from && filter.to) parts.push(`${ukDate(filter.from)} to ${ukDate(filter.to)}`);
  else if (filter.from) parts.push(`from ${ukDate(filter.from)}`);
  else if (filter.to) parts.push(`up to ${ukDate(filter.to)}`);
  if (filter.agencyIds) {
    parts.push(filter.agencyIds.map((id) => state.agencies[id]?.name ?? id).join(', '));
  }
  return parts.join('; ');
}

function rowOf(entry: ChronologyEntry, agency: string, event: RowEvent | null): ChronologyRow {
  return {
    id: entry.id,
    agencyId: entry.agencyId,
    agency,
    date: entry.date,
    when: describeDate(entry.date),
    text: entry.text,
    author: entry.author ?? null,
    sourceRef: entry.sourceRef ?? null,
    file: entry.provenance?.file ?? null,
    record: entry.provenance?.record ?? null,
    event,
  };
}

/**
 * The merged chronology of a review, in time order (see `orderedChronology`),
 * filtered; a confirmed event is one row, where its first account shown falls,
 * holding each account the filter shows.
 */
export function mergedView(
  state: Pick<ReviewState, 'review' | 'agencies' | 'chronology'> &
    Partial<Pick<ReviewState, 'duplicateDecisions'>>,
  filter: PerspectiveFilter = {},
): MergedView {
  const name = (id: string) => state.agencies[id]?.name ?? id;
  const confirmed = confirmedEvents(state.duplicateDecisions ?? [], (id) => id in state.chronology);
  const events = new Map<string, RowEvent>();
  const eventOf = (id: string): RowEvent | null => {
    const c = confirmed.get(id);
    if (!c) return null;
    let event = events.get(c.key);
    if (!event) {
      event = {
        key: c.key,
        members: c.ids.map((m) => ({ id: m, agency: name(state.chronology[m]?.agencyId ?? m) })),
      };
      events.set(c.key, event);
    }
    return event;
  };
  const shown = orderedChronology(state.chronology)
    .filter((e) => inFilter(e, filter))
    .map((e) => rowOf(e, name(e.agencyId), eventOf(e.id)));
  const accountsOf = new Map<string, ChronologyRow[]>();
  for (const row of shown) {
    if (row.event) accountsOf.set(row.event.key, [...(accountsOf.get(row.event.key) ?? []), row]);
  }
  const rows: MergedRow[] = [];
  for (const row of shown) {
    const accounts = row.event ? (accountsOf.get(row.event.key) as ChronologyRow[]) : [];
    if (accounts.length < 2) rows.push({ ...row, accounts: [] });
    else if (accounts[0] === row) rows.push({ ...row, accounts });
  }
  // Columns: the agencies asked for, else every agency with entries, by id.
  const ids = filter.agencyIds
    ? [...filter.agencyIds]
    : [...new Set(Object.values(state.chronology).map((e) => e.agencyId))];
  const agencies = Object.keys(state.agencies)
    .filter((id) => ids.includes(id))
    .concat(ids.filter((id) => !state.agencies[id]))
    .map((id) => ({ id, name: name(id) }));
  return { title: state.review.title, scope: scopeOf(state, filter), agencies, rows };
}

const KIND_ORDER: Record<PeriodKind, number> = { day: 0, week: 1, month: 2, range: 3, undated: 4 };

/**
 * One row per period, one column per agency. Periods run in time order of
 * their first day; where a day, a week and a month start together, the
 * narrower comes first (as imprecise entries sort after exact ones of the
 * same day in the merged view); undated entries come last.
 */
export function sideBySideView(merged: MergedView): SideBySideView {
  const periods = new Map<string, SideBySideRow>();
  for (const row of merged.rows) {
    // A confirmed event's accounts sit together, in the period of its first account.
    const period = periodOf(row.date);
    const key = `${period.kind}|${period.start}|${period.end}`;
    let group = periods.get(key);
    if (!group) {
      group = { period, cells: {} };
      periods.set(key, group);
    }
    for (const account of row.accounts.length > 0 ? row.accounts : [row]) {
      const cell = group.cells[account.agencyId];
      if (cell) cell.push(account);
      else group.cells[account.agencyId] = [account];
    }
  }
  const rows = [...periods.values()].sort((a, b) => {
    const pa = a.period;
    const pb = b.period;
    if ((pa.start === null) !== (pb.start === null)) return pa.start === null ? 1 : -1;
    return (
      (pa.start ?? '').localeCompare(pb.start ?? '') ||
      KIND_ORDER[pa.kind] - KIND_ORDER[pb.kind] ||
      (pa.end ?? '').localeCompare(pb.end ?? '')
    );
  });
  return { title: merged.title, scope: merged.scope, agencies: merged.agencies, rows };
}

/** "police.csv #12", or "entered by hand" when the entry was not imported. */
export function sourceOf(row: Pick<ChronologyRow, 'file' | 'record'>): string {
  if (!row.file) return 'entered by hand';
  return row.record ? `${row.file} #${row.record}` : row.file;
}

/** The time of an entry within its period row: "22:40" ("—" when only the day is known), or the date as described when the row is wider than the day (or the entry is on another day, as an event's later account may be). */
export function whenInPeriod(row: ChronologyRow, period: Period): string {
  if (period.kind === 'day' && row.date.start === period.start) return row.date.time ?? '—';
  return row.when;
}

/** The other entries of a confirmed event, in words: "confirmed as one event with CH-9 (Police)"; "" for an entry of none. */
export function eventNote(row: Pick<ChronologyRow, 'id' | 'event'>): string {
  if (!row.event) return '';
  const others = row.event.members
    .filter((m) => m.id !== row.id)
    .map((m) => `${m.id} (${m.agency})`);
  return `confirmed as one event with ${others.join(', ')}`;
}

/** A confirmed event's heading: "One event, confirmed: Police (CH-3), Children's Social Care (CH-9)". */
export function eventHeading(row: Pick<MergedRow, 'accounts'>): string {
  return `One event, confirmed: ${row.accounts.map((a) => `${a.agency} (${a.id})`).join(', ')}`;
}
