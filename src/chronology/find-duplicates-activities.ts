/**
 * What kind of thing an entry is the record of — a visit, a meeting (and
 * which), a call or letter between agencies, a referral or notification, its
 * acknowledgement, an incident, an attendance at hospital, a medical, a
 * consultation, a decision, a report written for a meeting, a complaint — as
 * data, read from the wording. Two agencies' records of one event are
 * records of the same kind of thing; the same-day events around it are
 * mostly of other kinds (the referral and its acknowledgement, the strategy
 * discussion and the visit it led to, the incident and the call passing on
 * news of it). Add a phrase here when an agency writes a kind another way.
 *
 * The kind is the earliest phrase in the text, since a record says first what
 * it is and then what it is about ("Call from the DSL about the bruise seen at
 * the home visit"); a few kinds win wherever they stand ("… to acknowledge the
 * referral"). The headings an import put before each column's text ("Presenting
 * complaint: …; Outcome: …") are not read as wording; a type column's value
 * ("Telephone", "Home visit") is.
 */
import { HEADING_SYNONYMS, NARRATIVE_WORDS, normaliseHeading } from './heading-synonyms.ts';

export const ACTIVITY_KINDS = [
  'visit',
  'meeting',
  'contact',
  'referral',
  'acknowledgement',
  'incident',
  'call-out',
  'attendance',
  'medical',
  'consultation',
  'decision',
  'report-for-meeting',
  'complaint',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export interface Activity {
  readonly kind: ActivityKind;
  /** For meetings, which kind ("strategy", "initial conference", "cin"…); otherwise the kind. */
  readonly label: string;
  /** The kind and label as a number, for comparing records quickly. */
  readonly code: number;
}

/** Words that name an agency or a practitioner, after "called" or "rang" (not "called to 7 Larch Close"). */
const AGENCY_WORDS =
  "police|officers?|pc|school|nursery|hospital|ed|a&e|ward|gp|surgery|practice|health visitors?|hv|school nurse|midwife|social care|social workers?|sw|csc|mash|front door|duty|children's services|housing|probation|paediatrics?|camhs|liaison|dsl|teacher|referrer|team";

/** Kinds that hold wherever their phrase stands in the text. */
const OVERRIDING: [ActivityKind, string, string][] = [
  [
    'acknowledgement',
    'acknowledgement',
    String.raw`\backnowledg(?:e|ed|es|ing|ement|ment)\b|\bconfirm(?:s|ed|ing)?\s+(?:the\s+)?receipt\b|\bconfirm(?:s|ed|ing)?\s+(?:that\s+)?(?:the\s+)?(?:referral|contact)\s+(?:was\s+|had\s+been\s+|has\s+been\s+)?received\b|\breferrer\s+(?:was\s+)?(?:informed|advised|updated|told)\b`,
  ],
  [
    'report-for-meeting',
    'report-for-meeting',
    String.raw`\breport\s+(?:for|to)\s+(?:the\s+)?(?:icpc|rcpc|(?:\w+\s+)?(?:conference|core group|meeting|cin|panel))\b.{0,40}?\b(?:completed|submitted|sent|written|forwarded)\b|\breport\s+(?:completed|submitted|sent|written|forwarded)\s+(?:to\s+\w+(?:\s+\w+)?\s+)?(?:for|ahead of|before)\b`,
  ],
  // A letter or report received is a contact, whatever it is about ("CP medical report received").
  ['contact', 'contact', String.raw`\b(?:report|letter|summary|document)\s+received\b`],
  // Police occurrence records carry the risk assessment of the incident.
  ['incident', 'incident', String.raw`\bdash\s+(?:completed|risk|assessment)\b`],
];

/** Meeting kinds, most specific first: two records of one meeting name the same kind. */
const MEETINGS: [string, string][] = [
  [
    'strategy',
    String.raw`\bstrat(?:egy)?\.?\s+(?:discussion|meeting|call|conversation|telecon)\b|\bstrategy\s+(?:held|convened)\b`,
  ],
  [
    'initial conference',
    String.raw`\b(?:initial\s+(?:child\s+protection\s+|cp\s+|case\s+)?conference|icpc)\b`,
  ],
  [
    'review conference',
    String.raw`\b(?:review\s+(?:child\s+protection\s+|cp\s+|case\s+)?conference|rcpc)\b`,
  ],
  ['conference', String.raw`\b(?:child\s+protection|cp|case)\s+conference\b`],
  ['core group', String.raw`\bcore\s+group\b`],
  ['cin', String.raw`\b(?:cin|child\s+in\s+need)\s+(?:meeting|review|plan\s+meeting)\b`],
  ['taf', String.raw`\b(?:taf|tac|team\s+around\s+the\s+(?:family|child))\s+meeting\b`],
  ['marac', String.raw`\b(?:marac|mappa)\b`],
  [
    'liaison',
    String.raw`\b(?:(?:safeguarding\s+)?liaison\s+meeting|(?:gp|hv)\s*[/&-]\s*(?:hv|gp|health visitor)\s+(?:liaison|meeting)|safeguarding\s+meeting|practice\s+safeguarding\s+meeting)\b`,
  ],
  [
    'professionals',
    String.raw`\b(?:professionals'?|multi-agency|network|discharge\s+planning)\s+meeting\b`,
  ],
];

/** Other kinds: the earliest phrase in the text decides. */
const KINDS: [ActivityKind, string][] = [
  [
    'incident',
    String.raw`\b999\b|\bemergency\s+call\b|\bdisturbance\b|\bofficers?\s+(?:attended|deployed|dispatched|called|arrived)\b|\bpolice\s+(?:attended|were\s+called|called\s+to|deployed)\b|\b(?:da|dv|domestic)\s+(?:incident|occurrence|abuse\s+incident)\b|\bdomestic\s+(?:between|argument|dispute|assault)\b|\bcall\s+from\s+(?:a\s+|the\s+)?(?:neighbour|member\s+of\s+the\s+public|caller|passer-?by)\b`,
  ],
  // An ambulance crew's record: the same call-out as the police's incident, the same
  // journey as the hospital's attendance.
  [
    'call-out',
    String.raw`\b(?:crew|ambulance|paramedics?)\s+(?:called|attended|dispatched|arrived|on\s+scene)\b|\bcalled\s+by\s+(?:the\s+)?(?:police|neighbour|family|mother|father)\s+to\b|\bconveyed\s+(?:to|into)\s+(?:the\s+)?(?:ed|a&e|hospital|emergency)\b`,
  ],
  [
    'visit',
    String.raw`^visit\b|\b(?:home|joint|unannounced|announced|statutory|s47|section\s+47|follow-?up|tenancy|welfare|new\s+birth|targeted|school|planned|jhv)\s+(?:home\s+)?visit\b|\bjhv\b|\bvisited\b|\bvisit\s+(?:to|at|with|completed|undertaken)\b|\b(?:new\s+birth|(?:1|2|3|4|5|6|9|12|18|24|27|30|one|two|three|four)(?:-(?:2|3|4|5|6|8|12|18|24|30))?\s+(?:year|month|week)|development(?:al)?)\s+(?:review|check|visit)\b|\bsafe\s+and\s+well\s+(?:check|visit)\b|\bwelfare\s+check\b|\bseen\s+at\s+home\b|\b(?:saw|seen)\s+\w+\s+(?:at|in)\s+(?:home|school|nursery)\b|\battended\s+(?:the\s+)?(?:home|family\s+home|address|property|\d+\s)`,
  ],
  [
    'medical',
    String.raw`\b(?:child\s+protection|cp|paediatric|safeguarding)\s+medical\b|\bskeletal\s+survey\b|\bmedical\s+examination\b`,
  ],
  [
    'attendance',
    String.raw`\battend(?:ed|ance|s)?\s+(?:at\s+)?(?:the\s+)?(?:ed|a&e|a\s+and\s+e|emergency\s+department|urgent\s+care|walk-in|minor\s+injur(?:y|ies)|hospital|paediatric\s+(?:ed|assessment\s+unit|ward))\b|\b(?:ed|a&e)\s+attendance\b|\bbrought\s+(?:in\s+)?(?:to|into)\s+(?:the\s+)?(?:ed|a&e|hospital|emergency)\b|\bbrought\s+in\s+by\b|\barrived\s+(?:by\s+ambulance|at\s+(?:the\s+)?(?:ed|a&e|hospital))\b|\bself[- ]presented\b|\bpresented\s+(?:to|at)\s+(?:the\s+)?(?:ed|a&e|hospital|emergency)\b|\bseen\s+in\s+(?:the\s+)?(?:ed|a&e|resus|minors|majors)\b|\btriage(?:d)?\b|\bpresenting\s+complaint\b|\badmitted\s+to\b`,
  ],
  [
    'referral',
    String.raw`^notification\b|\breferr(?:al|als|ed)\b|\brefer\b|\bcontact\s+(?:received|made|form)\b|\bmash\s+contact\b|\bnew\s+contact\b|\bppn\b|\bpublic\s+protection\s+notice\b|\bpolice\s+notification\b|\bchild\s+concern\s+(?:form|notification|ppn)\b|\bmarf\b|\bvulnerability\s+(?:notice|referral)\b|\bnotification\s+(?:received|sent|submitted|completed)\b|\boperation\s+encompass\b`,
  ],
  [
    'contact',
    String.raw`^(?:telephone|phone|email|e-mail|letter|text message)\b|\b(?:tele)?phone\s*call\b|\bt\/c\b|\bcall(?:ed)?\s+(?:from|made|received|with|back|taken)\b|\b(?:call(?:ed)?\s+to|called|rang)\s+(?:the\s+|a\s+)?(?:${AGENCY_WORDS})\b|\b(?:phoned|telephoned|emailed|messaged|texted)\b|\bspoke\s+(?:to|with)\b|\be-?mails?\b|\bmessage\s+(?:from|to|left|received)\b|\bvoicemail\b|\bletter\s+(?:from|to|sent|received)\b|\b(?:discharge|ed|a&e)\s+(?:letter|summary)\b|\bliaison\s+(?:form|notification|slip)\b|\bdocument\s+received\b|\binformation\s+(?:shared|received|passed|given)\b|\b(?:informed|updated|notified)\b|\bupdate\s+(?:given|from|to)\b|\brequest(?:ed|ing|s)?\b|\basked\s+(?:\w+\s+)?to\b|\basking\b`,
  ],
  [
    'consultation',
    String.raw`\bconsultation\b|\bappointment\b|\bappt\b|\bf2f\b|\bclinic\b|\bdna\b|\bwas\s+not\s+brought\b|\bnot\s+brought\s+to\b|\bo\/e\b|\bhx\b|\bseen\s+in\s+(?:the\s+)?surgery\b`,
  ],
  [
    'decision',
    String.raw`^decision\b|\b(?:mash|screening|manager'?s?|threshold|duty)\s+(?:decision|outcome)\b|\bdecision\s+on\s+(?:the\s+)?contact\b`,
  ],
  [
    'complaint',
    String.raw`\b(?:neighbour|asb|noise)\s+(?:complaint|report)\b|\bcomplaint\s+(?:from|about|received)\b|\bcomplained\b`,
  ],
];

const TEXT_HEADINGS = new Set(HEADING_SYNONYMS.text);
const NARRATIVE = new Set(NARRATIVE_WORDS);

/**
 * Where the column headings the import joined the text with stand
 * ("Summary: …; Details: …"), as [start, end) offsets: their words are not
 * the record's wording, and the text after each starts afresh. A heading is
 * a known text column's heading, or one with a narrative word ("Concern
 * raised") where the text has two or more headed parts, as joined columns
 * do — so "Strategy discussion: S47 agreed" keeps its first words.
 */
function headingSpans(lower: string): number[] {
  let colon = lower.indexOf(': ');
  if (colon < 0) return NO_SPANS;
  let spans: number[] | undefined;
  let exact = 0;
  let narrative = 0;
  while (colon >= 0) {
    // A heading starts the text or follows "; " (how the import joins columns), and is short.
    const before = lower.lastIndexOf('; ', colon);
    const from = before < 0 ? 0 : before + 2;
    let plain = colon > from && colon - from <= 40;
    let hash = 0x811c9dc5;
    for (let i = from; plain && i < colon; i++) {
      const c = lower.charCodeAt(i);
      if (c === 58 || c === 59 || c === 46) plain = false; // ':', ';', '.'
      hash = Math.imul(hash ^ c, 16777619);
    }
    if (plain) {
      // Looked up by hash and compared in place: the text is not copied for a heading seen before.
      const seen = HEADINGS_SEEN.get(hash);
      let kind: 0 | 1 | 2;
      if (seen && seen.text.length === colon - from && lower.startsWith(seen.text, from)) {
        kind = seen.kind;
      } else {
        const heading = lower.slice(from, colon);
        const n = normaliseHeading(heading);
        const words = n.split(' ');
        kind = TEXT_HEADINGS.has(n)
          ? 2
          : words.length <= 4 && words.some((w) => NARRATIVE.has(w))
            ? 1
            : 0;
        if (HEADINGS_SEEN.size > 10_000) HEADINGS_SEEN.clear();
        HEADINGS_SEEN.set(hash, { text: heading, kind });
      }
      if (kind > 0) {
        spans ??= [];
        // A narrative-word heading is marked as such (negative start) until the count is known.
        spans.push(kind === 2 ? from : -from - 1, colon + 2);
        if (kind === 2) exact++;
        else narrative++;
      }
    }
    colon = lower.indexOf(': ', colon + 2);
  }
  if (!spans) return NO_SPANS;
  const joined = exact + narrative >= 2;
  const out: number[] = [];
  for (let i = 0; i < spans.length; i += 2) {
    const from = spans[i] as number;
    if (from >= 0) out.push(from, spans[i + 1] as number);
    else if (joined) out.push(-from - 1, spans[i + 1] as number);
  }
  return out.length > 0 ? out : NO_SPANS;
}
/** Whether each text before ": " seen so far is a text column's heading (2), one with a narrative word (1), or neither. */
const HEADINGS_SEEN = new Map<number, { text: string; kind: 0 | 1 | 2 }>();
const NO_SPANS: number[] = [];

/** The (kind, label) pairs, numbered, so records compare by number; one shared object each. */
const KIND_LABELS: Activity[] = [];
function codeOf(kind: ActivityKind, label: string): number {
  let i = KIND_LABELS.findIndex((k) => k.kind === kind && k.label === label);
  if (i < 0) i = KIND_LABELS.push({ kind, label, code: KIND_LABELS.length }) - 1;
  return i;
}

/**
 * The top-level alternatives of a pattern source (split at `|` outside
 * groups and classes).
 */
function splitAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cls = false;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (cls) {
      if (c === ']') cls = false;
    } else if (c === '[') cls = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(from, i));
      from = i + 1;
    }
  }
  out.push(source.slice(from));
  return out;
}

/**
 * The words (as the tokenizer reads them: letters, digits, "&" and "'")
 * that a pattern alternative can start with, or null when it can start with
 * something else. Reads the small part of regular expressions the patterns
 * use: literals, `\b`, groups `(?:a|b)` with `?`, and ends a word at anything else.
 */
function firstWords(source: string): string[] | null {
  const words = new Set<string>();
  const isWordChar = (c: string) => /[a-z0-9&']/.test(c);
  const end = (word: string) => {
    if (word !== '') words.add(word);
    return word !== '';
  };
  const walk = (rest: string, word: string): boolean => {
    let i = 0;
    while (i < rest.length) {
      const c = rest[i] as string;
      // One character (a literal or an escape such as \s), and what follows it.
      const escaped = c === '\\';
      const atom = escaped ? rest.slice(i, i + 2) : c;
      const q = rest[i + atom.length];
      if (atom === '\\b') {
        if (word !== '') return end(word);
        i += 2;
        continue;
      }
      if (c === '(' && rest.startsWith('(?:', i)) {
        let depth = 0;
        let j = i;
        for (; j < rest.length; j++) {
          if (rest[j] === '\\') {
            j++;
            continue;
          }
          if (rest[j] === '(') depth++;
          else if (rest[j] === ')' && --depth === 0) break;
        }
        const inner = rest.slice(i + 3, j);
        const quantifier = rest[j + 1];
        const optional = quantifier === '?' || quantifier === '*';
        const after = rest.slice(j + 1 + (optional || quantifier === '+' ? 1 : 0));
        for (const option of splitAlternatives(inner))
          if (!walk(option + after, word)) return false;
        return optional ? walk(after, word) : true;
      }
      if (c === '(' || c === '[' || c === '.' || c === '^' || c === '$') return end(word);
      const wordy = !escaped && isWordChar(c);
      if (q === '?' || q === '*') {
        // Optional: without it the word may go on ("e-?mail", "phone\s*call"); with it, as it reads.
        const rest2 = rest.slice(i + atom.length + 1);
        const skip = walk(rest2, word);
        return (wordy ? walk(rest2, word + c) : end(word) || true) && skip;
      }
      if (!wordy) return end(word);
      word += c;
      i++;
    }
    return end(word);
  };
  return walk(source, '') && words.size > 0 ? [...words] : null;
}

interface Compiled {
  /** What each alternative (capturing group) marks. */
  alternatives: Activity[];
  sticky: RegExp;
}

interface PatternSet {
  /** By first word: the alternatives that can start with it, for anywhere in a text. */
  free: Map<string, Compiled>;
  /** By first word, anchored alternatives included: for where a text starts. */
  atStart: Map<string, Compiled>;
  triggers: Set<string>;
}

/**
 * The patterns in order of precedence, alternative by alternative, grouped by
 * the words they can start with, each group as one sticky pattern tried at
 * the offset where such a word stands: a text is scanned only where a
 * pattern could begin, and only with the patterns that could.
 */
function compile(entries: [ActivityKind, string, string][]): PatternSet {
  const free = new Map<string, { alternatives: Compiled['alternatives']; sources: string[] }>();
  const atStart = new Map<string, { alternatives: Compiled['alternatives']; sources: string[] }>();
  const add = (
    map: typeof free,
    word: string,
    alt: Compiled['alternatives'][number],
    body: string,
  ) => {
    let group = map.get(word);
    if (!group) {
      group = { alternatives: [], sources: [] };
      map.set(word, group);
    }
    group.alternatives.push(alt);
    group.sources.push(`(${body})`);
  };
  const triggers = new Set<string>();
  for (const [kind, label, source] of entries) {
    for (const alt of splitAlternatives(source)) {
      const anchored = alt.startsWith('^');
      const body = anchored ? alt.slice(1) : alt;
      const first = firstWords(body);
      if (!first) throw new Error(`activity pattern "${alt}" does not start with a word`);
      const a = KIND_LABELS[codeOf(kind, label)] as Activity;
      for (const w of new Set(first)) {
        add(atStart, w, a, body);
        if (!anchored) {
          triggers.add(w);
          add(free, w, a, body);
        }
      }
    }
  }
  const compiled = (map: typeof free) =>
    new Map(
      [...map].map(([w, g]) => [
        w,
        { alternatives: g.alternatives, sticky: new RegExp(g.sources.join('|'), 'y') },
      ]),
    );
  return { free: compiled(free), atStart: compiled(atStart), triggers };
}

const PRIORITY = compile(OVERRIDING);
const ORDINARY = compile([
  ...MEETINGS.map(([label, source]): [ActivityKind, string, string] => ['meeting', label, source]),
  ...KINDS.map(([kind, source]): [ActivityKind, string, string] => [kind, kind, source]),
]);

/** Words a pattern can start with: only where one stands are the patterns tried. */
export const ACTIVITY_TRIGGERS: ReadonlySet<string> = new Set([
  ...PRIORITY.triggers,
  ...ORDINARY.triggers,
]);

/** Every word some pattern can start with, anchored ones included, with its patterns. */
const PATTERNS_OF_WORD = new Map<string, WordPatterns>(
  [...new Set([...PRIORITY.free.keys(), ...ORDINARY.free.keys(), ...ORDINARY.atStart.keys()])].map(
    (w) => [
      w,
      {
        priority: PRIORITY.free.get(w),
        free: ORDINARY.free.get(w),
        atStart: ORDINARY.atStart.get(w),
      },
    ],
  ),
);

const WORD = /[a-z0-9][a-z0-9&']*/g;

/** Where the words of `lower` that start a pattern stand. */
function triggerOffsets(lower: string): number[] {
  const out: number[] = [];
  for (const m of lower.matchAll(WORD)) {
    if (ACTIVITY_TRIGGERS.has(m[0]) || ACTIVITY_TRIGGERS.has(bare(m[0])))
      out.push(m.index as number);
  }
  return out;
}

/** A word without a possessive or a trailing apostrophe. */
function bare(word: string): string {
  return word.endsWith("'s") ? word.slice(0, -2) : word.endsWith("'") ? word.slice(0, -1) : word;
}

/** The word at `at`, as patterns are keyed: a number with separators ("6-8") by its digits. */
function wordAt(lower: string, at: number): string {
  const first = lower.charCodeAt(at);
  const digits = first >= 48 && first <= 57;
  let end = at;
  for (; end < lower.length; end++) {
    const c = lower.charCodeAt(end);
    const digit = c >= 48 && c <= 57;
    const letter = c >= 97 && c <= 122;
    if (digits ? !digit : !(digit || letter || ((c === 38 || c === 39) && end > at))) break;
  }
  return lower.slice(at, end);
}

/** The patterns that can start with one word, resolved once per word (tokens cache it). */
export interface WordPatterns {
  /** Kinds that hold wherever they stand. */
  priority: Compiled | undefined;
  /** The others, anywhere in a text. */
  free: Compiled | undefined;
  /** The others, anchored ones included, where a text starts. */
  atStart: Compiled | undefined;
}

const NO_PATTERNS: WordPatterns = { priority: undefined, free: undefined, atStart: undefined };

/** The patterns that can start with `word` (as a tokenizer reads it, lower case). */
export function patternsOfWord(word: string): WordPatterns {
  const w = word.includes('’') ? word.replace(/’/g, "'") : word;
  const found = PATTERNS_OF_WORD.get(w) ?? PATTERNS_OF_WORD.get(bare(w));
  return found ?? NO_PATTERNS;
}

/** Whether any pattern can start with the word. */
export function startsAPattern(patterns: WordPatterns): boolean {
  return patterns !== NO_PATTERNS;
}

/** The first alternative of `set` matching at `at` (anchored ones too where a text starts), as an activity. */
function matchAt(c: Compiled | undefined, lower: string, at: number): Activity | undefined {
  if (!c) return undefined;
  c.sticky.lastIndex = at;
  const m = c.sticky.exec(lower);
  if (!m) return undefined;
  for (let g = 1; g < m.length; g++) {
    if (m[g] !== undefined) return c.alternatives[g - 1];
  }
  return undefined;
}

function inSpans(spans: readonly number[], at: number): boolean {
  for (let i = 0; i < spans.length; i += 2) {
    if (at >= (spans[i] as number) && at < (spans[i + 1] as number)) return true;
  }
  return false;
}

/**
 * The kind of thing a record is the record of, from its lower-cased text;
 * undefined when no phrase says (an observation, a note of concern).
 * `triggers`, when the caller has tokenised the text, are the offsets of its
 * words in `ACTIVITY_TRIGGERS`, in order; the patterns are tried only there.
 *
 * @example activityOf('call from the dsl about a bruise seen at the home visit') // { kind: 'contact', … }
 */
export function activityOf(
  lowerText: string,
  triggers?: ArrayLike<number>,
  patterns?: readonly WordPatterns[],
  count?: number,
): Activity | undefined {
  const lower =
    lowerText.includes('’') || lowerText.includes('‘')
      ? lowerText.replace(/[’‘]/g, "'")
      : lowerText;
  const spans = headingSpans(lower);
  const offsets = triggers ?? triggerOffsets(lower);
  const n = count ?? offsets.length;
  for (let k = 0; k < n; k++) {
    const at = offsets[k] as number;
    if (spans.length > 0 && inSpans(spans, at)) continue;
    const found = matchAt((patterns?.[k] ?? patternsOfWord(wordAt(lower, at))).priority, lower, at);
    if (found) return found;
  }
  // Where a text starts (its beginning, the end of each heading), anchored patterns count too:
  // `next` walks those starts, -1 standing for the beginning and odd k for the end of spans[k - 1].
  let next = spans.length > 0 && inSpans(spans, 0) ? 1 : -1;
  for (let k = 0; k < n; k++) {
    const at = offsets[k] as number;
    if (spans.length > 0 && inSpans(spans, at)) continue;
    while (next < spans.length && (next < 0 ? 0 : (spans[next] as number)) < at) {
      const start = next < 0 ? 0 : (spans[next] as number);
      const found = matchAt(patternsOfWord(wordAt(lower, start)).atStart, lower, start);
      if (found) return found;
      next += 2;
    }
    const atStart = next < spans.length && (next < 0 ? 0 : (spans[next] as number)) === at;
    const p = patterns?.[k] ?? patternsOfWord(wordAt(lower, at));
    const found = matchAt(atStart ? p.atStart : p.free, lower, at);
    if (found) return found;
  }
  for (; next < spans.length; next += 2) {
    const start = next < 0 ? 0 : (spans[next] as number);
    const found = matchAt(patternsOfWord(wordAt(lower, start)).atStart, lower, start);
    if (found) return found;
  }
  return undefined;
}

/**
 * Kinds that are two agencies' sides of one event rather than merely compatible: the
 * ambulance crew's call-out and the police incident it attended, and the journey to
 * hospital and the attendance there. They count as records of the same kind of thing.
 */
const ONE_EVENT_TWO_SIDES: [ActivityKind, ActivityKind][] = [
  ['call-out', 'incident'],
  ['call-out', 'attendance'],
];
const TWO_SIDES = new Set(ONE_EVENT_TWO_SIDES.flatMap(([a, b]) => [`${a}|${b}`, `${b}|${a}`]));

/** Whether the two kinds are two agencies' sides of one event (`ONE_EVENT_TWO_SIDES`). */
export function twoSidesOfOneEvent(a: Activity | undefined, b: Activity | undefined): boolean {
  return a !== undefined && b !== undefined && TWO_SIDES.has(`${a.kind}|${b.kind}`);
}

/** Pairs of kinds that one event can be recorded as by two agencies (besides the same kind). */
const COMPATIBLE = new Set(
  [
    ['contact', 'referral'],
    ['contact', 'acknowledgement'],
    ['visit', 'incident'],
    ...ONE_EVENT_TWO_SIDES,
    ['attendance', 'consultation'],
    ['attendance', 'medical'],
  ].map(([a, b]) => `${a}|${b}`),
);

export type ActivityRelation = 'same' | 'compatible' | 'different' | 'unknown';
const RELATIONS: readonly ActivityRelation[] = ['same', 'compatible', 'different'];

function relationOf(
  a: { kind: ActivityKind; label: string },
  b: { kind: ActivityKind; label: string },
) {
  if (a.kind === b.kind) {
    if (a.kind !== 'meeting' || a.label === b.label) return 0;
    // "Conference" alone is either an initial or a review conference.
    const conferences = [a.label, b.label].filter((l) => l.endsWith('conference'));
    return conferences.length === 2 && (a.label === 'conference' || b.label === 'conference')
      ? 0
      : 2;
  }
  return COMPATIBLE.has(`${a.kind}|${b.kind}`) || COMPATIBLE.has(`${b.kind}|${a.kind}`) ? 1 : 2;
}

/** Every pair of kind codes' relation, worked out once: pairs of entries compare by lookup. */
const RELATION_TABLE = (() => {
  const n = KIND_LABELS.length;
  const table = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      table[i * n + j] = relationOf(
        KIND_LABELS[i] as (typeof KIND_LABELS)[number],
        KIND_LABELS[j] as (typeof KIND_LABELS)[number],
      );
    }
  }
  return table;
})();

/**
 * How two records' kinds stand: `same` (the same kind, and for meetings the
 * same kind of meeting), `compatible` (one event can be recorded as either),
 * `different`, or `unknown` when either says nothing of its kind.
 */
export function compareActivities(
  a: Activity | undefined,
  b: Activity | undefined,
): ActivityRelation {
  return (RELATIONS[relationCode(a, b)] as ActivityRelation) ?? 'unknown';
}

/** `compareActivities` as a number (0 same, 1 compatible, 2 different, 3 unknown), for the hot loop. */
export function relationCode(a: Activity | undefined, b: Activity | undefined): number {
  if (!a || !b) return 3;
  return RELATION_TABLE[a.code * KIND_LABELS.length + b.code] as number;
}
