/**
 * The publication edition's review: a copy of the state with every text a
 * reader can see passed through the pseudonym register. The register itself
 * stays out. Lead reviewers, the review team and the Board are named in a
 * published report; case-group members and family appear by their labels.
 */
import type { EventDate } from '../domain/chronology-entry.ts';
import type { Participant } from '../domain/participant.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { deriveVariants } from './derive-variants.ts';
import { pseudonymiseText, type Substitution } from './pseudonymise.ts';
import type { VariantList } from './variant.ts';

/** Participants who appear in a publication by their label only. */
const CONFIDENTIAL_ROLES: ReadonlySet<Participant['role']> = new Set(['case-group', 'family']);

export interface PublicationState {
  state: ReviewState;
  variants: VariantList;
  /** Every substitution made, with the field it was made in. */
  substitutions: (Substitution & { field: string })[];
  /**
   * Every text field after pseudonymisation, named, for the leak check, with the text it was
   * made from (what a reviewer edits).
   */
  fields: { field: string; ids: string[]; text: string; original: string }[];
}

/** The variants a publication of this review must not contain. */
function publicationVariants(state: ReviewState): VariantList {
  const participants = Object.values(state.participants).filter((p) =>
    CONFIDENTIAL_ROLES.has(p.role),
  );
  const ageAt = state.review.keyDates['became-aware'];
  return deriveVariants(
    { persons: state.persons, participants },
    { ...(ageAt ? { ageAt } : {}), allow: state.review.publicationAllow ?? [] },
  );
}

/** The last day of the month of an ISO date. */
function monthEnd(iso: string): string {
  const [y, m] = [Number(iso.slice(0, 4)), Number(iso.slice(5, 7))];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${iso.slice(0, 8)}${String(last).padStart(2, '0')}`;
}

/**
 * A date that falls on a registered date of birth, widened to its month (or months) with no
 * time of day: "27/05/2025 03:42" is filed under May 2025.
 */
function toMonths(date: EventDate, births: ReadonlySet<string>): EventDate {
  const { start, end } = date;
  if (!(start && births.has(start)) && !(end && births.has(end))) return date;
  const from = `${(start ?? end ?? '').slice(0, 8)}01`;
  const to = monthEnd(end ?? start ?? from);
  const { time: _time, ...rest } = date;
  return {
    ...rest,
    precision: from.slice(0, 7) === to.slice(0, 7) ? 'month' : 'range',
    start: from,
    end: to,
  };
}

export function publicationState(state: ReviewState): PublicationState {
  const variants = publicationVariants(state);
  const births = new Set(
    Object.values(state.persons).flatMap((p) => (p.dateOfBirth ? [p.dateOfBirth] : [])),
  );
  const substitutions: PublicationState['substitutions'] = [];
  const fields: PublicationState['fields'] = [];
  const clean = (text: string, field: string): string => {
    const result = pseudonymiseText(text, variants);
    for (const s of result.substitutions) substitutions.push({ ...s, field });
    const id = /^[A-Z]+-\d+/.exec(field)?.[0];
    fields.push({ field, ids: id ? [id] : [], text: result.text, original: text });
    return result.text;
  };
  const cleanOptional = (text: string | undefined, field: string) =>
    text === undefined ? undefined : clean(text, field);
  const mapRecord = <T>(record: Record<string, T>, f: (value: T, key: string) => T) =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v, k)]));

  const copy = structuredClone(state);
  copy.review.title = clean(copy.review.title, 'review.title');
  if (copy.review.subjectLabel) {
    copy.review.subjectLabel = clean(copy.review.subjectLabel, 'review.subjectLabel');
  }
  // The register is what a publication must never show.
  copy.persons = {};
  copy.texts = mapRecord(copy.texts, (t, id) => clean(t, `texts.${id}`));
  copy.researchQuestions = mapRecord(copy.researchQuestions, (q) => ({
    ...q,
    text: clean(q.text, `${q.id}`),
  }));
  copy.participants = mapRecord(copy.participants, (p) =>
    CONFIDENTIAL_ROLES.has(p.role)
      ? { ...p, name: p.publicationLabel ?? p.profession ?? 'Practitioner' }
      : p,
  );
  copy.chronology = mapRecord(copy.chronology, (e) => ({
    ...e,
    // A record dated on someone's birthday gives the date of birth away, as written and as
    // the day the chronology files it under (which exports show).
    date: toMonths({ ...e.date, original: clean(e.date.original, `${e.id} date`) }, births),
    text: clean(e.text, `${e.id} text`),
    ...(e.author ? { author: clean(e.author, `${e.id} author`) } : {}),
    // Cells the import did not map may hold anything; a publication leaves them out.
    extra: {},
  }));
  copy.conversations = mapRecord(copy.conversations, (c) => ({
    ...c,
    sections: mapRecord(c.sections, (t, s) => clean(t, `${c.id} ${s}`)),
  }));
  copy.excerpts = mapRecord(copy.excerpts, (x) => ({ ...x, text: clean(x.text, `${x.id}`) }));
  copy.kpes = mapRecord(copy.kpes, (k) => {
    const standard = cleanOptional(k.appraisal?.standard, `${k.id} standard`);
    return {
      ...k,
      title: clean(k.title, `${k.id} title`),
      whatHappened: clean(k.whatHappened, `${k.id} what happened`),
      ...(k.appraisal
        ? {
            appraisal: {
              ...k.appraisal,
              text: clean(k.appraisal.text, `${k.id} appraisal`),
              ...(standard !== undefined ? { standard } : {}),
            },
          }
        : {}),
      ...(k.explanation
        ? {
            explanation: {
              localRationality: clean(k.explanation.localRationality, `${k.id} explanation`),
            },
          }
        : {}),
    };
  });
  copy.factors = mapRecord(copy.factors, (f) => ({ ...f, text: clean(f.text, `${f.id}`) }));
  copy.findings = mapRecord(copy.findings, (f) => ({
    ...f,
    statement: clean(f.statement, `${f.id} statement`),
    sections: mapRecord(f.sections, (t, s) => clean(t, `${f.id} ${s}`)),
    boardIssues: f.boardIssues.map((b) => ({ ...b, question: clean(b.question, `${b.id}`) })),
  }));
  copy.meetings = mapRecord(copy.meetings, (m) => {
    const notes = cleanOptional(m.notes, `${m.id} notes`);
    const outcome = cleanOptional(m.outcome, `${m.id} outcome`);
    const dissent = cleanOptional(m.dissent, `${m.id} dissent`);
    return {
      ...m,
      ...(notes !== undefined ? { notes } : {}),
      ...(outcome !== undefined ? { outcome } : {}),
      ...(dissent !== undefined ? { dissent } : {}),
    };
  });
  return { state: copy, variants, substitutions, fields };
}
