// The leak check reads a text as a reader would: every disguised form of a registered name
// (look-alike letters, invisible characters, hyphens at line breaks, spaced-out letters,
// right-to-left overrides, digits for letters, run-together names, initials made from the name)
// is refused at its place in the original text, forms refused before still are, and ordinary
// text raises nothing.
import { describe, expect, it } from 'vitest';
import { checkPublication } from '../../src/publish/check-publication.ts';
import { confusablesVersion, prototypeOf } from '../../src/publish/confusables.ts';
import { findLeaks } from '../../src/publish/find-leaks.ts';
import { foldDisguises, foldLookAlike, originalSpan } from '../../src/publish/fold-disguises.ts';
import { deriveVariants, pseudonymiseText } from '../../src/publish/index.ts';
import { publicationState } from '../../src/publish/publication-state.ts';
import { DISGUISED_FORMS, FATHER } from './disguised-forms.ts';
import { fixtureText, loadRegister } from './register-fixture.ts';

const list = deriveVariants({ persons: [FATHER] });
const BEFORE = 'The visit: ';

function leaksIn(form: string) {
  return findLeaks(`${BEFORE}${form} was seen.`, list, { source: 'KPE-1 what happened' }).leaks;
}

describe('the leak check: disguised forms of a registered name', () => {
  it.each(DISGUISED_FORMS)('refuses $label ($text) where it stands', ({ text }) => {
    const leaks = leaksIn(text);
    expect(leaks).toHaveLength(1);
    expect(leaks[0]).toMatchObject({
      personIds: ['P-1'],
      registered: true,
      offset: BEFORE.length,
      line: 1,
      column: BEFORE.length + 1,
      text,
      source: 'KPE-1 what happened',
    });
    expect(leaks[0]?.message).toMatch(/^line 1, column 12: /);
  });

  it('refuses every form in the table (32 of 32; 8 were refused before the second reading)', () => {
    const refused = DISGUISED_FORMS.filter((f) =>
      leaksIn(f.text).some((l) => l.personIds.includes('P-1') && l.offset === BEFORE.length),
    );
    expect(refused).toHaveLength(DISGUISED_FORMS.length);
    expect(DISGUISED_FORMS.filter((f) => f.plain)).toHaveLength(8);
  });

  it('keeps pseudonymising the plain forms and leaves the disguised ones for a person to rewrite', () => {
    for (const f of DISGUISED_FORMS) {
      const out = pseudonymiseText(`${BEFORE}${f.text} was seen.`, list).text;
      if (f.plain) expect(out, f.label).toMatch(/^The visit: Father/);
      else expect(out, f.label).toBe(`${BEFORE}${f.text} was seen.`);
    }
  });

  it('says how each form is disguised and what to do', () => {
    const [cyrillic] = leaksIn('J\u0430son');
    expect(cyrillic?.message).toBe(
      'line 1, column 12: "J\u0430son" reads as "Jason", the first name of P-1, with look-alike letters ' +
        'from another script (Cyrillic "\u0430" for "a"); it must not be published. Pseudonymisation ' +
        'replaces only what is written plainly: write it plainly so that "Father" takes its place',
    );
    expect(cyrillic?.disguised).toEqual({
      reads: 'Jason',
      how: ['with look-alike letters from another script (Cyrillic "\u0430" for "a")'],
    });
    const how = (form: string) => leaksIn(form)[0]?.disguised?.how;
    expect(how('Ja\u2062son')).toEqual(['with an invisible character inside (U+2062)']);
    expect(how('Ja-\nson')).toEqual(['split by a hyphen at a line break']);
    expect(how('J a s o n')).toEqual(['with its letters spaced out']);
    expect(how('Jas0n')).toEqual(['with digits for letters']);
    expect(how('\u202Enosaj\u202C')).toEqual([
      'stored backwards and shown the right way round by a right-to-left override',
    ]);
    expect(leaksIn('J.S.')[0]?.message).toContain(
      '"J.S." are initials made from the name of P-1, which the register does not list',
    );
    expect(leaksIn('JasonSmith')[0]?.disguised).toEqual({
      reads: 'Jason Smith',
      how: ['written as one word'],
    });
  });

  it('names the place in the original text, past earlier lines and disguises', () => {
    const text = 'First line.\nSeen by J a s o n and by Jas\u043En.\nThen J.S. left.';
    const { leaks } = findLeaks(text, list, { source: 't' });
    expect(leaks.map((l) => [l.text, l.line, l.column])).toEqual([
      ['J a s o n', 2, 9],
      ['Jas\u043En', 2, 26],
      ['J.S.', 3, 6],
    ]);
  });

  it('reports a disguised name in HTML at its place in the HTML', () => {
    const html = '<html><body><p>Seen by <b>J\u0430son</b>.</p></body></html>';
    const [leak] = findLeaks(html, list, { source: 'publication HTML', format: 'html' }).leaks;
    expect(html.slice(leak?.offset ?? 0).startsWith('J\u0430son')).toBe(true);
  });

  it('takes initials made from a name as a whole word in capitals only', () => {
    for (const text of ['the JSON file', 'js', 'Js', 'JSB', 'J S', 'AJS', 'J.Sm']) {
      expect(leaksIn(text), text).toEqual([]);
    }
  });

  it('leaves initials alone that the reviewers cleared or that are everyday acronyms', () => {
    const cleared = deriveVariants({ persons: [FATHER] }, { allow: ['JS'] });
    expect(findLeaks('The JS file.', cleared, { source: 't' }).leaks).toEqual([]);
    const nurse = deriveVariants({
      persons: [{ ...FATHER, id: 'P-2', realName: 'Grace Parry', publicationLabel: 'Nurse' }],
    });
    expect(findLeaks('The GP saw her.', nurse, { source: 't' }).leaks).toEqual([]);
  });
});

describe('the leak check: no false alarms', () => {
  it.each([
    'Jasmine and Jasper met the family.',
    'The smithy was closed; a blacksmith called.',
    'On 5th May the A1 and M5 were closed, and the 10th and 31st of June.',
    'Items a, b and c were ticked: a b c.',
    'The e.g. and i.e. forms, U.K. and U.S.A.',
    'Co-\noperation across agencies was good.',
    'Привет, Москва — Αθήνα.',
    'Rn and m, Il and lI, 0 and O.',
  ])('finds nothing in %j', (text) => {
    expect(findLeaks(text, list, { source: 't' }).leaks).toEqual([]);
  });

  it('finds nothing in the pseudonymised case notes of the invented register', () => {
    const register = deriveVariants(loadRegister());
    const notes = pseudonymiseText(fixtureText('case-notes.txt'), register).text;
    expect(findLeaks(notes, register, { source: 'case notes' }).leaks).toEqual([]);
  });
});

describe('foldDisguises', () => {
  it('reads a text as a reader would, remembering where each character came from', () => {
    const text = 'Ja-\nson met J a s o n and \u202Enosaj\u202C';
    const folded = foldDisguises(text);
    expect(folded.text).toBe('Jason met Jason and jason');
    expect(folded.offsets).toHaveLength(folded.text.length + 1);
    const at = folded.text.indexOf('met');
    expect(text.slice(folded.offsets[at])).toMatch(/^met/);
    const jason = folded.text.lastIndexOf('jason');
    expect(originalSpan(folded, jason, jason + 5)).toEqual({
      start: text.indexOf('nosaj'),
      end: text.indexOf('nosaj') + 5,
    });
  });

  it('drops invisible characters and reads digits in words only when asked', () => {
    expect(foldDisguises('Ja\u2062son\u{E0020} 2021').text).toBe('Jason 2021');
    expect(foldDisguises('Jas0n 5m1th 2021').text).toBe('Jas0n 5m1th 2021');
    expect(foldDisguises('Jas0n 5m1th 2021', { digits: 'i' }).text).toBe('Jason smith 2021');
    expect(foldDisguises('J4s0n 1ee', { digits: 'l' }).text).toBe('Jason lee');
  });

  it("keeps a wider gap between spaced-out words, and ASCII's own letters apart", () => {
    expect(foldDisguises('J a s o n  S m i t h').text).toBe('Jason  Smith');
    expect(foldLookAlike('m')).toBe('m');
    expect(foldLookAlike('I')).toBe('i');
    expect(foldLookAlike('\u0406')).toBe('i'); // Cyrillic І reads as I, not l
    expect(foldLookAlike('\u041D')).toBe('h'); // Cyrillic Н
  });

  it("uses Unicode's confusables, version 17.0.0", () => {
    expect(confusablesVersion).toBe('17.0.0');
    expect(prototypeOf('\u0430')).toBe('a');
    expect(prototypeOf('\u03B1')).toBe('a');
    expect(prototypeOf('a')).toBeUndefined();
  });
});

describe('checkPublication: document properties', () => {
  it('refuses a name in the properties the edition writes, naming them', () => {
    const pub = publicationState({
      ...emptyState(),
      persons: { 'P-1': FATHER },
    } as unknown as Parameters<typeof publicationState>[0]);
    const { leaks } = checkPublication(pub, [
      { source: 'publication PDF', text: 'Findings report' },
      { source: 'publication PDF properties', text: 'Title: Findings\nAuthor: Jason Smith' },
      { source: 'publication Word document properties', text: 'Review of J.S.' },
    ]);
    expect(leaks.map((l) => [l.source, l.text, l.line, l.column])).toEqual([
      ['publication PDF properties', 'Jason Smith', 2, 9],
      ['publication Word document properties', 'J.S.', 1, 11],
    ]);
  });
});

/** The least of a review state that pseudonymisation walks through. */
function emptyState() {
  return {
    review: { title: 'Review of Child B', keyDates: {} },
    persons: {},
    participants: {},
    agencies: {},
    texts: {},
    researchQuestions: {},
    chronology: {},
    conversations: {},
    excerpts: {},
    kpes: {},
    factors: {},
    findings: {},
    meetings: {},
  };
}
