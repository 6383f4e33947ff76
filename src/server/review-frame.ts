/**
 * Where each part of a review lives on the web, and the navigation between the parts. Every
 * page and every link builds its address here, so a record's page, a fix's link and the
 * navigation always agree.
 */
import type { IdKind } from '../domain/primitives.ts';
import type { PageFrame } from './views.ts';

/** The parts of a review, in the order the navigation lists them. */
export const REVIEW_PARTS = [
  { id: 'dashboard', label: 'Dashboard', path: '' },
  { id: 'register', label: 'People and agencies', path: '/register' },
  { id: 'chronology', label: 'Chronology', path: '/chronology' },
  { id: 'conversations', label: 'Conversations', path: '/conversations' },
  { id: 'kpes', label: 'KPEs', path: '/kpes' },
  { id: 'factors', label: 'Factors', path: '/factors' },
  { id: 'findings', label: 'Findings', path: '/findings' },
  { id: 'meetings', label: 'Meetings', path: '/meetings' },
  { id: 'map', label: 'Map', path: '/map' },
  { id: 'check', label: 'Check', path: '/check' },
  { id: 'render', label: 'Report', path: '/render' },
  { id: 'history', label: 'History', path: '/history' },
  { id: 'settings', label: 'Settings', path: '/settings' },
] as const;
export type ReviewPart = (typeof REVIEW_PARTS)[number]['id'];

export function reviewHref(reviewId: string, path = ''): string {
  return `/reviews/${encodeURIComponent(reviewId)}${path}`;
}

export function partHref(reviewId: string, part: ReviewPart): string {
  return reviewHref(reviewId, REVIEW_PARTS.find((p) => p.id === part)?.path ?? '');
}

/** The page of one record, by its kind (a KPE's page, an agency's row in the register). */
const RECORD_PATHS: Record<IdKind, (id: string) => string> = {
  person: (id) => `/register#${id}`,
  agency: (id) => `/register#${id}`,
  participant: (id) => `/register#${id}`,
  question: (id) => `/settings#${id}`,
  chronology: (id) => `/chronology/${id}`,
  conversation: (id) => `/conversations/${id}`,
  excerpt: (id) => `/conversations/excerpts/${id}`,
  kpe: (id) => `/kpes/${id}`,
  factor: (id) => `/factors/${id}`,
  finding: (id) => `/findings/${id}`,
  boardIssue: (id) => `/findings/board-issues/${id}`,
  meeting: (id) => `/meetings/${id}`,
  invite: (id) => `/meetings#${id}`,
  prompt: (id) => `/meetings#${id}`,
  contribution: (id) => `/meetings#${id}`,
  timeLog: (id) => `/time#${id}`,
};

export function recordHref(reviewId: string, kind: IdKind, id: string): string {
  return reviewHref(reviewId, RECORD_PATHS[kind](encodeURIComponent(id)));
}

export function reviewFrame(
  review: { id: string; title: string },
  current: ReviewPart,
): NonNullable<PageFrame['review']> {
  return {
    id: review.id,
    title: review.title,
    href: reviewHref(review.id),
    nav: REVIEW_PARTS.map((p) => ({
      label: p.label,
      href: reviewHref(review.id, p.path),
      current: p.id === current,
    })),
  };
}
