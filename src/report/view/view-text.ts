/** Small wording helpers the section builders share. */
import type { ReviewState } from '../../domain/review-state.ts';

/** `2024-03-07` → `7 March 2024`. */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** Splits prose into paragraphs on blank lines, so reviewers' paragraphs survive. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** An id as an HTML anchor: `KPE-3` → `kpe-3`. */
export function slug(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/** An agency by name, or by its id when the review does not hold it. */
export function agencyName(state: ReviewState, id: string): string {
  return state.agencies[id]?.name ?? id;
}
