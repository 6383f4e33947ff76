/** What every route shares: the open workspace, the page templates, the clock. */
import type { FastifyRequest } from 'fastify';
import type { ActiveSession } from '../app/accounts.ts';
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

export type SignedInRequest = FastifyRequest & {
  session: (ActiveSession & { token: string }) | null;
};

/** The signed-in account's session; routes behind an access rule always have one. */
export function sessionOf(request: FastifyRequest): ActiveSession & { token: string } {
  const session = (request as SignedInRequest).session;
  if (!session) throw new Error('a route behind an access rule ran without a session');
  return session;
}
