/**
 * What duplicate finding knows about each entry, computed once over the whole
 * chronology: when it could have happened (an interval, from the date's
 * precision), its words as an IDF-weighted unit vector, the people and places
 * it mentions (register names and aliases, other capitalised names, streets),
 * which other agencies it names, and whether it reports an event or records a
 * meeting rather than recording the event. Vectors live in shared typed arrays
 * (one per feature set, entries hold offsets), because 100,000 entries with
 * four small arrays each spend more time in the garbage collector than in work.
 */
import type { ChronologyEntry, EventDate } from '../domain/chronology-entry.ts';
import type { Person } from '../domain/person.ts';
import {
  type Activity,
  activityOf,
  patternsOfWord,
  startsAPattern,
  type WordPatterns,
} from './find-duplicates-activities.ts';
import {
  COMMON_CAPITALISED,
  type NumberFact,
  numberFacts,
  numbersAsDigits,
  type ReportMarker,
  reportMarkerOfLower,
  stem,
  timesMentioned,
} from './find-duplicates-text.ts';
import {
  CAPITALISED,
  contentStems,
  contentWordsOf,
  LOWER_INITIAL,
  NUMERIC,
  placesIn,
  SENTENCE_START,
  surfaceOf,
  type TokenInfo,
  type Tokens,
  tokenize,
} from './find-duplicates-tokens.ts';

const MINUTES_PER_DAY = 1440;
/** How far either side of an "approx" date the event may have been. */
const APPROXIMATE_SLACK_DAYS = 3;

/** When an entry could have happened, in minutes since 1970 (UTC, no time zones: agencies record local time). */
export interface TimeWindow {
  lo: number;
  hi: number;
}

/**
 * How much a weekend minute counts on the working clock. Agencies that write
 * their records up afterwards do it on the next working day, so Friday's
 * meeting recorded on Monday morning is a night apart, not three days; a
 * weekend still takes a little time, so that two weekend events are not
 * made to coincide.
 */
export const WEEKEND_RATE = 0.2;

/** Saturdays and Sundays in the days before `day` (days since 1970; 1 January 1970 was a Thursday). */
function weekendDaysBefore(day: number): number {
  const weeks = Math.floor(day / 7);
  const rest = day - weeks * 7; // 0..6 days from a Thursday
  return weeks * 2 + (rest >= 3 ? 1 : 0) + (rest >= 4 ? 1 : 0);
}

/** A moment (minutes since 1970) on the working clock, where weekend minutes count `WEEKEND_RATE`. */
export function workingMinute(minute: number): number {
  const day = Math.floor(minute / MINUTES_PER_DAY);
  const weekend = weekendDaysBefore(day);
  const within = minute - day * MINUTES_PER_DAY;
  const dow = (((day + 4) % 7) + 7) % 7; // 0 Sunday … 6 Saturday
  const rate = dow === 0 || dow === 6 ? WEEKEND_RATE : 1;
  return (day - weekend + weekend * WEEKEND_RATE) * MINUTES_PER_DAY + within * rate;
}

function workingWindow(w: TimeWindow | undefined): TimeWindow | undefined {
  return w && { lo: workingMinute(w.lo), hi: workingMinute(w.hi) };
}

function dayNumber(iso: string): number {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/**
 * The window an entry's date allows: a minute for a time, the whole day for a
 * day, a few days either side for "approx", the month or range for those.
 * Undefined for unknown dates, which are never duplicate candidates.
 */
function timeWindow(date: EventDate): TimeWindow | undefined {
  if (date.precision === 'unknown' || !date.start) return undefined;
  const start = dayNumber(date.start) * MINUTES_PER_DAY;
  const minutes = date.time
    ? Number(date.time.slice(0, 2)) * 60 + Number(date.time.slice(3, 5))
    : undefined;
  switch (date.precision) {
    case 'time':
      return minutes === undefined
        ? { lo: start, hi: start + MINUTES_PER_DAY - 1 }
        : { lo: start + minutes, hi: start + minutes };
    case 'day':
      return { lo: start, hi: start + MINUTES_PER_DAY - 1 };
    case 'approximate': {
      const slack = APPROXIMATE_SLACK_DAYS * MINUTES_PER_DAY;
      return { lo: start - slack, hi: start + MINUTES_PER_DAY - 1 + slack };
    }
    default: {
      const end = date.end ? dayNumber(date.end) * MINUTES_PER_DAY : start;
      return { lo: start, hi: end + MINUTES_PER_DAY - 1 };
    }
  }
}

/** One thing an entry mentions — a person, a place or a name — as a key and as a reviewer reads it. */
export interface Mention {
  key: string;
  label: string;
  kind: 'person' | 'name' | 'place';
  /** A person the register has as a child of the family (by their role in the case). */
  child?: true;
}

/** Roles in the case that are a child's ("subject child", "older sibling", "baby"), not an adult's. */
const CHILD_ROLE = /\b(?:child|sibling|baby|infant|son|daughter|brother|sister|twin)\b/i;
const ADULT_ROLE = /\b(?:mother|father|parent|carer|partner|grand\w*|aunt|uncle|step\w*|foster)\b/i;

function isChildRole(role: string): boolean {
  return CHILD_ROLE.test(role) && !ADULT_ROLE.test(role);
}

export interface EntryFeatures {
  /** Position in the feature set (entries sorted by id). */
  index: number;
  id: string;
  agencyId: string;
  window: TimeWindow | undefined;
  /** The window on the working clock (`workingMinute`): what gaps between records are measured on. */
  work: TimeWindow | undefined;
  /** This entry's word ids are `set.words[wordStart..wordEnd)`, sorted, with weights alongside. */
  wordStart: number;
  wordEnd: number;
  /** The length of the IDF weight vector before scaling: how much an entry says. */
  norm: number;
  /** Distinct people (register ids), names and places mentioned, sorted by key. */
  mentions: readonly Mention[];
  /** Vocabulary ids of the mention keys: `set.mentionIds[mentionStart..mentionEnd)`. */
  mentionStart: number;
  mentionEnd: number;
  /** Ids used to find candidate pairs (informative words and mentions): `set.keys[keyStart..keyEnd)`. */
  keyStart: number;
  keyEnd: number;
  /** Set when the entry reports an event (a call, a referral) or records a meeting. */
  reportOf: ReportMarker | undefined;
  /** Other agencies the text refers to ("with police", "phoned the health visitor"), by id. */
  refersTo: readonly string[];
  /** What kind of thing the entry records (a visit, a strategy discussion, a call…), when its wording says. */
  activity: Activity | undefined;
  /** The activity is a call, letter, referral or acknowledgement: one agency's side of a contact. */
  contact: boolean;
  /**
   * For a call, letter, referral, acknowledgement or visit: the other agency it
   * names first — the one it was with ("Call from the DSL about…", "Joint visit
   * with the health visitor"), not the ones the news was about.
   */
  counterpart: readonly string[] | undefined;
  /**
   * Which way the contact went, as the entry tells it: `in` ("call from the
   * school", "referral received"), `out` ("email to the health visitor",
   * "phoned MASH"); undefined when the wording does not say. The two sides of
   * one contact tell it opposite ways.
   */
  direction: 'in' | 'out' | undefined;
  /** Vocabulary ids of the names in the entry's author ("Sian Pritchard, Health Visitor"), sorted. */
  authorNames: readonly number[];
}

export interface FeatureSet {
  entries: EntryFeatures[];
  /** All entries' word ids, entry after entry. */
  words: Int32Array;
  /** IDF weights of `words`, each entry's scaled to a unit vector. */
  weights: Float64Array;
  mentionIds: Int32Array;
  keys: Int32Array;
  /** Vocabulary: id → word stem or mention key. */
  vocabulary: string[];
  /** A readable word for each stem ("fractur" → "fractured"). */
  surfaces: Map<string, string>;
  /** Entries each vocabulary id appears in. */
  df: Int32Array;
  /** Inverse document frequency of each id, scaled to 0..1 (1 = in one entry only). */
  idf: Float64Array;
}

/** The agency an entry may refer to: by role words ("police", "health visitor") or by its own name. */
export interface AgencyInfo {
  name: string;
  sector?: string;
}

/** Role words by agency kind, recognised from the agency's name or sector. */
const ROLE_TERMS: [RegExp, string[]][] = [
  [/police|constabulary/, ['police']],
  [
    /social care|social work|children's services|children and families|\bcsc\b|social-care/,
    ['social care', 'social worker', 'csc', 'mash', "children's services", 'childrens services'],
  ],
  [/health visit|public health nurs|0-19|0 to 19/, ['health visitor']],
  [/school nurs/, ['school nurse']],
  [
    /hospital|infirmary|emergency|a&e|\bed\b|paediatric/,
    ['hospital', 'emergency department', 'ed', 'paediatrician', 'paediatric'],
  ],
  [/\bgp\b|surgery|medical practice|medical centre|health centre/, ['gp', 'surgery']],
  [/nursery|pre-?school|early years|early-years/, ['nursery', 'key worker']],
  [/school|academy|college|education/, ['school', 'teacher', 'dsl']],
  [/ambulance|paramedic/, ['ambulance', 'crew']],
  [/housing|tenancy|homes\b/, ['housing', 'tenancy']],
  [/probation/, ['probation']],
  [/midwi/, ['midwife']],
];

interface AgencyTerms {
  id: string;
  /** Each term as its normalised words; all must be present. */
  terms: string[][];
  /** Lower-case phrases of two or more words from the agency's own name ("little acorns"). */
  phrases: string[];
  /** One-word names ("meadowbank"), recognised only where a record capitalises them. */
  names: string[];
}

function agencyTerms(agencies: Readonly<Record<string, AgencyInfo>>): AgencyTerms[] {
  const names = Object.entries(agencies).map(([id, a]) => [id, a.name.toLowerCase()] as const);
  return names
    .map(([id, name]) => {
      const sector = agencies[id]?.sector ?? '';
      const terms = ROLE_TERMS.filter(([re]) => re.test(name) || re.test(sector)).flatMap(([, t]) =>
        t.map((term) => contentStems(term)),
      );
      const words = name.replace(/^the\s+/, '').split(/\s+/);
      const phrases: string[] = [];
      const single: string[] = [];
      for (let n = words.length; n >= 1; n--) {
        const phrase = words.slice(0, n).join(' ');
        // A phrase other agencies' names share ("fenwick vale") does not point at this one.
        if (names.filter(([, other]) => other.includes(phrase)).length > 1) break;
        if (n > 1) phrases.push(phrase);
        else if (phrase.length >= 5 && /^[a-z]+$/.test(phrase)) single.push(phrase);
      }
      return { id, terms: terms.filter((t) => t.length > 0), phrases, names: single };
    })
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Register names as word sequences: full names, aliases, initials, first names, unshared surnames. */
interface RegisterPhrase {
  words: string[];
  person: Person;
  /** The mention it makes, shared by every entry that names the person. */
  mention: Mention;
}

function registerPhrases(persons: readonly Person[]): RegisterPhrase[] {
  const seen = new Set<string>();
  const out: RegisterPhrase[] = [];
  const add = (text: string, person: Person) => {
    const words = contentStems(text);
    const key = words.join(' ');
    if (words.length === 0 || seen.has(key)) return;
    seen.add(key);
    out.push({
      words,
      person,
      mention: {
        key: `person:${person.id}`,
        label: person.realName,
        kind: 'person',
        ...(isChildRole(person.roleInCase) ? { child: true as const } : {}),
      },
    });
  };
  // In order of authority: full names and aliases first, then first names, then surnames.
  for (const person of persons) {
    add(person.realName, person);
    for (const alias of person.aliases) add(alias, person);
    for (const initials of person.initials) add(initials, person);
  }
  for (const person of persons) {
    const first = person.realName.trim().split(/\s+/)[0];
    if (first && first.length >= 3 && !COMMON_CAPITALISED.has(first.toLowerCase())) {
      add(first, person);
    }
  }
  const surnames = new Map<string, Person[]>();
  for (const person of persons) {
    const parts = person.realName.trim().split(/\s+/);
    if (parts.length > 1) {
      const last = (parts.at(-1) as string).toLowerCase();
      surnames.set(last, [...(surnames.get(last) ?? []), person]);
    }
  }
  // A surname names a person only when no one else in the register has it.
  for (const [surname, people] of surnames) {
    if (people.length === 1) add(surname, people[0] as Person);
  }
  return out;
}

/** Surnames several people in the register share: not anyone's name, and not an unknown name. */
function sharedSurnames(persons: readonly Person[]): Set<string> {
  const count = new Map<string, number>();
  for (const p of persons) {
    const parts = p.realName.trim().split(/\s+/);
    if (parts.length > 1) {
      const last = (parts.at(-1) as string).toLowerCase();
      count.set(last, (count.get(last) ?? 0) + 1);
    }
  }
  return new Set([...count].filter(([, n]) => n > 1).map(([s]) => s));
}

const NO_AGENCIES: readonly string[] = [];
/** Counts calls of `buildFeatures`, to tell its cached vocabulary ids from an earlier call's. */
let passes = 0;
const NO_MENTIONS: readonly Mention[] = [];

/** A capitalised word that may be a person's name, kept until the whole chronology has been read. */
interface NameCandidate {
  lower: string;
  surface: string;
  sentenceStart: boolean;
}

interface Draft {
  wordStart: number;
  wordEnd: number;
  mentions: Mention[];
  /** Stems the register matched, so their words are not read again as unknown names. */
  consumed: readonly string[] | undefined;
  candidates: NameCandidate[] | undefined;
  refersTo: readonly string[];
  reportOf: ReportMarker | undefined;
  activity: Activity | undefined;
  counterpart: readonly string[] | undefined;
  direction: 'in' | 'out' | undefined;
  authorNames: readonly number[];
}

/** Words between a preposition and the agency it governs ("from the duty social worker"). */
const BEFORE_AGENCY = new Set([
  'the',
  'a',
  'an',
  'duty',
  'allocated',
  'named',
  'school',
  'our',
  'their',
]);
const VERBS_OUT = new Set([
  'phoned',
  'rang',
  'called',
  'emailed',
  'telephoned',
  'contacted',
  'messaged',
  'texted',
  'informed',
  'updated',
  'advised',
  'told',
  'notified',
  'asked',
  'referred',
]);
const VERBS_IN = new Set([...VERBS_OUT, 'requested', 'acknowledged', 'confirmed', 'shared']);
const SHARED = new Set(['shared', 'passed', 'discussed', 'raised']);
/** A capitalised word that is not an ordinary word or role: part of a practitioner's name. */
function isName(tokens: Tokens, i: number): boolean {
  const info = tokens.info[i] as TokenInfo;
  return ((tokens.flags[i] as number) & CAPITALISED) !== 0 && !info.common;
}
const PASSIVE = new Set([
  'asked',
  'informed',
  'told',
  'advised',
  'notified',
  'updated',
  'requested',
  'contacted',
  'referred',
]);
const PASSIVE_AFTER = new Set(['of', 'that', 'about', 'to', 'by', 're', 'regarding']);
const RECEIVED = new Set(['received', 'receiving', 'from']);
const SENT = new Set([
  'sent',
  'made',
  'submitted',
  'completed',
  'forwarded',
  'raised',
  'shared',
  'to',
]);

/**
 * Which way a contact went, from the words around the agency it was with
 * (at token `at`): "from X" or "X phoned us" is in, "to X" or "phoned X" out;
 * with no agency named, "received" or "sent" in the text decides.
 */
function directionOf(tokens: Tokens, at: number): 'in' | 'out' | undefined {
  const info = tokens.info as TokenInfo[];
  if (at >= 0) {
    // Back over articles and a practitioner's name ("from the duty SW", "from Sian Pritchard (HV)").
    let i = at - 1;
    let names = 0;
    while (
      i >= 0 &&
      (BEFORE_AGENCY.has((info[i] as TokenInfo).token) || (isName(tokens, i) && names++ < 3))
    ) {
      i--;
    }
    if (i >= 0) {
      const w = (info[i] as TokenInfo).token;
      if (w === 'from' || w === 'by') return 'in';
      if (w === 'to' || VERBS_OUT.has(w)) return 'out';
      if (w === 'with')
        return i > 0 && SHARED.has((info[i - 1] as TokenInfo).token) ? 'out' : undefined;
    }
    // "Social care phoned to say…", "MASH acknowledged the referral": the other agency acted.
    const last = Math.min(tokens.count - 1, at + 4);
    for (let j = at + 1; j <= last; j++) {
      const verb = (info[j] as TokenInfo).token;
      if (!VERBS_IN.has(verb)) continue;
      const after = j + 1 < tokens.count ? (info[j + 1] as TokenInfo).token : '';
      // "Police asked to…", "GP informed of…": passive, so the writer did the asking.
      return PASSIVE.has(verb) && PASSIVE_AFTER.has(after) ? 'out' : 'in';
    }
  }
  // No agency named: the first word that tells the way ("received", "sent") decides.
  for (let k = 0; k < tokens.count; k++) {
    const w = (info[k] as TokenInfo).token;
    if (RECEIVED.has(w)) return 'in';
    if (SENT.has(w)) return 'out';
  }
  return undefined;
}

/** The trigger offsets and patterns of the entry being read: reused, valid until the next entry. */
const triggerScratch = { count: 0, offsets: new Int32Array(64), patterns: [] as WordPatterns[] };
const DIGITS_BEFORE_SEPARATOR = /^\d+/;

/** Where the words that start an activity pattern stand in the tokenised text, in order, and their patterns. */
function activityTriggers(tokens: Tokens): typeof triggerScratch {
  const out = triggerScratch;
  out.count = 0;
  const { count, info, flags, start } = tokens;
  for (let i = 0; i < count; i++) {
    const t = info[i] as TokenInfo;
    let patterns = t.activity;
    if (!patterns && (flags[i] as number) & NUMERIC) {
      // "6-8 week review": a number with separators is one token; its first digits may start a pattern.
      const digits = DIGITS_BEFORE_SEPARATOR.exec(surfaceOf(tokens, i));
      const p = digits ? patternsOfWord(digits[0]) : undefined;
      if (p && startsAPattern(p)) patterns = p;
    }
    if (!patterns) continue;
    if (out.count === out.offsets.length) {
      const grown = new Int32Array(out.offsets.length * 2);
      grown.set(out.offsets);
      out.offsets = grown;
    }
    out.offsets[out.count] = start[i] as number;
    out.patterns[out.count] = patterns;
    out.count++;
  }
  return out;
}

/** Kinds of record that are one agency's side of a contact with another. */
const COMMUNICATIONS = new Set<Activity['kind']>(['contact', 'referral', 'acknowledgement']);
/** Kinds whose first other agency named is the one the entry's agency did it with. */
const WITH_SOMEONE = new Set<Activity['kind']>([...COMMUNICATIONS, 'visit']);
const NO_TERMS: readonly { agency: string; ids: number[]; key: string }[] = [];
const NO_IDS: readonly number[] = [];
/** Words of job titles, which an author field capitalises but which name nobody. */
const ROLE_WORDS = new Set(
  (
    'designated lead registrar paediatric paediatrics constable detective sergeant inspector ' +
    'emergency department practitioner general community tenancy sustainment manager team ' +
    'public protection liaison class clinician consultant specialist senior student assistant ' +
    'admin administrator receptionist unit nursing midwifery visiting early years support ' +
    'family worker keyworker key designate deputy head named advanced registered staff ' +
    'locum salaried partner trainee junior foundation doctor officer'
  ).split(' '),
);

/** Builds every entry's features, with word weights from this chronology's own word frequencies. */
export function buildFeatures(
  entries: readonly ChronologyEntry[],
  persons: readonly Person[] = [],
  agencies: Readonly<Record<string, AgencyInfo>> = {},
): FeatureSet {
  const pass = ++passes;
  const vocab = new Map<string, number>();
  const vocabulary: string[] = [];
  const dfList: number[] = [];
  const intern = (word: string): number => {
    let id = vocab.get(word);
    if (id === undefined) {
      id = vocabulary.length;
      vocab.set(word, id);
      vocabulary.push(word);
      dfList.push(0);
    }
    return id;
  };
  const surfaces = new Map<string, string>();

  // Words a chronology writes in lower case are ordinary words; words it capitalises
  // mid-sentence may be names. A capitalised first word of a sentence is a name only if
  // it is also capitalised elsewhere mid-sentence. Both are known only after a full read.
  let lowerSeen = new Uint8Array(4096);
  let midCapitalised = new Uint8Array(4096);
  const seenFlag = (flags: Uint8Array, id: number) => id < flags.length && flags[id] === 1;
  const phrases = registerPhrases(persons);
  const shared = sharedSurnames(persons);
  const byFirstWord = new Map<number, RegisterPhrase[]>();
  for (const phrase of phrases) {
    const first = intern(phrase.words[0] as string);
    byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), phrase]);
  }
  const firstWordIds = new Set(byFirstWord.keys());
  const maxFirstWord = Math.max(-1, ...firstWordIds);
  const agencyIndex = agencyTerms(agencies);
  const agencyByName = new Map<string, string[]>();
  for (const a of agencyIndex) {
    for (const name of a.names) agencyByName.set(name, [...(agencyByName.get(name) ?? []), a.id]);
  }
  // Name phrases ("Little Acorns"), as word lists by their capitalised first word.
  const phrasesByStart = new Map<string, { words: string[]; agency: string }[]>();
  for (const a of agencyIndex) {
    for (const phrase of a.phrases) {
      const words = phrase.split(' ');
      const list = phrasesByStart.get(words[0] as string) ?? [];
      list.push({ words, agency: a.id });
      phrasesByStart.set(words[0] as string, list);
    }
  }
  const agencyTermIds = agencyIndex.map((a) => a.terms.map((t) => t.map(intern)));
  // The same terms by their first word, to find where in a text an agency is first named.
  const termsByFirstId = new Map<number, { agency: string; ids: number[]; key: string }[]>();
  agencyIndex.forEach((a, k) => {
    for (const ids of agencyTermIds[k] as number[][]) {
      const first = ids[0] as number;
      const entry = { agency: a.id, ids, key: ids.join(' ') };
      termsByFirstId.set(first, [...(termsByFirstId.get(first) ?? []), entry]);
    }
  });
  // Names in an author field ("Sian Pritchard, Health Visitor"), as vocabulary ids: other
  // agencies' records name the practitioner they worked with.
  const authorCache = new Map<string, readonly number[]>();
  const authorNameIds = (author: string): readonly number[] => {
    let ids = authorCache.get(author);
    if (ids === undefined) {
      const words = (author.match(/\b[A-Z][a-z'’-]{2,}\b/g) ?? [])
        .map((w) => w.toLowerCase())
        .filter((w) => !COMMON_CAPITALISED.has(w) && !agencyWords.has(w) && !ROLE_WORDS.has(w));
      ids = [...new Set(words.map((w) => intern(stem(w))))].sort((x, y) => x - y);
      authorCache.set(author, ids);
    }
    return ids;
  };
  // Capitalised words of agency names ("Fenwick General") name an agency, not a person.
  const agencyWords = new Set(
    Object.values(agencies).flatMap((a) => a.name.toLowerCase().split(/[^a-z']+/)),
  );

  let allWords = new Int32Array(1 << 16);
  let wordCount = 0;
  // Which entry last marked each vocabulary id: set membership without a Set per entry.
  let mark = new Int32Array(4096).fill(-1);
  // This entry's word ids in text order, for register phrases.
  let seq = new Int32Array(256);
  let placeToken = new Uint8Array(256);

  const drafts: Draft[] = [];
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] as ChronologyEntry;
    const text = entry.text;
    const tokens = tokenize(text);
    const { count, info: tokenInfos, flags } = tokens;
    if (placeToken.length < count) placeToken = new Uint8Array(count * 2);
    placeToken.fill(0, 0, count);

    // Agencies named in the text: a one-word name or a phrase of the name, capitalised.
    let namedAgencies: string[] | undefined;
    let namedAt: number[] | undefined;
    if (agencyByName.size > 0 || phrasesByStart.size > 0) {
      for (let i = 0; i < count; i++) {
        if (!((flags[i] as number) & CAPITALISED)) continue;
        const w = (tokenInfos[i] as TokenInfo).token;
        const named = agencyByName.get(w);
        if (named) {
          namedAgencies = [...(namedAgencies ?? []), ...named];
          namedAt = [...(namedAt ?? []), ...named.map(() => i)];
        }
        for (const phrase of phrasesByStart.get(w) ?? []) {
          let k = 1;
          while (
            k < phrase.words.length &&
            i + k < count &&
            (tokenInfos[i + k] as TokenInfo).token === phrase.words[k]
          ) {
            k++;
          }
          if (k === phrase.words.length) {
            namedAgencies = [...(namedAgencies ?? []), phrase.agency];
            namedAt = [...(namedAt ?? []), i];
          }
        }
      }
    }
    const places = placesIn(text, tokens, placeToken);

    let candidates: NameCandidate[] | undefined;
    for (let i = 0; i < count; i++) {
      const f = flags[i] as number;
      if (!(f & CAPITALISED) || placeToken[i]) continue;
      const info = tokenInfos[i] as TokenInfo;
      const bare = info.word;
      if (info.common || agencyWords.has(bare) || shared.has(bare)) continue;
      const s0 = surfaceOf(tokens, i);
      const candidate = {
        lower: bare,
        surface: bare.length < s0.length ? s0.slice(0, bare.length) : s0,
        sentenceStart: (f & SENTENCE_START) !== 0,
      };
      if (candidates) candidates.push(candidate);
      else candidates = [candidate];
    }

    // Content words, in order (for register phrases) and as a sorted set (the vector).
    const content = contentWordsOf(tokens);
    if (seq.length < content.count) seq = new Int32Array(content.count * 2);
    const wordStart = wordCount;
    for (let w = 0; w < content.count; w++) {
      const info = content.words[w] as TokenInfo;
      const token = content.tokens[w] as number;
      let id = info.id;
      if (info.pass !== pass) {
        const stemmed = info.stemmed as string;
        id = vocab.get(stemmed) ?? intern(stemmed);
        // Register and agency words are interned before any text: learn their readable form here.
        if (!surfaces.has(stemmed)) surfaces.set(stemmed, info.word);
        info.id = id;
        info.pass = pass;
      }
      seq[w] = id;
      if (id >= mark.length) {
        const size = Math.max(mark.length * 2, id + 1);
        const grown = new Int32Array(size).fill(-1);
        grown.set(mark);
        mark = grown;
        const lowerGrown = new Uint8Array(size);
        lowerGrown.set(lowerSeen);
        lowerSeen = lowerGrown;
        const midGrown = new Uint8Array(size);
        midGrown.set(midCapitalised);
        midCapitalised = midGrown;
      }
      // Case is told per word (by stem): written in lower case somewhere, or capitalised mid-sentence.
      const f = flags[token] as number;
      if (f & LOWER_INITIAL) lowerSeen[id] = 1;
      else if (f & CAPITALISED && !(f & SENTENCE_START)) midCapitalised[id] = 1;
      if (mark[id] === index) continue;
      mark[id] = index;
      if (wordCount === allWords.length) {
        const grown = new Int32Array(allWords.length * 2);
        grown.set(allWords);
        allWords = grown;
      }
      allWords[wordCount++] = id;
      dfList[id] = (dfList[id] as number) + 1;
    }
    const wordEnd = wordCount;
    // Insertion sort: an entry has tens of words, where a library sort's set-up costs more.
    for (let i = wordStart + 1; i < wordEnd; i++) {
      const v = allWords[i] as number;
      let j = i - 1;
      while (j >= wordStart && (allWords[j] as number) > v) {
        allWords[j + 1] = allWords[j] as number;
        j--;
      }
      allWords[j + 1] = v;
    }

    // People in the register: a full name, alias or initials anywhere; a single
    // word (a first name) only where the record capitalises it.
    const mentions: Mention[] = [];
    let consumed: string[] | undefined;
    if (byFirstWord.size > 0) {
      for (let i = 0; i < content.count; i++) {
        const id = seq[i] as number;
        if (id > maxFirstWord) continue;
        const candidatesHere = byFirstWord.get(id);
        if (!candidatesHere) continue;
        for (const phrase of candidatesHere) {
          const n = phrase.words.length;
          if (i + n > content.count) continue;
          let ok = true;
          for (let k = 1; k < n; k++) {
            if (vocabulary[seq[i + k] as number] !== phrase.words[k]) {
              ok = false;
              break;
            }
          }
          if (!ok) continue;
          const at = content.tokens[i] as number;
          const tokenFlags = flags[at] as number;
          const isInitials = /^[A-Z]{2,3}$/.test(surfaceOf(tokens, at));
          if (n === 1 && !(tokenFlags & CAPITALISED) && !isInitials) continue;
          mentions.push(phrase.mention);
          consumed = consumed ? [...consumed, ...phrase.words] : phrase.words;
          i += n - 1;
          break;
        }
      }
    }
    for (const place of places) mentions.push({ key: place.key, label: place.said, kind: 'place' });

    let refersTo = NO_AGENCIES;
    for (let a = 0; a < agencyIndex.length; a++) {
      const agency = agencyIndex[a] as AgencyTerms;
      if (agency.id === entry.agencyId) continue;
      let refers = namedAgencies?.includes(agency.id) ?? false;
      for (const ids of agencyTermIds[a] as number[][]) {
        if (refers) break;
        let all = true;
        for (const id of ids) {
          if (mark[id] !== index) {
            all = false;
            break;
          }
        }
        refers = all;
      }
      if (refers) refersTo = refersTo === NO_AGENCIES ? [agency.id] : [...refersTo, agency.id];
    }
    const triggers = activityTriggers(tokens);
    // Lower case once, for the activity and report patterns, only where either may match.
    const lowerText = triggers.count > 0 || content.mayReport ? text.toLowerCase() : '';
    const activity =
      triggers.count === 0
        ? undefined
        : lowerText.length === text.length
          ? activityOf(lowerText, triggers.offsets, triggers.patterns, triggers.count)
          : activityOf(lowerText);
    let counterpart: readonly string[] | undefined;
    let counterpartAt = -1;
    if (activity && WITH_SOMEONE.has(activity.kind) && refersTo.length > 0) {
      // The first other agency named, by a role word or by its name, is the one the contact was
      // with; where one word names several ("school"), any of them, unless a longer term decides.
      let best = Number.POSITIVE_INFINITY;
      let bestLength = 0;
      let found: string[] = [];
      for (let i = 0; i < content.count && (content.tokens[i] as number) <= best; i++) {
        const terms = termsByFirstId.get(seq[i] as number) ?? NO_TERMS;
        for (const term of terms) {
          if (term.agency === entry.agencyId || i + term.ids.length > content.count) continue;
          let k = 1;
          while (k < term.ids.length && seq[i + k] === term.ids[k]) k++;
          if (k < term.ids.length) continue;
          // A word the entry's own agency also goes by ("the DSL" in a school's record) names it.
          if (terms.some((t) => t.agency === entry.agencyId && t.key === term.key)) continue;
          const at = content.tokens[i] as number;
          if (at < best || term.ids.length > bestLength) found = [];
          if (at < best || term.ids.length >= bestLength) {
            best = at;
            bestLength = term.ids.length;
            if (!found.includes(term.agency)) found.push(term.agency);
          }
        }
      }
      for (let n = 0; n < (namedAgencies?.length ?? 0); n++) {
        const at = namedAt?.[n] as number;
        const id = namedAgencies?.[n] as string;
        if (id === entry.agencyId) continue;
        if (at < best) {
          best = at;
          found = [id];
        } else if (at === best && !found.includes(id)) found.push(id);
      }
      if (found.length > 0) {
        counterpart = found;
        counterpartAt = best;
      }
    }
    const direction =
      activity && COMMUNICATIONS.has(activity.kind)
        ? directionOf(tokens, counterpartAt)
        : undefined;
    drafts.push({
      wordStart,
      wordEnd,
      mentions,
      consumed,
      candidates,
      refersTo,
      // The report patterns run only on texts holding one of their words.
      reportOf: content.mayReport ? reportMarkerOfLower(lowerText) : undefined,
      activity,
      counterpart,
      direction,
      authorNames: entry.author ? authorNameIds(entry.author) : NO_IDS,
    });
  }

  // Names, now that the whole chronology's use of capitals is known; then mention ids.
  const allMentions: number[] = [];
  const mentionRanges: [number, number, readonly Mention[]][] = [];
  for (const d of drafts) {
    const mentions = d.mentions;
    for (const c of d.candidates ?? []) {
      const stemmed = stem(c.lower);
      const id = vocab.get(stemmed);
      if (id !== undefined && seenFlag(lowerSeen, id)) continue;
      if (c.sentenceStart && (id === undefined || !seenFlag(midCapitalised, id))) continue;
      if (d.consumed?.includes(stemmed)) continue;
      mentions.push({ key: `name:${c.lower}`, label: c.surface, kind: 'name' });
    }
    const start = allMentions.length;
    if (mentions.length === 0) {
      mentionRanges.push([start, start, NO_MENTIONS]);
      continue;
    }
    // Distinct by key, sorted by key: a handful per entry, so in place.
    const distinct: Mention[] = [];
    for (const m of mentions) {
      let at = 0;
      while (at < distinct.length && (distinct[at] as Mention).key < m.key) at++;
      if (at < distinct.length && (distinct[at] as Mention).key === m.key) continue;
      distinct.splice(at, 0, m);
    }
    for (const m of distinct) {
      const id = intern(m.key);
      allMentions.push(id);
      dfList[id] = (dfList[id] as number) + 1;
    }
    mentionRanges.push([start, allMentions.length, distinct]);
  }

  const df = Int32Array.from(dfList);
  const n = Math.max(entries.length, 2);
  const idf = new Float64Array(vocabulary.length);
  const logN = Math.log(n);
  for (let i = 0; i < idf.length; i++) {
    // Scaled so a word in one entry weighs 1 and a word in every entry weighs 0.
    idf[i] = Math.max(0, Math.log(n / Math.max(1, df[i] as number)) / logN);
  }
  // Keys for finding candidates: words and mentions that are not in a large share of entries.
  const maxKeyDf = Math.max(64, Math.floor(0.02 * entries.length));

  const words = allWords.slice(0, wordCount);
  const weights = new Float64Array(words.length);
  const mentionIds = Int32Array.from(allMentions);
  const keyList: number[] = [];
  const features: EntryFeatures[] = [];
  for (let index = 0; index < drafts.length; index++) {
    const d = drafts[index] as Draft;
    let norm = 0;
    for (let i = d.wordStart; i < d.wordEnd; i++) {
      // Smoothed, so a word every entry uses still counts a little.
      const w = 0.1 + (idf[words[i] as number] as number);
      weights[i] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = d.wordStart; i < d.wordEnd; i++) weights[i] = (weights[i] as number) / norm;
    const [mentionStart, mentionEnd, mentions] = mentionRanges[index] as [
      number,
      number,
      Mention[],
    ];
    const keyStart = keyList.length;
    for (let i = d.wordStart; i < d.wordEnd; i++) {
      const id = words[i] as number;
      if ((df[id] as number) <= maxKeyDf) keyList.push(id);
    }
    for (let i = mentionStart; i < mentionEnd; i++) {
      const id = mentionIds[i] as number;
      if ((df[id] as number) <= maxKeyDf) keyList.push(id);
    }
    // A practitioner's name meets the other agency's record that names them.
    for (const id of d.authorNames) if ((df[id] as number) <= maxKeyDf) keyList.push(id);
    const entry = entries[index] as ChronologyEntry;
    const when = timeWindow(entry.date);
    features.push({
      index,
      id: entry.id,
      agencyId: entry.agencyId,
      window: when,
      work: workingWindow(when),
      wordStart: d.wordStart,
      wordEnd: d.wordEnd,
      norm,
      mentions,
      mentionStart,
      mentionEnd,
      keyStart,
      keyEnd: keyList.length,
      reportOf: d.reportOf,
      refersTo: d.refersTo,
      activity: d.activity,
      contact: d.activity !== undefined && COMMUNICATIONS.has(d.activity.kind),
      counterpart: d.counterpart,
      direction: d.direction,
      authorNames: d.authorNames,
    });
  }
  return {
    entries: features,
    words,
    weights,
    mentionIds,
    keys: Int32Array.from(keyList),
    vocabulary,
    surfaces,
    df,
    idf,
  };
}

/** Numbers and clock times an entry states: worked out only for entries in a cluster, where conflicts are listed. */
export function statedFacts(text: string): { numbers: NumberFact[]; times: string[] } {
  return { numbers: numberFacts(numbersAsDigits(text)), times: timesMentioned(text) };
}
