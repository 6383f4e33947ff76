/**
 * A review's settings as a page shows them, and what a sent settings form changes: the title,
 * how the subject is referred to, the model's key dates (each a date field) and the research
 * questions. A form sends every field; only what differs from the review is changed.
 */

import type { Issue } from '../domain/issue.ts';
import type { ResearchQuestion, Review } from '../domain/review.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import { partHref } from './review-frame.ts';
import { webFix } from './web-fix.ts';

/** The settings form as sent: key dates by the model's key-date id. */
export interface SettingsForm {
  title: string;
  subjectLabel: string;
  keyDates: Record<string, string>;
}

/** The form field of a key date. */
export function keyDateField(id: string): string {
  return `keyDate-${id}`;
}

/** The settings form from a request body: each of the model's key dates by its field. */
export function settingsFormOf(
  body: Record<string, string>,
  model: MethodologyModel,
): SettingsForm {
  return {
    title: body.title ?? '',
    subjectLabel: body.subjectLabel ?? '',
    keyDates: Object.fromEntries(
      model.keyDates.map((k) => [k.id, (body[keyDateField(k.id)] ?? '').trim()]),
    ),
  };
}

/** The settings form filled from the review as it stands. */
export function settingsFormFrom(review: Review, model: MethodologyModel): SettingsForm {
  return {
    title: review.title,
    subjectLabel: review.subjectLabel ?? '',
    keyDates: Object.fromEntries(model.keyDates.map((k) => [k.id, review.keyDates[k.id] ?? ''])),
  };
}

/**
 * What the form changes: each field that differs from the review. An empty subject label or key
 * date leaves the recorded one as it is (a recorded key date is corrected, not erased).
 */
export function settingsChanges(review: Review, form: SettingsForm) {
  const keyDates = Object.fromEntries(
    Object.entries(form.keyDates).filter(
      ([id, date]) => date !== '' && date !== review.keyDates[id],
    ),
  );
  return {
    ...(form.title !== review.title ? { title: form.title } : {}),
    ...(form.subjectLabel.trim() !== '' && form.subjectLabel !== (review.subjectLabel ?? '')
      ? { subjectLabel: form.subjectLabel }
      : {}),
    ...(Object.keys(keyDates).length > 0 ? { keyDates } : {}),
  };
}

/** A refusal's issues by form field, and the summary linked to each field. */
export function settingsProblems(
  issues: readonly Issue[],
  reviewId: string,
  model?: MethodologyModel,
) {
  const fieldOf = (i: Issue) =>
    i.path[0] === 'keyDates' ? keyDateField(String(i.path[1] ?? '')) : String(i.path[0] ?? '');
  const byField: Record<string, string> = {};
  for (const i of issues) {
    const f = fieldOf(i);
    byField[f] = byField[f] ? `${byField[f]} ${i.message}` : i.message;
  }
  return {
    any: issues.length > 0,
    summary: issues.map((i) => ({
      message: i.message,
      href: `#field-${fieldOf(i)}`,
      fix: i.fix ? webFix(i.fix, reviewId, model) : null,
    })),
    byField,
  };
}

export function settingsView(input: {
  review: Review;
  model: MethodologyModel;
  questions: readonly ResearchQuestion[];
  version: string;
  questionVersions: Record<string, string>;
  canEdit: boolean;
  form?: SettingsForm;
  issues?: readonly Issue[];
  /** The review's settings as someone else saved them, when this form was based on an older version. */
  theirs?: Review | null;
  /** A research question form that was refused: its id ('' for the add form), text and issues. */
  question?: {
    id: string;
    /** The wording sent, or null from a removal form (which sends none). */
    text: string | null;
    reason: string;
    issues: readonly Issue[];
    /** The question as someone else saved it, when the form was based on an older version. */
    theirs?: string | null;
  } | null;
}) {
  const { review, model } = input;
  const form = input.form ?? settingsFormFrom(review, model);
  const problems = settingsProblems(input.issues ?? [], review.id, model);
  const question = input.question ?? null;
  const questionProblems = settingsProblems(question?.issues ?? [], review.id, model);
  const theirs = input.theirs ? settingsFormFrom(input.theirs, model) : null;
  const base = partHref(review.id, 'settings');
  return {
    canEdit: input.canEdit,
    action: base,
    version: input.version,
    form,
    problems,
    fields: {
      title: problems.byField.title ?? '',
      subjectLabel: problems.byField.subjectLabel ?? '',
    },
    keyDates: model.keyDates.map((k) => ({
      id: k.id,
      field: keyDateField(k.id),
      name: k.name,
      description: k.description ?? null,
      value: form.keyDates[k.id] ?? '',
      recorded: review.keyDates[k.id] ?? null,
      error: problems.byField[keyDateField(k.id)] ?? '',
    })),
    conflict: theirs
      ? {
          title: theirs.title,
          subjectLabel: theirs.subjectLabel || null,
          keyDates: model.keyDates
            .filter((k) => theirs.keyDates[k.id])
            .map((k) => ({ name: k.name, date: theirs.keyDates[k.id] ?? '' })),
        }
      : null,
    questions: input.questions.map((q) => {
      const refused = question?.id === q.id;
      return {
        id: q.id,
        text: refused ? (question.text ?? q.text) : q.text,
        reason: refused ? question.reason : '',
        version: input.questionVersions[q.id] ?? '',
        editAction: `${base}/questions/${encodeURIComponent(q.id)}`,
        removeAction: `${base}/questions/${encodeURIComponent(q.id)}/remove`,
        problems: refused ? questionProblems : settingsProblems([], review.id),
        theirs: refused ? (question.theirs ?? null) : null,
      };
    }),
    /** A refused question form whose question is no longer there (removed meanwhile). */
    goneQuestion:
      question && question.id !== '' && !input.questions.some((q) => q.id === question.id)
        ? questionProblems
        : null,
    addQuestion: {
      action: `${base}/questions`,
      text: question?.id === '' ? (question.text ?? '') : '',
      problems: question?.id === '' ? questionProblems : settingsProblems([], review.id),
    },
  };
}
