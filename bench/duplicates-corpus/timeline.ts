/**
 * The true history of a synthetic case: what happened, when, and which
 * agencies took part and so keep their own record of it. Episodes (a
 * domestic incident, a bruise seen at school, an emergency attendance, home
 * conditions) unfold into chains of same-day related events — the incident,
 * the notification about it, the calls passing the news on; the referral,
 * its acknowledgement, the strategy discussion and the visit it led to —
 * over a background of routine contacts. The truth is which records are
 * accounts of one event; nothing else about it is scored.
 */
import type { Random } from './random.ts';
import { type AgencyKey, involved, isWeekend, type World } from './world.ts';

export type EventKind =
  | 'hv-visit'
  | 'hv-clinic'
  | 'gp-consult'
  | 'gp-dna'
  | 'school-concern'
  | 'school-meeting'
  | 'housing-visit'
  | 'housing-letter'
  | 'housing-complaint'
  | 'sw-visit'
  | 'sw-school-visit'
  | 'joint-visit'
  | 'da-incident'
  | 'ppn'
  | 'info-call'
  | 'referral'
  | 'referral-ack'
  | 'mash-decision'
  | 'strategy'
  | 's47-visit'
  | 'cp-medical'
  | 'ed-attendance'
  | 'discharge-letter'
  | 'ed-liaison'
  | 'meeting'
  | 'gp-report'
  | 'welfare-request'
  | 'welfare-check'
  | 'liaison-meeting';

export const OBSERVATIONS = [
  'mould',
  'no-food',
  'dog-mess',
  'cold',
  'clutter',
  'no-bed',
  'smoke',
  'bottles',
  'clean',
  'warm-interaction',
  'nappy',
  'tired-mother',
] as const;
export type Observation = (typeof OBSERVATIONS)[number];

export interface Injury {
  kind: 'bruise' | 'burn' | 'scratch' | 'cut' | 'mark';
  site: string;
  size: string;
  explanation: string;
}

export interface Incident {
  caller: 'mother' | 'neighbour' | 'child' | 'partner';
  cause: string;
  injury: string | null;
  arrest: boolean;
  risk: 'standard' | 'medium' | 'high';
  childrenPresent: boolean;
}

export interface Facts {
  injury?: Injury;
  incident?: Incident;
  observations?: Observation[];
  /** What a routine contact was for ("6-8 week review", "chest infection"). */
  purpose?: string;
  decision?: string;
  meeting?: 'CIN meeting' | 'core group' | 'ICPC' | 'RCPC' | 'safeguarding liaison meeting';
  /** How a communication went. */
  mode?: 'phone' | 'email' | 'letter' | 'form';
  /** Which child the event is about. */
  who?: 'child' | 'sibling';
  /** Where a visit took place. */
  where?: 'home' | 'school' | 'grandmother';
  /** Who was present, besides the practitioners. */
  present?: ('mother' | 'partner' | 'grandmother')[];
  /** The worker of each agency who took part (index into the agency's workers). */
  worker?: Partial<Record<AgencyKey, number>>;
}

export interface TrueEvent {
  id: string;
  kind: EventKind;
  /** Days from the case start. */
  day: number;
  /** Minutes after midnight, local time. */
  minute: number;
  /** The agencies that took part, each of which may record its own account. */
  recordedBy: AgencyKey[];
  /** A communication's sender and receiver. */
  from?: AgencyKey;
  to?: AgencyKey;
  /** The event this one is about (the incident a call passes on, the referral acknowledged). */
  about?: TrueEvent;
  facts: Facts;
}

const INJURIES: Omit<Injury, 'explanation'>[] = [
  { kind: 'bruise', site: 'left cheek', size: '2cm' },
  { kind: 'bruise', site: 'right upper arm', size: '3cm' },
  { kind: 'bruise', site: 'lower back', size: '4cm' },
  { kind: 'bruise', site: 'forehead', size: '1.5cm' },
  { kind: 'burn', site: 'back of the left hand', size: '1cm' },
  { kind: 'burn', site: 'right forearm', size: '2cm' },
  { kind: 'scratch', site: 'neck', size: '5cm' },
  { kind: 'cut', site: 'lip', size: '1cm' },
  { kind: 'mark', site: 'behind the right ear', size: '2cm' },
];
const EXPLANATIONS = [
  'fell off the sofa',
  'banged into the door frame',
  'fell on the stairs',
  'was pushed by a cousin',
  'touched the hair straighteners',
  'fell off a scooter',
  'could not say how it happened',
  'said "Daddy did it"',
];
const DA_CAUSES = [
  'an argument about money',
  'an argument after drinking',
  'jealousy over text messages',
  'an argument about contact with the children',
  'a dispute over the partner returning to the address',
];
const HV_PURPOSES = [
  'new birth visit',
  '6-8 week review',
  '1 year review',
  '2 year review',
  'targeted visit',
  'follow-up visit',
];
const GP_PURPOSES = [
  'chest infection',
  'eczema flare',
  'ear pain',
  'immunisations',
  'weight check',
  'constipation',
  'low mood (mother)',
  'sleep problems',
];
const ED_PURPOSES = [
  'head injury',
  'ingestion of tablets',
  'burn',
  'breathing difficulty',
  'fall from height',
  'high temperature',
];
const SCHOOL_CONCERNS = [
  'arrived hungry',
  'not collected at home time',
  'unwashed uniform',
  'upset and withdrawn',
  'poor attendance',
  'said there was shouting at home',
];
const HOUSING_TOPICS = [
  'damp and mould',
  'rent arrears',
  'broken boiler',
  'report of noise',
  'condition of the garden',
  'unauthorised occupant',
];

/** An event before the timeline is sorted and numbered. */
type Draft = TrueEvent;

/** A time of day within office hours, on the quarter hour for planned contacts. */
function officeMinute(r: Random, planned: boolean, from = 8 * 60 + 30, to = 17 * 60): number {
  const m = r.int(from, to);
  return planned ? m - (m % 15) : m;
}

export function buildTimeline(world: World, r: Random): TrueEvent[] {
  const agencies = new Set(involved(world));
  const has = (k: AgencyKey) => agencies.has(k);
  const span = r.int(180, 420);
  const drafts: Draft[] = [];
  const add = (d: Omit<TrueEvent, 'id'>): Draft => {
    const e = { id: '', ...d };
    drafts.push(e);
    return e;
  };
  const workingDay = (day: number) => {
    let d = day;
    while (isWeekend(world.start, d)) d++;
    return d;
  };
  const later = (e: Draft, minutes: number) => {
    const t = e.day * 1440 + e.minute + minutes;
    return { day: Math.floor(t / 1440), minute: t % 1440 };
  };
  /** The next office-hours moment at least `gap` minutes after `e`. */
  const nextOffice = (e: { day: number; minute: number }, gap: number, planned = false) => {
    let t = e.day * 1440 + e.minute + gap;
    let day = Math.floor(t / 1440);
    let minute = t % 1440;
    if (minute > 17 * 60 || isWeekend(world.start, day)) {
      day = workingDay(day + (minute > 17 * 60 ? 1 : 0));
      minute = officeMinute(r, planned, 8 * 60 + 30, 11 * 60);
    } else if (minute < 8 * 60 + 30) {
      day = workingDay(day);
      minute = officeMinute(r, planned, 8 * 60 + 30, 11 * 60);
    }
    if (planned) minute -= minute % 15;
    t = day * 1440 + minute;
    return { day: Math.floor(t / 1440), minute: t % 1440 };
  };
  const who = (): 'child' | 'sibling' => (world.sibling && r.chance(0.3) ? 'sibling' : 'child');
  const ageOf = (w: 'child' | 'sibling') =>
    w === 'sibling' ? (world.sibling?.age ?? 0) : world.child.age;
  const present = (): ('mother' | 'partner' | 'grandmother')[] => {
    const p: ('mother' | 'partner' | 'grandmother')[] = ['mother'];
    if (r.chance(0.35)) p.push('partner');
    if (world.grandmother && r.chance(0.2)) p.push('grandmother');
    return p;
  };
  const observations = (n: number) => r.sample(OBSERVATIONS, n);
  const worker = (k: AgencyKey, i = 0) => ({ [k]: i });

  let caseOpen = false;

  /** A communication from one agency to another, each side recording it with its own probability. */
  const communication = (
    kind: 'info-call' | 'referral' | 'referral-ack' | 'ppn' | 'welfare-request',
    from: AgencyKey,
    to: AgencyKey,
    at: { day: number; minute: number },
    about: Draft | undefined,
    pFrom: number,
    pTo: number,
    facts: Facts = {},
  ) => {
    const recordedBy: AgencyKey[] = [];
    if (r.chance(pFrom)) recordedBy.push(from);
    if (r.chance(pTo)) recordedBy.push(to);
    if (recordedBy.length === 0) recordedBy.push(r.chance(0.5) ? from : to);
    const mode: Facts['mode'] =
      kind === 'referral'
        ? r.pick(['phone', 'form', 'email'] as const)
        : kind === 'ppn'
          ? 'form'
          : r.pick(['phone', 'phone', 'email'] as const);
    return add({
      kind,
      ...at,
      recordedBy,
      from,
      to,
      ...(about ? { about } : {}),
      facts: { mode, ...(about?.facts.who ? { who: about.facts.who } : {}), ...facts },
    });
  };

  const domesticIncident = (day: number) => {
    const minute = r.pick([r.int(19 * 60, 23 * 60 + 50), r.int(0, 150), r.int(16 * 60, 19 * 60)]);
    const incident = add({
      kind: 'da-incident',
      day,
      minute,
      recordedBy: ['police'],
      facts: {
        incident: {
          caller: r.pick(['mother', 'neighbour', 'neighbour', 'child', 'partner'] as const),
          cause: r.pick(DA_CAUSES),
          injury: r.chance(0.5)
            ? r.pick([
                'a red mark to her neck',
                'a swollen lip',
                'bruising to her arm',
                'a cut above her eye',
              ])
            : null,
          arrest: r.chance(0.45),
          risk: r.pick(['standard', 'medium', 'medium', 'high'] as const),
          childrenPresent: r.chance(0.7),
        },
        worker: worker('police', r.int(0, 1)),
        who: 'child',
      },
    });
    const received = nextOffice(later(incident, r.int(60, 600)), 0);
    // The police submit the notification within hours; social care logs it in office hours.
    const ppn = communication(
      'ppn',
      'police',
      'csc',
      later(incident, r.int(40, 240)),
      incident,
      0.45,
      1,
    );
    const logged = received.day * 1440 + received.minute;
    const decision = add({
      kind: 'mash-decision',
      ...nextOffice({ day: Math.floor(logged / 1440), minute: logged % 1440 }, r.int(60, 240)),
      recordedBy: ['csc'],
      about: ppn,
      facts: {
        decision: r.pick([
          'share information with universal services',
          'Early Help assessment',
          'allocate for child and family assessment',
          'strategy discussion',
        ]),
        worker: worker('csc', 1),
      },
    });
    const receivers = (['school', 'hv'] as const).filter((k) => has(k));
    for (const k of receivers) {
      if (r.chance(0.75)) {
        communication(
          'info-call',
          'csc',
          k,
          nextOffice(decision, r.int(10, 150)),
          incident,
          0.7,
          0.9,
          {
            worker: { csc: 1, [k]: 0 },
          },
        );
      }
    }
    if (has('housing') && r.chance(0.35)) {
      add({
        kind: 'housing-complaint',
        ...nextOffice(incident, r.int(600, 3000)),
        recordedBy: ['housing'],
        about: incident,
        facts: { purpose: 'report of noise', worker: worker('housing') },
      });
    }
    if (has('hv') && r.chance(0.4)) {
      communication(
        'info-call',
        'hv',
        'gp',
        nextOffice(decision, r.int(1440, 4 * 1440)),
        incident,
        0.85,
        0.75,
        {
          worker: { hv: 0, gp: 0 },
        },
      );
    }
    if (decision.facts.decision === 'strategy discussion' || r.chance(0.2)) {
      strategyAndVisit(nextOffice(decision, r.int(30, 180), true), incident, 'home');
    }
  };

  const strategyAndVisit = (
    at: { day: number; minute: number },
    about: Draft,
    where: 'home' | 'school',
  ) => {
    const attendees: AgencyKey[] = ['csc', 'police'];
    const health = r.pick((['hv', 'gp', 'hospital'] as const).filter((k) => has(k)));
    if (r.chance(0.7)) attendees.push(health);
    if (has('school') && r.chance(0.5)) attendees.push('school');
    const strategy = add({
      kind: 'strategy',
      ...at,
      recordedBy: attendees.filter((k) => k === 'csc' || r.chance(0.85)),
      about,
      facts: {
        decision: r.pick([
          'section 47 enquiry; joint visit today',
          'single agency section 47; visit today',
          'child protection medical to be arranged',
        ]),
        worker: { csc: 2, police: 2, [health]: 0, school: 0 },
        ...(about.facts.who ? { who: about.facts.who } : {}),
        ...(about.facts.injury ? { injury: about.facts.injury } : {}),
      },
    });
    caseOpen = true;
    const visit = add({
      kind: 's47-visit',
      ...later(strategy, r.int(60, 240)),
      recordedBy: ['csc', ...(r.chance(0.8) ? (['police'] as const) : [])],
      about: strategy,
      facts: {
        where,
        present: present(),
        observations: observations(r.int(1, 3)),
        worker: { csc: 0, police: 2 },
        ...(about.facts.who ? { who: about.facts.who } : {}),
        ...(about.facts.injury ? { injury: about.facts.injury } : {}),
      },
    });
    if (has('hospital') && (about.facts.injury || r.chance(0.3))) {
      const medical = add({
        kind: 'cp-medical',
        ...(r.chance(0.5) ? later(visit, r.int(90, 180)) : nextOffice(visit, 900, true)),
        recordedBy: ['hospital', ...(r.chance(0.85) ? (['csc'] as const) : [])],
        about: strategy,
        facts: {
          worker: { hospital: 0, csc: 0 },
          ...(about.facts.who ? { who: about.facts.who } : {}),
          ...(about.facts.injury ? { injury: about.facts.injury } : {}),
          decision: r.pick([
            'consistent with the account given',
            'not consistent with the account given',
            'unable to say how the injury was caused',
          ]),
        },
      });
      add({
        kind: 'discharge-letter',
        ...nextOffice(medical, r.int(2, 7) * 1440),
        recordedBy: ['gp'],
        about: medical,
        from: 'hospital',
        to: 'gp',
        facts: {
          mode: 'letter',
          worker: { gp: 0 },
          ...(medical.facts.who ? { who: medical.facts.who } : {}),
        },
      });
    }
    if (r.chance(0.45)) conference(nextOffice(visit, r.int(10, 15) * 1440, true), about, 'ICPC');
  };

  const conference = (
    at: { day: number; minute: number },
    about: Draft | undefined,
    meeting: NonNullable<Facts['meeting']>,
  ) => {
    const attendees: AgencyKey[] = ['csc'];
    for (const k of ['school', 'hv', 'police', 'gp', 'housing', 'hospital'] as const) {
      const p = {
        school: 0.9,
        hv: 0.9,
        police: meeting === 'ICPC' ? 0.7 : 0.15,
        gp: 0.25,
        housing: 0.4,
        hospital: 0.1,
      }[k];
      if (has(k) && r.chance(p)) attendees.push(k);
    }
    const m = add({
      kind: 'meeting',
      ...at,
      recordedBy: attendees.filter((k) => k === 'csc' || r.chance(0.85)),
      ...(about ? { about } : {}),
      facts: {
        meeting,
        decision:
          meeting === 'ICPC' || meeting === 'RCPC'
            ? r.pick([
                'child protection plan under neglect',
                'child protection plan under emotional abuse',
                'child protection plan under physical abuse',
                'no plan; child in need',
              ])
            : r.pick([
                'plan reviewed; actions agreed',
                'progress noted; plan continues',
                'concerns about attendance; school to monitor',
                'housing repairs to be chased',
              ]),
        worker: { csc: 0, school: 0, hv: 0, police: 2, gp: 0, housing: 0, hospital: 2 },
      },
    });
    if (has('gp') && !m.recordedBy.includes('gp') && r.chance(0.5)) {
      add({
        kind: 'gp-report',
        ...nextOffice({ day: Math.max(0, m.day - r.int(1, 3)), minute: 9 * 60 }, 0),
        recordedBy: ['gp'],
        about: m,
        facts: { meeting, worker: { gp: 0 } },
      });
    }
    caseOpen = true;
  };

  const concernAtSchool = (day: number) => {
    const w = 'child' as const;
    const injured = r.chance(0.6);
    const injury = injured ? { ...r.pick(INJURIES), explanation: r.pick(EXPLANATIONS) } : undefined;
    const concern = add({
      kind: 'school-concern',
      day: workingDay(day),
      minute: officeMinute(r, false, 8 * 60 + 40, 11 * 60),
      recordedBy: ['school'],
      facts: {
        who: w,
        worker: worker('school', 1),
        ...(injury ? { injury } : { purpose: r.pick(SCHOOL_CONCERNS) }),
      },
    });
    if (!injury && r.chance(0.6)) return;
    const referral = communication(
      'referral',
      'school',
      'csc',
      later(concern, r.int(30, 120)),
      concern,
      0.95,
      0.95,
      {
        worker: { school: 0, csc: 1 },
        ...(injury ? { injury } : {}),
      },
    );
    if (r.chance(0.7)) {
      communication(
        'referral-ack',
        'csc',
        'school',
        later(referral, r.int(45, 200)),
        referral,
        0.6,
        0.6,
        {
          worker: { school: 0, csc: 1 },
        },
      );
    }
    if (injury && r.chance(0.8))
      strategyAndVisit(
        nextOffice(referral, r.int(90, 200), true),
        concern,
        r.pick(['home', 'school']),
      );
    else {
      add({
        kind: 'mash-decision',
        ...later(referral, r.int(120, 300)),
        recordedBy: ['csc'],
        about: referral,
        facts: {
          decision: r.pick([
            'Early Help assessment',
            'no further action; advice to school',
            'allocate for child and family assessment',
          ]),
          worker: worker('csc', 1),
        },
      });
    }
  };

  const concernAtVisit = (day: number) => {
    const w = who();
    const injury = { ...r.pick(INJURIES), explanation: r.pick(EXPLANATIONS) };
    const visit = add({
      kind: 'hv-visit',
      day: workingDay(day),
      minute: officeMinute(r, true, 9 * 60, 15 * 60),
      recordedBy: ['hv'],
      facts: {
        who: w,
        injury,
        purpose: r.pick(HV_PURPOSES),
        present: present(),
        observations: observations(2),
        worker: worker('hv'),
      },
    });
    const referral = communication(
      'referral',
      'hv',
      'csc',
      later(visit, r.int(60, 180)),
      visit,
      0.95,
      0.95,
      {
        worker: { hv: 0, csc: 1 },
        injury,
      },
    );
    if (r.chance(0.6)) {
      communication(
        'referral-ack',
        'csc',
        'hv',
        later(referral, r.int(30, 240)),
        referral,
        0.5,
        0.6,
        { worker: { hv: 0, csc: 1 } },
      );
    }
    if (r.chance(0.75)) strategyAndVisit(nextOffice(referral, r.int(60, 180), true), visit, 'home');
  };

  const emergencyAttendance = (day: number) => {
    const w = who();
    const purpose = r.pick(ED_PURPOSES);
    const injury =
      purpose === 'head injury' || purpose === 'burn' || purpose === 'fall from height'
        ? { ...r.pick(INJURIES), explanation: r.pick(EXPLANATIONS) }
        : undefined;
    const attendance = add({
      kind: 'ed-attendance',
      day,
      minute: r.int(0, 1439),
      recordedBy: ['hospital'],
      facts: {
        who: w,
        purpose,
        present: present(),
        worker: worker('hospital', 1),
        ...(injury ? { injury } : {}),
      },
    });
    const referred = r.chance(0.65);
    if (referred) {
      const referral = communication(
        'referral',
        'hospital',
        'csc',
        r.chance(0.5) ? later(attendance, r.int(60, 200)) : nextOffice(attendance, r.int(120, 400)),
        attendance,
        0.9,
        0.95,
        { worker: { hospital: 2, csc: 1 }, ...(injury ? { injury } : {}) },
      );
      if (r.chance(0.6)) {
        communication(
          'referral-ack',
          'csc',
          'hospital',
          nextOffice(referral, r.int(30, 300)),
          referral,
          0.6,
          0.5,
          {
            worker: { hospital: 2, csc: 1 },
          },
        );
      }
      add({
        kind: 'mash-decision',
        ...nextOffice(referral, r.int(90, 300)),
        recordedBy: ['csc'],
        about: referral,
        facts: {
          decision: r.pick([
            'no further action; health to follow up',
            'allocate for child and family assessment',
            'strategy discussion',
          ]),
          worker: worker('csc', 1),
        },
      });
    }
    if (has('hv') && ageOf(w) < 5 && r.chance(0.8)) {
      add({
        kind: 'ed-liaison',
        ...nextOffice(attendance, r.int(1, 3) * 1440),
        recordedBy: ['hv'],
        about: attendance,
        from: 'hospital',
        to: 'hv',
        facts: { who: w, mode: 'form', worker: worker('hv') },
      });
    }
    add({
      kind: 'discharge-letter',
      ...nextOffice(attendance, r.int(1, 4) * 1440),
      recordedBy: ['gp'],
      about: attendance,
      from: 'hospital',
      to: 'gp',
      facts: { who: w, mode: 'letter', worker: worker('gp') },
    });
  };

  const homeConditions = (day: number) => {
    const seenBy: AgencyKey =
      has('housing') && r.chance(0.6) ? 'housing' : has('hv') ? 'hv' : 'csc';
    const obs = observations(r.int(2, 3)).filter((o) => o !== 'clean' && o !== 'warm-interaction');
    const first = add({
      kind: seenBy === 'housing' ? 'housing-visit' : seenBy === 'hv' ? 'hv-visit' : 'sw-visit',
      day: workingDay(day),
      minute: officeMinute(r, true, 9 * 60, 16 * 60),
      recordedBy: [seenBy],
      facts: {
        purpose: seenBy === 'housing' ? r.pick(HOUSING_TOPICS) : r.pick(HV_PURPOSES),
        observations: obs.length ? obs : ['mould'],
        present: present(),
        worker: worker(seenBy),
        who: who(),
      },
    });
    if (seenBy === 'csc') return;
    const call = communication(
      r.chance(0.5) ? 'referral' : 'info-call',
      seenBy,
      'csc',
      later(first, r.int(40, 200)),
      first,
      0.85,
      0.9,
      {
        worker: { [seenBy]: 0, csc: 0 },
      },
    );
    const partner: AgencyKey =
      seenBy === 'housing' ? (has('hv') && r.chance(0.5) ? 'hv' : 'housing') : 'hv';
    add({
      kind: 'joint-visit',
      ...nextOffice(call, r.int(2, 9) * 1440, true),
      recordedBy: ['csc', partner],
      facts: {
        where: 'home',
        present: present(),
        observations: first.facts.observations ?? ['mould'],
        worker: { csc: 0, [partner]: 0 },
        who: first.facts.who ?? 'child',
      },
    });
    if (r.chance(0.6))
      conference(nextOffice(call, r.int(14, 28) * 1440, true), first, 'CIN meeting');
  };

  const welfare = (day: number) => {
    const request = communication(
      'welfare-request',
      'csc',
      'police',
      { day: workingDay(day), minute: officeMinute(r, false, 14 * 60, 17 * 60) },
      undefined,
      0.9,
      0.8,
      {
        worker: { csc: 0, police: 0 },
      },
    );
    const check = add({
      kind: 'welfare-check',
      ...later(request, r.int(120, 360)),
      recordedBy: ['police'],
      about: request,
      facts: {
        present: present(),
        observations: observations(1),
        worker: worker('police', r.int(0, 1)),
        who: 'child',
      },
    });
    communication(
      'info-call',
      'police',
      'csc',
      nextOffice(check, r.int(30, 600)),
      check,
      0.35,
      0.9,
      { worker: { csc: 0, police: 0 } },
    );
  };

  // Episodes, spread over the case.
  const episodes: ((day: number) => void)[] = [];
  episodes.push(domesticIncident);
  if (has('school')) episodes.push(concernAtSchool);
  if (has('hv')) episodes.push(concernAtVisit);
  if (has('hospital')) episodes.push(emergencyAttendance);
  episodes.push(homeConditions, welfare);
  const count = r.int(3, 6);
  for (let i = 0; i < count; i++) {
    const day = Math.floor(((i + r.next()) / count) * (span - 14));
    r.pick(episodes)(day);
  }
  if (r.chance(0.6)) domesticIncident(r.int(0, span - 7));

  // Routine work: each agency's own contacts, and the joint ones once the case is open.
  const openFrom = Math.min(
    ...drafts.filter((d) => d.kind === 'strategy' || d.kind === 'meeting').map((d) => d.day),
    span,
  );
  const every = (lo: number, hi: number, fn: (day: number) => void, from = 0) => {
    for (let day = from + r.int(0, hi); day < span; day += r.int(lo, hi)) {
      if (!isWeekend(world.start, day)) fn(day);
    }
  };
  if (has('hv')) {
    every(18, 50, (day) => {
      const w: 'child' | 'sibling' =
        world.sibling && ageOf('sibling') < 5 && (ageOf('child') >= 5 || r.chance(0.4))
          ? 'sibling'
          : 'child';
      add({
        kind: r.chance(0.75) ? 'hv-visit' : 'hv-clinic',
        day,
        minute: officeMinute(r, true, 9 * 60, 16 * 60),
        recordedBy: ['hv'],
        facts: {
          who: w,
          purpose: r.pick(HV_PURPOSES),
          present: present(),
          observations: observations(r.int(1, 2)),
          worker: worker('hv', r.chance(0.2) ? 1 : 0),
        },
      });
    });
    every(50, 80, (day) =>
      add({
        kind: 'liaison-meeting',
        day,
        minute: officeMinute(r, true, 12 * 60, 14 * 60),
        recordedBy: ['hv', 'gp'].filter(() => r.chance(0.9)) as AgencyKey[],
        facts: { meeting: 'safeguarding liaison meeting', worker: { hv: 0, gp: 0 } },
      }),
    );
  }
  every(20, 45, (day) => {
    const w = who();
    add({
      kind: r.chance(0.8) ? 'gp-consult' : 'gp-dna',
      day,
      minute: officeMinute(r, false, 8 * 60 + 30, 17 * 60 + 30),
      recordedBy: ['gp'],
      facts: {
        who: w,
        purpose: r.pick(GP_PURPOSES),
        present: present(),
        worker: worker('gp', r.chance(0.25) ? 1 : 0),
      },
    });
  });
  if (has('school')) {
    every(20, 60, (day) =>
      add({
        kind: r.chance(0.6) ? 'school-concern' : 'school-meeting',
        day,
        minute: officeMinute(r, false, 8 * 60 + 30, 15 * 60 + 30),
        recordedBy: ['school'],
        facts: {
          who: 'child',
          purpose: r.pick(SCHOOL_CONCERNS),
          present: ['mother'],
          worker: worker('school', r.int(0, 1)),
        },
      }),
    );
  }
  if (has('housing')) {
    every(30, 90, (day) =>
      add({
        kind: r.chance(0.5) ? 'housing-letter' : 'housing-visit',
        day,
        minute: officeMinute(r, true),
        recordedBy: ['housing'],
        facts: {
          purpose: r.pick(HOUSING_TOPICS),
          present: ['mother'],
          observations: observations(1),
          worker: worker('housing', r.int(0, 1)),
        },
      }),
    );
  }
  if (caseOpen || openFrom < span) {
    every(
      10,
      28,
      (day) => {
        const roll = r.next();
        const kind: EventKind =
          roll < 0.55
            ? 'sw-visit'
            : roll < 0.8 && has('school')
              ? 'sw-school-visit'
              : has('hv')
                ? 'joint-visit'
                : 'sw-visit';
        const partner: AgencyKey | undefined =
          kind === 'sw-school-visit' ? 'school' : kind === 'joint-visit' ? 'hv' : undefined;
        add({
          kind,
          day,
          minute: officeMinute(r, true, 9 * 60, 16 * 60),
          recordedBy: partner ? ['csc', partner] : ['csc'],
          facts: {
            where: kind === 'sw-school-visit' ? 'school' : r.chance(0.9) ? 'home' : 'grandmother',
            present: present(),
            observations: observations(r.int(1, 3)),
            who: who(),
            worker: partner ? { csc: 0, [partner]: 0 } : { csc: 0 },
          },
        });
      },
      openFrom,
    );
    every(
      35,
      60,
      (day) =>
        conference(
          { day, minute: officeMinute(r, true, 9 * 60 + 30, 15 * 60) },
          undefined,
          r.chance(0.7) ? 'CIN meeting' : 'core group',
        ),
      openFrom + 20,
    );
  }

  return drafts
    .filter((d) => d.day >= 0 && d.day <= span + 14 && d.recordedBy.length > 0)
    .sort((a, b) => a.day - b.day || a.minute - b.minute)
    .map((d, i) => {
      d.id = `E-${i + 1}`;
      return d;
    });
}
