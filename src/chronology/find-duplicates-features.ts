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
  placesIn,
  SENTENCE_START,
  surfaceOf,
  type TokenInfo,
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
}

export interface EntryFeatures {
  /** Position in the feature set (entries sorted by id). */
  index: number;
  id: string;
  agencyId: string;
  window: TimeWindow | undefined;
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
    ['social care', 'social worker', 'csc', 'mash'],
  ],
  [/health visit/, ['health visitor']],
  [
    /hospital|emergency|a&e|\bed\b|paediatric/,
    ['hospital', 'emergency department', 'paediatrician'],
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
      mention: { key: `person:${person.id}`, label: person.realName, kind: 'person' },
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
}

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
    if (agencyByName.size > 0 || phrasesByStart.size > 0) {
      for (let i = 0; i < count; i++) {
        if (!((flags[i] as number) & CAPITALISED)) continue;
        const w = (tokenInfos[i] as TokenInfo).token;
        const named = agencyByName.get(w);
        if (named) namedAgencies = [...(namedAgencies ?? []), ...named];
        for (const phrase of phrasesByStart.get(w) ?? []) {
          let k = 1;
          while (
            k < phrase.words.length &&
            i + k < count &&
            (tokenInfos[i + k] as TokenInfo).token === phrase.words[k]
          ) {
            k++;
          }
          if (k === phrase.words.length) namedAgencies = [...(namedAgencies ?? []), phrase.agency];
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
    drafts.push({
      wordStart,
      wordEnd,
      mentions,
      consumed,
      candidates,
      refersTo,
      // The report patterns run only on texts holding one of their words.
      reportOf: content.mayReport ? reportMarkerOfLower(text.toLowerCase()) : undefined,
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
    const entry = entries[index] as ChronologyEntry;
    features.push({
      index,
      id: entry.id,
      agencyId: entry.agencyId,
      window: timeWindow(entry.date),
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
