/**
 * Who may reach a route. Every route declares its access in its options (`config.access`):
 * `public`, `signed-in` or the roles it allows; a test walks the
 * route table and fails on a route that declares none. Roles are checked on the review named
 * in the URL (`:reviewId`), or on every review for workspace-wide routes.
 */

import type { InvitePurpose } from '../domain/live-meeting.ts';
import { normaliseStableId } from '../domain/primitives.ts';
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
 * which shows only the reviews it holds a role on; signing out). Otherwise the roles allowed,
 * and, on a live meeting's own pages, the invite links (by purpose) that may open them.
 */
export type Access =
  | 'public'
  | 'signed-in'
  | { allow: readonly Role[]; invite?: readonly InvitePurpose[] };

/** A joined invite link: one meeting of one review, for a participant or the room's screen. */
export interface InviteHolder {
  reviewId: string;
  meetingId: string;
  purpose: InvitePurpose;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

/** `invite`: admitted by the invite link's session, not an account (its CSRF token differs). */
export type AccessDecision = 'allowed' | 'invite' | 'sign-in' | 'forbidden' | 'undeclared';

/**
 * Whether a request may reach a route. An account's roles come first; an invite link opens
 * only the pages of its own meeting that admit its purpose, and anything else is refused
 * (not sent to sign in: the person holding it has no account to sign in with).
 */
export function decideAccess(
  access: Access | undefined,
  grants: readonly RoleGrant[] | undefined,
  params: { reviewId?: string | undefined; meetingId?: string | undefined },
  invite?: InviteHolder,
): AccessDecision {
  if (access === undefined) return 'undeclared';
  if (access === 'public') return 'allowed';
  const reviewId = params.reviewId?.toUpperCase();
  if (grants && access === 'signed-in') return 'allowed';
  if (grants && access !== 'signed-in' && admits(grants, access.allow, reviewId)) return 'allowed';
  if (invite && access !== 'signed-in' && invitePermits(access, invite, reviewId, params)) {
    return 'invite';
  }
  if (grants || invite) return 'forbidden';
  return 'sign-in';
}

function invitePermits(
  access: Exclude<Access, 'public' | 'signed-in'>,
  invite: InviteHolder,
  reviewId: string | undefined,
  params: { meetingId?: string | undefined },
): boolean {
  const meetingId = params.meetingId && normaliseStableId(params.meetingId);
  return (
    access.invite?.includes(invite.purpose) === true &&
    reviewId === invite.reviewId &&
    meetingId === invite.meetingId
  );
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

/** A live meeting's page: the roles given, or an invite link to this meeting for `purposes`. */
export function meetingPageFor(roles: readonly Role[], purposes: readonly InvitePurpose[]) {
  return { config: { access: { allow: roles, invite: purposes } satisfies Access } };
}

/** The two rules most review pages use: reading the review, and changing its analysis. */
export const READ = onlyFor(CAN_READ);
export const ANALYSE = onlyFor(CAN_ANALYSE);
