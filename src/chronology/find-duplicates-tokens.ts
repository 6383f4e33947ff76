/**
 * One pass over an entry's text by character code: the tokens with their
 * case and position (capitalised, starting a sentence, after punctuation),
 * safeguarding abbreviations and synonyms folded at token level ("A&E" and
 * "emergency department", "mum" and "mother"), and places — streets, named
 * institutions — read from runs of capitalised tokens.
 *
 * This is the hot loop of duplicate finding over a whole chronology, so a
 * token is hashed as it is scanned and looked up in a table of the words
 * seen so far (`TokenInfo`, one per distinct lower-case token): a known word
 * costs no new string, no lower-casing and no rehashing. Scratch arrays are
 * reused between calls.
 */
import { patternsOfWord, startsAPattern, type WordPatterns } from './find-duplicates-activities.ts';
import { COMMON_CAPITALISED, STOP_WORDS, stem } from './find-duplicates-text.ts';

/** Token flags. */
export const CAPITALISED = 1; // "Walsh", "Road": a capital then a lower-case letter
export const SENTENCE_START = 2;
const PUNCT_BEFORE = 4; // punctuation between this token and the one before
export const NUMERIC = 8; // a date, clock time or decimal ("14/03/2023", "22:40", "7.2")
export const LOWER_INITIAL = 16; // starts with a lower-case letter

/**
 * Phrases agencies use for the same thing, as token sequences, and what they
 * fold to. Longest first for each first token.
 */
const PHRASES: [string, string][] = [
  ['a&e', 'edept'],
  ['a and e', 'edept'],
  ['accident and emergency', 'edept'],
  ['emergency department', 'edept'],
  ['paediatric ed', 'edept'],
  ['domestic violence', 'domesticabuse'],
  ['domestic abuse', 'domesticabuse'],
  ['domestic incident', 'domesticabuse'],
  ['domestic incidents', 'domesticabuse'],
  ['domestic argument', 'domesticabuse'],
  ['domestic dispute', 'domesticabuse'],
  ['dv', 'domesticabuse'],
  ['dva', 'domesticabuse'],
  ['health visitor', 'healthvisitor'],
  ['health visitors', 'healthvisitor'],
  ['hv', 'healthvisitor'],
  ['social worker', 'socialworker'],
  ['social workers', 'socialworker'],
  ['sw', 'socialworker'],
  ['icpc', 'initial child protection conference'],
  ['initial cp conference', 'initial child protection conference'],
  ['initial case conference', 'initial child protection conference'],
  ['rcpc', 'review child protection conference'],
  ['review cp conference', 'review child protection conference'],
  ['cp', 'child protection'],
  ['s47', 'section47'],
  ['s 47', 'section47'],
  ['section 47', 'section47'],
  ['general practitioner', 'gp'],
  ['gp surgery', 'gp'],
  ['gp practice', 'gp'],
  ['police officer', 'police'],
  ['police officers', 'police'],
  ['housing officer', 'housing'],
  ['housing officers', 'housing'],
  ['tenancy officer', 'tenancy housing'],
  ['tenancy officers', 'tenancy housing'],
  ['tenancy sustainment officer', 'tenancy housing'],
  ['probation officer', 'probation'],
  ['education welfare officer', 'education welfare'],
  ['attendance officer', 'attendance'],
  ['officer', 'police'],
  ['officers', 'police'],
  ['pc', 'police'],
  ['pcs', 'police'],
  ['constable', 'police'],
  ['constables', 'police'],
  ['paramedic', 'ambulance'],
  ['paramedics', 'ambulance'],
  ['ambulance crew', 'ambulance'],
  ['ambulance service', 'ambulance'],
  ['999 call', '999'],
  ['emergency call', '999'],
  ['treble nine', '999'],
  ['mum', 'mother'],
  ['mummy', 'mother'],
  ['mom', 'mother'],
  ['mam', 'mother'],
  ['dad', 'father'],
  ['daddy', 'father'],
  ['baby', 'child'],
  ['infant', 'child'],
  ['toddler', 'child'],
  ['house', 'home'],
  ['flat', 'home'],
  ['property', 'home'],
  ['home address', 'home'],
  ['family home', 'home'],
  ['hurt', 'injury'],
  ['harmed', 'injury'],
  ['laceration', 'wound'],
  ['lacerations', 'wound'],
  ['cut', 'wound'],
  ['cuts', 'wound'],
  ['gash', 'wound'],
  ['wounds', 'wound'],
  ['pushed', 'push'],
  ['shoved', 'push'],
  ['pushing', 'push'],
  ['shoving', 'push'],
  ['shove', 'push'],
  ['settee', 'sofa'],
  ['couch', 'sofa'],
  ['seizures', 'seizure'],
  ['convulsion', 'seizure'],
  ['convulsions', 'seizure'],
  ['fit', 'seizure'],
  ['fits', 'seizure'],
  ['fitting', 'seizure'],
  ['febrile', 'fever'],
  ['pyrexial', 'fever'],
  ['temperature', 'fever'],
  ['conveyed', 'conveyed ambulance'],
  ['brought in by ambulance', 'conveyed ambulance'],
  ['arrived by ambulance', 'conveyed ambulance'],
  ['bruises', 'bruise'],
  ['bruising', 'bruise'],
  ['bruised', 'bruise'],
  ['marks', 'bruise'],
  ['one', '1'],
  ['two', '2'],
  ['three', '3'],
  ['four', '4'],
  ['five', '5'],
  ['six', '6'],
  ['seven', '7'],
  ['eight', '8'],
  ['nine', '9'],
  ['ten', '10'],
  ['eleven', '11'],
  ['twelve', '12'],
];

interface Fold {
  from: string[];
  to: string[];
}

/** Folds by their first token, longest first. */
const FOLDS = new Map<string, Fold[]>();
for (const [from, to] of PHRASES) {
  const f = { from: from.split(' '), to: to.split(' ') };
  const list = FOLDS.get(f.from[0] as string) ?? [];
  list.push(f);
  list.sort((a, b) => b.from.length - a.from.length);
  FOLDS.set(f.from[0] as string, list);
}

const STREET_SUFFIXES = new Map<string, string>(
  (
    'road street avenue lane close drive way court crescent place gardens terrace grove hill ' +
    'square walk rise row mews estate parade view green'
  )
    .split(' ')
    .map((s) => [s, s] as [string, string])
    .concat([
      ['rd', 'road'],
      ['st', 'street'],
      ['ave', 'avenue'],
      ['ln', 'lane'],
      ['dr', 'drive'],
      ['ct', 'court'],
      ['cres', 'crescent'],
      ['pl', 'place'],
      ['gdns', 'gardens'],
      ['sq', 'square'],
    ]),
);
const INSTITUTIONS = new Set(
  'school academy hospital surgery nursery centre center clinic station practice park'.split(' '),
);

/**
 * Words at least one report or meeting pattern (`reportMarker`) needs: a text
 * with none of them cannot match, so the patterns are not run on it.
 */
const REPORT_TRIGGERS = new Set(
  (
    'received receives receiving took taken referral notification call email e-mail letter ' +
    'information report update contact pvp merlin called phoned rang emailed telephoned ' +
    'contacted wrote messaged was were been being informed notified advised updated message ' +
    'phone telephone phonecall passed shared discharge yesterday last previous day earlier ' +
    'weekend strategy conference icpc rcpc core marac mappa meeting told made aware'
  ).split(' '),
);

/** What a distinct lower-case token is, worked out once. */
export interface TokenInfo {
  /** The token in lower case, as written (apostrophes kept). */
  token: string;
  /** Without a possessive or apostrophes. */
  word: string;
  /** The stem, or null when the token is not a content word (a stop word, a single letter). */
  stemmed: string | null;
  folds: Fold[] | undefined;
  /** A capitalised word that is an ordinary word or role, not a name ("Mother", "Police"). */
  common: boolean;
  stop: boolean;
  /** A word the report and meeting patterns start from. */
  trigger: boolean;
  /** The activity patterns (`activityOf`) that can start with this word, when any can. */
  activity: WordPatterns | undefined;
  /** The street suffix it stands for ("rd" → "road"), if it is one. */
  street: string | undefined;
  institution: boolean;
  hash: number;
  /**
   * A slot for the caller: the vocabulary id of `stemmed` in the feature set
   * being built (`pass` says which), so the hot loop looks a word up once.
   */
  id: number;
  pass: number;
}

function makeInfo(token: string, hash: number): TokenInfo {
  let w = token;
  if (w.includes("'") || w.includes('’')) w = w.replace(/['’]s$/, '').replace(/['’]/g, '');
  const stop = STOP_WORDS.has(w);
  const content = (w.length >= 2 || (w.length === 1 && w >= '0' && w <= '9')) && !stop;
  return {
    token,
    word: w,
    stemmed: content ? stem(w) : null,
    folds: FOLDS.get(token),
    common: COMMON_CAPITALISED.has(w) || stop,
    stop,
    trigger: REPORT_TRIGGERS.has(token),
    activity: startsAPattern(patternsOfWord(token)) ? patternsOfWord(token) : undefined,
    street: STREET_SUFFIXES.get(token),
    institution: INSTITUTIONS.has(token),
    hash,
    id: -1,
    pass: -1,
  };
}

// The table of known tokens: open addressing on the hash, slots hold indexes into INFOS.
const INFOS: TokenInfo[] = [];
let slots = new Int32Array(1 << 16).fill(-1);
/** The hash of the info in each slot, so a probe touches an info object only when the hash matches. */
let slotHashes = new Int32Array(1 << 16);
/** Beyond this many distinct tokens the table starts afresh, so a long-lived process stays bounded. */
const MAX_TOKENS = 500_000;

function insert(info: TokenInfo): void {
  if (INFOS.length >= MAX_TOKENS) {
    INFOS.length = 0;
    slots.fill(-1);
  }
  if ((INFOS.length + 1) * 2 > slots.length) {
    slots = new Int32Array(slots.length * 2).fill(-1);
    slotHashes = new Int32Array(slots.length);
    const mask = slots.length - 1;
    for (let i = 0; i < INFOS.length; i++) {
      const hash = (INFOS[i] as TokenInfo).hash;
      let s = hash & mask;
      while (slots[s] !== -1) s = (s + 1) & mask;
      slots[s] = i;
      slotHashes[s] = hash | 0;
    }
  }
  const mask = slots.length - 1;
  let s = info.hash & mask;
  while (slots[s] !== -1) s = (s + 1) & mask;
  slots[s] = INFOS.length;
  slotHashes[s] = info.hash | 0;
  INFOS.push(info);
}

/** Lower-cases an ASCII or Latin-1 character code; other codes are returned as they are. */
function lowerCode(c: number): number {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7) ? c + 32 : c;
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The info of a lower-case string, from the table or made. */
function tokenInfo(token: string): TokenInfo {
  const hash = hashString(token);
  const mask = slots.length - 1;
  for (let s = hash & mask; slots[s] !== -1; s = (s + 1) & mask) {
    if (slotHashes[s] !== (hash | 0)) continue;
    const info = INFOS[slots[s] as number] as TokenInfo;
    if (info.token === token) return info;
  }
  const info = makeInfo(token, hash);
  insert(info);
  return info;
}

/** The info of text[start, end), lower-cased, whose hash the tokenizer computed while scanning. */
function infoOfSpan(text: string, start: number, end: number, hash: number): TokenInfo {
  const mask = slots.length - 1;
  const length = end - start;
  const signed = hash | 0;
  for (let s = hash & mask; slots[s] !== -1; s = (s + 1) & mask) {
    if (slotHashes[s] !== signed) continue;
    const info = INFOS[slots[s] as number] as TokenInfo;
    if (info.token.length !== length) continue;
    let same = true;
    for (let k = 0; k < length; k++) {
      if (info.token.charCodeAt(k) !== lowerCode(text.charCodeAt(start + k))) {
        same = false;
        break;
      }
    }
    if (same) return info;
  }
  const info = makeInfo(lowerSpan(text, start, end), hash);
  insert(info);
  return info;
}

/** text[start, end) lower-cased the way the hash was computed (`lowerCode`), so lookups meet. */
function lowerSpan(text: string, start: number, end: number): string {
  let wide = false;
  for (let k = start; k < end; k++) {
    if (text.charCodeAt(k) >= 0x100) {
      wide = true;
      break;
    }
  }
  if (!wide) return text.slice(start, end).toLowerCase();
  let out = '';
  for (let k = start; k < end; k++) out += String.fromCharCode(lowerCode(text.charCodeAt(k)));
  return out;
}

const NUMERIC_INFO = makeInfo('', 0);

/** Tokens of one text: reused between calls, valid until the next `tokenize`. */
export interface Tokens {
  count: number;
  text: string;
  /** What each token is (lower case, stem, folds…); numbers with separators share one blank info. */
  info: TokenInfo[];
  start: Int32Array;
  end: Int32Array;
  flags: Uint8Array;
}

const scratch: Tokens = {
  count: 0,
  text: '',
  info: [],
  start: new Int32Array(256),
  end: new Int32Array(256),
  flags: new Uint8Array(256),
};

/** The token as written. */
export function surfaceOf(tokens: Tokens, i: number): string {
  return tokens.text.slice(tokens.start[i] as number, tokens.end[i] as number);
}

/**
 * Splits `text` into tokens: runs of letters and digits; an apostrophe inside
 * a word is kept ("Jaylen's"), "&" between letters too ("A&E"); ':' '/' '.'
 * '-' between digits keep a number going and mark it NUMERIC.
 */
export function tokenize(text: string): Tokens {
  // One loop with no closures: variables a closure captures live on the heap,
  // and this loop touches them for every character of the chronology.
  const t = scratch;
  t.text = text;
  let count = 0;
  let start = -1;
  let pending = SENTENCE_START;
  let numeric = false;
  let hash = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32;
    const letter =
      (c >= 97 && c <= 122) ||
      (c >= 65 && c <= 90) ||
      (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
    if (letter || (c >= 48 && c <= 57)) {
      if (start < 0) {
        start = i;
        numeric = false;
        hash = 0x811c9dc5;
      }
      hash = Math.imul(hash ^ lowerCode(c), 16777619);
      continue;
    }
    if (start >= 0) {
      const prev = text.charCodeAt(i - 1);
      const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      const prevLetter = (prev >= 97 && prev <= 122) || (prev >= 65 && prev <= 90) || prev >= 0xc0;
      const nextLetter = (next >= 97 && next <= 122) || (next >= 65 && next <= 90) || next >= 0xc0;
      // Apostrophes inside a word ("Jaylen's", "children’s") and "&" in "A&E" keep the token going.
      if ((c === 39 || c === 0x2019 || c === 38) && prevLetter && nextLetter) {
        hash = Math.imul(hash ^ c, 16777619);
        continue;
      }
      // ':' '/' '.' '-' inside a number: a date, time or decimal.
      if (
        (c === 58 || c === 47 || c === 46 || c === 45) &&
        prev >= 48 &&
        prev <= 57 &&
        next >= 48 &&
        next <= 57
      ) {
        numeric = true;
        continue;
      }
      if (count >= t.flags.length) {
        const size = t.flags.length * 2;
        const flags = new Uint8Array(size);
        flags.set(t.flags);
        t.flags = flags;
        const starts = new Int32Array(size);
        starts.set(t.start);
        t.start = starts;
        const ends = new Int32Array(size);
        ends.set(t.end);
        t.end = ends;
      }
      let f = pending;
      const c0 = text.charCodeAt(start);
      const c1 = i - start > 1 ? text.charCodeAt(start + 1) : 0;
      if (c0 >= 65 && c0 <= 90 && c1 >= 97 && c1 <= 122) f |= CAPITALISED;
      else if (c0 >= 97 && c0 <= 122) f |= LOWER_INITIAL;
      if (numeric) f |= NUMERIC;
      t.info[count] = numeric ? NUMERIC_INFO : infoOfSpan(text, start, i, hash >>> 0);
      t.start[count] = start;
      t.end[count] = i;
      t.flags[count] = f;
      count++;
      start = -1;
      pending = 0;
    }
    if (c === 46 || c === 33 || c === 63 || c === 58 || c === 59 || c === 10 || c === 13) {
      pending |= SENTENCE_START | PUNCT_BEFORE;
    } else if (c !== 32 && c !== 9) {
      pending |= PUNCT_BEFORE;
    }
  }
  t.count = count;
  return t;
}

/**
 * Calls `emit` with each content word of the tokens, in order: folded,
 * stop words and single letters dropped, dates and times left out (they are
 * compared as dates), possessives removed, stemmed.
 */
function forEachContentWord(tokens: Tokens, emit: (word: TokenInfo, token: number) => void): void {
  const { count, info: infos, flags } = tokens;
  for (let i = 0; i < count; i++) {
    if ((flags[i] as number) & NUMERIC) continue;
    const info = infos[i] as TokenInfo;
    if (info.folds) {
      let matched: Fold | undefined;
      for (const f of info.folds) {
        if (i + f.from.length > count) continue;
        let ok = true;
        for (let k = 1; k < f.from.length; k++) {
          if ((infos[i + k] as TokenInfo).token !== f.from[k]) {
            ok = false;
            break;
          }
        }
        if (ok) {
          matched = f;
          break;
        }
      }
      if (matched) {
        for (const w of matched.to) {
          const folded = tokenInfo(w);
          if (folded.stemmed !== null) emit(folded, i);
        }
        i += matched.from.length - 1;
        continue;
      }
    }
    if (info.stemmed !== null) emit(info, i);
  }
}

/** Content words of one text, as `contentWordsOf` leaves them: reused between calls. */
export interface ContentWords {
  count: number;
  /** Whether any word is one the report and meeting patterns start from. */
  mayReport: boolean;
  words: TokenInfo[];
  /** The token each word came from (folded phrases: their first token). */
  tokens: Int32Array;
}

const contentScratch: ContentWords = {
  count: 0,
  mayReport: false,
  words: [],
  tokens: new Int32Array(256),
};

/**
 * The content words of the tokens, in order, as `forEachContentWord` gives
 * them, without a callback per word: for the hot loop of `buildFeatures`.
 * Valid until the next call.
 */
export function contentWordsOf(tokens: Tokens): ContentWords {
  const out = contentScratch;
  out.count = 0;
  out.mayReport = false;
  const { count, info } = tokens;
  for (let i = 0; i < count && !out.mayReport; i++) {
    if ((info[i] as TokenInfo).trigger) out.mayReport = true;
  }
  forEachContentWord(tokens, (word, token) => {
    if (out.count >= out.tokens.length) {
      const grown = new Int32Array(out.tokens.length * 2);
      grown.set(out.tokens);
      out.tokens = grown;
    }
    out.words[out.count] = word;
    out.tokens[out.count] = token;
    out.count++;
  });
  return out;
}

/** The content words of a short text (an agency name, a register alias), through the same pipeline. */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  forEachContentWord(tokenize(text), (w) => out.push(w.stemmed as string));
  return out;
}

/** A place an entry mentions, as a key ("street:ashgrove road") and as written ("Ashgrove Road"). */
export interface PlaceMention {
  key: string;
  said: string;
}

/**
 * Streets ("14 Ashgrove Road"), named institutions ("Little Acorns Nursery")
 * and postcodes. `placeToken`, when given, is marked for each token that is
 * part of a place, so it is not read again as a person's name.
 */
export function placesIn(
  text: string,
  tokens: Tokens,
  placeToken?: Uint8Array,
): readonly PlaceMention[] {
  let out: PlaceMention[] | undefined;
  const { count, info, flags } = tokens;
  for (let i = 1; i < count; i++) {
    if (!((flags[i] as number) & CAPITALISED)) continue;
    const suffix = info[i] as TokenInfo;
    if (!suffix.street && !suffix.institution) continue;
    let j = i;
    while (
      j > 0 &&
      i - j < 3 &&
      !((flags[j] as number) & PUNCT_BEFORE) &&
      (flags[j - 1] as number) & CAPITALISED &&
      !(info[j - 1] as TokenInfo).street
    ) {
      j--;
    }
    // Sentence-start words ("Attended Ashgrove Road") are not part of the name.
    while (j < i && (info[j] as TokenInfo).common && (info[j] as TokenInfo).token !== 'st') j++;
    if (j === i) continue;
    const words: string[] = [];
    const keys: string[] = [];
    for (let k = j; k < i; k++) {
      words.push(surfaceOf(tokens, k));
      keys.push((info[k] as TokenInfo).token);
    }
    if (placeToken) for (let k = j; k <= i; k++) placeToken[k] = 1;
    const said = `${words.join(' ')} ${surfaceOf(tokens, i)}`;
    out ??= [];
    out.push(
      suffix.street
        ? { key: `street:${keys.join(' ')} ${suffix.street}`, said }
        : { key: `place:${keys.join(' ')} ${suffix.token}`, said },
    );
  }
  if (/\d[A-Z]{2}\b/.test(text)) {
    for (const m of text.matchAll(/\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b/g)) {
      out ??= [];
      out.push({ key: `postcode:${m[1]}${m[2]}`.toLowerCase(), said: `${m[1]} ${m[2]}` });
    }
  }
  return out ?? NO_PLACES;
}

const NO_PLACES: readonly PlaceMention[] = [];
