/**
 * The frame of every page inside a review: its title and the navigation between its parts.
 * A part's page adds its entry here, so the navigation never links to a page that is not there.
 */
import type { PageFrame } from './views.ts';

const PARTS = [{ label: 'Dashboard', path: '' }] as const;

export function reviewHref(reviewId: string, path = ''): string {
  return `/reviews/${encodeURIComponent(reviewId)}${path}`;
}

export function reviewFrame(
  review: { id: string; title: string },
  current: string,
): NonNullable<PageFrame['review']> {
  return {
    id: review.id,
    title: review.title,
    href: reviewHref(review.id),
    nav: PARTS.map((p) => ({
      label: p.label,
      href: reviewHref(review.id, p.path),
      current: p.path === current,
    })),
  };
}
