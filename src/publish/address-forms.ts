/**
 * UK addresses in their written forms: a registered address split into unit, building, house
 * and street, locality and postcode; street types abbreviated and expanded (Road ↔ Rd); and a
 * reader that finds postcodes in text.
 */
import type { VariantForm } from './variant.ts';

/** Street types and their usual abbreviations, the first being the one most often written. */
const STREET_TYPES: [full: string, abbreviations: string[]][] = [
  ['Road', ['Rd']],
  ['Street', ['St']],
  ['Avenue', ['Ave', 'Av']],
  ['Close', ['Cl']],
  ['Lane', ['Ln']],
  ['Drive', ['Dr']],
  ['Crescent', ['Cres']],
  ['Court', ['Ct']],
  ['Place', ['Pl']],
  ['Gardens', ['Gdns']],
  ['Terrace', ['Terr', 'Tce']],
  ['Grove', ['Gr', 'Gro']],
  ['Square', ['Sq']],
];

/** Every spelling of a street type (lower case) → all spellings of that type. */
const TYPE_SPELLINGS = new Map<string, string[]>();
for (const [full, abbreviations] of STREET_TYPES) {
  const all = [full, ...abbreviations];
  for (const spelling of all) TYPE_SPELLINGS.set(spelling.toLowerCase(), all);
}

const UNIT = /^(flat|room|apartment|apt|unit|suite|studio|bedsit)\b\.?\s*\S+$/i;
const HOUSE_AND_STREET = /^(\d+[A-Za-z]?(?:\s*[-–]\s*\d+[A-Za-z]?)?)\s*,?\s+(\D.*)$/;
const POSTCODE_AT_END = /[,\s]*\b([A-Za-z]{1,2}\d[A-Za-z\d]?)\s*(\d[A-Za-z]{2})\s*$/;

export type AddressRole = 'unit' | 'building' | 'house and street' | 'street' | 'town';

export interface AddressPart {
  text: string;
  role: AddressRole;
  /** For a house and street: the street without its number. */
  street?: string;
}

export interface ParsedAddress {
  parts: AddressPart[];
  /** In capitals with one space: `QX7 2LN`. */
  postcode?: string;
  /** What could not be worked out, for the reviewer. */
  problems: string[];
}

/** The street type that `name` ends with, if any ("Tanner Road" → Road, Rd). */
function streetTypeOf(name: string): string[] | undefined {
  const last = name.trim().split(/\s+/).pop() ?? '';
  return TYPE_SPELLINGS.get(last.replace(/\.$/, '').toLowerCase());
}

/** Splits a registered address into its parts; never throws, reports what it could not split. */
export function parseAddress(address: string): ParsedAddress {
  const problems: string[] = [];
  let rest = address.trim();
  let postcode: string | undefined;
  const pc = POSTCODE_AT_END.exec(rest);
  if (pc) {
    postcode = `${(pc[1] ?? '').toUpperCase()} ${(pc[2] ?? '').toUpperCase()}`;
    rest = rest.slice(0, pc.index);
  }
  let texts = rest
    .split(/\s*[,;\n]\s*/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  if (texts.length === 1) {
    // No commas: "14 Carr Road Holmbridge" splits after the street type, if there is one.
    const words = (texts[0] ?? '').split(/\s+/);
    const typeAt = words.findIndex(
      (w, i) => i > 0 && TYPE_SPELLINGS.has(w.replace(/\.$/, '').toLowerCase()),
    );
    if (typeAt > 0 && typeAt < words.length - 1) {
      texts = [words.slice(0, typeAt + 1).join(' '), words.slice(typeAt + 1).join(' ')];
    } else if (words.length > 3) {
      problems.push(
        `the address "${address}" has no commas, so its street and town could not be told apart; ` +
          'only the whole address and its postcode are matched. Separate its parts with commas in the register',
      );
    }
  }
  const streetAt = texts.findIndex((t) => HOUSE_AND_STREET.test(t));
  const namedStreetAt =
    streetAt >= 0 ? streetAt : texts.findIndex((t, i) => streetTypeOf(t) && i < texts.length - 1);
  const parts: AddressPart[] = texts.map((text, i) => {
    if (UNIT.test(text)) return { text, role: 'unit' };
    if (i === streetAt) {
      const m = HOUSE_AND_STREET.exec(text);
      return { text, role: 'house and street', street: m?.[2] };
    }
    if (i === namedStreetAt) return { text, role: 'street' };
    const pivot = namedStreetAt >= 0 ? namedStreetAt : texts.length - 1;
    if (i < pivot) return { text, role: 'building' };
    if (texts.length === 1) return { text, role: 'building' };
    return { text, role: 'town' };
  });
  if (!postcode) problems.push(`the address "${address}" has no postcode at its end`);
  return { parts, postcode, problems };
}

/**
 * The spellings of a street or building name with its type swapped: "Tanner Road" →
 * ["Tanner Rd"]; "Tanner Rd" → ["Tanner Road"]. Empty when it does not end in a known type.
 */
function streetTypeAlternatives(name: string): { text: string; style: string }[] {
  const spellings = streetTypeOf(name);
  if (!spellings) return [];
  const words = name.trim().split(/\s+/);
  const last = (words.pop() ?? '').replace(/\.$/, '');
  return spellings
    .filter((s) => s.toLowerCase() !== last.toLowerCase())
    .map((s) => ({ text: [...words, s].join(' '), style: s === spellings[0] ? 'expanded' : s }));
}

/** An address form to match, with the part of the address it is. */
export interface AddressForm {
  text: string;
  form: VariantForm;
  style?: string;
}

const HOME_FORMS: ReadonlySet<VariantForm> = new Set([
  'full address',
  'address part',
  'building',
  'house and street',
]);

/**
 * How precisely an address form places someone: 3 a home (house number, flat, named building),
 * 2 a street, 1 a town or locality, 0 a postcode alone; -1 for a form that is not an address.
 */
export function addressPrecision(form: VariantForm): number {
  if (HOME_FORMS.has(form)) return 3;
  if (form === 'street') return 2;
  if (form === 'town') return 1;
  if (form === 'postcode') return 0;
  return -1;
}

/** Joins parts with the type swap applied: index -1 as written, k the k-th alternative. */
function withSwap(parts: AddressPart[], k: number): string | undefined {
  let changed = false;
  const texts = parts.map((p) => {
    if (k < 0 || p.role === 'town' || p.role === 'unit') return p.text;
    const alt = streetTypeAlternatives(p.text)[k];
    if (!alt) return p.text;
    changed = true;
    return alt.text;
  });
  return k < 0 || changed ? texts.join(', ') : undefined;
}

function swapStyle(parts: AddressPart[], k: number): string | undefined {
  for (const p of parts) {
    const alt = streetTypeAlternatives(p.text)[k];
    if (alt && p.role !== 'town' && p.role !== 'unit') return alt.style;
  }
  return undefined;
}

/**
 * Every form of an address worth matching: the whole address with and without its postcode,
 * runs of neighbouring parts that pinpoint the home, the house number and street, the street
 * alone, a named building, the town, and the postcode with and without its space; each with
 * street types abbreviated and expanded. A flat or room number alone is left out as too generic.
 */
export function addressForms(address: string): {
  forms: AddressForm[];
  skipped: { text: string; form: VariantForm; reason: string }[];
  problems: string[];
} {
  const { parts, postcode, problems } = parseAddress(address);
  const forms: AddressForm[] = [];
  const skipped: { text: string; form: VariantForm; reason: string }[] = [];
  const add = (text: string, form: VariantForm, style?: string) => {
    forms.push(style ? { text, form, style } : { text, form });
  };
  const pinpoints = (run: AddressPart[]) =>
    run.some((p) => p.role === 'unit' || p.role === 'building' || p.role === 'house and street');
  const maxAlternatives = Math.max(0, ...parts.map((p) => streetTypeAlternatives(p.text).length));

  add(address.trim(), 'full address', 'as registered');
  for (let start = 0; start < parts.length; start++) {
    for (let end = parts.length; end >= start + 2; end--) {
      const run = parts.slice(start, end);
      if (!pinpoints(run)) continue;
      const whole = start === 0 && end === parts.length;
      const form: VariantForm = whole ? 'full address' : 'address part';
      for (let k = -1; k < maxAlternatives; k++) {
        const text = withSwap(run, k);
        if (text === undefined) continue;
        const style = k < 0 ? undefined : swapStyle(run, k);
        add(text, form, style);
        if (end === parts.length && postcode) {
          add(`${text} ${postcode}`, form, style ? `${style}, with postcode` : 'with postcode');
          add(`${text}, ${postcode}`, form, style ? `${style}, with postcode` : 'with postcode');
        }
      }
    }
  }
  for (const part of parts) {
    const alternatives = streetTypeAlternatives(part.text);
    switch (part.role) {
      case 'unit':
        skipped.push({
          text: part.text,
          form: 'address part',
          reason:
            'a flat or room number alone is too generic to match; it is matched with its building or street',
        });
        break;
      case 'building':
        add(part.text, 'building');
        for (const alt of alternatives) add(alt.text, 'building', alt.style);
        break;
      case 'house and street': {
        add(part.text, 'house and street');
        for (const alt of alternatives) add(alt.text, 'house and street', alt.style);
        const street = part.street ?? '';
        if (street) {
          add(street, 'street', 'without number');
          for (const alt of streetTypeAlternatives(street)) {
            add(alt.text, 'street', `without number, ${alt.style}`);
          }
        }
        break;
      }
      case 'street':
        add(part.text, 'street');
        for (const alt of alternatives) add(alt.text, 'street', alt.style);
        break;
      case 'town':
        add(part.text, 'town');
        if (postcode) add(`${part.text} ${postcode}`, 'town', 'with postcode');
        break;
    }
  }
  if (postcode) {
    add(postcode, 'postcode');
    add(postcode.replace(' ', ''), 'postcode', 'no space');
  }
  const seen = new Set<string>();
  return {
    forms: forms.filter((f) => !seen.has(f.text.toLowerCase()) && seen.add(f.text.toLowerCase())),
    skipped,
    problems,
  };
}

/** A postcode in normal form: capitals, one space before the inward code (`qx72ln` → `QX7 2LN`). */
export function normalisePostcode(text: string): string {
  const compact = text.replace(/\s+/g, '').toUpperCase();
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

/** A postcode found in text, with its normal form (`QX7 2LN`). */
export interface PostcodeMention {
  start: number;
  end: number;
  text: string;
  postcode: string;
}

/** Not inside a word, nor the tail of an id joined by a hyphen (a review id "R-Y667RN"). */
const POSTCODE = /(?<![\p{L}\p{N}-])([A-Z]{1,2}\d[A-Z\d]?)[ \t]?(\d[A-Z]{2})(?![\p{L}\p{N}])/gu;

/** Finds UK postcodes written in capitals, with or without the space. */
export function findPostcodeMentions(text: string): PostcodeMention[] {
  const found: PostcodeMention[] = [];
  POSTCODE.lastIndex = 0;
  for (let m = POSTCODE.exec(text); m !== null; m = POSTCODE.exec(text)) {
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      postcode: `${m[1]} ${m[2]}`,
    });
  }
  return found;
}
