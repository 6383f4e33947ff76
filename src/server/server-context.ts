/** What every route shares: the open workspace, the page templates, the clock. */
import type { FastifyRequest } from 'fastify';
import type { ActiveSession } from '../app/accounts.ts';
import type { InviteSession } from '../app/meeting-invites.ts';
import type { Workspace } from '../app/workspace.ts';
import type { Views } from './views.ts';

export interface ServerContext {
  ws: Workspace;
  views: Views;
  clock: () => Date;
  tls: boolean;
}

/** The session cookie: a random token whose hash the workspace keeps. */
export const SESSION_COOKIE = 'tv_session';
/** The sign-in form's double-submit token, before there is a session to hold one. */
export const SIGN_IN_COOKIE = 'tv_sign_in';

/** A joined invite link's session: `R-ID.token`, the review it belongs to and its secret. */
export const MEETING_COOKIE = 'tv_meeting';

export type SignedInRequest = FastifyRequest & {
  session: (ActiveSession & { token: string }) | null;
  /** The invite link this browser joined a meeting with, while that session lasts. */
  inviteSession: InviteSession | null;
};

/** The invite session a route admitted by an invite link has (see `meetingPageFor`). */
export function inviteSessionOf(request: FastifyRequest): InviteSession | null {
  return (request as SignedInRequest).inviteSession;
}

/** The signed-in account's session; routes behind an access rule always have one. */
export function sessionOf(request: FastifyRequest): ActiveSession & { token: string } {
  const session = (request as SignedInRequest).session;
  if (!session) throw new Error('a route behind an access rule ran without a session');
  return session;
}
