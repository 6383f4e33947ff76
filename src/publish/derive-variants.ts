/**
 * Derives from the pseudonym register what a leak looks like: every written form of each
 * person's names, aliases, initials, date of birth, address and phones (and each participant's
 * name), with what replaces it in a publication. Deterministic: the same register gives the same
 * list in the same order.
 *
 * @example
 * const list = deriveVariants(state); // a ReviewState, or { persons: [...], participants: [...] }
 * pseudonymiseText('Kayleigh Carrow’s flat', list).text; // → 'Mother’s flat'
 */
import { type Issue, issue } from '../domain/issue.ts';
import type { Participant } from '../domain/participant.ts';
import type { Person } from '../domain/person.ts';
import { compareIds } from '../domain/primitives.ts';
import { addressForms, addressPrecision, normalisePostcode } from './address-forms.ts';
import {
  COMMON_ACRONYMS,
  DESCRIPTOR_WORDS,
  isOrdinaryWord,
  NAME_PARTICLES,
} from './common-words.ts';
import { ageAt, dateForms } from './date-forms.ts';
import { foldText } from './fold-text.ts';
import { initialsForms, possessiveOf, possessives, splitName } from './name-forms.ts';
import { nationalDigits, phoneForms } from './phone-forms.ts';
import type {
  CaseRule,
  SkippedVariant,
  Variant,
  VariantForm,
  VariantKind,
  VariantList,
} from './variant.ts';

/** The register: a ReviewState fits as it is; plain arrays do too. */
export interface Register {
  persons: readonly Person[] | Readonly<Record<string, Person>>;
  participants?: readonly Participant[] | Readonly<Record<string, Participant>>;
}

export interface DeriveOptions {
  /**
   * Generalise a date of birth to the age on this date (YYYY-MM-DD, e.g. the date of the
   * incident) — "[aged 3 years]" — instead of removing it.
   */
  ageAt?: string;
  /**
   * Texts the reviewers have cleared for publication, e.g. the partnership's town when the
   * report names its area anyway. They are listed as skipped, never matched.
   */
  allow?: readonly string[];
}

/** Shortest derived name part matched without being listed in the register. */
const MIN_DERIVED_LETTERS = 3;

const REMOVED = {
  name: '[name removed]',
  dob: '[date of birth removed]',
  street: '[address removed]',
  town: '[place removed]',
  postcode: '[postcode removed]',
  phone: '[phone number removed]',
  sharedHome: 'the family home',
} as const;

interface Candidate {
  text: string;
  /** The text without a possessive ending: what case rules and the allow list look at. */
  base: string;
  kind: VariantKind;
  form: VariantForm;
  style?: string;
  personId: string;
  label: string;
  replacement: string;
  caseRule: CaseRule;
  registered: boolean;
  value?: string;
  /** For a possessive form, the apostrophe it is written with. */
  apostrophe?: string;
}

function valuesOf<T>(items: readonly T[] | Readonly<Record<string, T>> | undefined): T[] {
  if (!items) return [];
  return Array.isArray(items) ? [...items] : Object.values(items as Record<string, T>);
}

function letterCount(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}

/** `capitalised` for a one-word variant that is also an ordinary word ("Hope", "Hall"). */
function caseRuleFor(base: string, kind: VariantKind): CaseRule {
  if (kind === 'initials') return 'upper';
  if (/\s/.test(base)) return 'any';
  if (kind === 'dob' || kind === 'phone' || kind === 'postcode') return 'any';
  return isOrdinaryWord(base) ? 'capitalised' : 'any';
}

class Collector {
  readonly candidates: Candidate[] = [];
  readonly skipped: SkippedVariant[] = [];
  readonly notes: Issue[] = [];
  private readonly allowed: Set<string>;

  constructor(allow: readonly string[]) {
    this.allowed = new Set(allow.map(foldText));
  }

  /** Adds a form and, for names, its possessives. */
  add(c: Omit<Candidate, 'base' | 'caseRule'>, withPossessives = false): void {
    const base: Candidate = { ...c, base: c.text, caseRule: caseRuleFor(c.text, c.kind) };
    if (this.allowed.has(foldText(c.text))) {
      this.skip(base, 'cleared for publication by the reviewers (the allow list)');
      return;
    }
    if (!c.registered && (c.kind === 'name' || c.kind === 'alias')) {
      const reason = this.unsafeReason(c.text);
      if (reason) {
        this.skip(base, reason);
        return;
      }
    }
    this.candidates.push(base);
    if (!withPossessives) return;
    for (const p of possessives(c.text)) {
      this.candidates.push({
        ...base,
        text: p.text,
        style: base.style ? `${base.style}, ${p.style}` : p.style,
        replacement: possessiveOf(c.replacement, p.apostrophe),
        apostrophe: p.apostrophe,
      });
    }
  }

  private unsafeReason(text: string): string | undefined {
    const lower = text.toLowerCase();
    if (DESCRIPTOR_WORDS.has(lower)) return 'a descriptive word, not an identifier';
    if (NAME_PARTICLES.has(lower)) return 'a surname particle, not a name on its own';
    const letters = letterCount(text);
    if (letters < MIN_DERIVED_LETTERS) {
      return `too short to match safely (${letters} letters); list it as an alias in the register if the family use it`;
    }
    return undefined;
  }

  private skip(c: Candidate, reason: string): void {
    this.skipped.push({ text: c.text, kind: c.kind, form: c.form, personId: c.personId, reason });
  }
}

function addNameForms(
  out: Collector,
  name: string,
  who: { personId: string; label: string; replacement: string },
  kind: 'name' | 'alias',
): void {
  const parts = splitName(name);
  const registeredForm: VariantForm = kind === 'alias' ? 'alias' : 'full name';
  const partForm = (form: VariantForm): VariantForm => (kind === 'alias' ? 'alias part' : form);
  const add = (text: string, form: VariantForm, registered: boolean, style?: string) =>
    out.add({ ...who, text, kind, form, registered, ...(style ? { style } : {}) }, true);

  add(name.trim(), registeredForm, true);
  if (parts.full !== name.trim()) add(parts.full, registeredForm, true, 'without title');
  const first = parts.given[0] ?? '';
  const { surname } = parts;
  if (surname !== undefined) {
    const given = parts.given.join(' ');
    const upper = surname.toUpperCase();
    if (parts.given.length > 1) add(`${first} ${surname}`, partForm('first and last name'), true);
    add(`${given} ${upper}`, registeredForm, true, 'surname in capitals');
    add(`${surname}, ${given}`, partForm('surname, first name'), true);
    add(`${upper}, ${given}`, partForm('surname, first name'), true, 'surname in capitals');
    add(first, partForm('first name'), false);
    for (const middle of parts.given.slice(1)) add(middle, partForm('middle name'), false);
    add(surname, partForm('surname'), false);
    add(upper, partForm('surname'), false, 'capitals');
    for (const piece of parts.surnameParts) add(piece, partForm('name part'), false);
  }
}

function deriveForPerson(out: Collector, person: Person, options: DeriveOptions): void {
  const label = person.publicationLabel;
  const who = { personId: person.id, label };
  addNameForms(out, person.realName, { ...who, replacement: label }, 'name');
  for (const alias of person.aliases)
    addNameForms(out, alias, { ...who, replacement: label }, 'alias');

  for (const initials of person.initials) {
    const forms = initialsForms(initials);
    if (forms.length === 0) {
      out.notes.push(
        issue(
          'initials-too-short',
          ['persons', person.id, 'initials'],
          `the initials "${initials}" of ${person.id} have fewer than two letters, so they are not matched`,
          [person.id],
        ),
      );
    }
    for (const f of forms) {
      out.add(
        {
          ...who,
          text: f.text,
          kind: 'initials',
          form: 'initials',
          style: f.style,
          registered: true,
          replacement: label,
        },
        f.style === 'run together',
      );
    }
    const letters = forms[0]?.text ?? '';
    const acronym = COMMON_ACRONYMS.get(letters);
    if (acronym) {
      out.notes.push(
        issue(
          'initials-are-acronym',
          ['persons', person.id, 'initials'],
          `the initials "${letters}" of ${person.id} (${label}) are also the everyday acronym for ` +
            `"${acronym}": every "${letters}" in the text becomes "${label}". Spell the acronym out in the text`,
          [person.id],
        ),
      );
    }
  }

  if (person.dateOfBirth) {
    let replacement: string = REMOVED.dob;
    if (options.ageAt) {
      const age = ageAt(person.dateOfBirth, options.ageAt);
      if (age) replacement = `[${age}]`;
      else {
        out.notes.push(
          issue(
            'born-after-age-date',
            ['persons', person.id, 'dateOfBirth'],
            `${person.id} was born on ${person.dateOfBirth}, after ${options.ageAt}, so no age can be given; the date is removed instead`,
            [person.id],
          ),
        );
      }
    }
    for (const f of dateForms(person.dateOfBirth)) {
      out.add({
        ...who,
        text: f.text,
        kind: 'dob',
        form: 'date of birth',
        style: f.style,
        registered: true,
        replacement,
        value: person.dateOfBirth,
      });
    }
  }

  if (person.address) {
    const { forms, skipped, problems } = addressForms(person.address);
    for (const problem of problems) {
      out.notes.push(
        issue('address-not-split', ['persons', person.id, 'address'], problem, [person.id]),
      );
    }
    for (const s of skipped) {
      out.skipped.push({ ...s, kind: 'address', personId: person.id });
    }
    const home = `${possessiveOf(label)} home`;
    for (const f of forms) {
      const precision = addressPrecision(f.form);
      const replacement =
        precision === 3
          ? home
          : precision === 2
            ? REMOVED.street
            : precision === 1
              ? REMOVED.town
              : REMOVED.postcode;
      const kind: VariantKind = f.form === 'postcode' ? 'postcode' : 'address';
      out.add({
        ...who,
        text: f.text,
        kind,
        form: f.form,
        ...(f.style ? { style: f.style } : {}),
        registered: f.form === 'full address',
        replacement,
        ...(f.form === 'postcode' ? { value: normalisePostcode(f.text) } : {}),
      });
    }
  }

  for (const phone of person.phones) {
    const digits = nationalDigits(phone);
    if (digits === undefined) {
      out.notes.push(
        issue(
          'phone-not-uk',
          ['persons', person.id, 'phones'],
          `"${phone}" (${person.id}) is not a UK number of 10 or 11 digits; only its registered form and its digits are matched`,
          [person.id],
        ),
      );
    }
    for (const f of phoneForms(phone)) {
      out.add({
        ...who,
        text: f.text,
        kind: 'phone',
        form: 'phone',
        style: f.style,
        registered: true,
        replacement: REMOVED.phone,
        value: digits ?? phone.replace(/\D/g, ''),
      });
    }
  }
}

function deriveForParticipant(out: Collector, participant: Participant): void {
  const label = participant.publicationLabel;
  if (!label) {
    out.notes.push(
      issue(
        'participant-without-label',
        ['participants', participant.id, 'publicationLabel'],
        `${participant.id} has no publication label, so their name is replaced by "${REMOVED.name}"; ` +
          'give them one (e.g. "Health Visitor 1")',
        [participant.id],
      ),
    );
  }
  addNameForms(
    out,
    participant.name,
    { personId: participant.id, label: label ?? REMOVED.name, replacement: label ?? REMOVED.name },
    'name',
  );
}

const CASE_ORDER: CaseRule[] = ['any', 'capitalised', 'upper'];

/** The replacement for a text that several people with different labels share. */
function sharedReplacement(c: Candidate): string {
  if (c.kind === 'address' && addressPrecision(c.form) === 3) return REMOVED.sharedHome;
  return c.apostrophe ? possessiveOf(REMOVED.name, c.apostrophe) : REMOVED.name;
}

/**
 * Merges forms that fold to the same text. When only one person's register entry lists the text
 * itself, it is theirs; otherwise it names all of them, and when their replacements differ it is
 * replaced by a neutral one ("[name removed]", "the family home") and noted.
 */
function merge(candidates: Candidate[], notes: Issue[]): Variant[] {
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = foldText(c.text);
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const variants: Variant[] = [];
  for (const group of groups.values()) {
    let members = group;
    const people = new Set(members.map((c) => c.personId));
    if (people.size > 1) {
      const registeredBy = new Set(members.filter((c) => c.registered).map((c) => c.personId));
      if (registeredBy.size === 1) {
        const [owner] = registeredBy;
        members = members.filter((c) => c.personId === owner);
      }
    }
    const personIds = [...new Set(members.map((c) => c.personId))].sort(compareIds);
    // Folded, so "Father's" and "Father’s" (the two apostrophes of one possessive) agree.
    const replacements = new Set(members.map((c) => foldText(c.replacement)));
    const first = members[0] as Candidate;
    const caseRule = CASE_ORDER[
      Math.min(...members.map((c) => CASE_ORDER.indexOf(c.caseRule)))
    ] as CaseRule;
    const shared = replacements.size > 1;
    // A household sharing an address is expected; a name shared by people with different
    // labels loses who is meant, so the reviewer is told.
    if (shared && first.text === first.base && sharedReplacement(first) === REMOVED.name) {
      const labels = personIds.map(
        (id) => `${id} (${members.find((c) => c.personId === id)?.label})`,
      );
      notes.push(
        issue(
          'shared-variant',
          [],
          `"${first.text}" belongs to ${labels.join(' and ')}, so it is replaced by "${REMOVED.name}". ` +
            `Where the text says who is meant, add a fuller form (e.g. "Ms ${first.text}") as an alias of that person`,
          personIds,
        ),
      );
    }
    const seen = new Set<string>();
    for (const c of members) {
      if (seen.has(c.text)) continue;
      seen.add(c.text);
      const replacement = shared ? sharedReplacement(c) : c.replacement;
      const variant: Variant = {
        text: c.text,
        kind: c.kind,
        form: c.form,
        personIds,
        replacement,
        caseRule,
        registered: c.registered,
      };
      if (c.style) variant.style = c.style;
      if (c.value) variant.value = c.value;
      variants.push(variant);
    }
  }
  return variants;
}

/** Derives the variants of every register entry; see the module comment. */
export function deriveVariants(register: Register, options: DeriveOptions = {}): VariantList {
  const out = new Collector(options.allow ?? []);
  const persons = valuesOf(register.persons).sort((a, b) => compareIds(a.id, b.id));
  const participants = valuesOf(register.participants).sort((a, b) => compareIds(a.id, b.id));
  for (const person of persons) deriveForPerson(out, person, options);
  for (const participant of participants) deriveForParticipant(out, participant);
  const variants = merge(out.candidates, out.notes);

  const byFolded = new Map(variants.map((v) => [foldText(v.text), v]));
  for (const s of out.skipped) {
    const other = byFolded.get(foldText(s.text));
    if (other && !other.personIds.includes(s.personId)) {
      out.notes.push(
        issue(
          'skipped-but-matched',
          [],
          `"${s.text}" (part of ${s.personId}'s name) is not matched for them, but it is ${other.personIds.join(', ')}'s ` +
            `${other.form}: every "${s.text}" becomes "${other.replacement}"`,
          [s.personId, ...other.personIds],
        ),
      );
    }
  }
  const allowed = options.allow ?? [];
  return {
    variants,
    skipped: out.skipped,
    notes: out.notes,
    ...(allowed.length > 0 ? { allowed: [...allowed] } : {}),
  };
}
