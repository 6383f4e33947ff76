/**
 * Where a review stands against the model's statutory clocks: each clock's due date from the
 * review's key dates, and whether it is running, due, overdue or met. Pure: `today` is passed in.
 */
import { InternalError } from '../../domain/errors.ts';
import { isoDateProblem } from '../../domain/primitives.ts';
import type { Review } from '../../domain/review.ts';
import type { Clock, MethodologyModel } from '../../model/methodology-model.ts';
import {
  addCalendarMonths,
  addWorkingDays,
  calendarDaysBetween,
  workingDaysBetween,
} from './working-days.ts';

export type ClockStatusKind =
  | 'not-started'
  | 'running'
  | 'due-today'
  | 'overdue'
  | 'met'
  | 'met-late'
  /** Due before a review entered after the fact was tracked here, and not recorded as met. */
  | 'untracked';

export interface ClockStatus {
  id: string;
  name: string;
  statutory: boolean;
  confirmed: boolean;
  /** The rule in words, e.g. "15 working days after notification". */
  rule: string;
  /** The key date the clock runs from, and its date when the review records one. */
  from: { keyDate: string; date: string | null };
  due: string | null;
  status: ClockStatusKind;
  /** Running or due today: how many are left. Met: how many were to spare. */
  daysLeft?: number;
  /** Overdue: how far past the due date today is. Met late: how late it was met. */
  daysOverdue?: number;
  /** What daysLeft and daysOverdue count: working days for working-day rules, else calendar days. */
  unit: 'working days' | 'days';
  /** The date of the clock's `metBy` key date, when recorded. */
  metOn?: string;
  /** One plain sentence for a reviewer, e.g. "Rapid review due 2026-01-14: 6 working days left". */
  message: string;
}

type ClockTiming = Pick<Clock, 'rule' | 'direction'>;

/**
 * The date a clock falls due when it runs from `fromDate`.
 * @example dueDate({ rule: { workingDays: 15 }, direction: 'after' }, '2025-12-19') // '2026-01-14'
 */
export function dueDate(clock: ClockTiming, fromDate: string): string {
  const sign = clock.direction === 'before' ? -1 : 1;
  return 'workingDays' in clock.rule
    ? addWorkingDays(fromDate, sign * clock.rule.workingDays)
    : addCalendarMonths(fromDate, sign * clock.rule.calendarMonths);
}

/**
 * A clock's rule in words, running from `from` (a key date's name or a date).
 * @example describeRule({ rule: { calendarMonths: 6 }, direction: 'after' }, 'decision') // '6 calendar months after decision'
 */
export function describeRule(clock: ClockTiming, from: string): string {
  const amount =
    'workingDays' in clock.rule
      ? plural(clock.rule.workingDays, 'working day')
      : plural(clock.rule.calendarMonths, 'calendar month');
  return `${amount} ${clock.direction} ${from}`;
}

/**
 * The status of every model clock that applies to the review's kind, in model order.
 * A clock is met once its `metBy` key date is recorded: on or before the due date is
 * `met`, after it `met-late`.
 */
export function clockStatuses(
  state: { review: Pick<Review, 'kind' | 'keyDates' | 'enteredAfterTheFact'> },
  model: Pick<MethodologyModel, 'keyDates' | 'clocks'>,
  today: string,
): ClockStatus[] {
  const problem = isoDateProblem(today);
  if (problem) throw new InternalError(`clockStatuses was given a bad today: ${problem}`);
  const { kind, keyDates } = state.review;
  const trackedSince = state.review.enteredAfterTheFact?.since;
  const keyDateName = (id: string) => model.keyDates.find((k) => k.id === id)?.name ?? id;
  return model.clocks
    .filter((clock) => clock.appliesTo.length === 0 || clock.appliesTo.includes(kind))
    .map((clock) => {
      const fromDate = keyDates[clock.from] ?? null;
      const metOn = clock.metBy === undefined ? undefined : keyDates[clock.metBy];
      const unit = 'workingDays' in clock.rule ? 'working days' : 'days';
      const base = {
        id: clock.id,
        name: clock.name,
        statutory: clock.statutory,
        confirmed: clock.confirmed,
        rule: describeRule(clock, midSentence(keyDateName(clock.from))),
        from: { keyDate: clock.from, date: fromDate },
        unit,
      } as const;
      const between = unit === 'working days' ? workingDaysBetween : calendarDaysBetween;
      const count = (n: number) =>
        unit === 'working days' ? plural(n, 'working day') : plural(n, 'day');

      if (fromDate === null) {
        const missing = `no ${midSentence(keyDateName(clock.from))} date is recorded`;
        // Recorded as done, but with nothing to measure it against: say so rather than "not started".
        if (metOn !== undefined) {
          return {
            ...base,
            due: null,
            status: 'met',
            metOn,
            message: `${clock.name} met on ${metOn}; whether on time is unknown, as ${missing}`,
          };
        }
        return {
          ...base,
          due: null,
          status: 'not-started',
          message: `${clock.name} not started: ${missing}`,
        };
      }

      const due = dueDate(clock, fromDate);
      if (metOn !== undefined) {
        if (metOn <= due) {
          const spare = between(metOn, due);
          const when = spare === 0 ? 'the day it was due' : `${count(spare)} before it was due`;
          return {
            ...base,
            due,
            status: 'met',
            daysLeft: spare,
            metOn,
            message: `${clock.name} met on ${metOn}, ${when}`,
          };
        }
        const late = between(due, metOn);
        // Met on a weekend or bank holiday just after a working-day deadline: late, by no working day.
        const by = late === 0 ? 'after' : `${count(late)} after`;
        return {
          ...base,
          due,
          status: 'met-late',
          daysOverdue: late,
          metOn,
          message: `${clock.name} met late on ${metOn}, ${by} it was due (${due})`,
        };
      }
      // A review entered under way: a deadline that fell before it was tracked here is not known
      // to be missed — only not recorded. Counting it overdue would accuse without evidence.
      if (trackedSince !== undefined && due < trackedSince) {
        return {
          ...base,
          due,
          status: 'untracked',
          message: `${clock.name} was due ${due}, before this review was tracked here (from ${trackedSince}); when it was met is not recorded`,
        };
      }
      if (today === due) {
        return {
          ...base,
          due,
          status: 'due-today',
          daysLeft: 0,
          message: `${clock.name} due today (${due})`,
        };
      }
      if (today < due) {
        const left = between(today, due);
        return {
          ...base,
          due,
          status: 'running',
          daysLeft: left,
          message: `${clock.name} due ${due}: ${count(left)} left`,
        };
      }
      const over = between(due, today);
      // The first weekend or bank holiday after a working-day deadline: overdue, by no working day yet.
      const how = over === 0 ? 'overdue' : `${count(over)} overdue`;
      return {
        ...base,
        due,
        status: 'overdue',
        daysOverdue: over,
        message: `${clock.name} ${how} (due ${due})`,
      };
    });
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** A key date's name inside a sentence: "Became aware" → "became aware", but "LCSPR" stays. */
function midSentence(name: string): string {
  return /^[A-Z][a-z]/.test(name) ? `${name[0]?.toLowerCase()}${name.slice(1)}` : name;
}
