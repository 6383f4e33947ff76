// The disguised forms of one invented register name, Jason Smith (P-1, "Father"), that the leak
// check must refuse: forms refused before it read texts as a reader would, and the disguises an
// adversary got past the check into a publication. Shared by the unit table and the editions.
import type { Person } from '../../src/domain/person.ts';

export const FATHER: Person = {
  id: 'P-1',
  realName: 'Jason Smith',
  aliases: [],
  initials: [],
  phones: [],
  roleInCase: 'father',
  publicationLabel: 'Father',
};

export interface DisguisedForm {
  /** What the disguise is, for the test's name. */
  label: string;
  /** The form as it stands in the text. */
  text: string;
  /** Refused before the second reading: written plainly enough for the first (pseudonymised too). */
  plain: boolean;
}

export const DISGUISED_FORMS: readonly DisguisedForm[] = [
  { label: 'all capitals', text: 'JASON SMITH', plain: true },
  { label: 'possessive, curly apostrophe', text: 'Jason’s', plain: true },
  { label: 'possessive, straight apostrophe', text: "Smith's", plain: true },
  { label: 'zero-width space', text: 'Ja\u200Bson', plain: true },
  { label: 'zero-width joiner', text: 'Smi\u200Dth', plain: true },
  { label: 'soft hyphen', text: 'Ja\u00ADson', plain: true },
  { label: 'accents', text: 'Jásón Smïth', plain: true },
  { label: 'full-width letters', text: 'Ｊａｓｏｎ', plain: true },
  {
    label: 'reversed behind a right-to-left override',
    text: '\u202Ehtims nosaJ\u202C',
    plain: false,
  },
  { label: 'Cyrillic а', text: 'J\u0430son', plain: false },
  { label: 'Greek α', text: 'J\u03B1son', plain: false },
  { label: 'Cyrillic о', text: 'Jas\u043En', plain: false },
  {
    label: 'Cyrillic capitals',
    text: '\u0408\u0410\u0405\u041EN S\u041C\u0406\u0422\u041D',
    plain: false,
  },
  { label: 'Greek capitals', text: 'J\u0391S\u039F\u039D', plain: false },
  { label: 'hyphen and line break', text: 'Ja-\nson', plain: false },
  { label: 'hyphen, space and CRLF', text: 'Smi- \r\nth', plain: false },
  { label: 'letter-spaced', text: 'J a s o n', plain: false },
  { label: 'letter-spaced with dots', text: 'J.a.s.o.n', plain: false },
  { label: 'letter-spaced full name', text: 'J a s o n  S m i t h', plain: false },
  { label: 'digit for a letter', text: 'Jas0n', plain: false },
  { label: 'digits for letters, 1 for i', text: 'J4s0n 5m1th', plain: false },
  { label: 'initials, dotted', text: 'J.S.', plain: false },
  { label: 'initials, dotted and spaced', text: 'J. S.', plain: false },
  { label: 'initials, run together', text: 'JS', plain: false },
  { label: 'initials, possessive', text: 'JS’s', plain: false },
  { label: 'invisible times U+2062', text: 'Ja\u2062son', plain: false },
  { label: 'tag space U+E0020', text: 'Ja\u{E0020}son', plain: false },
  { label: 'Mongolian vowel separator U+180E', text: 'Ja\u180Eson', plain: false },
  { label: 'Hangul filler U+3164', text: 'Ja\u3164son', plain: false },
  { label: 'halfwidth Hangul filler U+FFA0', text: 'Ja\uFFA0son', plain: false },
  { label: 'run together', text: 'JasonSmith', plain: false },
  { label: 'Cyrillic а and an invisible character', text: 'J\u0430\u2062son', plain: false },
];
