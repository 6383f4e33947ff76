// The KPE form read into the use-cases' input, and refusals mapped back onto its fields.
import { describe, expect, it } from 'vitest';
import {
  EMPTY_KPE_FORM,
  KpeForm,
  kpeChanges,
  kpeFormField,
  kpeInput,
  ratingInWords,
} from '../../src/server/kpe-view.ts';

describe('the KPE form', () => {
  it('leaves an empty appraisal and explanation out when adding, and clears them when editing', () => {
    const form = { ...EMPTY_KPE_FORM, title: 'T', from: '2023-05-02', whatHappened: 'W' };
    expect(kpeInput(form)).toEqual({
      title: 'T',
      period: { from: '2023-05-02' },
      agencyIds: [],
      chronologyRefs: [],
      whatHappened: 'W',
    });
    expect(kpeChanges(form)).toMatchObject({
      period: { from: '2023-05-02', to: null },
      appraisal: null,
      explanation: null,
    });
  });

  it('keeps appraisal and explanation apart, and gives a half-filled appraisal to be refused', () => {
    const form = KpeForm.parse({ appraisalText: 'A', explanation: 'E', agencyIds: 'AG-1' });
    expect(kpeInput(form)).toMatchObject({
      agencyIds: ['AG-1'],
      appraisal: { rating: '', text: 'A' },
      explanation: { localRationality: 'E' },
    });
  });

  it('maps the use-case’s paths onto the form’s fields', () => {
    expect(kpeFormField(['period', 'from'])).toBe('from');
    expect(kpeFormField(['period', 'to'])).toBe('to');
    expect(kpeFormField(['appraisal', 'rating'])).toBe('rating');
    expect(kpeFormField(['appraisal', 'text'])).toBe('appraisalText');
    expect(kpeFormField(['appraisal', 'standard'])).toBe('standard');
    expect(kpeFormField(['explanation', 'localRationality'])).toBe('explanation');
    expect(kpeFormField(['agencyIds', 0])).toBe('agencyIds');
    expect(kpeFormField(['whatHappened'])).toBe('whatHappened');
  });

  it('names good practice in words, and an unappraised KPE as such', () => {
    expect(ratingInWords('good')).toBe('Good practice');
    expect(ratingInWords(undefined)).toBe('Not yet appraised');
  });
});

describe('a refusal on the KPE form', () => {
  it('names the field in words before the message', async () => {
    const { onKpeForm } = await import('../../src/server/kpe-view.ts');
    expect(
      onKpeForm([{ code: 'invalid-value', path: ['period', 'from'], message: 'no date' }]),
    ).toMatchObject([{ path: ['from'], message: 'From: no date' }]);
  });
});
