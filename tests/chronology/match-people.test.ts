// People in entry texts: matching the pseudonym register by name, name part, alias and initials,
// with possessives and on word boundaries; and listing capitalised names the register lacks.
import { describe, expect, it } from 'vitest';
import { findUnknownNames } from '../../src/chronology/find-unknown-names.ts';
import { createPersonMatcher, matchPeople } from '../../src/chronology/match-people.ts';
import type { Person } from '../../src/domain/person.ts';

function person(id: string, realName: string, more: Partial<Person> = {}): Person {
  return {
    id,
    realName,
    aliases: [],
    initials: [],
    phones: [],
    roleInCase: 'family',
    publicationLabel: id,
    ...more,
  };
}

const register: Person[] = [
  person('P-1', 'Jaylen Brooks', { initials: ['JB'], publicationLabel: 'Child A' }),
  person('P-2', 'Danielle Brooks', { aliases: ['Dani'], publicationLabel: 'Mother' }),
  person('P-3', 'Jo Pritchard', { publicationLabel: 'Maternal grandmother' }),
  person('P-4', 'Will Hartley', { publicationLabel: "Mother's partner" }),
];

const ids = (text: string) => matchPeople([{ text }], register)[0];

describe('matchPeople', () => {
  it('matches full names, first names, surnames and aliases, case-insensitively', () => {
    expect(ids('Danielle Brooks attended with Jaylen.')).toEqual(['P-1', 'P-2']);
    expect(ids('DANI rang; said JAYLEN was unwell.')).toEqual(['P-1', 'P-2']);
    expect(ids('Letter sent to Ms Pritchard.')).toEqual(['P-3']);
  });

  it("matches possessives with straight and curly apostrophes: Jaylen's, Jaylen’s, Jo’s", () => {
    expect(ids("Jaylen's cough")).toEqual(['P-1']);
    expect(ids('Jaylen’s cough')).toEqual(['P-1']);
    expect(ids('fell at Jo’s house')).toEqual(['P-3']);
  });

  it('matches on word boundaries: "Jo" is not found in "Jordan" or "jostled", nor "Dani" in "Daniel"', () => {
    expect(ids('Jordan was present; the child was jostled.')).toEqual([]);
    expect(ids('Daniel from housing called.')).toEqual([]);
    expect(ids('Jo and Jordan were present.')).toEqual(['P-3']);
  });

  it('matches initials only in capitals, with or without dots', () => {
    expect(ids('JB seen at clinic.')).toEqual(['P-1']);
    expect(ids('J.B. seen at clinic.')).toEqual(['P-1']);
    expect(ids('the jb file')).toEqual([]);
  });

  it('leaves a surname two people share to their full names', () => {
    expect(ids('The Brooks family moved.')).toEqual([]);
    expect(ids('Jaylen Brooks moved.')).toEqual(['P-1']);
  });

  it('matches a name that is also a common word only when capitalised', () => {
    expect(ids('Mother will call back.')).toEqual([]);
    expect(ids('Will called back.')).toEqual(['P-4']);
    expect(ids('Mr Hartley called back.')).toEqual(['P-4']);
  });

  it('gives the spans, keeping the longest of overlapping mentions', () => {
    const spans = createPersonMatcher(register).spansIn('Seen: Jaylen Brooks and Dani’s partner.');
    expect(spans.map((s) => [s.personId, s.text])).toEqual([
      ['P-1', 'Jaylen Brooks'],
      ['P-2', 'Dani'],
    ]);
  });
});

describe('findUnknownNames', () => {
  const unknown = (...texts: string[]) =>
    findUnknownNames(
      texts.map((text, i) => ({ record: i + 1, text })),
      register,
    );

  it('lists capitalised names not in the register, with their records', () => {
    expect(
      unknown(
        'Kyle Marsh (maternal uncle) rang about Jaylen.',
        'Seen with Jordan, mother’s partner, at 12 Larch Walk, Quillington.',
        'Jordan answered the door.',
      ),
    ).toEqual([
      { name: 'Jordan', occurrences: 2, records: [2, 3] },
      { name: 'Kyle Marsh', occurrences: 1, records: [1] },
      { name: 'Larch Walk', occurrences: 1, records: [2] },
      { name: 'Quillington', occurrences: 1, records: [2] },
    ]);
  });

  it('leaves out registered people, sentence-initial words, months, days, titles and agency words', () => {
    expect(
      unknown(
        'Bruise to the left cheek. Seen on Monday 3 March by Dr Okafor at Brackenmoor Surgery.',
        'Strategy meeting with Police and Health; Jaylen’s mother Danielle present.',
        'Concern For Welfare\nReferred to MASH.',
      ),
    ).toEqual([
      { name: 'Brackenmoor', occurrences: 1, records: [1] },
      { name: 'Okafor', occurrences: 1, records: [1] },
    ]);
  });

  it('leaves out a capitalised word the texts also use in lower case', () => {
    expect(unknown('Visit booked.', 'Home visit done.', 'Smoke in the flat.')).toEqual([]);
  });

  it('counts a sentence-initial name when the texts also capitalise it mid-sentence', () => {
    expect(unknown('Kyle rang.', 'Mother says Kyle is staying.')).toEqual([
      { name: 'Kyle', occurrences: 2, records: [1, 2] },
    ]);
  });
});
