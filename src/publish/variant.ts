/**
 * What a leak looks like: the variants derived from the pseudonym register, each with the
 * register entries it identifies and what replaces it in a publication.
 */
import type { Issue } from '../domain/issue.ts';

/** The kind of identifier a variant is. */
export type VariantKind = 'name' | 'alias' | 'initials' | 'dob' | 'address' | 'postcode' | 'phone';

/** Which part of a register entry a variant comes from. */
export type VariantForm =
  | 'full name'
  | 'first and last name'
  | 'surname, first name'
  | 'first name'
  | 'middle name'
  | 'surname'
  | 'name part'
  | 'alias'
  | 'alias part'
  | 'initials'
  | 'date of birth'
  | 'full address'
  | 'address part'
  | 'building'
  | 'house and street'
  | 'street'
  | 'town'
  | 'postcode'
  | 'phone';

/**
 * How letter case must match. `any`: any case. `capitalised`: the first letter upper case (the
 * variant is also an ordinary word, so "hope" in prose is left alone while "Hope" is not).
 * `upper`: every letter upper case (initials: "KC", not "kc").
 */
export type CaseRule = 'any' | 'capitalised' | 'upper';

export interface Variant {
  /** The text as it would appear in a document, e.g. `Jaylen’s`, `05-Aug-2021`, `QX7 2LN`. */
  text: string;
  kind: VariantKind;
  form: VariantForm;
  /** How this text differs from the plain form: `possessive (’)`, `capitals`, `d/m/yy`, `Rd`… */
  style?: string;
  /**
   * The register entries it identifies (person ids `P-n`, participant ids `PT-n`), in id
   * order: one, or several when they share it (a family surname, a household's address).
   */
  personIds: string[];
  /** What stands in its place in a publication: `Child B's`, `[date of birth removed]`, … */
  replacement: string;
  caseRule: CaseRule;
  /** True when the register lists this text itself (a real name, an alias, initials) rather than a part of it. */
  registered: boolean;
  /**
   * The identifier in normal form, for kinds matched by value as well as by text: the ISO date of
   * a date of birth, the national digits of a phone number, the postcode in capitals with its space.
   */
  value?: string;
}

/** A form that derivation chose not to match, and why. */
export interface SkippedVariant {
  text: string;
  kind: VariantKind;
  form: VariantForm;
  personId: string;
  reason: string;
}

/** Everything derived from a register: the variants to match, the ones left out, and notes. */
export interface VariantList {
  variants: Variant[];
  skipped: SkippedVariant[];
  /**
   * Things a reviewer should know about the register: an address that could not be split, a
   * name shared by several people, initials that are also an everyday acronym, a participant
   * with no publication label.
   */
  notes: Issue[];
  /**
   * The texts the reviewers cleared for publication (the allow list), which no reading of the
   * leak check refuses.
   */
  allowed?: string[];
}
