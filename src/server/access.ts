/**
 * Who may reach a route. Every route declares its access in its options (`config.access`):
 * `public`, `signed-in` or the roles it allows; a test walks the
 * route table and fails on a route that declares none. Roles are checked on the review named
 * in the URL (`:reviewId`), or on every review for workspace-wide routes.
 */
import {
  admits,
  CAN_ANALYSE,
  CAN_READ,
  type Role,
  type RoleGrant,
  rolesOn,
} from '../domain/roles.ts';

/**
 * `public`: anyone (sign-in, static files). `signed-in`: any account (the list of reviews,
 * which shows only the reviews it holds a role on; signing out). Otherwise the roles allowed.
 */
export type Access = 'public' | 'signed-in' | { allow: readonly Role[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

export type AccessDecision = 'allowed' | 'sign-in' | 'forbidden' | 'undeclared';

export function decideAccess(
  access: Access | undefined,
  grants: readonly RoleGrant[] | undefined,
  reviewId: string | undefined,
): AccessDecision {
  if (access === undefined) return 'undeclared';
  if (access === 'public') return 'allowed';
  if (!grants) return 'sign-in';
  if (access === 'signed-in') return 'allowed';
  return admits(grants, access.allow, reviewId?.toUpperCase()) ? 'allowed' : 'forbidden';
}

/** The roles an account holds where it stands, in words for a page ("observer on R-7K2M9Q"). */
export function rolesInWords(grants: readonly RoleGrant[], reviewId?: string): string {
  if (reviewId) {
    const held = rolesOn(grants, reviewId.toUpperCase());
    return held.length > 0 ? held.join(', ') : 'no role on this review';
  }
  const everywhere = grants.filter((g) => g.reviewId === undefined).map((g) => g.role);
  const some = grants
    .filter((g) => g.reviewId !== undefined)
    .map((g) => `${g.role} on ${g.reviewId}`);
  return [...everywhere, ...some].join(', ') || 'no role';
}

/** Route options admitting `roles`: `app.get(path, onlyFor(CAN_READ), handler)`. */
export function onlyFor(roles: readonly Role[]) {
  return { config: { access: { allow: roles } satisfies Access } };
}

/** The two rules most review pages use: reading the review, and changing its analysis. */
export const READ = onlyFor(CAN_READ);
export const ANALYSE = onlyFor(CAN_ANALYSE);
