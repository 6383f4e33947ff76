// Duplicate finding, pure: precision and recall on a fixture of planted duplicates and
// near-misses, the report-of feature, one entry per agency, three agencies in one cluster,
// conflicting details kept, reviewer decisions, blocking that loses nothing, determinism.
import { describe, expect, it } from 'vitest';
import { type DuplicateCluster, findDuplicates } from '../../src/chronology/find-duplicates.ts';
import { allPairs, candidatePairs } from '../../src/chronology/find-duplicates-blocking.ts';
import { buildFeatures } from '../../src/chronology/find-duplicates-features.ts';
import { explainPair, pairScore } from '../../src/chronology/find-duplicates-scoring.ts';
import { reportMarker } from '../../src/chronology/find-duplicates-text.ts';
import type { ChronologyEntry } from '../../src/domain/chronology-entry.ts';
import { fixtureDate, loadDuplicateFixture, pairOf, pairQuality } from './duplicates-fixture.ts';

const fixture = loadDuplicateFixture();
const input = { entries: fixture.entries, persons: fixture.persons, agencies: fixture.agencies };

function entry(id: string, agencyId: string, date: string, text: string): ChronologyEntry {
  return {
    id,
    agencyId,
    date: fixtureDate(date),
    text,
    provenance: { method: 'manual' },
    extra: {},
  };
}

function clusterWith(clusters: DuplicateCluster[], id: string): DuplicateCluster | undefined {
  return clusters.find((c) => c.ids.includes(id));
}

describe('findDuplicates on the planted fixture', () => {
  it('finds the planted duplicates with precision and recall of at least 0.9', () => {
    const clusters = findDuplicates(input);
    const q = pairQuality(clusters, fixture.positives);
    const labelled = fixture.positives.size + fixture.nearMisses.length;
    const predicted = new Set(
      clusters.flatMap((c) => c.ids.flatMap((a) => c.ids.map((b) => pairOf(a, b)))),
    );
    const nearMissesTaken = fixture.nearMisses.filter((n) => predicted.has(n.key));
    console.log(
      [
        `duplicate finding on ${fixture.entries.length} entries, ${labelled} labelled pairs`,
        `(${fixture.positives.size} duplicate pairs, ${fixture.nearMisses.length} near-misses):`,
        `  precision ${q.precision.toFixed(3)} (${q.truePositives}/${q.predicted} suggested pairs are duplicates)`,
        `  recall    ${q.recall.toFixed(3)} (${q.truePositives}/${fixture.positives.size} duplicate pairs found)`,
        `  false positives: ${q.falsePositives.join(', ') || 'none'}`,
        `  missed: ${q.missed.join(', ') || 'none'}`,
        `  near-misses suggested: ${nearMissesTaken.map((n) => `${n.key} (${n.kind})`).join(', ') || 'none'}`,
      ].join('\n'),
    );
    expect(labelled).toBeGreaterThanOrEqual(40);
    expect(q.precision).toBeGreaterThanOrEqual(0.9);
    expect(q.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('prints precision and recall on a second fixture written after the tuning (not a target)', () => {
    // held-out.json was written after the weights were tuned on planted.json. Its first run
    // gave precision 0.889 and recall 0.667; two report/meeting patterns that missed common
    // word orders ("call taken from", "initial conference") were then added, so it is no
    // longer unseen. It stays as a regression guard and an honest second estimate.
    const second = loadDuplicateFixture('held-out.json');
    const clusters = findDuplicates({
      entries: second.entries,
      persons: second.persons,
      agencies: second.agencies,
    });
    const q = pairQuality(clusters, second.positives);
    console.log(
      [
        `second fixture: ${second.entries.length} entries, ${second.positives.size} duplicate pairs, ${second.nearMisses.length} near-misses`,
        `  precision ${q.precision.toFixed(3)} (${q.truePositives}/${q.predicted}), recall ${q.recall.toFixed(3)} (${q.truePositives}/${second.positives.size})`,
        `  false positives: ${q.falsePositives.join(', ') || 'none'}; missed: ${q.missed.join(', ') || 'none'}`,
      ].join('\n'),
    );
    expect(q.precision).toBeGreaterThanOrEqual(0.85);
    expect(q.recall).toBeGreaterThanOrEqual(0.85);
  });

  it('never suggests a report of an event (a notification, a call passing on news) as the event', () => {
    const clusters = findDuplicates(input);
    const reportOf = fixture.nearMisses.filter((n) => n.kind === 'report-of');
    expect(reportOf.length).toBeGreaterThanOrEqual(8);
    const together = (key: string) => {
      const [a, b] = key.split('|') as [string, string];
      return clusters.some((c) => c.ids.includes(a) && c.ids.includes(b));
    };
    expect(reportOf.filter((n) => together(n.key)).map((n) => n.key)).toEqual([]);
  });

  it('clusters three agencies’ records of one meeting together', () => {
    const clusters = findDuplicates(input);
    expect(clusterWith(clusters, 'CH-9')?.ids).toEqual(['CH-11', 'CH-9', 'CH-10']);
    expect(clusterWith(clusters, 'CH-19')?.ids.sort()).toEqual(['CH-19', 'CH-20', 'CH-21']);
    const agencies = clusterWith(clusters, 'CH-32')?.entries.map((e) => e.agency);
    expect(new Set(agencies).size).toBe(3);
  });

  it('keeps at most one entry per agency in a cluster', () => {
    for (const c of findDuplicates(input, { minScore: 0.3 })) {
      const agencies = c.entries.map((e) => e.agencyId);
      expect(new Set(agencies).size, c.ids.join(' ')).toBe(agencies.length);
    }
  });

  it('lists conflicting times and numbers instead of choosing one', () => {
    const clusters = findDuplicates(input);
    const incident = clusterWith(clusters, 'CH-1');
    expect(incident?.ids).toEqual(['CH-1', 'CH-2']);
    expect(incident?.conflicts.find((c) => c.kind === 'time')).toMatchObject({
      message: 'recorded times differ by 40 min',
      values: [
        { id: 'CH-1', agency: 'Fenwick Vale Police', value: '14/03/2023 22:40' },
        { id: 'CH-2', agency: 'Ambulance Service', value: '14/03/2023 23:20' },
      ],
    });
    const wound = clusterWith(clusters, 'CH-5')?.conflicts.filter((c) => c.kind === 'number');
    expect(wound?.map((c) => c.message)).toContain('different numbers: “3cm” / “2 cm”');
    const medical = clusterWith(clusters, 'CH-17')?.conflicts.find((c) => c.kind === 'number');
    expect(medical?.message).toBe('different numbers: “4 bruises” / “3 bruises”');
    expect(medical?.values.map((v) => v.value)).toEqual(['4 bruises', '3 bruises']);
    // Names one agency records and the other does not are listed too.
    const names = clusterWith(clusters, 'CH-7')?.conflicts.filter((c) => c.kind === 'name');
    expect(names?.map((c) => c.message)).toEqual([
      "Kerry Walsh, Dean Foster are named only by Children's Social Care (CH-7)",
    ]);
    expect(names?.[0]).toMatchObject({ scope: 'only-some' });
  });

  it('says why each cluster was suggested', () => {
    const call = clusterWith(findDuplicates(input), 'CH-13');
    expect(call?.reasons).toHaveLength(1);
    expect(call?.reasons[0]).toMatch(
      /^CH-13 \+ CH-14: 0\.\d\d — 5 min apart; wording 0\.\d\d alike \(.*\); both mention Jaylen Walsh; two ends of one contact: each names the other's agency$/,
    );
  });

  it('gives the same clusters in the same order whatever the order of the input', () => {
    const shuffled = [...fixture.entries].reverse();
    const again = findDuplicates({ ...input, entries: shuffled });
    expect(JSON.stringify(again)).toBe(JSON.stringify(findDuplicates(input)));
  });
});

describe('the report-of feature', () => {
  it('marks records of hearing about an event, and meetings, but not first-hand records', () => {
    expect(reportMarker('Received a call from the school to advise of bruising')?.kind).toBe(
      'report',
    );
    expect(reportMarker('Police notification received re domestic incident')?.kind).toBe('report');
    expect(reportMarker('Called children’s social care to advise of the incident')?.kind).toBe(
      'report',
    );
    expect(reportMarker('Referral received from health visitor')?.kind).toBe('report');
    expect(reportMarker('Mother informed us that police attended last night')?.kind).toBe('report');
    expect(reportMarker('Strategy discussion held with police and health')).toMatchObject({
      kind: 'meeting',
      label: 'strategy',
    });
    // First-hand records, even when they mention a call or an earlier day.
    expect(
      reportMarker('999 call from a neighbour; officers attended and arrested the partner'),
    ).toBeUndefined();
    expect(
      reportMarker(
        'Joint home visit. Mother said the marks came from play fighting at the weekend.',
      ),
    ).toBeUndefined();
  });

  it('halves the score of an incident paired with a call passing on news of it', () => {
    const incident = entry(
      'CH-1',
      'AG-1',
      '2023-03-14 22:40',
      'Officers attended a domestic incident at 14 Ashgrove Road; Dean Foster arrested for assault on Kerry.',
    );
    const firstHand = entry(
      'CH-2',
      'AG-2',
      '2023-03-14 23:30',
      'Emergency duty social worker attended 14 Ashgrove Road with police after the domestic incident; Dean Foster arrested for assault on Kerry.',
    );
    const report = entry(
      'CH-3',
      'AG-2',
      '2023-03-14 23:30',
      'Received a call from police to advise of a domestic incident at 14 Ashgrove Road; Dean Foster arrested for assault on Kerry.',
    );
    const set = buildFeatures([incident, firstHand, report], []);
    const [a, b, c] = set.entries as [never, never, never];
    const direct = pairScore(set, a, b);
    const told = pairScore(set, a, c);
    expect(direct).toBeGreaterThan(0.5);
    expect(told).toBeLessThan(0.5);
    expect(explainPair(set, a, c).reportOf).toEqual({ id: 'CH-3', phrase: 'received a call' });
    expect(findDuplicates({ entries: [incident, report] })).toEqual([]);
  });

  it('pairs the two ends of one call when each names the other agency', () => {
    const agencies = {
      'AG-1': { name: 'Fenwick Vale Police', sector: 'police' },
      'AG-2': { name: 'Health Visiting', sector: 'health' },
    };
    const out = entry(
      'CH-1',
      'AG-1',
      '2023-07-03 10:20',
      'Called the health visitor to share information about the incident.',
    );
    const inn = entry(
      'CH-2',
      'AG-2',
      '2023-07-03 10:25',
      'Phone call from police advising of a domestic incident at the home.',
    );
    expect(findDuplicates({ entries: [out, inn], agencies }).map((c) => c.ids)).toEqual([
      ['CH-1', 'CH-2'],
    ]);
  });
});

describe('what does not make a duplicate', () => {
  it('does not pair entries of the same agency, however alike', () => {
    const a = entry(
      'CH-1',
      'AG-3',
      '2023-11-28 10:00',
      'Home visit at Larch Close. Ruby weighed 9.1 kg.',
    );
    const b = entry(
      'CH-2',
      'AG-3',
      '2023-11-28 10:00',
      'Home visit at Larch Close. Ruby weighed 9.1 kg.',
    );
    expect(findDuplicates({ entries: [a, b] })).toEqual([]);
  });

  it('does not pair entries more than 36 working hours apart, or undated entries', () => {
    const text = 'Child protection medical: four bruises to the upper arms, fingertip pattern.';
    // Tuesday afternoon and Thursday morning: 43.5 hours, none of them at a weekend.
    const a = entry('CH-1', 'AG-1', '2023-05-02 13:30', text);
    const far = entry('CH-2', 'AG-2', '2023-05-04 09:00', text);
    const undated = entry('CH-3', 'AG-3', '', text);
    expect(findDuplicates({ entries: [a, far, undated] })).toEqual([]);
  });

  it('measures the gap on the working clock: Friday afternoon and Monday morning are a night apart', () => {
    const meeting = entry(
      'CH-1',
      'AG-1',
      '2023-05-05 14:00',
      'Attended the strategy discussion about Jaylen: section 47 enquiry agreed.',
    );
    const writtenUp = entry(
      'CH-2',
      'AG-2',
      '2023-05-08 09:30',
      'Strategy discussion held with police about Jaylen. Section 47 enquiry agreed.',
    );
    const thursday = entry('CH-3', 'AG-2', '2023-05-11 09:30', writtenUp.text);
    const set = buildFeatures([meeting, writtenUp, thursday], []);
    const [a, b, c] = set.entries as [never, never, never];
    expect(explainPair(set, a, b).gapMinutes).toBe(67.5 * 60);
    expect(explainPair(set, a, b).time).toBeGreaterThan(0.3);
    expect(pairScore(set, a, b)).toBeGreaterThan(0.5);
    expect(pairScore(set, a, c)).toBe(0);
  });

  it('weighs a date known only to the month as weak evidence', () => {
    const text = 'Police attended Larch Close when Dean Foster was shouting threats at the door.';
    const exact = entry('CH-1', 'AG-1', '2023-08-26 20:30', text);
    const sameDay = entry('CH-2', 'AG-2', '2023-08-26', text);
    const month = entry('CH-3', 'AG-3', '2023-08', text);
    const set = buildFeatures([exact, sameDay, month], []);
    const [a, b, c] = set.entries as [never, never, never];
    expect(pairScore(set, a, c)).toBeLessThan(pairScore(set, a, b));
    expect(explainPair(set, a, c).time).toBeLessThan(0.3);
  });
});

describe('reviewer decisions', () => {
  const decided = (
    decisions: { entryIds: string[]; decision: 'confirmed' | 'split'; seq: number }[],
  ) => findDuplicates({ ...input, decisions });

  it('shows a confirmed cluster as confirmed: true', () => {
    const c = clusterWith(
      decided([{ entryIds: ['CH-1', 'CH-2'], decision: 'confirmed', seq: 5 }]),
      'CH-1',
    );
    expect(c).toMatchObject({ ids: ['CH-1', 'CH-2'], confirmed: true });
    expect(c?.reasons[0]).toMatch(/^CH-1 \+ CH-2: confirmed by a reviewer/);
  });

  it('keeps a confirmed cluster even when it scores below the threshold', () => {
    const clusters = decided([{ entryIds: ['CH-28', 'CH-29'], decision: 'confirmed', seq: 5 }]);
    expect(clusterWith(clusters, 'CH-28')).toMatchObject({
      ids: ['CH-28', 'CH-29'],
      confirmed: true,
    });
  });

  const together = (clusters: DuplicateCluster[], a: string, b: string) =>
    clusters.some((c) => c.ids.includes(a) && c.ids.includes(b));

  it('no longer suggests a split cluster', () => {
    expect(together(findDuplicates(input), 'CH-1', 'CH-2')).toBe(true);
    const clusters = decided([{ entryIds: ['CH-1', 'CH-2'], decision: 'split', seq: 5 }]);
    expect(together(clusters, 'CH-1', 'CH-2')).toBe(false);
    expect(clusterWith(clusters, 'CH-2')).toBeUndefined();
  });

  it('lets the latest decision on a pair win', () => {
    const clusters = decided([
      { entryIds: ['CH-1', 'CH-2'], decision: 'split', seq: 9 },
      { entryIds: ['CH-1', 'CH-2'], decision: 'confirmed', seq: 4 },
    ]);
    expect(together(clusters, 'CH-1', 'CH-2')).toBe(false);
    const reversed = decided([
      { entryIds: ['CH-1', 'CH-2'], decision: 'split', seq: 4 },
      { entryIds: ['CH-1', 'CH-2'], decision: 'confirmed', seq: 9 },
    ]);
    expect(clusterWith(reversed, 'CH-1')).toMatchObject({ ids: ['CH-1', 'CH-2'], confirmed: true });
  });

  it('suggests a split entry again with a new entry that joins it, but not with the entry it was split from', () => {
    const extra = entry(
      'CH-900',
      'AG-4',
      '2023-03-14 23:50',
      'Kerry Walsh brought in by ambulance with a cut lip after being pushed into a door by her partner Dean Foster, who was arrested at 14 Ashgrove Road.',
    );
    const clusters = findDuplicates({
      ...input,
      entries: [...fixture.entries, extra],
      decisions: [{ entryIds: ['CH-1', 'CH-2'], decision: 'split', seq: 5 }],
    });
    const withNew = clusterWith(clusters, 'CH-900');
    expect(withNew?.ids).toContain('CH-900');
    expect(withNew?.ids.includes('CH-1') && withNew.ids.includes('CH-2')).toBe(false);
    expect(withNew?.confirmed).toBe(false);
  });

  it('shows confirmed: false when a new entry joins a confirmed cluster', () => {
    const extra = entry(
      'CH-901',
      'AG-4',
      '2023-05-03 14:15',
      'Named doctor attended strategy discussion re Jaylen: bruising seen at nursery. Section 47 and child protection medical agreed.',
    );
    const clusters = findDuplicates({
      ...input,
      entries: [...fixture.entries, extra],
      decisions: [{ entryIds: ['CH-9', 'CH-10', 'CH-11'], decision: 'confirmed', seq: 5 }],
    });
    const c = clusterWith(clusters, 'CH-9');
    expect(c?.ids).toContain('CH-901');
    expect(c?.confirmed).toBe(false);
  });
});

describe('candidate blocking', () => {
  it('finds every pair above the threshold that comparing all pairs finds', () => {
    const set = buildFeatures(fixture.entries, fixture.persons, fixture.agencies);
    for (const minScore of [0.2, 0.35, 0.5]) {
      const key = (p: { a: number; b: number }) => `${p.a}:${p.b}`;
      const blocked = new Set(candidatePairs(set, minScore).map(key));
      const brute = allPairs(set, minScore).map(key);
      expect(
        brute.filter((k) => !blocked.has(k)),
        `min score ${minScore}`,
      ).toEqual([]);
      expect(blocked.size).toBe(brute.length);
    }
  });
});
