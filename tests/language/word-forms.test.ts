// The forms of a lexicon's words, and the clauses and verb groups read from the tagger's tags.
import { describe, expect, it } from 'vitest';
import { clausesOf } from '../../src/language/find-voices.ts';
import { tagSentence } from '../../src/language/tag-sentence.ts';
import { adverbOf, nounsOf, verbForms } from '../../src/language/word-forms.ts';

describe('word forms', () => {
  it('derives adverbs and nouns from adjectives', () => {
    expect(['hasty', 'inexcusable', 'tragic', 'careless', 'full'].map(adverbOf)).toEqual([
      'hastily',
      'inexcusably',
      'tragically',
      'carelessly',
      'fully',
    ]);
    expect(nounsOf('incompetent')).toContain('incompetence');
    expect(nounsOf('lazy')).toContain('laziness');
    expect(nounsOf('irresponsible')).toContain('irresponsibility');
  });

  it('inflects regular and irregular verbs', () => {
    expect(verbForms('shrug')).toEqual(['shrug', 'shrugs', 'shrugged', 'shrugging']);
    expect(verbForms('dismiss')).toEqual(['dismiss', 'dismisses', 'dismissed', 'dismissing']);
    expect(verbForms('ignore')).toEqual(['ignore', 'ignores', 'ignored', 'ignoring']);
    expect(verbForms('bury')).toContain('buried');
    expect(verbForms('tell')).toContain('told');
  });
});

describe('reading a sentence', () => {
  const clauses = (text: string) =>
    clausesOf(tagSentence(text)).map(
      (c) => `${c.contrast ? '+' : ''}${text.slice(c.start, c.end)}`,
    );

  it('breaks clauses at semicolons, contrasts and an opening subordinate clause (words only)', () => {
    expect(clauses('Though the bus was late, the nurse came; the boy was asleep.')).toEqual([
      'Though the bus was late',
      'the nurse came',
      '+the boy was asleep',
    ]);
    expect(clauses('The worker phoned twice but nobody answered.')).toEqual([
      'The worker phoned twice',
      '+but nobody answered',
    ]);
  });

  it('groups auxiliaries, negation and verbs, marking negation and the past', () => {
    const text = 'The nurse had not been told, and the plan will be reviewed.';
    const groups = tagSentence(text).verbs.map((g) => [
      text.slice(g.start, g.end),
      g.negative,
      g.past,
    ]);
    expect(groups).toEqual([
      ['had not been told', true, true],
      ['will be reviewed', false, false],
    ]);
  });
});
