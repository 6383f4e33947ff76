// The statutory clocks of the Learning Together model against a review's key dates: due dates,
// which clocks apply to which kind of review, and every status with the sentence it shows.
import { describe, expect, it } from 'vitest';
import type { ReviewKind } from '../../src/domain/review.ts';
import { loadModel } from '../../src/model/load-model.ts';
import type { Clock, MethodologyModel } from '../../src/model/methodology-model.ts';
import {
  type ClockStatus,
  clockStatuses,
  describeRule,
  dueDate,
} from '../../src/workflow/clocks/compute-clocks.ts';

const model = loadModel('learning-together');

function review(kind: ReviewKind, keyDates: Record<string, string> = {}) {
  return { review: { kind, keyDates } };
}

function clockOf(id: string): Clock {
  const clock = model.clocks.find((c) => c.id === id);
  if (!clock) throw new Error(`the learning-together model has no clock "${id}"`);
  return clock;
}

/** The status of one clock for a review of `kind` with these key dates, seen on `today`. */
function statusOf(
  id: string,
  keyDates: Record<string, string>,
  today: string,
  kind: ReviewKind = 'lcspr',
): ClockStatus {
  const status = clockStatuses(review(kind, keyDates), model, today).find((s) => s.id === id);
  if (!status) throw new Error(`clock "${id}" does not apply to a ${kind}`);
  return status;
}

describe('dueDate', () => {
  it('puts the rapid review 15 working days after a notification on 2025-12-19: 2026-01-14', () => {
    expect(dueDate(clockOf('rapid-review'), '2025-12-19')).toBe('2026-01-14');
  });

  it('puts the notification 5 working days after becoming aware', () => {
    expect(dueDate(clockOf('notification'), '2025-12-22')).toBe('2025-12-31');
  });

  it('puts the final report 7 working days before a publication planned just after Easter', () => {
    expect(dueDate(clockOf('pre-publication'), '2026-04-07')).toBe('2026-03-25');
  });

  it('puts an LCSPR or old SCR 6 calendar months after the decision, clamped to the month end', () => {
    expect(dueDate(clockOf('lcspr'), '2026-06-19')).toBe('2026-12-19');
    expect(dueDate(clockOf('scr'), '2026-08-31')).toBe('2027-02-28');
  });

  it('counts calendar months back for a clock that runs before its key date', () => {
    expect(dueDate({ rule: { calendarMonths: 1 }, direction: 'before' }, '2026-03-31')).toBe(
      '2026-02-28',
    );
  });
});

describe('describeRule', () => {
  it('says the rule in words, singular where it is one', () => {
    expect(describeRule(clockOf('rapid-review'), '2025-12-19')).toBe(
      '15 working days after 2025-12-19',
    );
    expect(describeRule({ rule: { workingDays: 1 }, direction: 'before' }, 'publication')).toBe(
      '1 working day before publication',
    );
    expect(describeRule({ rule: { calendarMonths: 1 }, direction: 'after' }, 'decision')).toBe(
      '1 calendar month after decision',
    );
  });
});

describe('clockStatuses', () => {
  it('does not call a deadline missed that fell before a review entered after the fact was tracked', () => {
    const underWay = {
      review: {
        kind: 'lcspr' as const,
        keyDates: { notification: '2024-05-02', decision: '2024-05-20' },
        enteredAfterTheFact: { since: '2024-06-12', notTracked: ['rapid-review', 'decision'] },
      },
    };
    const statuses = clockStatuses(underWay, model, '2026-12-03');
    // The rapid review fell due on 24 May 2024, before 12 June: not recorded, not "641 days overdue".
    expect(statuses.find((s) => s.id === 'rapid-review')).toMatchObject({
      status: 'untracked',
      due: '2024-05-24',
      message:
        'Rapid review was due 2024-05-24, before this review was tracked here (from 2024-06-12); when it was met is not recorded',
    });
    // The LCSPR's six months ran on into the time tracked here: overdue is a fact here.
    expect(statuses.find((s) => s.id === 'lcspr')).toMatchObject({ status: 'overdue' });
    // The same deadline in a review tracked from the start is overdue.
    const { enteredAfterTheFact: _, ...tracked } = underWay.review;
    expect(
      clockStatuses({ review: tracked }, model, '2026-12-03').find((s) => s.id === 'rapid-review')
        ?.status,
    ).toBe('overdue');
  });

  it('gives the clocks that apply to each kind of review, in model order', () => {
    const ids = (kind: ReviewKind) =>
      clockStatuses(review(kind), model, '2026-01-15').map((s) => s.id);
    expect(ids('lcspr')).toEqual(['notification', 'rapid-review', 'lcspr', 'pre-publication']);
    expect(ids('rapid-review')).toEqual(['notification', 'rapid-review']);
    expect(ids('scr')).toEqual(['scr']);
    expect(ids('learning-review')).toEqual([]);
  });

  it('applies a clock with an empty appliesTo to every kind of review', () => {
    const everywhere: Pick<MethodologyModel, 'keyDates' | 'clocks'> = {
      keyDates: [{ id: 'start', name: 'Start' }],
      clocks: [
        {
          id: 'any',
          name: 'Any review',
          description: 'Runs for every kind.',
          from: 'start',
          rule: { workingDays: 1 },
          direction: 'after',
          appliesTo: [],
          statutory: true,
          confirmed: true,
        },
      ],
    };
    for (const kind of ['rapid-review', 'lcspr', 'scr', 'learning-review'] as const) {
      expect(clockStatuses(review(kind), everywhere, '2026-01-15').map((s) => s.id)).toEqual([
        'any',
      ]);
    }
  });

  it('describes each clock: its rule, key date, and whether it is statutory and confirmed', () => {
    const statuses = clockStatuses(review('lcspr'), model, '2026-01-15');
    expect(
      statuses.map(({ id, rule, statutory, confirmed, unit, from }) => ({
        id,
        rule,
        statutory,
        confirmed,
        unit,
        from: from.keyDate,
      })),
    ).toEqual([
      {
        id: 'notification',
        rule: '5 working days after became aware',
        statutory: true,
        confirmed: true,
        unit: 'working days',
        from: 'became-aware',
      },
      {
        id: 'rapid-review',
        rule: '15 working days after notification',
        statutory: false,
        confirmed: true,
        unit: 'working days',
        from: 'notification',
      },
      {
        id: 'lcspr',
        rule: '6 calendar months after decision',
        statutory: true,
        confirmed: true,
        unit: 'days',
        from: 'decision',
      },
      {
        id: 'pre-publication',
        rule: '7 working days before planned publication',
        statutory: true,
        confirmed: false,
        unit: 'working days',
        from: 'planned-publication',
      },
    ]);
  });

  it('is not started while the key date it runs from is not recorded', () => {
    const status = statusOf('rapid-review', {}, '2026-01-15');
    expect(status).toMatchObject({
      status: 'not-started',
      from: { keyDate: 'notification', date: null },
      due: null,
      message: 'Rapid review not started: no notification date is recorded',
    });
    expect(status.daysLeft).toBeUndefined();
    expect(status.daysOverdue).toBeUndefined();
  });

  it('is running before the due date, counting working days left', () => {
    expect(statusOf('rapid-review', { notification: '2025-12-19' }, '2026-01-06')).toMatchObject({
      status: 'running',
      from: { keyDate: 'notification', date: '2025-12-19' },
      due: '2026-01-14',
      daysLeft: 6,
      unit: 'working days',
      message: 'Rapid review due 2026-01-14: 6 working days left',
    });
    expect(statusOf('rapid-review', { notification: '2025-12-19' }, '2026-01-13').message).toBe(
      'Rapid review due 2026-01-14: 1 working day left',
    );
  });

  it('counts calendar days left on a month rule', () => {
    expect(statusOf('lcspr', { decision: '2026-06-19' }, '2026-12-01')).toMatchObject({
      status: 'running',
      due: '2026-12-19',
      daysLeft: 18,
      unit: 'days',
      message: 'LCSPR completed and published due 2026-12-19: 18 days left',
    });
  });

  it('is due today on the due date', () => {
    expect(statusOf('rapid-review', { notification: '2025-12-19' }, '2026-01-14')).toMatchObject({
      status: 'due-today',
      due: '2026-01-14',
      daysLeft: 0,
      message: 'Rapid review due today (2026-01-14)',
    });
  });

  it('is overdue after the due date, counting working days on a working-day rule', () => {
    // Thursday 15, Friday 16 and Monday 19 January have passed since the 14th.
    expect(statusOf('rapid-review', { notification: '2025-12-19' }, '2026-01-19')).toMatchObject({
      status: 'overdue',
      due: '2026-01-14',
      daysOverdue: 3,
      message: 'Rapid review 3 working days overdue (due 2026-01-14)',
    });
  });

  it('is overdue by calendar days on a month rule', () => {
    expect(statusOf('lcspr', { decision: '2026-06-19' }, '2026-12-31')).toMatchObject({
      status: 'overdue',
      due: '2026-12-19',
      daysOverdue: 12,
      unit: 'days',
      message: 'LCSPR completed and published 12 days overdue (due 2026-12-19)',
    });
  });

  it('is overdue, without a count, on the weekend straight after a working-day deadline', () => {
    // Became aware Friday 9 January: notification due Friday 16th; Saturday 17th is past it,
    // but no working day has passed yet.
    expect(statusOf('notification', { 'became-aware': '2026-01-09' }, '2026-01-17')).toMatchObject({
      status: 'overdue',
      due: '2026-01-16',
      daysOverdue: 0,
      message: 'Notification to the national Panel overdue (due 2026-01-16)',
    });
  });

  it('is met when its metBy key date is recorded on or before the due date', () => {
    const keyDates = { 'became-aware': '2025-12-12', notification: '2025-12-18' };
    expect(statusOf('notification', keyDates, '2026-03-01')).toMatchObject({
      status: 'met',
      due: '2025-12-19',
      metOn: '2025-12-18',
      daysLeft: 1,
      message:
        'Notification to the national Panel met on 2025-12-18, 1 working day before it was due',
    });
    expect(
      statusOf('notification', { ...keyDates, notification: '2025-12-19' }, '2026-03-01').message,
    ).toBe('Notification to the national Panel met on 2025-12-19, the day it was due');
  });

  it('is met late when its metBy key date is after the due date, whatever today is', () => {
    const keyDates = { notification: '2025-12-19', 'rapid-review': '2026-01-20' };
    for (const today of ['2026-01-20', '2027-06-01']) {
      expect(statusOf('rapid-review', keyDates, today)).toMatchObject({
        status: 'met-late',
        due: '2026-01-14',
        metOn: '2026-01-20',
        daysOverdue: 4,
        message:
          'Rapid review met late on 2026-01-20, 4 working days after it was due (2026-01-14)',
      });
    }
    expect(
      statusOf('lcspr', { decision: '2026-06-19', published: '2026-12-21' }, '2027-01-01'),
    ).toMatchObject({
      status: 'met-late',
      daysOverdue: 2,
      message:
        'LCSPR completed and published met late on 2026-12-21, 2 days after it was due (2026-12-19)',
    });
  });

  it('runs the pre-publication clock back from the planned publication date', () => {
    const planned = { 'planned-publication': '2026-04-07' };
    expect(statusOf('pre-publication', planned, '2026-03-20')).toMatchObject({
      status: 'running',
      due: '2026-03-25',
      daysLeft: 3,
      message: 'Final report sent before publication due 2026-03-25: 3 working days left',
    });
    expect(
      statusOf('pre-publication', { ...planned, 'sent-to-panel': '2026-03-25' }, '2026-04-07'),
    ).toMatchObject({ status: 'met', daysLeft: 0 });
    // Sent Thursday 2 April: Good Friday and Easter Monday leave one working day before publication.
    expect(
      statusOf('pre-publication', { ...planned, 'sent-to-panel': '2026-04-02' }, '2026-04-07'),
    ).toMatchObject({
      status: 'met-late',
      daysOverdue: 6,
      message:
        'Final report sent before publication met late on 2026-04-02, 6 working days after it was due (2026-03-25)',
    });
  });

  it('says a clock was met, but not whether on time, when the date it runs from is missing', () => {
    expect(statusOf('notification', { notification: '2025-12-18' }, '2026-01-15')).toMatchObject({
      status: 'met',
      due: null,
      metOn: '2025-12-18',
      message:
        'Notification to the national Panel met on 2025-12-18; whether on time is unknown, as no became aware date is recorded',
    });
  });

  it('gives the same answer for the same inputs, whatever the real date', () => {
    const keyDates = { notification: '2025-12-19', decision: '2026-01-20' };
    const first = clockStatuses(review('lcspr', keyDates), model, '2026-02-01');
    expect(clockStatuses(review('lcspr', keyDates), model, '2026-02-01')).toEqual(first);
  });

  it('refuses a today that is not a date, as a fault of the caller', () => {
    expect(() => clockStatuses(review('lcspr'), model, 'today')).toThrow(
      '"today" is not a date in the form YYYY-MM-DD',
    );
  });
});
