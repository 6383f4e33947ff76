/**
 * The fictional world of one synthetic case: a family at an address in an
 * invented town, and the agencies (with their named practitioners) that
 * worked with it. Every name and place here is made up.
 */
import type { Random } from './random.ts';

export const AGENCY_KEYS = ['police', 'hv', 'gp', 'hospital', 'school', 'csc', 'housing'] as const;
export type AgencyKey = (typeof AGENCY_KEYS)[number];

export interface Worker {
  first: string;
  last: string;
  /** Full title: "Health Visitor", "Detective Constable". */
  title: string;
  /** Usual short form: "HV", "DC", "SW". */
  short: string;
  /** Police collar number or staff number, where the agency writes one. */
  number?: string;
}

export interface AgencyInfo {
  key: AgencyKey;
  name: string;
  sector: string;
  /** The place it works from, as other agencies name it. */
  place: string;
  workers: Worker[];
}

export interface FamilyMember {
  first: string;
  last: string;
  role: 'child' | 'sibling' | 'mother' | 'partner' | 'grandmother';
  roleInCase: string;
  label: string;
  /** ISO date of birth. */
  dob: string;
  /** Age in whole years at the case start. */
  age: number;
  /** Names other records use: a nickname, a shortened first name. */
  aliases: string[];
}

export interface World {
  seed: number;
  town: string;
  address: { house: number; street: string; postcode: string };
  /** The first day of the case (ISO). */
  start: string;
  child: FamilyMember;
  sibling?: FamilyMember;
  mother: FamilyMember;
  partner: FamilyMember;
  grandmother?: FamilyMember;
  agencies: Partial<Record<AgencyKey, AgencyInfo>>;
}

const TOWNS = [
  'Eastmere',
  'Brackenford',
  'Sallowby',
  'Thornwick',
  'Cresswold',
  'Dunmarsh',
  'Wyeholme',
  'Fallowfield Cross',
  'Harrowden',
  'Kettleby Moor',
  'Lindenhurst',
  'Marlstone',
];
const STREETS = [
  'Larch Close',
  'Ashgrove Road',
  'Birchfield Avenue',
  'Tanners Lane',
  'Kestrel Way',
  'Orchard Rise',
  'Coppice Walk',
  'Millrace Court',
  'Saxon Drive',
  'Heron Gardens',
  'Quarry Bank',
  'Wren Street',
];
const CHILD_FIRST = [
  'Jaylen',
  'Mia',
  'Kacey',
  'Riley',
  'Skye',
  'Tobias',
  'Lacey',
  'Ellis',
  'Harley',
  'Nevaeh',
  'Brodie',
  'Maisie',
  'Kian',
  'Poppy',
  'Alfie',
  'Ivy',
];
const ADULT_FEMALE = [
  'Kerry',
  'Shannon',
  'Danielle',
  'Chantelle',
  'Leanne',
  'Jodie',
  'Stacey',
  'Gemma',
];
const ADULT_MALE = ['Dean', 'Craig', 'Lee', 'Wayne', 'Jamie', 'Ryan', 'Darren', 'Kyle'];
const NICKNAMES: Record<string, string> = {
  Kerry: 'Kez',
  Shannon: 'Shan',
  Danielle: 'Dani',
  Chantelle: 'Chan',
  Leanne: 'Lea',
  Jodie: 'Jo',
  Stacey: 'Stace',
  Gemma: 'Gem',
};
const GRAN = ['Brenda', 'Maureen', 'Pauline', 'Denise', 'Carol'];
const SURNAMES = [
  'Walsh',
  'Hollis',
  'Pryce',
  'Danvers',
  'Marchant',
  'Ellery',
  'Tolland',
  'Swift',
  'Brannigan',
  'Corbett',
  'Ashdown',
  'Keable',
  'Mottram',
  'Ridley',
];
const WORKER_FIRST = [
  'Sian',
  'Tendai',
  'Priya',
  'Gareth',
  'Olu',
  'Joanne',
  'Marek',
  'Farah',
  'Ruth',
  'Callum',
  'Anita',
  'Owen',
  'Bethan',
  'Imran',
  'Helen',
  'Stuart',
  'Nkechi',
  'Claire',
];
const WORKER_LAST = [
  'Pritchard',
  'Okafor',
  'Haines',
  'Mensah',
  'Fairweather',
  'Lowe',
  'Carver',
  'Ahmed',
  'Morley',
  'Sutcliffe',
  'Kowalski',
  'Begum',
  'Rennard',
  'Thackeray',
  'Oduya',
  'Penhaligon',
  'Dalby',
  'Stroud',
];

const pad = (n: number) => String(n).padStart(2, '0');

function isoDay(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

export function dayToDate(start: string, day: number): Date {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + day);
  return d;
}

export function isWeekend(start: string, day: number): boolean {
  const wd = dayToDate(start, day).getUTCDay();
  return wd === 0 || wd === 6;
}

function birthday(r: Random, start: string, age: number): string {
  const d = dayToDate(start, -(age * 365 + r.int(20, 340)));
  return isoDay(d);
}

export function buildWorld(seed: number, r: Random): World {
  const town = r.pick(TOWNS);
  const surnames = r.shuffle(SURNAMES);
  const familyName = surnames[0] as string;
  const partnerName = r.chance(0.6) ? (surnames[1] as string) : familyName;
  const year = r.int(2020, 2024);
  const start = isoDay(new Date(Date.UTC(year, r.int(0, 11), r.int(1, 28))));
  const childAge = r.pick([0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const names = r.shuffle(CHILD_FIRST);
  const member = (
    first: string,
    last: string,
    role: FamilyMember['role'],
    roleInCase: string,
    label: string,
    age: number,
    aliases: string[] = [],
  ): FamilyMember => ({
    first,
    last,
    role,
    roleInCase,
    label,
    age,
    dob: birthday(r, start, age),
    aliases,
  });
  const childFirst = names[0] as string;
  const child = member(childFirst, familyName, 'child', 'subject child', 'Child A', childAge);
  const sibling = r.chance(0.55)
    ? member(
        names[1] as string,
        familyName,
        'sibling',
        childAge > 2 ? 'younger sibling' : 'older sibling',
        'Sibling 1',
        childAge > 2 ? r.int(0, childAge - 2) : childAge + r.int(2, 6),
      )
    : undefined;
  const motherFirst = r.pick(ADULT_FEMALE);
  const mother = member(motherFirst, familyName, 'mother', 'mother', 'Mother', r.int(19, 36), [
    NICKNAMES[motherFirst] ?? motherFirst,
  ]);
  const partnerFirst = r.pick(ADULT_MALE);
  const partner = member(
    partnerFirst,
    partnerName,
    'partner',
    partnerName === familyName ? 'father' : "mother's partner",
    partnerName === familyName ? 'Father' : 'Male Partner',
    r.int(21, 40),
  );
  const grandmother = r.chance(0.4)
    ? member(
        r.pick(GRAN),
        r.pick(SURNAMES),
        'grandmother',
        'maternal grandmother',
        'Grandmother',
        r.int(45, 62),
      )
    : undefined;

  const youngest = Math.min(child.age, sibling?.age ?? 99);
  const oldest = Math.max(child.age, sibling?.age ?? 0);
  const workers = r.shuffle(
    WORKER_FIRST.flatMap((f, i) => [
      { first: f, last: WORKER_LAST[(i * 7 + seed) % WORKER_LAST.length] as string },
    ]),
  );
  let w = 0;
  const worker = (title: string, short: string, number?: string): Worker => {
    const base = workers[w++ % workers.length] as { first: string; last: string };
    return { ...base, title, short, ...(number ? { number } : {}) };
  };
  const force = r.pick(['Northshire Police', 'Wealdmoor Constabulary', 'Eastwold Police']);
  const hospitalName = r.pick([
    `${town} General Hospital`,
    `${town} Royal Infirmary`,
    `St Aldhelm's Hospital, ${town}`,
  ]);
  const schoolName =
    oldest >= 4
      ? r.pick([
          'Brookfield Primary School',
          'St Cuthwin CE Primary',
          'Hollins Lane Academy',
          'Meadowcroft Infant School',
        ])
      : undefined;
  const agencies: Partial<Record<AgencyKey, AgencyInfo>> = {
    police: {
      key: 'police',
      name: force,
      sector: 'police',
      place: `${town} police station`,
      workers: [
        worker('Police Constable', 'PC', String(r.int(1100, 4999))),
        worker('Police Constable', 'PC', String(r.int(1100, 4999))),
        worker('Detective Constable', 'DC', String(r.int(1100, 4999))),
      ],
    },
    gp: {
      key: 'gp',
      name: r.pick([`Millbrook Surgery`, `${town} Health Centre`, `Riverside Medical Practice`]),
      sector: 'health',
      place: 'the surgery',
      workers: [worker('General Practitioner', 'Dr'), worker('Practice Nurse', 'PN')],
    },
    csc: {
      key: 'csc',
      name: r.pick([
        `${town} Children's Social Care`,
        `${town} Borough Council Children's Services`,
      ]),
      sector: 'children-social-care',
      place: 'MASH',
      workers: [
        worker('Social Worker', 'SW'),
        worker('MASH Social Worker', 'SW'),
        worker('Team Manager', 'TM'),
      ],
    },
  };
  if (youngest < 5) {
    agencies.hv = {
      key: 'hv',
      name: r.pick([
        `${town} Health Visiting Service`,
        'Community Health Visiting Team',
        '0-19 Public Health Nursing',
      ]),
      sector: 'health',
      place: 'the health visiting team',
      workers: [worker('Health Visitor', 'HV'), worker('Community Nursery Nurse', 'CNN')],
    };
  }
  if (schoolName) {
    agencies.school = {
      key: 'school',
      name: schoolName,
      sector: 'education',
      place: schoolName,
      workers: [worker('Designated Safeguarding Lead', 'DSL'), worker('Class Teacher', 'teacher')],
    };
  }
  if (r.chance(0.85)) {
    agencies.hospital = {
      key: 'hospital',
      name: hospitalName,
      sector: 'health',
      place: hospitalName,
      workers: [
        worker('Paediatric Registrar', 'Dr'),
        worker('Emergency Department Nurse', 'SN'),
        worker('Paediatric Liaison Nurse', 'PLN'),
      ],
    };
  }
  if (r.chance(0.65)) {
    agencies.housing = {
      key: 'housing',
      name: r.pick([
        `${town} Homes`,
        `${town} Borough Council Housing`,
        'Greenway Housing Association',
      ]),
      sector: 'housing',
      place: 'housing',
      workers: [worker('Housing Officer', 'HO'), worker('Tenancy Sustainment Officer', 'TSO')],
    };
  }
  return {
    seed,
    town,
    address: {
      house: r.int(2, 88),
      street: r.pick(STREETS),
      postcode: `${r.pick(['EM', 'BK', 'SW', 'TH'])}${r.int(1, 9)} ${r.int(1, 9)}${r.pick(['AB', 'DX', 'LQ', 'RT', 'WN'])}`,
    },
    start,
    child,
    ...(sibling ? { sibling } : {}),
    mother,
    partner,
    ...(grandmother ? { grandmother } : {}),
    agencies,
  };
}

export function agencyOf(world: World, key: AgencyKey): AgencyInfo {
  const a = world.agencies[key];
  if (!a) throw new Error(`agency ${key} is not in this case`);
  return a;
}

export function involved(world: World): AgencyKey[] {
  return AGENCY_KEYS.filter((k) => world.agencies[k]);
}
