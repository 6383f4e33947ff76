/**
 * Parts of speech for one sentence, from compromise's tagger (offline, rule
 * based), with the sentence's verb groups and clauses worked out from the
 * tags. compromise is loaded on the first sentence that needs it, never when
 * the language check is imported: a text with nothing to look at closely does
 * not pay for it.
 */
import { createRequire } from 'node:module';
import type { TextSpan } from './split-sentences.ts';

/** A word as the tagger read it; offsets are within the sentence. */
export interface TaggedTerm extends TextSpan {
  text: string;
  /** Lower case, without punctuation. */
  normal: string;
  tags: ReadonlySet<string>;
  /** Punctuation written after the word (",", ";", "—"…). */
  post: string;
}

/** A run of auxiliaries, negation, adverbs and verbs: "did not fail", "should have been closed". */
export interface VerbGroup extends TextSpan {
  /** Indexes into `terms`, first and last. */
  first: number;
  last: number;
  /** "not", "never" or "n't" is part of it. */
  negative: boolean;
  /** A verb of it is in the past tense, or it is a perfect ("could have asked"). */
  past: boolean;
}

export interface TaggedSentence {
  terms: TaggedTerm[];
  verbs: VerbGroup[];
}

interface CompromiseTerm {
  text: string;
  normal: string;
  post: string;
  tags: string[];
  offset: { start: number; length: number };
}
type Compromise = (text: string) => {
  json(options: object): { terms: CompromiseTerm[] }[];
};

let tagger: Compromise | undefined;

/** compromise's tagger ("compromise/two": tags without the heavier phrase API). */
function loadTagger(): Compromise {
  tagger ??= createRequire(import.meta.url)('compromise/two') as Compromise;
  return tagger;
}

const cache = new Map<string, TaggedSentence>();
const CACHE_SIZE = 2000;

/** The sentence's words with their tags, verb groups and offsets. Cached by text. */
export function tagSentence(text: string): TaggedSentence {
  const cached = cache.get(text);
  if (cached) return cached;
  const docs = loadTagger()(text).json({ offset: true, terms: { offset: true } });
  const terms: TaggedTerm[] = docs.flatMap((doc) =>
    doc.terms.map((t) => ({
      text: t.text,
      normal: t.normal,
      tags: new Set(t.tags),
      post: t.post,
      start: t.offset.start,
      end: t.offset.start + t.offset.length,
    })),
  );
  const tagged = { terms, verbs: verbGroups(terms) };
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(text, tagged);
  return tagged;
}

const NEGATIONS = new Set(['not', 'never', "n't"]);

function isVerbish(term: TaggedTerm): boolean {
  return term.tags.has('Verb') || term.tags.has('Negative') || NEGATIONS.has(term.normal);
}

function verbGroups(terms: readonly TaggedTerm[]): VerbGroup[] {
  const groups: VerbGroup[] = [];
  let i = 0;
  while (i < terms.length) {
    const term = terms[i] as TaggedTerm;
    if (!term.tags.has('Verb')) {
      i++;
      continue;
    }
    let first = i;
    // "never spoken", "simply could not": negation and adverbs just before belong to the group.
    while (first > 0 && groupsWith(terms[first - 1] as TaggedTerm)) first--;
    let last = i;
    while (
      last + 1 < terms.length &&
      !/[,;:—–]/.test(terms[last]?.post ?? '') &&
      (isVerbish(terms[last + 1] as TaggedTerm) || adverbBetweenVerbs(terms, last + 1))
    ) {
      last++;
    }
    const members = terms.slice(first, last + 1);
    const words = members.map((m) => m.normal);
    groups.push({
      first,
      last,
      start: (terms[first] as TaggedTerm).start,
      end: (terms[last] as TaggedTerm).end,
      negative: members.some((m) => m.tags.has('Negative') || NEGATIONS.has(m.normal)),
      past: isPast(members, words),
    });
    i = last + 1;
  }
  return groups;
}

const PAST_AUXILIARIES = new Set(['did', 'was', 'were', 'had']);
const PRESENT_BE = new Set(['be', 'is', 'are', 'am', 'being']);

/**
 * "did", "was", "were", "had", a modal perfect ("could have asked") or a
 * simple past ("asked"); not "could be brought" or "is asked", whose
 * participle is passive.
 */
function isPast(members: readonly TaggedTerm[], words: readonly string[]): boolean {
  if (words.some((w) => PAST_AUXILIARIES.has(w))) return true;
  const modal = members.some((m) => m.tags.has('Modal'));
  if (modal) return words.includes('have');
  // "is asked", "are being reviewed": a passive in the present.
  if (words.some((w) => PRESENT_BE.has(w))) return false;
  return members.some((m) => m.tags.has('PastTense'));
}

function groupsWith(term: TaggedTerm): boolean {
  return (
    !/[,;:—–]/.test(term.post) &&
    (term.tags.has('Negative') || NEGATIONS.has(term.normal) || term.tags.has('Adverb'))
  );
}

/** An adverb with a verb straight after it continues a group: "could not simply be bothered". */
function adverbBetweenVerbs(terms: readonly TaggedTerm[], at: number): boolean {
  const term = terms[at];
  const next = terms[at + 1];
  return Boolean(term?.tags.has('Adverb') && !/[,;:—–]/.test(term.post) && next && isVerbish(next));
}

/** The index of the term that holds the offset, or -1. */
export function termAt(sentence: TaggedSentence, offset: number): number {
  return sentence.terms.findIndex((t) => offset >= t.start && offset < t.end);
}
