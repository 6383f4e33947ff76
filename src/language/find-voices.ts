/**
 * Whose voice each part of a sentence is in. The check judges what the
 * reviewers assert; it leaves alone what a sentence gives as someone else's
 * account ("the nurse told the review she should have phoned"), hindsight it
 * names in order to set it aside ("it is easy to say now that …, but at the
 * time …") and verdicts it denies ("the review does not find that …").
 * Worked out from the tagger's reading of the sentence: its clauses, verb
 * groups and the noun phrase before a verb of saying or thinking.
 */
import type { TextSpan } from './split-sentences.ts';
import type { TaggedSentence, TaggedTerm, VerbGroup } from './tag-sentence.ts';

/** The model's `voice` section, compiled. */
export interface CompiledVoice {
  reportingForms: ReadonlySet<string>;
  denyingForms: ReadonlySet<string>;
  /** Global, whole-word. */
  reviewers: RegExp;
  people: RegExp;
  hindsight: RegExp;
  hedges: RegExp;
  timeOfPractice: RegExp;
  denials: RegExp;
  /**
   * Any word that could start another voice (a verb of saying or denying,
   * hindsight, a denial): a sentence without one is all the reviewers' own,
   * and needs no tagging for its voice.
   */
  cue: RegExp;
}

export type VoiceKind = 'reported' | 'disowned-hindsight' | 'denied';

/** A part of the sentence that is not the reviewers asserting. */
export interface VoiceSpan extends TextSpan {
  kind: VoiceKind;
}

/** A clause: where it starts and ends, and whether it opens with a contrast ("but", "yet", after ";"). */
export interface Clause extends TextSpan {
  first: number;
  last: number;
  contrast: boolean;
}

const CONTRASTS = new Set([
  'but',
  'yet',
  'however',
  'although',
  'though',
  'whereas',
  'while',
  'whilst',
]);
const SUBORDINATE_OPENERS = new Set([
  'although',
  'though',
  'while',
  'whilst',
  'even',
  'whatever',
  'setting',
  'allowing',
  'despite',
  'notwithstanding',
  'whether',
]);
const HARD_BREAK = /[;:—–]/;
const MODALS = new Set(['would', 'could', 'should', 'might', 'must', 'ought', 'may', 'can']);
/** Words between a subject and its verb that are neither: "she now thinks", "the nurse herself said". */
const BETWEEN_SUBJECT_AND_VERB = new Set([
  'now',
  'also',
  'still',
  'since',
  'later',
  'then',
  'today',
  'herself',
  'himself',
  'themselves',
  'only',
  'rightly',
]);
const NOUN_PHRASE_TAGS = ['Noun', 'Pronoun', 'Determiner', 'Adjective', 'Possessive', 'ProperNoun'];

/**
 * The sentence's clauses, coarsely: a break after ";", ":" or a dash; before
 * "but", "yet", "although" and the like; before ", and" and ", which"; and
 * after an opening subordinate clause ("Although hindsight is a fine thing, …").
 */
export function clausesOf(sentence: TaggedSentence): Clause[] {
  const { terms } = sentence;
  if (terms.length === 0) return [];
  const starts: { at: number; contrast: boolean }[] = [{ at: 0, contrast: false }];
  const opener = terms[0]?.normal ?? '';
  let openerOpen = SUBORDINATE_OPENERS.has(opener);
  for (let i = 1; i < terms.length; i++) {
    const prev = terms[i - 1] as TaggedTerm;
    const term = terms[i] as TaggedTerm;
    const afterComma = prev.post.includes(',');
    if (HARD_BREAK.test(prev.post)) {
      starts.push({ at: i, contrast: true });
      openerOpen = false;
    } else if (CONTRASTS.has(term.normal) && (afterComma || term.tags.has('Conjunction'))) {
      starts.push({ at: i, contrast: true });
      openerOpen = false;
    } else if (afterComma && (term.normal === 'and' || term.normal === 'which')) {
      starts.push({ at: i, contrast: false });
      openerOpen = false;
    } else if (openerOpen && afterComma) {
      starts.push({ at: i, contrast: false });
      openerOpen = false;
    }
  }
  return starts.map((s, k) => {
    const last = (starts[k + 1]?.at ?? terms.length) - 1;
    return {
      first: s.at,
      last,
      start: (terms[s.at] as TaggedTerm).start,
      end: (terms[last] as TaggedTerm).end,
      contrast: s.contrast,
    };
  });
}

function clauseOfTerm(clauses: readonly Clause[], index: number): Clause | undefined {
  return clauses.find((c) => index >= c.first && index <= c.last);
}

function textOf(text: string, span: TextSpan): string {
  return text.slice(span.start, span.end);
}

function test(regex: RegExp, text: string): boolean {
  regex.lastIndex = 0;
  const found = regex.test(text);
  regex.lastIndex = 0;
  return found;
}

function groupOf(sentence: TaggedSentence, index: number): VerbGroup | undefined {
  return sentence.verbs.find((g) => index >= g.first && index <= g.last);
}

/**
 * Whether a term reads as a verb of saying or thinking. The tagger sometimes
 * takes "feels" or "wishes" for a plural noun; after a noun and before a
 * pronoun or "that", it is the verb.
 */
function isReportingVerb(terms: readonly TaggedTerm[], i: number, voice: CompiledVoice): boolean {
  const term = terms[i] as TaggedTerm;
  if (!voice.reportingForms.has(term.normal)) return false;
  if (term.tags.has('Verb')) return true;
  const before = terms[i - 1];
  const after = terms[i + 1];
  return Boolean(
    before?.tags.has('Noun') &&
      !before.post.includes(',') &&
      after &&
      (after.tags.has('Pronoun') || ['that', 'whether', 'how'].includes(after.normal)),
  );
}

/** The noun phrase just before a verb (its subject), skipping adverbs and auxiliaries; undefined if none. */
function subjectBefore(
  sentence: TaggedSentence,
  clause: Clause,
  verbIndex: number,
): TextSpan | undefined {
  const { terms } = sentence;
  let i = verbIndex - 1;
  while (i >= clause.first) {
    const t = terms[i] as TaggedTerm;
    if (t.post.includes(',')) break;
    const auxiliary = t.tags.has('Auxiliary') || ['has', 'have', 'had'].includes(t.normal);
    if (!(t.tags.has('Adverb') || auxiliary || BETWEEN_SUBJECT_AND_VERB.has(t.normal))) break;
    i--;
  }
  // "… has thought a great deal and says she …": the subject is the clause's own.
  if (i >= clause.first && terms[i]?.normal === 'and') {
    return subjectBefore(sentence, clause, firstVerbOf(sentence, clause) ?? clause.first);
  }
  const end = i;
  while (i >= clause.first) {
    const t = terms[i] as TaggedTerm;
    const inPhrase =
      NOUN_PHRASE_TAGS.some((tag) => t.tags.has(tag)) || t.normal === 'of' || t.normal === 'the';
    if (!inPhrase || (i < end && t.post.includes(','))) break;
    i--;
  }
  const start = i + 1;
  if (start > end) return undefined;
  return { start: (terms[start] as TaggedTerm).start, end: (terms[end] as TaggedTerm).end };
}

function firstVerbOf(sentence: TaggedSentence, clause: Clause): number | undefined {
  const group = sentence.verbs.find((g) => g.first >= clause.first && g.last <= clause.last);
  return group?.first;
}

function isPerson(text: string, subject: TextSpan, sentence: TaggedSentence, voice: CompiledVoice) {
  const phrase = textOf(text, subject);
  if (test(voice.reviewers, phrase)) return false;
  if (test(voice.people, phrase)) return true;
  const words = sentence.terms.filter((t) => t.start >= subject.start && t.end <= subject.end);
  return words.some(
    (t) =>
      t.tags.has('Person') ||
      t.tags.has('Actor') ||
      (t.tags.has('Pronoun') &&
        ['she', 'he', 'they', 'i', 'herself', 'himself'].includes(t.normal)),
  );
}

/** Someone else's account: what follows a verb of saying or thinking whose subject is a person, not the reviewers. */
function reportedSpans(
  text: string,
  sentence: TaggedSentence,
  clauses: readonly Clause[],
  voice: CompiledVoice,
): VoiceSpan[] {
  const spans: VoiceSpan[] = [];
  const { terms } = sentence;
  for (let i = 0; i < terms.length - 1; i++) {
    if (!isReportingVerb(terms, i, voice)) continue;
    const verb = terms[i] as TaggedTerm;
    // "As the worker herself accepts, …" reports nothing after it: the comma closes it.
    if (verb.post.includes(',')) continue;
    // "would have seen", "must have known": a judgement about the person, not their account.
    const group = groupOf(sentence, i);
    if (group && terms.slice(group.first, i).some((t) => MODALS.has(t.normal))) continue;
    const clause = clauseOfTerm(clauses, i);
    if (!clause || i === clause.last) continue;
    const subject = subjectBefore(sentence, clause, group?.first ?? i);
    if (!subject || !isPerson(text, subject, sentence, voice)) continue;
    spans.push({ kind: 'reported', start: verb.end, end: clause.end });
  }
  return spans;
}

/** Hindsight named to set it aside: the clause names it, holds it at arm's length, and the sentence returns to the time. */
function disownedSpans(
  text: string,
  sentence: TaggedSentence,
  clauses: readonly Clause[],
  voice: CompiledVoice,
): VoiceSpan[] {
  const returnsToTime = test(voice.timeOfPractice, text);
  return clauses.flatMap((clause, k): VoiceSpan[] => {
    const words = textOf(text, clause);
    if (!test(voice.hindsight, words)) return [];
    const negated = sentence.verbs.some(
      (g) => g.negative && g.first >= clause.first && g.last <= clause.last,
    );
    if (!(test(voice.hedges, words) || negated)) return [];
    const contrastAfter = clauses.slice(k + 1).some((c) => c.contrast);
    if (!(returnsToTime || contrastAfter)) return [];
    return [{ kind: 'disowned-hindsight', start: clause.start, end: clause.end }];
  });
}

/** A verdict denied: what follows "does not find", "is not to say", "no evidence that", to the end of the clause. */
function deniedSpans(
  text: string,
  sentence: TaggedSentence,
  clauses: readonly Clause[],
  voice: CompiledVoice,
): VoiceSpan[] {
  const spans: VoiceSpan[] = [];
  const { terms } = sentence;
  for (const group of sentence.verbs) {
    if (!group.negative) continue;
    // The denying verb is in the group ("does not find") or just after it ("is not to say").
    for (let i = group.first; i <= Math.min(group.last + 2, terms.length - 1); i++) {
      const term = terms[i] as TaggedTerm;
      if (i > group.last && !(term.normal === 'to' || voice.denyingForms.has(term.normal))) break;
      if (!voice.denyingForms.has(term.normal)) continue;
      const clause = clauseOfTerm(clauses, i);
      if (clause) spans.push({ kind: 'denied', start: term.end, end: clause.end });
      break;
    }
  }
  voice.denials.lastIndex = 0;
  for (let m = voice.denials.exec(text); m; m = voice.denials.exec(text)) {
    const end = m.index + m[0].length;
    const clause = clauses.find((c) => m && m.index >= c.start && m.index < c.end);
    if (clause) spans.push({ kind: 'denied', start: end, end: clause.end });
  }
  return spans;
}

/** The parts of a sentence that are not the reviewers asserting a verdict. */
export function findVoices(
  text: string,
  sentence: TaggedSentence,
  voice: CompiledVoice,
): { clauses: Clause[]; spans: VoiceSpan[] } {
  const clauses = clausesOf(sentence);
  return {
    clauses,
    spans: [
      ...reportedSpans(text, sentence, clauses, voice),
      ...disownedSpans(text, sentence, clauses, voice),
      ...deniedSpans(text, sentence, clauses, voice),
    ],
  };
}

/**
 * Whether a use at `at` is under negation in its clause: inside a negated verb
 * group ("did not fail to"), or after one in the same clause ("was not the
 * result of carelessness").
 */
export function isNegated(
  sentence: TaggedSentence,
  clauses: readonly Clause[],
  at: number,
): boolean {
  const index = sentence.terms.findIndex((t) => at >= t.start && at < t.end);
  if (index < 0) return false;
  const clause = clauseOfTerm(clauses, index);
  if (!clause) return false;
  const before = sentence.verbs.filter((g) => g.first >= clause.first && g.first <= index);
  const nearest = before[before.length - 1];
  return Boolean(nearest?.negative);
}
