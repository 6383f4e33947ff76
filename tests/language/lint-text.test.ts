// The checker over one piece of prose: sentences, quotations, exceptions and the shape of a flag.
import { describe, expect, it } from 'vitest';
import { lintText, quotedSpans, splitSentences } from '../../src/language/index.ts';
import { loadModel } from '../../src/model/index.ts';

const rules = loadModel('learning-together').language;

describe('splitSentences', () => {
  it('splits at full stops, questions and blank lines, not after abbreviations or initials', () => {
    const text =
      'Dr. Okafor saw the baby, e.g. at clinic. The mark was pink. Was it a bruise? J. Smith did not know.\n\nA new paragraph\nwrapped over a line';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'Dr. Okafor saw the baby, e.g. at clinic.',
      'The mark was pink.',
      'Was it a bruise?',
      'J. Smith did not know.',
      'A new paragraph\nwrapped over a line',
    ]);
  });

  it('keeps offsets that point back into the text', () => {
    const text = '  First one.  Second one.';
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe('quotedSpans', () => {
  it('finds double, curly and single quotations, and leaves apostrophes alone', () => {
    const text = `She said "it failed" and ‘it’s obvious’, and the children's mood was 'up and down'.`;
    const quoted = quotedSpans(text).map((s) => text.slice(s.start, s.end));
    expect(quoted).toEqual(['"it failed"', '‘it’s obvious’', "'up and down'"]);
  });
});

describe('lintText', () => {
  it('flags a phrase with its rule, category, match, place, reason and direction', () => {
    const text = 'The visit was timely. The health visitor failed to ask about the partner.';
    const [flag, ...rest] = lintText(text, rules);
    expect(rest).toEqual([]);
    expect(flag).toMatchObject({
      rule: 'failed-to',
      category: 'counterfactual',
      match: 'failed to',
      index: text.indexOf('failed to'),
      sentence: 'The health visitor failed to ask about the partner.',
      sentenceNumber: 2,
      sentenceIndex: text.indexOf('The health'),
    });
    expect(flag?.reason).toMatch(/outcome known only afterwards/);
    expect(flag?.suggestion).toMatch(/did not/);
  });

  it('matches inflections, any case and words split over lines, but only whole words', () => {
    for (const text of [
      'Agencies fail to share.',
      'Agencies FAILED TO share.',
      'Failing to share, agencies lost sight of him.',
      'Agencies failed\n  to share.',
    ]) {
      expect(
        lintText(text, rules).map((f) => f.rule),
        text,
      ).toEqual(['failed-to']);
    }
    expect(
      lintText('The plan was unclearly worded; nobody was obviousness-minded.', rules),
    ).toEqual([]);
  });

  it('leaves mechanical failures, cited standards, Board questions and quotations alone', () => {
    for (const text of [
      'The fire alarm failed.',
      'The device failed to record the call.',
      'The protocol states that staff should never accept an explanation for a bruise in a baby who is not mobile.',
      'Working Together (2023) says that agencies should have regard to the child’s views.',
      'How should the Board assure itself that notifications are read?',
      'The nurse told the review, "It was obvious she was struggling."',
      'The nursery produced a clear plan for the sibling.',
    ]) {
      expect(lintText(text, rules), text).toEqual([]);
    }
  });

  it('flags the reviewers’ own words even when a standard is cited earlier in the sentence', () => {
    const text =
      'The protocol requires a paediatric assessment, but the nurse should have referred the baby.';
    expect(lintText(text, rules).map((f) => f.rule)).toEqual(['should-have']);
  });

  it('flags every rule that applies, in text order', () => {
    const text =
      'With hindsight, the risk was obvious. Staff were complacent, and this was a missed opportunity.';
    expect(lintText(text, rules).map((f) => f.rule)).toEqual([
      'with-hindsight',
      'obvious',
      'complacent',
      'missed-opportunity',
    ]);
  });
});
