// What kind of thing an entry records (a visit, a meeting, a call, a referral, its
// acknowledgement…), which way a contact went and which agency it was with, and how
// those keep same-day related events apart: the referral and its acknowledgement, two
// calls the same way round, the strategy discussion and the visit it led to.
import { describe, expect, it } from 'vitest';
import { findDuplicates } from '../../src/chronology/find-duplicates.ts';
import { activityOf, compareActivities } from '../../src/chronology/find-duplicates-activities.ts';
import { buildFeatures, workingMinute } from '../../src/chronology/find-duplicates-features.ts';
import { explainPair, pairScore } from '../../src/chronology/find-duplicates-scoring.ts';
import type { ChronologyEntry } from '../../src/domain/chronology-entry.ts';
import { fixtureDate, loadDuplicateFixture } from './duplicates-fixture.ts';

function entry(id: string, agencyId: string, date: string, text: string, author?: string) {
  return {
    id,
    agencyId,
    date: fixtureDate(date),
    text,
    ...(author ? { author } : {}),
    provenance: { method: 'manual' },
    extra: {},
  } satisfies ChronologyEntry;
}

const agencies = {
  'AG-1': { name: 'Northshire Police', sector: 'police' },
  'AG-2': { name: "Eastmere Children's Social Care", sector: 'children-social-care' },
  'AG-3': { name: 'Brookfield Primary School', sector: 'education' },
  'AG-4': { name: 'Eastmere Health Visiting Service', sector: 'health' },
};

const kind = (text: string) => {
  const a = activityOf(text.toLowerCase());
  return a && (a.kind === 'meeting' ? `${a.label} meeting` : a.kind);
};

describe('activityOf', () => {
  it('reads the kind from the phrase the record opens with, not from what it is about', () => {
    expect(kind('Telephone call from the DSL about a bruise seen at the home visit.')).toBe(
      'contact',
    );
    expect(kind('Joint home visit with the health visitor. Mum said police had called.')).toBe(
      'visit',
    );
    expect(kind('Strat discussion re Mia: section 47 enquiry; joint visit today.')).toBe(
      'strategy meeting',
    );
    expect(kind('999 call from a neighbour: shouting at the address. DASH completed.')).toBe(
      'incident',
    );
    expect(kind('Contact received from the school: bruise to the left cheek.')).toBe('referral');
    expect(kind('Child brought in by ambulance after a fall; triaged.')).toBe('attendance');
    expect(kind('Mum and Ruby seen; growth plotted.')).toBeUndefined();
  });

  it('lets an acknowledgement or a report for a meeting win wherever it stands', () => {
    expect(kind('Email to the school to acknowledge the referral.')).toBe('acknowledgement');
    expect(kind('Report for ICPC completed and sent to social care.')).toBe('report-for-meeting');
    expect(kind('Child protection medical report received from the hospital.')).toBe('contact');
  });

  it('does not read the column headings an import joined the text with', () => {
    expect(kind('Presenting complaint: Child protection medical.; Outcome: no injuries')).toBe(
      'medical',
    );
    expect(kind('Type: Telephone; Narrative: Police asked to carry out a welfare check.')).toBe(
      'contact',
    );
  });

  it('finds the same kind from the tokens as from every word of the text', () => {
    const texts = [
      ...loadDuplicateFixture().entries.map((e) => e.text),
      ...loadDuplicateFixture('held-out.json').entries.map((e) => e.text),
    ];
    const entries = texts.map((text, i) => entry(`CH-${i + 1}`, 'AG-1', '', text));
    const set = buildFeatures(entries);
    texts.forEach((text, i) => {
      const lower = text.toLowerCase();
      const everyWord = [...lower.matchAll(/[a-z0-9]+/g)].map((m) => m.index as number);
      expect(set.entries[i]?.activity, text).toEqual(activityOf(lower, everyWord));
    });
  });

  it('tells two records of one meeting from a meeting and the visit it led to', () => {
    const strategy = activityOf('strategy discussion with police');
    const visit = activityOf('home visit with police');
    expect(compareActivities(strategy, activityOf('attended strat meeting re jaylen'))).toBe(
      'same',
    );
    expect(compareActivities(strategy, visit)).toBe('different');
    expect(compareActivities(activityOf('icpc held'), activityOf('attended the icpc'))).toBe(
      'same',
    );
    expect(compareActivities(activityOf('icpc held'), activityOf('core group held'))).toBe(
      'different',
    );
    expect(compareActivities(visit, undefined)).toBe('unknown');
  });

  it('reads an ambulance crew’s call-out as one with the police incident and the hospital attendance', () => {
    const crew = activityOf('crew called by police to larch close: female with a cut lip.');
    const conveyed = activityOf('called to canal terrace: child with a burn. conveyed to ed.');
    expect(crew?.kind).toBe('call-out');
    expect(conveyed?.kind).toBe('call-out');
    expect(
      compareActivities(crew, activityOf('999 call reporting shouting. officers attended.')),
    ).toBe('compatible');
    expect(compareActivities(conveyed, activityOf('child brought to ed with a burn.'))).toBe(
      'compatible',
    );
    // "Called to" an address is not a call to an agency, and not a kind on its own.
    expect(kind('Called to Canal Terrace: child with a burn to the hand.')).toBeUndefined();
  });
});

describe('records about different children', () => {
  const persons = [
    {
      id: 'P-1',
      realName: 'Ruby Carter',
      roleInCase: 'subject child',
      publicationLabel: 'Child A',
    },
    {
      id: 'P-2',
      realName: 'Tyler Carter',
      roleInCase: 'older sibling',
      publicationLabel: 'Child B',
    },
    { id: 'P-3', realName: 'Kerry Carter', roleInCase: 'mother', publicationLabel: 'Mother' },
  ].map((p) => ({ ...p, aliases: [], initials: [], phones: [] }));
  const score = (a: ChronologyEntry, b: ChronologyEntry) => {
    const set = buildFeatures([a, b], persons, agencies);
    return explainPair(set, set.entries[0] as never, set.entries[1] as never);
  };
  const police = (text: string) => entry('CH-1', 'AG-1', '2023-03-14 10:00', text);
  const socialCare = (text: string) => entry('CH-2', 'AG-2', '2023-03-14 11:00', text);

  it('weighs down two strategy discussions that name different children and none in common', () => {
    const apart = score(
      police('Strategy discussion about Ruby following a bruise to the cheek. S47 agreed.'),
      socialCare('Strategy discussion about Tyler following a bruise to the cheek. S47 agreed.'),
    );
    const same = score(
      police('Strategy discussion about Ruby following a bruise to the cheek. S47 agreed.'),
      socialCare(
        'Strategy discussion about Ruby and Tyler following a bruise to the cheek. S47 agreed.',
      ),
    );
    expect(apart.against).toContain('about different children (Ruby Carter; Tyler Carter)');
    expect(same.against.join(' ')).not.toMatch(/different children/);
    expect(apart.score).toBeLessThan(same.score / 1.5);
  });

  it('does not count a parent named by one record and a child by the other as a difference', () => {
    const p = score(
      police('Strategy discussion about Ruby following a bruise to the cheek. S47 agreed.'),
      socialCare('Strategy discussion with Kerry present: bruise to the cheek. S47 agreed.'),
    );
    expect(p.against.join(' ')).not.toMatch(/different children/);
  });
});

describe('contacts between agencies', () => {
  it('pairs the two ends of one call, told opposite ways, in different words', () => {
    const out = entry(
      'CH-1',
      'AG-3',
      '2023-03-14 10:05',
      'DSL phoned MASH to pass on the concern.',
    );
    const inn = entry(
      'CH-2',
      'AG-2',
      '2023-03-14 10:40',
      'Call from the DSL at Brookfield Primary School: Jaylen has a mark on his arm.',
    );
    const set = buildFeatures([out, inn], [], agencies);
    const [a, b] = set.entries as [never, never];
    expect(set.entries.map((e) => e.direction)).toEqual(['out', 'in']);
    expect(set.entries.map((e) => e.counterpart)).toEqual([['AG-2'], ['AG-3']]);
    expect(pairScore(set, a, b)).toBeGreaterThan(0.5);
    expect(explainPair(set, a, b).counterpartReason).toMatch(/two ends of one contact/);
  });

  it('does not take a referral and its acknowledgement, or two calls the same way, as one', () => {
    const referral = entry(
      'CH-1',
      'AG-3',
      '2023-03-14 10:05',
      'Referral made to MASH by the DSL: bruise to the left cheek.',
    );
    const acknowledged = entry(
      'CH-2',
      'AG-2',
      '2023-03-14 11:30',
      'Email to the school to acknowledge the referral about the bruise to the left cheek.',
    );
    const again = entry(
      'CH-3',
      'AG-2',
      '2023-03-14 10:20',
      'Referral made to the school nurse about the bruise to the left cheek.',
    );
    const set = buildFeatures([referral, acknowledged, again], [], agencies);
    const [a, b, c] = set.entries as [never, never, never];
    expect(pairScore(set, a, b)).toBeLessThan(0.5);
    expect(explainPair(set, a, b).against.join('; ')).toMatch(/different things/);
    expect(pairScore(set, a, c)).toBeLessThan(0.5);
    expect(explainPair(set, a, c).against.join('; ')).toMatch(/not one each way/);
  });

  it('weighs a record naming the practitioner who wrote the other', () => {
    const hv = entry(
      'CH-1',
      'AG-4',
      '2023-06-02 10:00',
      'Visit with Tendai Okafor. Ruby weighed; mould in the bedroom.',
      'Health Visitor',
    );
    const sw = entry(
      'CH-2',
      'AG-2',
      '2023-06-02 15:10',
      'Home visit. Children seen; bedroom damp.',
      'Tendai Okafor, Social Worker',
    );
    const set = buildFeatures([hv, sw], [], agencies);
    const [a, b] = set.entries as [never, never];
    expect(explainPair(set, a, b).author).toBeGreaterThan(0.5);
    expect(findDuplicates({ entries: [hv, sw], agencies }).map((c) => c.ids)).toEqual([
      ['CH-1', 'CH-2'],
    ]);
  });
});

describe('the working clock', () => {
  it('counts a weekend minute as a fifth of a working one', () => {
    const friday = Date.UTC(2023, 4, 5, 17, 0) / 60_000;
    const monday = Date.UTC(2023, 4, 8, 9, 0) / 60_000;
    expect(workingMinute(monday) - workingMinute(friday)).toBeCloseTo(7 * 60 + 48 * 12 + 9 * 60);
    const tuesday = Date.UTC(2023, 4, 9, 9, 0) / 60_000;
    expect(workingMinute(tuesday) - workingMinute(monday)).toBe(24 * 60);
  });
});
