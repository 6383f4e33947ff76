/**
 * Word lists and readings of an entry's text for duplicate finding: stop
 * words, a light suffix stemmer, capitalised words that are not names,
 * numbers with what they count and times mentioned (for conflicts), and the
 * phrases that mark an entry as a *report of* an event, or a meeting record,
 * rather than the event itself. Tokens are read in `find-duplicates-tokens.ts`.
 */

/** Common English words that carry no evidence of which event an entry records. */
export const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before ' +
    'being below between both but by can could did do does doing down during each few for from ' +
    'further had has have having he her here hers herself him himself his how i if in into is it ' +
    'its itself just me more most my myself no nor not now of off on once only or other our ours ' +
    'ourselves out over own same she should so some such than that the their theirs them ' +
    'themselves then there these they this those through to too under until up upon very was we ' +
    'were what when where which while who whom why will with would you your yours yourself ' +
    'yourselves per via re am pm approx around today'
  ).split(' '),
);

/** Number words up to twelve, read as digits so "two bruises" and "2 bruises" compare. */
const NUMBER_WORDS: Record<string, string> = {
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
};
const NUMBER_WORD = /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/g;

const CLOCK_IN_TEXT = /\b([01]?\d|2[0-3])[:.]([0-5]\d)\s*(?:hrs|hours|h)?\b/g;
const DATE_IN_TEXT = /\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b/g;

/**
 * A light suffix stemmer: enough that "attended", "attending" and
 * "attendance", or "bruise", "bruised" and "bruising", meet. Not Porter; it
 * only has to be consistent, because both sides of a pair go through it.
 */
export function stem(word: string): string {
  const cached = STEMS.get(word);
  if (cached !== undefined) return cached;
  const stemmed = stemUncached(word);
  if (STEMS.size > 100_000) STEMS.clear();
  STEMS.set(word, stemmed);
  return stemmed;
}

const STEMS = new Map<string, string>();

function stemUncached(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3);
  else if (w.endsWith('ied') && w.length > 4) w = w.slice(0, -3);
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  else if (/(?:ance|ence|ment)$/.test(w) && w.length > 7) w = w.slice(0, -4);
  else if (w.endsWith('al') && w.length > 6) w = w.slice(0, -2);
  if (/[ye]$/.test(w) && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** Lower-cased text with number words as digits, and nothing else folded: for quoting numbers as written. */
export function numbersAsDigits(text: string): string {
  return text.toLowerCase().replace(NUMBER_WORD, (w) => NUMBER_WORDS[w] ?? w);
}
/** A number an entry states, with the word it counts ("3 bruises" → 3, bruis). */
export interface NumberFact {
  value: string;
  /** The stemmed word after the number, or '' when there is none. */
  unit: string;
  /** The words as written, for showing the reviewer. */
  said: string;
}

/**
 * Numbers stated in the (lower-cased) text with what they count. Dates, clock times, house
 * numbers and postcodes are not facts of this kind and are skipped.
 */
export function numberFacts(lowerText: string): NumberFact[] {
  const facts: NumberFact[] = [];
  const stripped = lowerText
    .replace(DATE_IN_TEXT, ' ')
    .replace(CLOCK_IN_TEXT, ' ')
    .replace(STREET, ' ')
    .replace(POSTCODE_LOWER, ' ');
  // Not a section of an Act ("section 47"), nor part of a day and month ("04/05").
  const re =
    /(?<![\w£$./]|section\s|s\.\s?)([£$]?\d+(?:\.\d+)?)(?![\w.]*\d|\/\d)(?:\s*x)?\s*([a-z]+)?/g;
  for (const m of stripped.matchAll(re)) {
    const value = m[1] as string;
    if (value === '999') continue;
    let unit = m[2] ?? '';
    if (STOP_WORDS.has(unit)) unit = '';
    facts.push({ value, unit: unit ? stem(unit) : '', said: m[0].trim().replace(/\s+/g, ' ') });
  }
  return facts;
}

/** Clock times mentioned in the text ("seen at 22:40"), as HH:MM. */
export function timesMentioned(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(CLOCK_IN_TEXT)) {
    out.push(`${(m[1] as string).padStart(2, '0')}:${m[2]}`);
  }
  return out;
}

const STREET_SUFFIXES =
  'road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|court|ct|crescent|cres|place|pl|gardens|gdns|terrace|grove|hill|square|sq|walk|rise|row|mews|estate|parade|view|green';
/** On lower-cased text: an optional house number, one to three words and a street suffix. */
const STREET = new RegExp(
  `\\b(?:(?:flat|apartment)\\s+\\d+[a-z]?,?\\s+)?(?:\\d+[a-z]?,?\\s+)?((?:[a-z][a-z']+\\s+){1,3})(${STREET_SUFFIXES})\\b\\.?`,
  'g',
);
const POSTCODE_LOWER = /\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b/g;

/**
 * Capitalised words that are ordinary words, roles or institutions rather than
 * people's names, even when a record capitalises them.
 */
export const COMMON_CAPITALISED = new Set(
  (
    'mother father mum dad child baby police officer officers pc sgt nurse doctor gp school ' +
    'nursery hospital health visitor social worker worker care team duty manager midwife ' +
    'paramedic ambulance council housing probation service services home visit visited call ' +
    'called phone phoned telephone email letter referral strategy meeting discussion conference ' +
    'child protection plan core group assessment attended attendance seen saw noted reported ' +
    'received informed advised told concerns concern missed appointment clinic surgery ward ' +
    'emergency department accident monday tuesday wednesday thursday friday saturday sunday ' +
    'january february march april may june july august september october november december ' +
    'mr mrs ms miss dr st road street avenue lane close drive way court crescent place gardens ' +
    'terrace grove hill park square walk rise row mews estate parade no yes nfa update outcome ' +
    'plan action actions family partner grandmother grandfather aunt uncle sister brother son ' +
    'daughter staff teacher head headteacher dsl safeguarding lead officer crime incident ' +
    'report log note case record contact section early help mash csc cp cin lado ' +
    'on at in to of the a an and for with by from after before during following later ' +
    'this that he she they his her their it its we our no not nothing unknown tbc ' +
    'primary secondary academy centre center station practice discharge discharged admitted ' +
    'both all new old left right arm leg head face eye back'
  ).split(' '),
);

/** How an entry stands to the event it describes, when it is not simply a record of it. */
export interface ReportMarker {
  /**
   * `report`: the record of hearing about an event (a call, a referral, a
   * notification, a retelling of "last night"); `meeting`: the record of a
   * multi-agency meeting (strategy discussion, conference, core group).
   */
  kind: 'report' | 'meeting';
  /** For meetings, which kind ("strategy", "initial conference"…), so two records of the same meeting meet. */
  label: string;
  /** The words that marked it, as written (lower case). */
  phrase: string;
}

const AGENCY_WORDS =
  "police|officers?|pc|school|nursery|hospital|ed|a&e|gp|surgery|health visitor|hv|social care|social work(?:er)?s?|sw|csc|mash|front door|duty|housing|probation|midwife|paediatrics?|ambulance|camhs|liaison|team|children's services";

const REPORT_PATTERNS: RegExp[] = [
  /\b(?:received|receives|receiving|took|taken)\s+(?:a\s+|an\s+)?(?:(?:tele)?phone\s*call|call|email|e-mail|letter|message|notification|referral|fax|report|text|voicemail|information|update|contact|pvp|merlin)\b/,
  /\b(?:referral|notification|call|email|letter|information|report|update|contact|pvp|merlin)\s+(?:was\s+)?(?:received|taken|sent|made|passed|shared|forwarded)\b/,
  /\b(?:called|phoned|rang|emailed|telephoned|contacted|wrote to|messaged)\b.{0,50}?\bto\s+(?:advise|inform|notify|report|update|let|pass|share|discuss|tell|say)\b/,
  /\b(?:was|were|been|being)\s+(?:informed|told|notified|advised|made aware|updated)\b/,
  /\b(?:informed|notified|advised|updated)\s+(?:by|that|of|us|me)\b/,
  new RegExp(
    `\\b(?:(?:tele)?phone\\s*call|call|message|email|letter|notification|referral|information|update|report|contact)\\s+from\\s+(?:the\\s+|a\\s+)?(?:${AGENCY_WORDS})\\b`,
  ),
  /\bpassed\s+on\b/,
  /\bshared\s+(?:information|concerns|details)\b/,
  /\bdischarge\s+(?:summary|letter|notification)\b/,
];

/** The report patterns as one, so a text is scanned once. */
const REPORT_ANY = new RegExp(REPORT_PATTERNS.map((re) => `(?:${re.source})`).join('|'));

/** Words placing the event before the record ("last night"): a report, unless the record is of something its writer did. */
const RETROSPECTIVE =
  /\b(?:yesterday|last\s+night|previous\s+(?:day|evening|night)|the\s+day\s+before|earlier\s+(?:today|that\s+day)|over\s+the\s+weekend|at\s+the\s+weekend|last\s+week)\b/;
const FIRST_HAND =
  /\b(?:home visit|joint visit|visited|attended|arrived|seen|saw|examined|crew|conveyed|on arrival)\b/;

const MEETINGS: [RegExp, string][] = [
  [/\bstrategy\s+(?:discussion|meeting)\b/, 'strategy'],
  [/\b(?:initial\s+(?:(?:child\s+protection|cp|case)\s+)?conference|icpc)\b/, 'initial conference'],
  [/\b(?:review\s+(?:child\s+protection|cp|case)?\s*conference|rcpc)\b/, 'review conference'],
  [/\bcore\s+group\b/, 'core group'],
  [/\b(?:marac|mappa)\b/, 'marac'],
  [/\b(?:professionals|multi-agency|network)\s+meeting\b/, 'professionals meeting'],
];

const MEETING_ANY = new RegExp(MEETINGS.map(([re]) => `(?:${re.source})`).join('|'));

/**
 * Whether `text` records hearing about an event (a call passing on news, a
 * referral received, a retelling of "last night") or a multi-agency meeting,
 * rather than the event itself. A report of an incident and the incident are
 * related, same-day records, but not the same event.
 */
export function reportMarker(text: string): ReportMarker | undefined {
  return reportMarkerOfLower(text.toLowerCase());
}

/** `reportMarker` of text already in lower case. */
export function reportMarkerOfLower(lowerText: string): ReportMarker | undefined {
  const lower = /[’‘]/.test(lowerText) ? lowerText.replace(/[’‘]/g, "'") : lowerText;
  if (MEETING_ANY.test(lower)) {
    for (const [pattern, label] of MEETINGS) {
      const m = pattern.exec(lower);
      if (m) return { kind: 'meeting', label, phrase: m[0].replace(/\s+/g, ' ') };
    }
  }
  const m0 = REPORT_ANY.exec(lower);
  if (m0) return { kind: 'report', label: 'report', phrase: m0[0].replace(/\s+/g, ' ') };
  const m = RETROSPECTIVE.exec(lower);
  if (m && !FIRST_HAND.test(lower)) {
    return { kind: 'report', label: 'report', phrase: m[0].replace(/\s+/g, ' ') };
  }
  return undefined;
}
