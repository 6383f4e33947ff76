/**
 * Chronology merge and duplicate finding over 100,000 entries from 12 agencies
 * across three years, with planted cross-agency duplicates. Runs in a child
 * process so its peak memory is its own: the figure is the kernel's high-water
 * mark of resident memory (`process.resourceUsage().maxRSS`) for a process that
 * generated the entries and ran the merge and duplicate finding — an upper
 * bound on what the work needs, Node's own ~50 MB included.
 */
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { findDuplicates } from '../src/chronology/find-duplicates.ts';
import type { ChronologyEntry, EventDate } from '../src/domain/chronology-entry.ts';
import { orderedChronology } from '../src/domain/display-order.ts';
import type { Person } from '../src/domain/person.ts';
import { seededRandom } from '../src/graph/graphology-interop.ts';
import type { BenchResult } from './event-store.bench.ts';

const ENTRIES = 100_000;
const AGENCY_COUNT = 12;
const DAYS = 3 * 365;
/** Share of events a second agency also records (planted duplicates). */
const DUPLICATE_SHARE = 0.02;
const TIME_TARGET_S = 2;
const MEMORY_TARGET_MB = 600;

const AGENCIES = [
  'Fenwick Vale Police',
  "Children's Social Care",
  'Health Visiting',
  'Fenwick General Hospital ED',
  'Meadowbank GP Practice',
  'Little Acorns Nursery',
  'Ambulance Service',
  'Fenwick Vale Housing',
  'Probation Service',
  'CAMHS',
  'Oakfield Primary School',
  'Midwifery Service',
];

const FIRST = [
  'Jaylen',
  'Ruby',
  'Kerry',
  'Dean',
  'Patricia',
  'Liam',
  'Shannon',
  'Tyler',
  'Mia',
  'Connor',
  'Leah',
  'Brandon',
  'Chloe',
  'Kyle',
  'Amber',
  'Jordan',
  'Paige',
  'Reece',
  'Demi',
  'Lewis',
];
const LAST = [
  'Walsh',
  'Foster',
  'Carter',
  'Hughes',
  'Bennett',
  'Doyle',
  'Price',
  'Marsh',
  'Quinn',
  'Rowe',
];
const STREETS = [
  'Ashgrove Road',
  'Larch Close',
  'Birch Avenue',
  'Mill Lane',
  'Station Street',
  'Kestrel Drive',
  'Orchard Way',
  'Canal Terrace',
  'Hawthorn Grove',
  'Church Walk',
  'Meadow Rise',
  'Priory Court',
  'Elm Crescent',
  'Victoria Street',
  'Oak Gardens',
  'Willow Place',
];
const INJURIES = [
  'bruise to the cheek',
  'cut lip',
  'burn to the hand',
  'swollen eye',
  'scratch on the neck',
  'bump to the head',
  'graze on the knee',
  'fingertip bruising to the arm',
  'split lip',
  'mark on the back',
];
const CAUSES = [
  'fall from the sofa',
  'fall down the stairs',
  'trip in the garden',
  'fight with a sibling',
  'rough play',
  'walking into a door',
  'fall from a bike',
  'the dog jumping up',
];
const CONCERNS = [
  'poor home conditions',
  'missed appointments',
  'low school attendance',
  'parental drinking',
  'cannabis use',
  'rent arrears',
  'low mood',
  'lack of food',
  'head lice',
  'unwashed clothes',
  'a smell of smoke',
  'broken windows',
  'no heating',
  'dog mess on the floor',
];
const OUTCOMES = [
  'advice given',
  'no further action',
  'referral made to early help',
  'follow-up visit booked',
  'case closed',
  'letter sent',
  'plan agreed',
  'review in four weeks',
  'leaflet given',
  'information shared',
];
const FILLER = [
  'calm',
  'tired',
  'tearful',
  'cooperative',
  'guarded',
  'angry',
  'settled',
  'quiet',
  'chatty',
  'unkempt',
  'smartly dressed',
  'withdrawn',
  'anxious',
  'relaxed',
];

interface Slots {
  who: string;
  adult: string;
  street: string;
  house: number;
  injury: string;
  cause: string;
  concern: string;
  outcome: string;
  mood: string;
  n: number;
}

type Template = (s: Slots) => string;

/** Two wordings of each kind of event: the first agency's and a second agency's. */
const EVENT_KINDS: [Template, Template][] = [
  [
    (s) =>
      `999 call reporting shouting at ${s.house} ${s.street}. Officers attended; ${s.adult} had a ${s.injury} and said her partner caused it. Partner arrested. ${s.n} children present, ${s.who} asleep.`,
    (s) =>
      `Crew called by police to ${s.street}: female with ${s.injury} after an assault by her partner, who was arrested. Treated at scene, ${s.mood}.`,
  ],
  [
    (s) =>
      `${s.who} brought to ED with a ${s.injury} after a ${s.cause}. Seen by doctor, ${s.mood}. Discharged home with advice.`,
    (s) =>
      `Called to ${s.street}: child with a ${s.injury}, parent says ${s.cause}. Conveyed to ED, ${s.mood}.`,
  ],
  [
    (s) =>
      `Joint home visit with the health visitor to ${s.street}. ${s.adult} ${s.mood}; ${s.concern} noted. ${s.who} seen. ${s.outcome}.`,
    (s) =>
      `Home visit with social worker. Concern about ${s.concern}. ${s.who} seen and ${s.mood}. ${s.outcome}.`,
  ],
  [
    (s) =>
      `Strategy discussion about ${s.who} following a ${s.injury}. Agreed section 47 enquiry and a medical. ${s.outcome}.`,
    (s) =>
      `Attended strategy meeting re ${s.who}: ${s.injury} explained as ${s.cause}. Decision: s47 and CP medical.`,
  ],
  [
    (s) =>
      `Welfare check at ${s.house} ${s.street} with the tenancy officer. ${s.adult} ${s.mood}; ${s.concern}. ${s.outcome}.`,
    (s) =>
      `Tenancy officer visited ${s.street} with police to check on welfare: ${s.concern}, occupant ${s.mood}.`,
  ],
  [
    (s) =>
      `Core group meeting for ${s.who}: attendance ${60 + s.n * 5}%, ${s.concern} discussed. ${s.outcome}.`,
    (s) =>
      `Core group held: ${s.who}'s attendance is ${60 + s.n * 5}%, worries about ${s.concern}.`,
  ],
];

/** Single-agency records: routine contacts that are nobody's duplicate. */
const ROUTINE: Template[] = [
  (s) => `${s.who} seen in clinic, ${s.mood}. Weight ${s.n + 8}.${s.n} kg. ${s.outcome}.`,
  (s) => `Phone contact with ${s.adult} about ${s.concern}. ${s.outcome}.`,
  (s) => `${s.who} attended, ${s.mood}; ${s.concern} mentioned by staff. ${s.outcome}.`,
  (s) => `Letter sent to ${s.adult} at ${s.house} ${s.street} about ${s.concern}.`,
  (s) => `Home visit: no answer at ${s.street}. Card left. ${s.outcome}.`,
  (s) => `${s.adult} seen for ${s.concern}; ${s.mood}. ${s.outcome}.`,
  (s) => `${s.who} arrived late with a ${s.injury}; parent said ${s.cause}. Body map completed.`,
  (s) => `Supervision discussion about ${s.who}: ${s.concern}. ${s.outcome}.`,
  (s) => `Report of youths causing damage on ${s.street}. Area search, ${s.outcome}.`,
  (s) => `${s.adult} missed the appointment about ${s.concern}. ${s.outcome}.`,
];

const pad = (n: number) => String(n).padStart(2, '0');

/** How each agency opens its routine notes, so agencies do not word routine contacts alike. */
const AGENCY_OPENINGS = [
  'Incident log:',
  'Case note:',
  'HV contact:',
  'ED record:',
  'Consultation:',
  'Nursery diary:',
  'Call-out:',
  'Tenancy note:',
  'Supervision record:',
  'Clinic letter:',
  'School log:',
  'Midwife note:',
];

/**
 * A vocabulary of made-up lower-case words drawn with a Zipf-like law, so the
 * chronology has the long tail of words real records have (thousands of
 * distinct words, a few very common) rather than a template's few hundred.
 */
function detailWords(rand: () => number, size: number): (count: number) => string {
  const syllables = [
    'ba',
    'ke',
    'lo',
    'mi',
    'nu',
    'ra',
    'si',
    'to',
    've',
    'di',
    'fa',
    'go',
    'hu',
    'pe',
    'sa',
    'ti',
    'wo',
    'ze',
    'ch',
    'or',
    'an',
    'el',
    'is',
    'un',
  ];
  const words: string[] = [];
  for (let i = 0; i < size; i++) {
    let w = '';
    let k = i;
    do {
      w += syllables[k % syllables.length];
      k = Math.floor(k / syllables.length);
    } while (k > 0);
    words.push(w.length < 4 ? `${w}ng` : w);
  }
  // Inverse-CDF sampling of rank ∝ 1/r.
  const h = Math.log(size) + 0.5772;
  return (count) => {
    const out: string[] = [];
    for (let i = 0; i < count; i++) {
      const r = Math.min(size - 1, Math.floor(Math.exp(rand() * h)) - 1);
      out.push(words[Math.max(0, r)] as string);
    }
    return out.join(' ');
  };
}

function isoDay(day: number): string {
  return new Date(Date.UTC(2021, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
}

function dateAt(rand: () => number, day: number, minute: number): EventDate {
  const start = isoDay(day);
  const [y, m, d] = start.split('-');
  const roll = rand();
  const time = `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
  if (roll < 0.6) return { precision: 'time', start, time, original: `${d}/${m}/${y} ${time}` };
  if (roll < 0.9) return { precision: 'day', start, original: `${d}/${m}/${y}` };
  if (roll < 0.95) return { precision: 'approximate', start, original: `approx ${d}/${m}/${y}` };
  if (roll < 0.985) {
    const last = new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate();
    return {
      precision: 'month',
      start: `${y}-${m}-01`,
      end: `${y}-${m}-${pad(last)}`,
      original: `?/${m}/${y}`,
    };
  }
  if (roll < 0.995) {
    const early = Number(d) <= 10;
    return {
      precision: 'range',
      start: `${y}-${m}-${early ? '01' : '11'}`,
      end: `${y}-${m}-${early ? '10' : '20'}`,
      original: `${early ? 'early' : 'mid'} ${m}/${y}`,
    };
  }
  return { precision: 'unknown', original: 'unknown' };
}

export interface GeneratedChronology {
  entries: ChronologyEntry[];
  persons: Person[];
  agencies: Record<string, { name: string }>;
  /** Pairs planted as the same event recorded by two agencies. */
  planted: [string, string][];
}

/** A deterministic chronology of `count` entries from 12 agencies over three years. */
export function generateChronology(count: number, seed = 20_231_114): GeneratedChronology {
  const rand = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const agencies = Object.fromEntries(
    AGENCIES.slice(0, AGENCY_COUNT).map((name, i) => [`AG-${i + 1}`, { name }]),
  );
  const persons: Person[] = FIRST.map((first, i) => ({
    id: `P-${i + 1}`,
    realName: `${first} ${LAST[i % LAST.length]}`,
    aliases: [],
    initials: [],
    phones: [],
    roleInCase: i < 8 ? 'child' : 'adult',
    publicationLabel: `Person ${i + 1}`,
  }));
  const children = FIRST.slice(0, 8);
  const adults = FIRST.slice(8);
  const entries: ChronologyEntry[] = [];
  const planted: [string, string][] = [];
  const detail = detailWords(rand, 20_000);
  const tail = detailWords(rand, 60_000);
  const rareWord = () => {
    let w = tail(1);
    // Keep drawing until the word is from the long tail (not among the 2,000 commonest).
    for (let i = 0; i < 20 && w.length < 7; i++) w = tail(1);
    return w;
  };
  const records = new Map<string, number>();
  const add = (agencyId: string, date: EventDate, text: string): string => {
    const id = `CH-${entries.length + 1}`;
    const record = (records.get(agencyId) ?? 0) + 1;
    records.set(agencyId, record);
    entries.push({
      id,
      agencyId,
      date,
      text,
      provenance: { method: 'import', file: `${agencyId.toLowerCase()}-return.csv`, record },
      extra: {},
    });
    return id;
  };
  while (entries.length < count) {
    const s: Slots = {
      who: `${pick(children)} ${pick(LAST)}`,
      adult: `${pick(adults)} ${pick(LAST)}`,
      street: pick(STREETS),
      house: 1 + Math.floor(rand() * 80),
      injury: pick(INJURIES),
      cause: pick(CAUSES),
      concern: pick(CONCERNS),
      outcome: pick(OUTCOMES),
      mood: pick(FILLER),
      n: 1 + Math.floor(rand() * 6),
    };
    const day = Math.floor(rand() * DAYS);
    const minute = 7 * 60 + Math.floor(rand() * 15 * 60);
    const agency = `AG-${1 + Math.floor(rand() * AGENCY_COUNT)}`;
    if (rand() < DUPLICATE_SHARE && entries.length < count - 1) {
      const [first, second] = pick(EVENT_KINDS);
      // The specifics of this event (a place in the home, an object, a name), which both
      // agencies record in their own sentences: rare words, as specifics are in real records.
      const specifics = `${rareWord()} ${rareWord()}`;
      const other = `AG-${1 + ((Number(agency.slice(3)) + Math.floor(rand() * (AGENCY_COUNT - 1))) % AGENCY_COUNT)}`;
      const time = `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
      const a = add(
        agency,
        { precision: 'time', start: isoDay(day), time, original: `${isoDay(day)} ${time}` },
        `${first(s)} ${specifics} ${detail(3 + Math.floor(rand() * 6))}.`,
      );
      // The second agency records it up to 20 hours later, in its own words.
      const later = minute + Math.floor(rand() * 20 * 60);
      const b = add(
        other,
        dateAt(rand, day + Math.floor(later / 1440), later % 1440),
        `${second(s)} ${detail(2 + Math.floor(rand() * 4))} ${specifics}.`,
      );
      planted.push([a, b]);
    } else {
      // Each agency writes its own kinds of routine note, so agencies do not word them alike.
      const k = Number(agency.slice(3)) - 1;
      const opening = AGENCY_OPENINGS[k] as string;
      const template = ROUTINE[k % ROUTINE.length] as Template;
      add(
        agency,
        dateAt(rand, day, minute),
        `${opening} ${template(s)} ${detail(4 + Math.floor(rand() * 8))}.`,
      );
    }
  }
  return { entries, persons, agencies, planted };
}

interface ChildReport {
  sortMs: number;
  mergeMs: number;
  duplicatesMs: number;
  /** CPU time of merge + duplicates: less sensitive than wall time to other work on the host. */
  cpuMs: number;
  /** The host's 1-minute load average when the measurement began. */
  load: number;
  clusters: number;
  plantedFound: number;
  planted: number;
  /** Cross-entry pairs the clusters put together, planted or not. */
  pairsFound: number;
  maxRssMb: number;
  rssBeforeMb: number;
}

/** The measured part, run inside the child process. */
function measure(): ChildReport {
  const generated = generateChronology(ENTRIES);
  const record: Record<string, ChronologyEntry> = {};
  for (const e of generated.entries) record[e.id] = e;
  const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;

  const sortStart = performance.now();
  const plain = generated.entries
    .slice()
    .sort((a, b) =>
      (a.date.start ?? '') < (b.date.start ?? '')
        ? -1
        : (a.date.start ?? '') > (b.date.start ?? '')
          ? 1
          : (a.date.time ?? '') < (b.date.time ?? '')
            ? -1
            : 1,
    );
  const sortMs = performance.now() - sortStart;

  const load = loadavg()[0] ?? 0;
  const cpuStart = process.cpuUsage();
  const mergeStart = performance.now();
  const merged = orderedChronology(record);
  const mergeMs = performance.now() - mergeStart;

  const dupStart = performance.now();
  const clusters = findDuplicates({
    entries: merged,
    persons: generated.persons,
    agencies: generated.agencies,
  });
  const duplicatesMs = performance.now() - dupStart;
  const cpu = process.cpuUsage(cpuStart);

  const together = new Set<string>();
  for (const c of clusters) {
    for (const a of c.ids) for (const b of c.ids) if (a < b) together.add(`${a}|${b}`);
  }
  const plantedFound = generated.planted.filter(([a, b]) =>
    together.has(a < b ? `${a}|${b}` : `${b}|${a}`),
  ).length;
  if (plain.length !== merged.length) throw new Error('the merge lost entries');
  return {
    sortMs,
    mergeMs,
    duplicatesMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    load,
    clusters: clusters.length,
    plantedFound,
    planted: generated.planted.length,
    pairsFound: together.size,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    rssBeforeMb,
  };
}

function runInChild(): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], {
      env: { ...process.env, TUNNELVIEW_CHRONOLOGY_BENCH_CHILD: '1' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let report: ChildReport | undefined;
    child.on('message', (m) => {
      report = m as ChildReport;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      report ? resolve(report) : reject(new Error(`the benchmark child exited with ${code}`)),
    );
  });
}

export async function runChronologyBench(): Promise<BenchResult[]> {
  const r = await runInChild();
  const totalS = (r.mergeMs + r.duplicatesMs) / 1000;
  const n = `${ENTRIES / 1000}k`;
  return [
    {
      name: `chronology merge + duplicates (${n}, ${AGENCY_COUNT} ag.)`,
      figure: `${totalS.toFixed(3)} s`,
      target: `< ${TIME_TARGET_S} s`,
      ratio: `${(totalS / TIME_TARGET_S).toFixed(2)} of budget`,
      pass: totalS < TIME_TARGET_S,
    },
    {
      name: '  the same in CPU time',
      figure: `${(r.cpuMs / 1000).toFixed(3)} s`,
      target: '(reported)',
      ratio: `host load ${r.load.toFixed(2)} on ${cpus().length} CPUs`,
      pass: true,
    },
    {
      name: '  merge (display order)',
      figure: `${(r.mergeMs / 1000).toFixed(3)} s`,
      target: '(part of the above)',
      ratio: `${(r.mergeMs / r.sortMs).toFixed(1)}× plain sort`,
      pass: true,
    },
    {
      name: '  duplicate finding',
      figure: `${(r.duplicatesMs / 1000).toFixed(3)} s`,
      target: '(part of the above)',
      ratio: `${r.clusters.toLocaleString('en-GB')} clusters`,
      pass: true,
    },
    {
      name: '  planted duplicate pairs found',
      figure: `${r.plantedFound}/${r.planted}`,
      target: '(reported)',
      ratio: `recall ${(r.plantedFound / r.planted).toFixed(3)}`,
      pass: true,
    },
    {
      name: '  pairs put together that were planted',
      figure: `${r.plantedFound}/${r.pairsFound}`,
      target: '(reported)',
      ratio: `precision ${(r.plantedFound / Math.max(1, r.pairsFound)).toFixed(3)}`,
      pass: true,
    },
    {
      name: '  merge + duplicates vs plain sort',
      figure: `${((r.mergeMs + r.duplicatesMs) / r.sortMs).toFixed(1)}×`,
      target: '(reported)',
      ratio: `sort ${(r.sortMs / 1000).toFixed(3)} s`,
      pass: true,
    },
    {
      name: 'chronology peak memory (max RSS)',
      figure: `${Math.round(r.maxRssMb)} MB`,
      target: `< ${MEMORY_TARGET_MB} MB`,
      ratio: `${(r.maxRssMb / MEMORY_TARGET_MB).toFixed(2)} of budget; ${Math.round(r.rssBeforeMb)} MB with the entries alone`,
      pass: r.maxRssMb < MEMORY_TARGET_MB,
    },
  ];
}

if (process.env.TUNNELVIEW_CHRONOLOGY_BENCH_CHILD === '1' && process.send) {
  process.send(measure(), () => process.exit(0));
}
