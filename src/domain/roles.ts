/**
 * Who may do what in a review. An account holds roles, each on one review or on every
 * review in the workspace; each route and use-case says which roles it admits through
 * one of the groups below, so "who can analyse" is decided in one place.
 */
import { z } from 'zod';

export const ROLES = [
  'lead-reviewer',
  'review-team',
  'partnership-manager',
  'board-member',
  'observer',
] as const;

export const Role = z.enum(ROLES, {
  error: `give one of the roles: ${ROLES.join(', ')}`,
});
export type Role = z.infer<typeof Role>;

/** What each role is for, in the words the sign-in and account pages use. */
export const ROLE_PURPOSE: Record<Role, string> = {
  'lead-reviewer': 'everything in the review',
  'review-team': 'the analysis: chronology, conversations, KPEs, factors and findings',
  'partnership-manager': 'the workflow, the Board and publication',
  'board-member': 'reading the review and responding to its findings',
  observer: 'reading the review',
};

/** Groups of roles, by what they let an account do. */
export const CAN_READ: readonly Role[] = ROLES;
export const CAN_ANALYSE: readonly Role[] = ['lead-reviewer', 'review-team'];
export const CAN_RUN_WORKFLOW: readonly Role[] = ['lead-reviewer', 'partnership-manager'];
export const CAN_PUBLISH: readonly Role[] = ['lead-reviewer', 'partnership-manager'];
export const CAN_RESPOND: readonly Role[] = [
  'lead-reviewer',
  'partnership-manager',
  'board-member',
];
/** Creating a review is workspace-wide: a lead reviewer or partnership manager on every review. */
export const CAN_CREATE_REVIEW: readonly Role[] = ['lead-reviewer', 'partnership-manager'];

/** A role held on one review (`reviewId`) or, with `reviewId` left out, on every review. */
export interface RoleGrant {
  role: Role;
  reviewId?: string;
}

/** The roles `grants` give on `reviewId` (every-review grants included), each once. */
export function rolesOn(grants: readonly RoleGrant[], reviewId: string): Role[] {
  const held = grants.filter((g) => g.reviewId === undefined || g.reviewId === reviewId);
  return ROLES.filter((r) => held.some((g) => g.role === r));
}

/** Whether `grants` admit one of `allowed` on `reviewId` (or, left out, on every review). */
export function admits(
  grants: readonly RoleGrant[],
  allowed: readonly Role[],
  reviewId?: string,
): boolean {
  const held =
    reviewId === undefined
      ? grants.filter((g) => g.reviewId === undefined).map((g) => g.role)
      : rolesOn(grants, reviewId);
  return held.some((r) => allowed.includes(r));
}
