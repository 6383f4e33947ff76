/**
 * The KPE form and pages: the form's fields read into a use-case's input, a refusal's issue
 * paths mapped back onto the form's fields, and the view models of the list, the page and
 * the form. Appraisal (how good, against what standard) and explanation (why it made sense
 * at the time) are separate fields throughout; good practice is a rating in words.
 */
import { z } from 'zod';
import type { Issue } from '../domain/issue.ts';
import { APPRAISAL_RATINGS, type Kpe } from '../domain/kpe.ts';

const text = (max: number) => z.string().max(max).default('');
const many = z
  .union([z.string().max(100), z.array(z.string().max(100)).max(1000)])
  .default([])
  .transform((v) => (typeof v === 'string' ? [v] : v).filter((s) => s.trim() !== ''));

export const KpeForm = z.object({
  title: text(2000),
  from: text(100),
  to: text(100),
  agencyIds: many,
  chronologyRefs: many,
  whatHappened: text(20000),
  rating: text(100),
  standard: text(20000),
  appraisalText: text(20000),
  explanation: text(20000),
  version: text(100),
});
export type KpeForm = z.infer<typeof KpeForm>;

export const KPE_FIELDS = [
  'title',
  'from',
  'to',
  'agencyIds',
  'chronologyRefs',
  'whatHappened',
  'rating',
  'standard',
  'appraisalText',
  'explanation',
  'version',
] as const;

/** The words a rating is shown in: good practice named as such, not left as an absence. */
export const RATING_WORDS: Record<(typeof APPRAISAL_RATINGS)[number], string> = {
  good: 'Good practice',
  mixed: 'Mixed',
  problematic: 'Practice that fell short',
  unclear: 'Unclear',
};

export function ratingInWords(rating: string | undefined): string {
  return rating && rating in RATING_WORDS
    ? RATING_WORDS[rating as keyof typeof RATING_WORDS]
    : 'Not yet appraised';
}

const given = (s: string) => s.trim() !== '';
const appraisalGiven = (f: KpeForm) =>
  given(f.rating) || given(f.appraisalText) || given(f.standard);

/** The form as `addKpe` takes it; an appraisal or explanation left empty is left out. */
export function kpeInput(f: KpeForm) {
  return {
    title: f.title,
    period: { from: f.from, ...(given(f.to) ? { to: f.to } : {}) },
    agencyIds: f.agencyIds,
    chronologyRefs: f.chronologyRefs,
    whatHappened: f.whatHappened,
    ...(appraisalGiven(f)
      ? {
          appraisal: {
            rating: f.rating,
            text: f.appraisalText,
            ...(given(f.standard) ? { standard: f.standard } : {}),
          },
        }
      : {}),
    ...(given(f.explanation) ? { explanation: { localRationality: f.explanation } } : {}),
  };
}

/** The form as `editKpe` takes it: every field replaced, an emptied one cleared. */
export function kpeChanges(f: KpeForm) {
  return {
    title: f.title,
    period: { from: f.from, to: given(f.to) ? f.to : null },
    agencyIds: f.agencyIds,
    chronologyRefs: f.chronologyRefs,
    whatHappened: f.whatHappened,
    appraisal: appraisalGiven(f)
      ? { rating: f.rating, text: f.appraisalText, standard: given(f.standard) ? f.standard : null }
      : null,
    explanation: given(f.explanation) ? { localRationality: f.explanation } : null,
  };
}

/** The form's values for a saved KPE (to edit it, or to show beside a conflicting edit). */
export function kpeFormOf(kpe: Kpe, version: string): KpeForm {
  return {
    title: kpe.title,
    from: kpe.period.from,
    to: kpe.period.to ?? '',
    agencyIds: kpe.agencyIds,
    chronologyRefs: kpe.chronologyRefs,
    whatHappened: kpe.whatHappened,
    rating: kpe.appraisal?.rating ?? '',
    standard: kpe.appraisal?.standard ?? '',
    appraisalText: kpe.appraisal?.text ?? '',
    explanation: kpe.explanation?.localRationality ?? '',
    version,
  };
}

export const EMPTY_KPE_FORM: KpeForm = KpeForm.parse({});

/** The form field an issue's path (in the use-case's terms) is about. */
export function kpeFormField(path: Issue['path']): string {
  const [first, second] = path.map(String);
  if (first === 'period') return second === 'to' ? 'to' : 'from';
  if (first === 'appraisal') {
    if (second === 'text') return 'appraisalText';
    if (second === 'standard') return 'standard';
    return 'rating';
  }
  if (first === 'explanation') return 'explanation';
  return first && (KPE_FIELDS as readonly string[]).includes(first) ? first : 'title';
}

/** Each field's label, to name it in the summary of problems. */
export const KPE_LABELS: Record<(typeof KPE_FIELDS)[number], string> = {
  title: 'Title',
  from: 'From',
  to: 'To',
  agencyIds: 'Agencies involved',
  chronologyRefs: 'Chronology entries',
  whatHappened: 'What happened',
  rating: 'Appraisal rating',
  standard: 'Standard referred to',
  appraisalText: 'Appraisal',
  explanation: 'Explanation',
  version: 'Version',
};

/** The issues on the form's fields, each message led by the field's label, for `fieldProblems`. */
export function onKpeForm(issues: readonly Issue[]): Issue[] {
  return issues.map((i) => {
    const field = kpeFormField(i.path) as keyof typeof KPE_LABELS;
    return { ...i, path: [field], message: `${KPE_LABELS[field]}: ${i.message}` };
  });
}

export interface FieldFlag {
  field: string[];
  rule: string;
  category: string;
  match: string;
  sentence: string;
  sentenceNumber: number;
  reason: string;
  suggestion: string;
}

/** Language flags by the form field they are in (`appraisalText`, `explanation`). */
export function flagsByField(flags: readonly FieldFlag[]) {
  const at = (field: string) => flags.filter((f) => kpeFormField(f.field) === field);
  return { appraisalText: at('appraisalText'), explanation: at('explanation') };
}

/** The choices of the form: each agency and chronology entry, ticked when the form has it. */
export function kpeFormChoices(
  form: KpeForm,
  choices: {
    agencies: { id: string; name: string }[];
    chronology: { id: string; date: string; agencyName: string; text: string }[];
  },
) {
  return {
    agencies: choices.agencies.map((a) => ({ ...a, checked: form.agencyIds.includes(a.id) })),
    chronology: choices.chronology.map((e) => ({
      ...e,
      checked: form.chronologyRefs.includes(e.id),
    })),
    ratings: [
      { value: '', label: 'Not yet appraised', checked: form.rating === '' },
      ...APPRAISAL_RATINGS.map((r) => ({
        value: r,
        label: RATING_WORDS[r],
        checked: form.rating === r,
      })),
    ],
  };
}

/** A KPE as the list shows it: its period in words and its rating, good practice named. */
export function kpeRow(kpe: Kpe & { factorIds: string[] }, agencyNames: Record<string, string>) {
  return {
    id: kpe.id,
    title: kpe.title,
    period: periodInWords(kpe.period),
    agencies: kpe.agencyIds.map((a) => agencyNames[a] ?? a).join(', '),
    rating: ratingInWords(kpe.appraisal?.rating),
    good: kpe.appraisal?.rating === 'good',
    explained: kpe.explanation !== undefined,
    factors: kpe.factorIds.length,
  };
}

export function periodInWords(period: { from: string; to?: string | undefined }): string {
  return period.to && period.to !== period.from ? `${period.from} to ${period.to}` : period.from;
}
