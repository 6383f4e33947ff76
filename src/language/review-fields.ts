/**
 * The prose of a review the language check reads, each piece with a stable
 * address: appraisals and explanations of KPEs, contributory factors, finding
 * statements and sections, Issues for the Board, and the report's own text.
 */

import { byId, orderedFindings, orderedKpes } from '../domain/display-order.ts';
import type { ReviewState } from '../domain/review-state.ts';

export interface ReviewTextField {
  /** Where the text is, e.g. `['kpes', 'KPE-3', 'appraisal', 'text']`. */
  path: string[];
  /** The stable ids concerned. */
  ids: string[];
  /** For people: `KPE-3 appraisal`. */
  label: string;
  text: string;
}

/** The path written as one word, as the CLI takes it: `kpes.KPE-3.appraisal.text`. */
export function fieldName(path: readonly string[]): string {
  return path.join('.');
}

/** Every checked text field of the review, in reading order (KPEs by time, findings by rank). */
export function reviewTextFields(state: ReviewState): ReviewTextField[] {
  const fields: ReviewTextField[] = [];
  const add = (path: string[], ids: string[], label: string, text: string | undefined) => {
    if (text?.trim()) fields.push({ path, ids, label, text });
  };
  for (const kpe of orderedKpes(state.kpes)) {
    add(
      ['kpes', kpe.id, 'appraisal', 'text'],
      [kpe.id],
      `${kpe.id} appraisal`,
      kpe.appraisal?.text,
    );
    add(
      ['kpes', kpe.id, 'explanation', 'localRationality'],
      [kpe.id],
      `${kpe.id} explanation`,
      kpe.explanation?.localRationality,
    );
  }
  for (const factor of byId(state.factors)) {
    add(['factors', factor.id, 'text'], [factor.id], `${factor.id} factor`, factor.text);
  }
  for (const finding of orderedFindings(state.findings)) {
    add(
      ['findings', finding.id, 'statement'],
      [finding.id],
      `${finding.id} statement`,
      finding.statement,
    );
    for (const [section, text] of Object.entries(finding.sections)) {
      add(
        ['findings', finding.id, 'sections', section],
        [finding.id],
        `${finding.id} section ${section}`,
        text,
      );
    }
    for (const boardIssue of finding.boardIssues) {
      add(
        ['findings', finding.id, 'boardIssues', boardIssue.id, 'question'],
        [finding.id, boardIssue.id],
        `${finding.id} Issue for the Board ${boardIssue.id}`,
        boardIssue.question,
      );
    }
  }
  for (const [section, text] of Object.entries(state.texts)) {
    add(['texts', section], [], `report section ${section}`, text);
  }
  return fields;
}

/** The field at `path`, if the review has text there now. */
export function findField(
  state: ReviewState,
  path: readonly string[],
): ReviewTextField | undefined {
  const name = fieldName(path);
  return reviewTextFields(state).find((field) => fieldName(field.path) === name);
}
