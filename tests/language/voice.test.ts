// The language check read with a part-of-speech tagger: words that judge in any form, and whose
// voice a sentence is in — someone's own account, hindsight named to set it aside, a denied
// verdict — against the reviewers' own assertions. The sentences here are not in the eval corpus.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/language/index.ts';
import { loadModel } from '../../src/model/index.ts';

const rules = loadModel('learning-together').language;
const flagged = (text: string) => lintText(text, rules).map((f) => f.rule);

describe('judging words', () => {
  it('finds an adjective in its adverb and noun forms, and verbs in any tense', () => {
    expect(flagged('The locum hastily discharged the toddler before the X-ray.')).toEqual([
      'judging-words',
    ]);
    expect(flagged('The recklessness of the decision troubled the panel.')).toEqual([
      'judging-words',
    ]);
    expect(flagged('The outreach worker was sloppy about dates.')).toEqual(['judging-words']);
    expect(flagged('The ward sister waved aside the porter’s worry.')).toEqual([
      'dismissive-verbs',
    ]);
    expect(flagged('The practice fobbed the aunt off twice.')).toEqual(['dismissive-verbs']);
  });

  it('counts "poorly" and "badly" only as adverbs of what was done', () => {
    expect(flagged('The strategy meeting was poorly prepared.')).toEqual(['done-badly']);
    expect(flagged('The toddler was poorly all weekend.')).toEqual([]);
    expect(flagged('The girl was badly scalded by the bath water.')).toEqual([]);
  });

  it('leaves a court’s dismissal, a view over a park and nothing ignored alone', () => {
    expect(flagged('The complaint against him was dismissed at the hearing.')).toEqual([]);
    expect(flagged('Their flat overlooked the playground.')).toEqual([]);
    expect(flagged('The nursery overlooked nothing in its daily log.')).toEqual([]);
  });
});

describe('someone else’s account', () => {
  it('leaves what a person says, feels or wishes about their own practice alone', () => {
    for (const text of [
      'The registrar told the review that he should have asked for a second opinion.',
      'Looking back, the school nurse feels she could have pressed the GP harder.',
      'The family support worker now wishes she had written to the housing team.',
      'The health visitor wonders whether she should have weighed him again.',
      'The officer said he regrets not taking the boy aside.',
    ]) {
      expect(flagged(text), text).toEqual([]);
    }
  });

  it('still flags the reviewers’ own voice, and what follows the account', () => {
    expect(
      flagged('The review found that the nurse should have asked for a second opinion.'),
    ).toEqual(['should-have']);
    expect(flagged('The panel considers that the warnings were obvious.')).toEqual(['obvious']);
    expect(flagged('The midwife wishes she had phoned, and she plainly should have.')).toEqual([
      'should-have',
    ]);
    // A judgement about the person ("would have seen") is not their account.
    expect(flagged('Any experienced nurse would have seen that the bruises were old.')).toEqual([
      'would-have',
    ]);
  });

  it('does not take "As she accepts, …" for a report of what follows', () => {
    expect(flagged('As the manager herself agrees, the handover was sloppy.')).toEqual([
      'judging-words',
    ]);
  });
});

describe('hindsight named to set it aside', () => {
  it('leaves the clause that names and hedges hindsight alone when the sentence returns to the time', () => {
    for (const text of [
      'It is tempting, knowing the outcome, to say the GP should have referred; at the time the child was thriving.',
      'In retrospect the third call looks obvious, but it came in among forty others.',
      'With hindsight it may seem that the plan was closed carelessly, yet it met every criterion then.',
    ]) {
      expect(flagged(text), text).toEqual([]);
    }
  });

  it('flags a verdict given after hindsight is disowned, and hindsight used plainly', () => {
    expect(flagged('Hindsight aside, the nurse should have examined the baby that day.')).toEqual([
      'should-have',
    ]);
    expect(flagged('While hindsight is easy, the delay was indefensible.')).toEqual([
      'inexcusable',
    ]);
    expect(flagged('In hindsight the health visitor should have visited weekly.')).toEqual([
      'with-hindsight',
      'should-have',
    ]);
  });
});

describe('denied verdicts and negation', () => {
  it('leaves a verdict alone when the sentence denies it', () => {
    for (const text of [
      'The review does not find that the registrar acted recklessly.',
      'There is no suggestion that the teacher ignored the boy.',
      'It would be unfair to conclude that the ward failed the family.',
      'This does not mean that the practice should have called the police.',
    ]) {
      expect(flagged(text), text).toEqual([]);
    }
  });

  it('leaves a negated use of a negatable rule alone, but not a negated counterfactual', () => {
    expect(flagged('The nursery did not fail to pass the note on.')).toEqual([]);
    expect(flagged('The gap was not the result of anyone’s carelessness.')).toEqual([]);
    expect(flagged('The registrar should not have sent the boy home.')).toEqual(['should-have']);
    // An idiom of blame is not undone by its own "not".
    expect(flagged('The night team could not be bothered to ring back.')).toEqual([
      'blaming-idioms',
    ]);
  });
});

describe('rhetorical questions', () => {
  it('flags a question about what happened that carries its verdict, once', () => {
    expect(flagged('Why did nobody ring the grandmother back?')).toEqual(['rhetorical-question']);
    // The "could have" in a question is left to the rhetorical-question rule.
    expect(flagged('How could the ward have sent him home?')).toEqual(['rhetorical-question']);
  });

  it('leaves research questions and questions to the Board alone', () => {
    expect(flagged('How effectively did the agencies share the move to Lindle?')).toEqual([]);
    expect(
      flagged('How could the partnership make sure a new adult is always asked about?'),
    ).toEqual([]);
    expect(flagged('Was the boy seen on his own at any visit?')).toEqual([]);
  });
});

describe('loading the tagger', () => {
  it('is not loaded by importing the check, nor for a text with nothing to look at closely', async () => {
    const root = join(import.meta.dirname, '..', '..');
    const script = `
      import { createRequire } from 'node:module';
      const { lintText } = await import('./dist/language/index.js');
      const { loadModel } = await import('./dist/model/index.js');
      const rules = loadModel('learning-together').language;
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('/compromise/'));
      const before = loaded();
      lintText('The health visitor visited on Tuesday and weighed the baby.', rules);
      const plain = loaded();
      lintText('The registrar told us he should have asked.', rules);
      console.log(JSON.stringify([before, plain, loaded()]));
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', script],
      { cwd: root },
    );
    expect(JSON.parse(stdout)).toEqual([false, false, true]);
  });
});
