/**
 * A refusal's issues laid out for a form: a summary at the top (each linked to its field, with
 * the fix in the web's words, linked to the page that carries it out) and each field's own
 * messages beside it, as the GOV.UK error summary does.
 */
import type { Issue } from '../domain/issue.ts';
import { type WebFix, webFix } from './web-fix.ts';

export interface FormProblems {
  any: boolean;
  summary: { field: string; message: string; href: string; fix: WebFix | null }[];
  /** Messages by the field's first path segment ("title", "kind"); '' for a field without. */
  byField: Record<string, string>;
}

/**
 * `fields`: every field of the form, so a template can look any of them up (strict mode).
 * `reviewId`: the review the form is in, so a fix can link to a page of it.
 */
export function fieldProblems(
  issues: readonly Issue[],
  fields: readonly string[],
  reviewId?: string,
): FormProblems {
  const byField: Record<string, string> = Object.fromEntries(fields.map((f) => [f, '']));
  const summary = issues.map((i) => {
    const field = String(i.path[0] ?? '');
    byField[field] = byField[field] ? `${byField[field]} ${i.message}` : i.message;
    const fix = i.fix ? webFix(i.fix, reviewId) : null;
    return { field, message: i.message, href: `#field-${field}`, fix };
  });
  return { any: summary.length > 0, summary, byField };
}
