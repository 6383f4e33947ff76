/**
 * The register's forms as the web has them — every field a string — turned into what the
 * use-cases take, and a record turned back into a form; where a name found in the text stands,
 * as a link; a record laid out field by field beside the form when someone saved first.
 */
import { z } from 'zod';
import type { UnregisteredName } from '../app/register.ts';
import { AGENCY_SECTORS } from '../domain/agency.ts';
import { PARTICIPANT_ROLES } from '../domain/participant.ts';
import { partHref, recordHref } from './review-frame.ts';
import { kindOf } from './web-fix.ts';

const text = (max: number) => z.string().max(max).default('');

export const AgencyForm = z.object({ name: text(2000), sector: text(100) });
export type AgencyForm = z.infer<typeof AgencyForm>;
export const AGENCY_FIELDS = ['name', 'sector'];

export const ParticipantForm = z.object({
  name: text(2000),
  role: text(100),
  agencyId: text(100),
  profession: text(2000),
  publicationLabel: text(2000),
});
export type ParticipantForm = z.infer<typeof ParticipantForm>;
export const PARTICIPANT_FIELDS = ['name', 'role', 'agencyId', 'profession', 'publicationLabel'];

export const PersonForm = z.object({
  realName: text(2000),
  aliases: text(20_000),
  initials: text(20_000),
  dateOfBirth: text(100),
  address: text(60_000),
  phones: text(20_000),
  roleInCase: text(2000),
  publicationLabel: text(2000),
});
export type PersonForm = z.infer<typeof PersonForm>;
export const PERSON_FIELDS = [
  'realName',
  'aliases',
  'initials',
  'dateOfBirth',
  'address',
  'phones',
  'roleInCase',
  'publicationLabel',
];

/** What every edit form carries besides its fields: the version it was based on. */
export const VersionForm = z.object({ version: text(100) });
export const RemoveForm = z.object({ reason: text(60_000), force: text(10) });

/** One entry a line; blank lines dropped. */
function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

export function agencyInput(form: AgencyForm) {
  return { name: form.name, sector: form.sector };
}

/** For an add, an empty optional field is left out; for an edit, it clears the field. */
export function participantInput(form: ParticipantForm, edit: boolean) {
  const optional = (v: string) => (v === '' ? (edit ? null : undefined) : v);
  const out: Record<string, unknown> = { name: form.name, role: form.role };
  for (const field of ['agencyId', 'profession', 'publicationLabel'] as const) {
    const value = optional(form[field]);
    if (value !== undefined) out[field] = value;
  }
  return out;
}

export function personInput(form: PersonForm, edit: boolean) {
  const out: Record<string, unknown> = {
    realName: form.realName,
    aliases: lines(form.aliases),
    initials: lines(form.initials),
    phones: lines(form.phones),
    roleInCase: form.roleInCase,
    publicationLabel: form.publicationLabel,
  };
  for (const field of ['dateOfBirth', 'address'] as const) {
    if (form[field] !== '') out[field] = form[field];
    else if (edit) out[field] = null;
  }
  return out;
}

interface AgencyRecord {
  name: string;
  sector: string;
}
interface ParticipantRecord {
  name: string;
  role: string;
  agencyId?: string | undefined;
  profession?: string | undefined;
  publicationLabel?: string | undefined;
}
interface PersonRecord {
  realName: string;
  aliases: string[];
  initials: string[];
  dateOfBirth?: string | undefined;
  address?: string | undefined;
  phones: string[];
  roleInCase: string;
  publicationLabel: string;
}

export function agencyFormOf(a: AgencyRecord): AgencyForm {
  return { name: a.name, sector: a.sector };
}

export function participantFormOf(p: ParticipantRecord): ParticipantForm {
  return {
    name: p.name,
    role: p.role,
    agencyId: p.agencyId ?? '',
    profession: p.profession ?? '',
    publicationLabel: p.publicationLabel ?? '',
  };
}

export function personFormOf(p: PersonRecord): PersonForm {
  return {
    realName: p.realName,
    aliases: p.aliases.join('\n'),
    initials: p.initials.join('\n'),
    dateOfBirth: p.dateOfBirth ?? '',
    address: p.address ?? '',
    phones: p.phones.join('\n'),
    roleInCase: p.roleInCase,
    publicationLabel: p.publicationLabel,
  };
}

export const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  sector: 'Sector',
  role: 'Role in the review',
  agencyId: 'Agency',
  profession: 'Profession',
  publicationLabel: 'Publication label',
  realName: 'Real name',
  aliases: 'Aliases',
  initials: 'Initials',
  dateOfBirth: 'Date of birth',
  address: 'Address',
  phones: 'Phone numbers',
  roleInCase: 'Role in the case',
};

/** A form's fields, labelled, for showing a saved version beside the one being edited. */
export function fieldsShown(form: Record<string, string>): { label: string; value: string }[] {
  return Object.entries(form).map(([field, value]) => ({
    label: FIELD_LABELS[field] ?? field,
    value: value === '' ? '—' : value,
  }));
}

export function sectorOptions(selected: string) {
  return AGENCY_SECTORS.map((s) => ({
    id: s,
    name: s.replaceAll('-', ' '),
    selected: s === selected,
  }));
}

export function participantRoleOptions(selected: string) {
  return PARTICIPANT_ROLES.map((r) => ({
    id: r,
    name: r.replaceAll('-', ' '),
    selected: r === selected,
  }));
}

export function agencyOptions(agencies: readonly { id: string; name: string }[], selected: string) {
  return [
    { id: '', name: 'None', selected: selected === '' },
    ...agencies.map((a) => ({
      id: a.id,
      name: `${a.name} (${a.id})`,
      selected: a.id === selected,
    })),
  ];
}

/** Where a text field of the review is edited: its record's page, or the report's sections. */
export function placeHref(reviewId: string, place: { field: string; id: string | null }): string {
  const kind = place.id ? kindOf(place.id) : undefined;
  if (place.id && kind) return recordHref(reviewId, kind, place.id);
  if (place.field.startsWith('texts.')) return partHref(reviewId, 'render');
  return partHref(reviewId, 'dashboard');
}

/** How a place reads in the list: "KPE-3 appraisal", "the report section case-summary". */
function placeLabel(field: string): string {
  if (field.startsWith('texts.')) return `report section “${field.slice('texts.'.length)}”`;
  if (field.startsWith('review.')) return `the review’s ${field.slice('review.'.length)}`;
  return field;
}

export function unregisteredView(reviewId: string, names: readonly UnregisteredName[]) {
  return names.map((n) => ({
    name: n.name,
    places: n.places.map((p) => ({ label: placeLabel(p.field), href: placeHref(reviewId, p) })),
  }));
}
