// The factor and finding pages' view-model: typed text into a use-case's input, and a
// refusal's issues against the form's own fields with the web's words for each fix.
import { describe, expect, it } from 'vitest';
import { issue } from '../../src/domain/issue.ts';
import {
  citationsOf,
  formProblems,
  headChoices,
  questionsOf,
  rankOf,
  sectionsOf,
  statusOf,
  tickedOf,
} from '../../src/server/findings-view.ts';

describe('typed text', () => {
  it('splits evidence on commas, semicolons and spaces', () => {
    expect(citationsOf(' EX-4, CH-7;gp-practice.csv#12  AG-2#3 ')).toEqual([
      'EX-4',
      'CH-7',
      'gp-practice.csv#12',
      'AG-2#3',
    ]);
    expect(citationsOf('  ')).toEqual([]);
  });

  it('takes one question a line, skipping blank lines', () => {
    expect(questionsOf('Who checks?\r\n\n  How often?  \n')).toEqual(['Who checks?', 'How often?']);
  });

  it('reads a rank: blank as none, digits as a number, anything else as typed', () => {
    expect(rankOf(' ', undefined)).toBeUndefined();
    expect(rankOf('', null)).toBeNull();
    expect(rankOf(' 3 ', null)).toBe(3);
    expect(rankOf('first', null)).toBe('first');
  });

  it('keeps written sections, and leaves out or clears blank ones', () => {
    const body = { 'section-a': 'Text', 'section-b': '  ', other: 'x' };
    expect(sectionsOf(body, ['a', 'b', 'c'], 'omit')).toEqual({ a: 'Text' });
    expect(sectionsOf(body, ['a', 'b', 'c'], 'clear')).toEqual({ a: 'Text', b: null, c: null });
  });

  it('reads one ticked box or several, and nothing else', () => {
    expect(tickedOf('CF-1')).toEqual(['CF-1']);
    expect(tickedOf(['CF-1', 'CF-2'])).toEqual(['CF-1', 'CF-2']);
    expect(tickedOf(undefined)).toEqual([]);
    expect(tickedOf([{}, 'CF-3'])).toEqual(['CF-3']);
  });
});

describe('a refusal against a form', () => {
  it('maps each path to its field and adds the fix in the web’s words', () => {
    const problems = formProblems(
      [
        issue('reference-in-use', ['id'], 'CF-1 is named by KPE-1', {
          fix: { kind: 'force-remove', id: 'CF-1' },
        }),
        issue('invalid-value', ['sections', 'introduction'], 'the section text is too long'),
        issue('missing-key', ['boardQuestions', 0], 'the question for the Board: required'),
      ],
      ['force', 'questions'],
      'R-TEST01',
      { id: 'force', boardQuestions: 'questions' },
    );
    expect(problems.summary).toEqual([
      {
        field: 'force',
        message: 'CF-1 is named by KPE-1',
        href: '#field-force',
        fix: {
          text: 'Remove CF-1 anyway, detaching what still names it',
          href: '/reviews/R-TEST01/factors/CF-1',
        },
      },
      {
        field: 'section-introduction',
        message: 'the section text is too long',
        href: '#field-section-introduction',
        fix: null,
      },
      {
        field: 'questions',
        message: 'the question for the Board: required',
        href: '#field-questions',
        fix: null,
      },
    ]);
    expect(problems.byField.force).toContain('KPE-1');
  });
});

describe('the status line', () => {
  it('echoes only a record id', () => {
    expect(statusOf({ saved: 'CF-3' })).toBe('CF-3 saved.');
    expect(statusOf({ removed: 'F-2' })).toBe('F-2 removed.');
    expect(statusOf({ saved: '<script>' })).toBeNull();
    expect(statusOf(undefined)).toBeNull();
  });
});

describe('the heads of the factor framework', () => {
  it('say a head once when it repeats its level’s name', () => {
    const choices = headChoices(
      [
        { id: 'family', name: 'Family', levelName: 'Family and child' },
        { id: 'other', name: 'Other', levelName: 'Other' },
      ],
      'other',
    );
    expect(choices.map((c) => [c.label, c.selected])).toEqual([
      ['Family and child: Family', false],
      ['Other', true],
    ]);
  });
});
