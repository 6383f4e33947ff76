/**
 * The forms of a lexicon's words, so that a model lists "careless" and
 * "dismiss" once and the check finds "carelessly", "carelessness" and
 * "dismissed". Regular English morphology with a short table of irregular
 * verbs; a form that is not a real word does no harm, as it never matches.
 */

/** A word's form and the part of speech the tagger must read it as. */
export interface WordForm {
  form: string;
  partOfSpeech: 'Adjective' | 'Adverb' | 'Noun' | 'Verb';
}

const IRREGULAR: Record<string, string[]> = {
  say: ['says', 'said', 'saying'],
  tell: ['tells', 'told', 'telling'],
  think: ['thinks', 'thought', 'thinking'],
  feel: ['feels', 'felt', 'feeling'],
  see: ['sees', 'saw', 'seen', 'seeing'],
  find: ['finds', 'found', 'finding'],
  mean: ['means', 'meant', 'meaning'],
  know: ['knows', 'knew', 'known', 'knowing'],
  hold: ['holds', 'held', 'holding'],
  let: ['lets', 'let', 'letting'],
  sit: ['sits', 'sat', 'sitting'],
  take: ['takes', 'took', 'taken', 'taking'],
  give: ['gives', 'gave', 'given', 'giving'],
  write: ['writes', 'wrote', 'written', 'writing'],
  understand: ['understands', 'understood', 'understanding'],
  be: ['is', 'are', 'was', 'were', 'been', 'being'],
};

const VOWEL = /[aeiou]/;

/** "drop" → "dropped": one vowel before a final consonant in a short word. */
function doublesFinal(verb: string): boolean {
  return /^[^aeiou]*[aeiou][bdgklmnprt]$/.test(verb);
}

/** The inflections of a verb in base form: -s, -ed, -ing (irregular verbs from the table). */
export function verbForms(verb: string): string[] {
  const irregular = IRREGULAR[verb];
  if (irregular) return [verb, ...irregular];
  const forms = [verb];
  if (/(?:s|sh|ch|x|z)$/.test(verb)) forms.push(`${verb}es`);
  else if (/[^aeiou]y$/.test(verb)) forms.push(`${verb.slice(0, -1)}ies`);
  else forms.push(`${verb}s`);
  if (verb.endsWith('e')) {
    forms.push(`${verb}d`, `${verb.slice(0, -1)}ing`);
  } else if (/[^aeiou]y$/.test(verb)) {
    forms.push(`${verb.slice(0, -1)}ied`, `${verb}ing`);
  } else if (doublesFinal(verb)) {
    const last = verb.slice(-1);
    forms.push(`${verb}${last}ed`, `${verb}${last}ing`);
  } else {
    forms.push(`${verb}ed`, `${verb}ing`);
  }
  return forms;
}

/** "careless" → "carelessly"; "inexcusable" → "inexcusably"; "lazy" → "lazily". */
export function adverbOf(adjective: string): string {
  if (/[^aeiou]le$/.test(adjective)) return `${adjective.slice(0, -1)}y`;
  if (/[^aeiou]y$/.test(adjective)) return `${adjective.slice(0, -1)}ily`;
  if (adjective.endsWith('ic')) return `${adjective}ally`;
  if (adjective.endsWith('ll')) return `${adjective}y`;
  if (adjective.endsWith('ue')) return `${adjective.slice(0, -1)}ly`;
  return `${adjective}ly`;
}

/** The nouns of an adjective: "careless" → "carelessness"; "negligent" → "negligence". */
export function nounsOf(adjective: string): string[] {
  const nouns = [`${adjective.replace(/([^aeiou])y$/, '$1i')}ness`];
  if (adjective.endsWith('ent'))
    nouns.push(`${adjective.slice(0, -1)}ce`, `${adjective.slice(0, -1)}cy`);
  if (adjective.endsWith('ant')) nouns.push(`${adjective.slice(0, -1)}ce`);
  if (/[ai]ble$/.test(adjective)) nouns.push(`${adjective.slice(0, -2)}ility`);
  if (adjective.endsWith('ive')) nouns.push(`${adjective.slice(0, -1)}ity`);
  if (adjective.endsWith('e') && VOWEL.test(adjective)) nouns.push(`${adjective}ty`);
  return nouns;
}

/** An adjective's forms: itself, its adverb and its nouns, each with its part of speech. */
export function adjectiveForms(adjective: string): WordForm[] {
  return [
    { form: adjective, partOfSpeech: 'Adjective' },
    { form: adverbOf(adjective), partOfSpeech: 'Adverb' },
    ...nounsOf(adjective).map((form) => ({ form, partOfSpeech: 'Noun' as const })),
  ];
}
