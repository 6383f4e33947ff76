// The register's forms turned into use-case input and back, and where a name found in the text stands.
import { describe, expect, it } from 'vitest';
import {
  participantInput,
  personFormOf,
  personInput,
  placeHref,
} from '../../src/server/register-view.ts';

describe('register forms', () => {
  it('leaves an empty optional field out of an add and clears it in an edit', () => {
    const form = {
      name: 'Jo Pell',
      role: 'case-group',
      agencyId: '',
      profession: '',
      publicationLabel: 'PO 1',
    };
    expect(participantInput(form, false)).toEqual({
      name: 'Jo Pell',
      role: 'case-group',
      publicationLabel: 'PO 1',
    });
    expect(participantInput(form, true)).toEqual({
      name: 'Jo Pell',
      role: 'case-group',
      agencyId: null,
      profession: null,
      publicationLabel: 'PO 1',
    });
  });

  it('reads lists one a line, and gives a person back as the form showed them', () => {
    const form = {
      realName: 'Tilly Brook',
      aliases: ' Tils \r\n\r\nT-Bone',
      initials: 'T.B.',
      dateOfBirth: '',
      address: '',
      phones: '',
      roleInCase: 'subject child',
      publicationLabel: 'Child A',
    };
    const input = personInput(form, false);
    expect(input).toEqual({
      realName: 'Tilly Brook',
      aliases: ['Tils', 'T-Bone'],
      initials: ['T.B.'],
      phones: [],
      roleInCase: 'subject child',
      publicationLabel: 'Child A',
    });
    expect(personInput(form, true)).toMatchObject({ dateOfBirth: null, address: null });
    expect(personFormOf(input as unknown as Parameters<typeof personFormOf>[0])).toEqual({
      ...form,
      aliases: 'Tils\nT-Bone',
    });
  });

  it('links a place to its record, a report section to the report, anything else to the dashboard', () => {
    expect(placeHref('R-1', { field: 'KPE-3 appraisal', id: 'KPE-3' })).toBe(
      '/reviews/R-1/kpes/KPE-3',
    );
    expect(placeHref('R-1', { field: 'CH-2 text', id: 'CH-2' })).toBe(
      '/reviews/R-1/chronology/CH-2',
    );
    expect(placeHref('R-1', { field: 'texts.case-summary', id: null })).toBe('/reviews/R-1/render');
    expect(placeHref('R-1', { field: 'review.title', id: null })).toBe('/reviews/R-1');
  });
});
