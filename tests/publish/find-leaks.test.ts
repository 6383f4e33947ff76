// The leak check: register identifiers in any form, identifiers the register does not hold
// (NHS numbers with a valid check digit, postcodes, phones), unknown capitalised names as
// warnings, and places reported in the text or HTML the caller passed.
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/domain/issue.ts';
import {
  deriveVariants,
  findLeaks,
  isValidNhsNumber,
  pseudonymiseText,
} from '../../src/publish/index.ts';
import { fixtureText, loadRegister } from './register-fixture.ts';

const list = deriveVariants(loadRegister());

describe('findLeaks: register identifiers', () => {
  it('reports each leak with its kind, person, source, line and column', () => {
    const text = 'KPE-3 summary.\nThe visitor saw Kayleigh Carrow’s flat.';
    const { leaks } = findLeaks(text, list, { source: 'KPE-3 appraisal', ids: ['KPE-3'] });
    expect(leaks).toEqual([
      expect.objectContaining({
        code: 'leak-name',
        kind: 'name',
        text: 'Kayleigh Carrow’s',
        personIds: ['P-2'],
        registered: true,
        source: 'KPE-3 appraisal',
        offset: 31,
        line: 2,
        column: 17,
        ids: ['KPE-3', 'P-2'],
        path: ['KPE-3 appraisal'],
      }),
    ]);
    expect(formatIssue(leaks[0] as (typeof leaks)[number])).toMatch(
      /^KPE-3 appraisal: line 2, column 17: "Kayleigh Carrow’s" is the full name of P-2/,
    );
  });

  it('finds a registered date of birth written in a form no variant spells out', () => {
    const { leaks } = findLeaks('born on the 5th of Aug. 2021', list, { source: 'excerpt EX-2' });
    expect(leaks).toEqual([
      expect.objectContaining({ kind: 'dob', text: '5th of Aug. 2021', personIds: ['P-1'] }),
    ]);
  });

  it('finds a registered phone number however it is grouped', () => {
    const { leaks } = findLeaks('call 0770 090 0123', list, { source: 'CH-4' });
    expect(leaks).toEqual([
      expect.objectContaining({ kind: 'phone', personIds: ['P-2'], registered: true }),
    ]);
  });

  it('finds nothing in the pseudonymised case notes, and every planted identifier before', () => {
    const notes = fixtureText('case-notes.txt');
    const before = findLeaks(notes, list, { source: 'case notes' });
    const kinds = new Set(before.leaks.map((l) => l.kind));
    expect([...kinds].sort()).toEqual([
      'address',
      'alias',
      'dob',
      'initials',
      'name',
      'phone',
      'postcode',
    ]);
    const after = findLeaks(pseudonymiseText(notes, list).text, list, { source: 'case notes' });
    expect(after.leaks).toEqual([]);
  });
});

describe('findLeaks: identifiers the register does not hold', () => {
  const report = findLeaks(fixtureText('unregistered-leaks.txt'), list, {
    source: 'appendix note',
  });

  it('catches an NHS number with a valid check digit, an unregistered phone and an unregistered postcode', () => {
    expect(report.leaks.map((l) => [l.kind, l.text, l.registered, l.line])).toEqual([
      ['nhs-number', '999 012 3454', false, 2],
      ['phone', '07700 900777', false, 4],
      ['postcode', 'QX9 4DF', false, 4],
    ]);
  });

  it('does not flag ten digits whose check digit is wrong', () => {
    expect(isValidNhsNumber('999 012 3454')).toBe(true);
    expect(isValidNhsNumber('999 012 3455')).toBe(false);
    expect(report.leaks.some((l) => l.text.includes('3455'))).toBe(false);
  });

  it('lists capitalised names that are not in the register as warnings, not leaks', () => {
    expect(report.warnings.map((w) => [w.code, w.text, w.line])).toEqual([
      ['unregistered-name', 'Dwayne Pickersgill', 4],
    ]);
  });
});

describe('findLeaks: warnings about unknown names', () => {
  const warn = (text: string, knownTerms?: string[]) =>
    findLeaks(text, list, { source: 't', ...(knownTerms ? { knownTerms } : {}) }).warnings.map(
      (w) => w.text,
    );

  it('ignores sentence-initial common words, months, days, role words and labels', () => {
    expect(
      warn(
        'After the meeting on Monday 4 March, Mother and Child B saw the Health Visitor 1. ' +
          'However, the Designated Nurse and the GP agreed. Following this, Social Care closed the case.',
      ),
    ).toEqual([]);
  });

  it('reports an unknown name mid-sentence or opening a sentence', () => {
    expect(warn('Mother met Jordan Fairweather. Brandon was there too.')).toEqual([
      'Jordan Fairweather',
      'Brandon',
    ]);
  });

  it('treats a capitalised word the text also uses in lower case as ordinary', () => {
    expect(warn('Escalation was discussed. The escalation policy applied.')).toEqual([]);
  });

  it('still warns about a word that is often a name when it is capitalised mid-sentence', () => {
    expect(warn('the family met Grace on Tuesday, by grace of the court')).toEqual(['Grace']);
  });

  it('accepts known terms such as agency and place names', () => {
    expect(warn('The Harrowmere Integrated Care Board met.', ['Harrowmere'])).toEqual([]);
    expect(warn('The Harrowmere Integrated Care Board met.')).toEqual(['Harrowmere']);
  });

  it('does not repeat a register name as a warning', () => {
    expect(warn('Jaylen Carrow was seen.')).toEqual([]);
  });
});

describe('findLeaks: HTML', () => {
  const html = fixtureText('publication.html');
  const report = findLeaks(html, list, { source: 'publication HTML', format: 'html' });

  it('checks the text a reader sees: entities decoded, SVG text and alt text included', () => {
    expect(report.leaks.map((l) => [l.kind, l.text.replace(/\s+/g, ' ')])).toEqual([
      ['name', 'Kayleigh Carrow’s'],
      ['name', 'Reece Jones'],
      ['name', "Jaylen Carrow's"],
      ['phone', '07700 900123'],
    ]);
  });

  it('reports offsets, lines and columns in the HTML itself', () => {
    for (const leak of report.leaks) {
      const line = html.split('\n')[leak.line - 1] ?? '';
      expect(html.slice(leak.offset).startsWith(leak.text.slice(0, 5))).toBe(true);
      expect(line.slice(leak.column - 1).startsWith(leak.text.slice(0, 5))).toBe(true);
    }
  });

  it('skips comments, scripts and styles, so their words raise no warnings', () => {
    expect(report.warnings.map((w) => w.text)).toEqual([]);
  });
});
