// diffReturn: which records of a return are the entries an earlier import of it made — by content
// first, then by record number allowing for rows that came or went above — and how they changed.
import { describe, expect, it } from 'vitest';
import { diffReturn, isEmptyDiff } from '../../src/chronology/diff-return.ts';
import type { PlannedEntry } from '../../src/chronology/plan-import.ts';
import type { ChronologyEntry, EventDate } from '../../src/domain/chronology-entry.ts';

const day = (iso: string, original = iso.split('-').reverse().join('/')): EventDate => ({
  precision: 'day',
  start: iso,
  original,
});

function earlier(n: number, iso: string, text: string, more: Partial<ChronologyEntry> = {}) {
  return {
    id: `CH-${n}`,
    agencyId: 'AG-1',
    date: day(iso),
    text,
    provenance: { method: 'import', file: 'gp.csv', record: n },
    extra: {},
    ...more,
  } satisfies ChronologyEntry;
}

function record(n: number, iso: string, text: string, more: Partial<PlannedEntry['entry']> = {}) {
  return {
    record: n,
    entry: {
      date: day(iso),
      text,
      provenance: { method: 'import', file: 'gp.csv', record: n },
      extra: {},
      ...more,
    },
    textParts: [text],
    personIds: [],
  } satisfies PlannedEntry;
}

const FIVE = [
  earlier(1, '2023-03-01', 'Registered.'),
  earlier(2, '2023-03-14', 'Immunisations.'),
  earlier(3, '2023-05-02', 'Did not attend.'),
  earlier(4, '2023-07-19', 'Bruise to the cheek.'),
  earlier(5, '2023-08-03', 'Home visit.'),
];

describe('diffReturn', () => {
  it('finds nothing to do in the same records, however their dates and spacing are written', () => {
    const again = [
      record(1, '2023-03-01', 'Registered.'),
      // The same day written the ISO way, and the same text with its spacing and Unicode form changed.
      record(2, '2023-03-14', '  Immunisations.\r\n', { date: day('2023-03-14', '2023-03-14') }),
      record(3, '2023-05-02', 'Did  not attend.'),
      record(4, '2023-07-19', 'Bruise to the cheek.'.normalize('NFD')),
      record(5, '2023-08-03', 'Home visit.'),
    ];
    const diff = diffReturn(FIVE, again);
    expect(isEmptyDiff(diff)).toBe(true);
    expect(diff.unchanged.map((u) => u.id)).toEqual(['CH-1', 'CH-2', 'CH-3', 'CH-4', 'CH-5']);
  });

  it('pairs a changed record that also moved with its entry, by its record number shifted by the rows above', () => {
    const corrected = [
      record(1, '2023-02-20', 'Antenatal booking.'),
      record(2, '2023-03-01', 'Registered.'),
      record(3, '2023-03-14', 'Immunisations.'),
      record(4, '2023-05-02', 'Did not attend.'),
      record(5, '2023-07-19', 'Bruise to the left cheek; mother present.'),
      record(6, '2023-08-03', 'Home visit.'),
    ];
    const diff = diffReturn(FIVE, corrected);
    expect(diff.added.map((a) => a.record)).toEqual([1]);
    expect(diff.changed).toEqual([
      {
        id: 'CH-4',
        record: 5,
        changes: {
          text: { from: 'Bruise to the cheek.', to: 'Bruise to the left cheek; mother present.' },
          record: { from: 4, to: 5 },
        },
      },
    ]);
    expect(diff.moved.map((m) => [m.id, m.from, m.to])).toEqual([
      ['CH-1', 1, 2],
      ['CH-2', 2, 3],
      ['CH-3', 3, 4],
      ['CH-5', 5, 6],
    ]);
    expect(diff.removed).toEqual([]);
  });

  it('reports a changed date by what it means, and an author and source reference gained or lost', () => {
    const before = [
      earlier(1, '2023-03-14', 'Seen.', { author: 'GP' }),
      earlier(2, '2023-05-02', 'Letter.', { sourceRef: 'L-1' }),
    ];
    const after = [
      record(1, '2023-03-15', 'Seen.'),
      record(2, '2023-05-02', 'Letter.', { author: 'Practice nurse', extra: { Team: 'North' } }),
    ];
    const diff = diffReturn(before, after);
    expect(diff.changed.map((c) => c.changes)).toEqual([
      {
        date: { from: day('2023-03-14'), to: day('2023-03-15') },
        author: { from: 'GP' },
      },
      {
        author: { to: 'Practice nurse' },
        sourceRef: { from: 'L-1' },
        extra: { from: {}, to: { Team: 'North' } },
      },
    ]);
  });

  it('pairs identical records with the nearest earlier entry, and removes the one left over', () => {
    const twice = [
      earlier(1, '2023-03-14', 'Phone call.'),
      earlier(2, '2023-03-14', 'Phone call.'),
      earlier(3, '2023-04-01', 'Visit.'),
    ];
    const diff = diffReturn(twice, [
      record(1, '2023-03-14', 'Phone call.'),
      record(2, '2023-04-01', 'Visit.'),
    ]);
    expect(diff.unchanged.map((u) => u.id)).toEqual(['CH-1']);
    expect(diff.moved).toEqual([{ id: 'CH-3', from: 3, to: 2 }]);
    expect(diff.removed).toEqual([{ id: 'CH-2', record: 2 }]);
  });

  it('keeps an entry whose record the return now has a problem with, rather than removing it', () => {
    const diff = diffReturn(
      FIVE,
      FIVE.filter((e) => e.id !== 'CH-3').map((e) =>
        record(e.provenance.record as number, e.date.start as string, e.text),
      ),
      [3],
    );
    expect(diff.kept).toEqual([{ id: 'CH-3', record: 3 }]);
    expect(diff.removed).toEqual([]);
    expect(isEmptyDiff(diff)).toBe(true);
  });
});
