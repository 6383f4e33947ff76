/**
 * Lists capitalised names in entry texts that the pseudonym register does
 * not hold, so a reviewer can add them before anything is published. A
 * heuristic, tuned to miss little and say why it skips: it leaves out
 * registered people, months and days, titles, agency and role words,
 * acronyms, any word the same texts also use in lower case ("Visit" when
 * "visit" appears elsewhere), a lone capitalised word at the start of a
 * sentence unless it is also capitalised mid-sentence, and short Title Case
 * labels ("Concern For Welfare"). Place names are listed too: they identify
 * a family as surely as names do.
 */
import type { Person } from '../domain/person.ts';
import { createPersonMatcher, straightenApostrophes } from './match-people.ts';
import { wordList } from './word-list.ts';

export interface UnknownName {
  /** The name as written, e.g. "Kyle Marsh". */
  name: string;
  /** How many times it appears across the texts. */
  occurrences: number;
  /** The records it appears in, ascending. */
  records: number[];
}

/** Words that are capitalised in chronologies without being anyone's name. */
const NOT_NAMES = new Set(
  wordList(`
  // months and days
  january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday
  friday saturday sunday mon tue tues wed thu thur thurs fri sat sun christmas easter bank
  holiday
  // titles
  mr mrs ms miss mx dr prof sir dame rev pc dc ds di sgt insp cllr
  // agency and role words
  police constabulary officer officers hospital nhs trust foundation health visitor
  visiting school primary academy college nursery social care services service children
  childrens children's adult adults family families council borough county city district
  local authority department team unit ward centre center clinic surgery practice medical
  gp emergency accident urgent paediatric paediatrics maternity midwife midwifery nurse
  named designated safeguarding lead manager worker practitioner consultant doctor
  registrar paramedic ambulance housing association probation youth justice early help
  support mental camhs mash hub front door contact referral assessment strategy meeting
  conference plan protection child section court order board partnership panel review case
  group duty school head teacher headteacher deputy designated senco road street lane
  avenue close way drive house flat estate station
  // family roles, written capitalised in many records
  mum mother dad father stepfather stepmother partner parent parents grandmother
  grandfather gran nan grandparent baby sibling brother sister aunt uncle son daughter
  boyfriend girlfriend
  // words that start sentences
  the a an and but or so then when while after before during on in at to from by with
  without for of as if no not yes he she they it we you his her their its our this that
  these those there here all both each some none one two three first second later today
  tomorrow yesterday morning afternoon evening night call phone telephone visit home
  letter email text message seen discussed agreed noted advised reported attended concerns
  concern information update outcome action note notes staff example
`),
);

const WORD = /[\p{Lu}][\p{L}'-]*[\p{L}]|[\p{Lu}]/gu;

function bare(word: string): string {
  return word.replace(/'s$/i, '').replace(/'$/, '');
}

function isCandidate(word: string, lowerCaseWords: Set<string>): boolean {
  const b = bare(word);
  if (!/\p{Ll}/u.test(b)) return false; // acronyms and initials: NHS, MASH, A
  const lower = b.toLowerCase();
  if (NOT_NAMES.has(lower)) return false;
  // The texts use it as an ordinary word elsewhere: "Visit" / "visit".
  if (lowerCaseWords.has(lower)) return false;
  return true;
}

/** A short cell in Title Case ("Concern For Welfare") is a label from a pick list, not prose. */
function isTitleCaseLabel(text: string): boolean {
  const words = text.trim().split(/\s+/);
  return words.length >= 2 && words.length <= 5 && words.every((w) => /^[\p{Lu}\p{N}]/u.test(w));
}

/** True when the word at `index` starts a sentence: the start of the text, or after . ! ? : or a line break. */
function startsSentence(text: string, index: number): boolean {
  const before = text.slice(0, index).replace(/[\s"'([-]+$/u, '');
  return before === '' || /[.!?:]$/.test(before) || /\n[\s"'([-]*$/u.test(text.slice(0, index));
}

interface Run {
  name: string;
  words: number;
  initial: boolean;
  record: number;
}

/**
 * The capitalised names the register does not hold, most frequent first. A
 * lone capitalised word that starts a sentence ("Bruise to the cheek") is
 * taken for an ordinary word unless the texts also capitalise it mid-sentence;
 * two or more capitalised words together ("Kyle Marsh rang") count anywhere.
 * @example findUnknownNames([{ record: 3, text: 'Seen with Kyle Marsh.' }], register)
 *   // [{ name: 'Kyle Marsh', occurrences: 1, records: [3] }]
 */
export function findUnknownNames(
  texts: readonly { record: number; text: string }[],
  persons: readonly Person[],
): UnknownName[] {
  const matcher = createPersonMatcher(persons);
  const lowerCaseWords = new Set<string>();
  for (const { text } of texts) {
    for (const m of straightenApostrophes(text).matchAll(/(?<![\p{L}])[\p{Ll}][\p{L}'-]*/gu)) {
      lowerCaseWords.add(bare(m[0]));
    }
  }
  const runs: Run[] = [];
  for (const { record, text } of texts) {
    // Blank out registered people so their names are not reported as unknown.
    let masked = straightenApostrophes(text);
    for (const span of matcher.spansIn(text)) {
      masked =
        masked.slice(0, span.start) + ' '.repeat(span.end - span.start) + masked.slice(span.end);
    }
    for (const part of masked.split(/\n/)) {
      if (isTitleCaseLabel(part)) continue;
      // Runs of candidate words separated by single spaces form one name.
      let run: { words: string[]; start: number; end: number } | undefined;
      const flush = () => {
        if (!run) return;
        runs.push({
          name: bare(run.words.join(' ')),
          words: run.words.length,
          initial: startsSentence(part, run.start),
          record,
        });
        run = undefined;
      };
      for (const m of part.matchAll(WORD)) {
        const word = m[0];
        const start = m.index;
        if (!isCandidate(word, lowerCaseWords)) {
          flush();
          continue;
        }
        const joins =
          run && part.slice(run.end, start) === ' ' && !/'s?$/i.test(run.words.at(-1) ?? '');
        if (run && joins) {
          run.words.push(word);
          run.end = start + word.length;
        } else {
          flush();
          run = { words: [word], start, end: start + word.length };
        }
      }
      flush();
    }
  }
  // Words capitalised where no sentence starts are names wherever they appear.
  const namedMidSentence = new Set(runs.filter((r) => !r.initial).map((r) => r.name));
  const found = new Map<string, { occurrences: number; records: Set<number> }>();
  for (const run of runs) {
    if (run.initial && run.words === 1 && !namedMidSentence.has(run.name)) continue;
    const entry = found.get(run.name) ?? { occurrences: 0, records: new Set<number>() };
    entry.occurrences += 1;
    entry.records.add(run.record);
    found.set(run.name, entry);
  }
  return [...found.entries()]
    .map(([name, { occurrences, records }]) => ({
      name,
      occurrences,
      records: [...records].sort((a, b) => a - b),
    }))
    .sort((a, b) => b.occurrences - a.occurrences || a.name.localeCompare(b.name));
}
