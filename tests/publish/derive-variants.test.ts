// Variant derivation from the invented register: every written form a leak can take, what
// replaces it, and what is left out or shared, with the reasons a reviewer sees.
import { describe, expect, it } from 'vitest';
import type { Person } from '../../src/domain/person.ts';
import { deriveVariants, type Variant, type VariantList } from '../../src/publish/index.ts';
import { loadRegister } from './register-fixture.ts';

const register = loadRegister();
const list = deriveVariants(register);

function variantsOf(personId: string, l: VariantList = list): Variant[] {
  return l.variants.filter((v) => v.personIds.includes(personId));
}

function textsOf(personId: string, kind?: Variant['kind'], l: VariantList = list): string[] {
  return variantsOf(personId, l)
    .filter((v) => kind === undefined || v.kind === kind)
    .map((v) => v.text);
}

function find(text: string, l: VariantList = list): Variant {
  const v = l.variants.find((x) => x.text === text);
  if (!v) throw new Error(`no variant "${text}"`);
  return v;
}

function person(overrides: Partial<Person> & Pick<Person, 'id' | 'realName'>): Person {
  return {
    aliases: [],
    initials: [],
    phones: [],
    roleInCase: 'family member',
    publicationLabel: 'Relative',
    ...overrides,
  };
}

describe('deriveVariants: names', () => {
  it('derives first name, surname, full name, surname in capitals and surname-first forms', () => {
    const texts = textsOf('P-3', 'name');
    for (const t of ['Reece Jones', 'Reece', 'Jones', 'JONES', 'Reece JONES', 'Jones, Reece']) {
      expect(texts).toContain(t);
    }
    expect(find('Reece').form).toBe('first name');
    expect(find('JONES')).toMatchObject({
      form: 'surname',
      style: 'capitals',
      replacement: 'Father',
    });
  });

  it('derives possessives with straight and curly apostrophes, and the s-only form after an s', () => {
    expect(find("Jaylen's").replacement).toBe("Child B's");
    expect(find('Jaylen’s').replacement).toBe('Child B’s');
    expect(find("Jones'")).toMatchObject({ replacement: "Father's", form: 'surname' });
    expect(find('Jones’').replacement).toBe('Father’s');
    expect(textsOf('P-2')).toContain("Kayleigh Carrow's");
  });

  it('derives each alias and the parts of a several-word alias', () => {
    expect(find('Kay')).toMatchObject({ kind: 'alias', form: 'alias', registered: true });
    expect(find('Kayleigh Birtwistle')).toMatchObject({ kind: 'alias', personIds: ['P-2'] });
    expect(find('Birtwistle')).toMatchObject({ kind: 'alias', form: 'alias part' });
    expect(find("Reecey's").replacement).toBe("Father's");
  });

  it('maps participants to their publication labels', () => {
    expect(find('Priya Ramsden')).toMatchObject({
      personIds: ['PT-1'],
      replacement: 'Health Visitor 1',
    });
    expect(find('Wielgosz').replacement).toBe('Social Worker 1');
  });

  it('replaces a participant without a label by a neutral removal, and says so', () => {
    expect(find('Ruth Penhallow').replacement).toBe('[name removed]');
    expect(list.notes.find((n) => n.code === 'participant-without-label')?.ids).toEqual(['PT-3']);
  });

  it('skips a derived two-letter first name and lists it with the reason', () => {
    expect(list.variants.some((v) => v.text === 'Ty')).toBe(false);
    expect(list.skipped).toContainEqual(
      expect.objectContaining({
        text: 'Ty',
        personId: 'P-5',
        reason: expect.stringMatching(/too short/),
      }),
    );
  });

  it('keeps a short name the register lists itself', () => {
    expect(find('Jo')).toMatchObject({ kind: 'alias', personIds: ['P-4'] });
    expect(find('JJ')).toMatchObject({ kind: 'alias', personIds: ['P-1'] });
  });

  it('matches a name part that is also an ordinary word only when capitalised', () => {
    expect(find('Hope').caseRule).toBe('capitalised');
    expect(find('Lee').caseRule).toBe('capitalised');
    expect(find('Jaylen').caseRule).toBe('any');
  });

  it('gives a surname shared by people with different labels a neutral replacement and a note', () => {
    expect(find('Carrow')).toMatchObject({
      personIds: ['P-1', 'P-2'],
      replacement: '[name removed]',
    });
    expect(find('Carrow’s').replacement).toBe('[name removed]’s');
    const note = list.notes.find((n) => n.code === 'shared-variant');
    expect(note?.message).toContain('"Carrow" belongs to P-1 (Child B) and P-2 (Mother)');
  });

  it('gives a form to the one person whose register lists it when others only derive it', () => {
    const l = deriveVariants({
      persons: [
        person({ id: 'P-1', realName: 'Kay Brennan', publicationLabel: 'Aunt' }),
        person({
          id: 'P-2',
          realName: 'Kayleigh Carrow',
          aliases: ['Kay'],
          publicationLabel: 'Mother',
        }),
      ],
    });
    expect(find('Kay', l)).toMatchObject({ personIds: ['P-2'], replacement: 'Mother' });
  });
});

describe('deriveVariants: initials', () => {
  it('derives initials with and without dots and spaces, matched in capitals only', () => {
    const texts = textsOf('P-2', 'initials');
    for (const t of ['K.C.', 'K. C.', 'K C', 'KC', 'K.C']) expect(texts).toContain(t);
    expect(find('KC')).toMatchObject({ caseRule: 'upper', replacement: 'Mother' });
    expect(textsOf('P-3', 'initials')).toEqual(expect.arrayContaining(['RJ', 'R.J.', 'R J']));
  });

  it('warns when initials are also an everyday safeguarding acronym', () => {
    const l = deriveVariants({
      persons: [
        person({
          id: 'P-1',
          realName: 'Dean Alcott',
          initials: ['DA'],
          publicationLabel: 'Partner',
        }),
      ],
    });
    expect(l.notes.find((n) => n.code === 'initials-are-acronym')?.message).toContain(
      'domestic abuse',
    );
  });
});

describe('deriveVariants: dates of birth', () => {
  it('writes a date of birth in every common UK form', () => {
    const texts = textsOf('P-1', 'dob');
    for (const t of [
      '05/08/2021',
      '5/8/2021',
      '5/8/21',
      '05.08.21',
      '05-08-2021',
      '05-Aug-2021',
      '5 Aug 2021',
      '5th August 2021',
      '5 August 2021',
      'August 5, 2021',
      '2021-08-05',
    ]) {
      expect(texts).toContain(t);
    }
    expect(find('05/08/2021')).toMatchObject({
      replacement: '[date of birth removed]',
      value: '2021-08-05',
    });
  });

  it('writes September with both Sep and Sept', () => {
    const l = deriveVariants({
      persons: [person({ id: 'P-1', realName: 'Ama Osei', dateOfBirth: '2020-09-30' })],
    });
    expect(textsOf('P-1', 'dob', l)).toEqual(
      expect.arrayContaining(['30 Sep 2020', '30 Sept 2020']),
    );
  });

  it('generalises a date of birth to an age at a given date when asked', () => {
    const l = deriveVariants(register, { ageAt: '2023-03-12' });
    expect(find('05/08/2021', l).replacement).toBe('[aged 19 months]');
    expect(find('14.03.99', l).replacement).toBe('[aged 23 years]');
  });
});

describe('deriveVariants: addresses, postcodes and phones', () => {
  it('derives house and street, street alone, building and town, with abbreviations both ways', () => {
    const texts = textsOf('P-1', 'address');
    for (const t of [
      '27 Tanner Road',
      '27 Tanner Rd',
      'Tanner Road',
      'Tanner Rd',
      'Ferncliffe Court',
      'Ferncliffe Ct',
      'Holmbridge',
      'Flat 3, Ferncliffe Court, 27 Tanner Road, Holmbridge QX7 2LN',
      'Flat 3, Ferncliffe Ct, 27 Tanner Rd, Holmbridge',
    ]) {
      expect(texts).toContain(t);
    }
    expect(textsOf('P-3', 'address')).toEqual(
      expect.arrayContaining(['12 Birchwood Gdns', 'Birchwood Gardens']),
    );
    expect(textsOf('P-4', 'address')).toEqual(expect.arrayContaining(['9 Kiln St', 'Kiln Street']));
  });

  it('expands an abbreviated registered street', () => {
    const l = deriveVariants({
      persons: [
        person({ id: 'P-1', realName: 'Ama Osei', address: '4 Mossley Cres, Holmbridge QX7 9AA' }),
      ],
    });
    expect(textsOf('P-1', 'address', l)).toEqual(
      expect.arrayContaining(['4 Mossley Crescent', 'Mossley Crescent']),
    );
  });

  it('replaces a shared home by "the family home", one person’s by their home, and places by removals', () => {
    expect(find('27 Tanner Road').replacement).toBe('the family home');
    expect(find('12 Birchwood Gardens').replacement).toBe("Father's home");
    expect(find('Tanner Road').replacement).toBe('[address removed]');
    expect(find('Holmbridge')).toMatchObject({ form: 'town', replacement: '[place removed]' });
  });

  it('leaves a flat number alone out, saying why', () => {
    expect(list.skipped).toContainEqual(
      expect.objectContaining({ text: 'Flat 3', reason: expect.stringMatching(/too generic/) }),
    );
  });

  it('derives the postcode with and without its space', () => {
    expect(find('QX7 2LN')).toMatchObject({
      kind: 'postcode',
      value: 'QX7 2LN',
      replacement: '[postcode removed]',
    });
    expect(find('QX72LN').kind).toBe('postcode');
  });

  it('derives phone numbers with and without spaces and in +44 and 0 forms', () => {
    const texts = textsOf('P-2', 'phone');
    for (const t of [
      '07700 900123',
      '07700900123',
      '07700 900 123',
      '+44 7700 900123',
      '+447700900123',
      '+44 (0)7700 900123',
    ]) {
      expect(texts).toContain(t);
    }
    expect(textsOf('P-3', 'phone')).toEqual(
      expect.arrayContaining(['(01632) 960518', '01632960518', '+44 1632 960518']),
    );
    expect(find('07700900123')).toMatchObject({
      replacement: '[phone number removed]',
      value: '07700900123',
    });
  });

  it('notes an address it cannot split', () => {
    const l = deriveVariants({
      persons: [
        person({ id: 'P-1', realName: 'Ama Osei', address: '14 Carr Fold Lower Holmbridge' }),
      ],
    });
    expect(l.notes.map((n) => n.code)).toContain('address-not-split');
  });
});

describe('deriveVariants: as a whole', () => {
  it('skips texts the reviewers cleared for publication', () => {
    const l = deriveVariants(register, { allow: ['Holmbridge'] });
    expect(l.variants.some((v) => v.text === 'Holmbridge')).toBe(false);
    expect(l.skipped).toContainEqual(
      expect.objectContaining({ text: 'Holmbridge', reason: expect.stringMatching(/cleared/) }),
    );
  });

  it('is deterministic whatever order the register comes in, and takes a ReviewState-shaped record', () => {
    const reversed = deriveVariants({
      persons: [...register.persons].reverse(),
      participants: [...register.participants].reverse(),
    });
    const asRecords = deriveVariants({
      persons: Object.fromEntries(register.persons.map((p) => [p.id, p])),
      participants: Object.fromEntries(register.participants.map((p) => [p.id, p])),
    });
    expect(reversed).toEqual(list);
    expect(asRecords).toEqual(list);
  });

  it('gives every variant a person, a kind and a replacement', () => {
    for (const v of list.variants) {
      expect(v.personIds.length).toBeGreaterThan(0);
      expect(v.replacement.length).toBeGreaterThan(0);
      expect(['name', 'alias', 'initials', 'dob', 'address', 'postcode', 'phone']).toContain(
        v.kind,
      );
    }
  });
});
