// The readers and writers of UK identifier forms that derivation and the leak check build on:
// dates, phone numbers, addresses and postcodes, and the text of an HTML page.
import { describe, expect, it } from 'vitest';
import {
  addressForms,
  findPostcodeMentions,
  parseAddress,
} from '../../src/publish/address-forms.ts';
import { ageAt, findDateMentions } from '../../src/publish/date-forms.ts';
import { htmlToText } from '../../src/publish/html-text.ts';
import { findPhoneMentions, nationalDigits } from '../../src/publish/phone-forms.ts';

describe('findDateMentions', () => {
  it('reads dates in numeric, named-month and ISO forms, day before month', () => {
    const text = '05/08/2021, 5.8.21, 05-Aug-2021, 5th of August 2021, Aug 5th 2021, 2021-08-05';
    expect(findDateMentions(text).map((d) => [d.day, d.month, d.year])).toEqual([
      [5, 8, 2021],
      [5, 8, 21],
      [5, 8, 2021],
      [5, 8, 2021],
      [5, 8, 2021],
      [5, 8, 2021],
    ]);
  });

  it('ignores impossible dates and numbers inside longer ones', () => {
    expect(findDateMentions('31/02/2021, 13/13/2020, 1.2.3.4, 105/08/2021')).toEqual([]);
  });
});

describe('ageAt', () => {
  it('gives days, months below two years, then years', () => {
    expect(ageAt('2021-08-05', '2021-08-17')).toBe('aged 12 days');
    expect(ageAt('2021-08-05', '2023-03-12')).toBe('aged 19 months');
    expect(ageAt('1999-03-14', '2023-03-14')).toBe('aged 24 years');
    expect(ageAt('2021-08-05', '2020-01-01')).toBeUndefined();
  });
});

describe('phone numbers', () => {
  it('normalises written forms to national digits', () => {
    expect(nationalDigits('+44 (0)7700 900123')).toBe('07700900123');
    expect(nationalDigits('0044 1632 960518')).toBe('01632960518');
    expect(nationalDigits('12345')).toBeUndefined();
  });

  it('finds landlines and mobiles, and does not swallow a following year', () => {
    const found = findPhoneMentions('ring 020 7946 0123 or 07700 900777 2021, not 0123 45');
    expect(found.map((p) => p.text)).toEqual(['020 7946 0123', '07700 900777']);
  });
});

describe('addresses and postcodes', () => {
  it('splits unit, building, house and street, town and postcode', () => {
    const parsed = parseAddress('Flat 3, Ferncliffe Court, 27 Tanner Road, Holmbridge QX7 2LN');
    expect(parsed.parts.map((p) => [p.role, p.text])).toEqual([
      ['unit', 'Flat 3'],
      ['building', 'Ferncliffe Court'],
      ['house and street', '27 Tanner Road'],
      ['town', 'Holmbridge'],
    ]);
    expect(parsed.postcode).toBe('QX7 2LN');
  });

  it('splits an address without commas after its street type', () => {
    const forms = addressForms('14 Carr Road Holmbridge qx7 1ab').forms.map((f) => f.text);
    expect(forms).toEqual(
      expect.arrayContaining(['14 Carr Road', 'Carr Rd', 'Holmbridge', 'QX7 1AB', 'QX71AB']),
    );
  });

  it('finds postcodes in capitals with or without the space', () => {
    expect(
      findPostcodeMentions('at QX9 4DF, QX94DF or M1 1AA; not KPE-3 or 2021').map(
        (p) => p.postcode,
      ),
    ).toEqual(['QX9 4DF', 'QX9 4DF', 'M1 1AA']);
  });

  it('does not read the tail of an id as a postcode (review R-Y667RN, event R-Y667RN:212:…)', () => {
    expect(
      findPostcodeMentions('Review R-Y667RN, head R-Y667RN:212:da81f4').map((p) => p.text),
    ).toEqual([]);
  });
});

describe('htmlToText', () => {
  it('keeps what a reader sees and maps each character back to the HTML', () => {
    const html = '<p>Jo&rsquo;s <b>cot</b></p><img alt="A &amp; B"><style>p{}</style>';
    const { text, offsets } = htmlToText(html);
    expect(text.replace(/\n+/g, '\n')).toBe('\nJo’s cot\nA & B\n');
    expect(html[offsets[text.indexOf('’')] ?? -1]).toBe('&');
    expect(html.slice(offsets[text.indexOf('cot')] ?? -1).startsWith('cot')).toBe(true);
    expect(html.slice(offsets[text.indexOf('B')] ?? -1).startsWith('B"')).toBe(true);
  });
});
