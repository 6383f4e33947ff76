/**
 * The web workspace: one fastify instance over one open workspace. Hooks, in order, check the
 * `Host` header, find the session from its cookie, admit or refuse the route by its declared
 * access, and refuse a state-changing request without the session's CSRF token. Routes then
 * parse, call one use-case and present a page.
 */
import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import { fastifySSE } from '@fastify/sse';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { sessionFor } from '../app/accounts.ts';
import { inviteSessionFor } from '../app/meeting-invites.ts';
import type { Workspace } from '../app/workspace.ts';
import { ValidationError } from '../domain/errors.ts';
import { type Access, decideAccess } from './access.ts';
import { registerAsAt } from './as-at.ts';
import { allowedHostNames, hostName } from './host-check.ts';
import { namesMissing, notFound, pageFor, refuse } from './pages.ts';
import { registerAssetRoutes } from './routes/assets.ts';
import { registerChronologyRoutes } from './routes/chronology.ts';
import { registerConversationRoutes } from './routes/conversations.ts';
import { registerDashboardRoutes } from './routes/dashboard.ts';
import { registerFactorRoutes } from './routes/factors.ts';
import { registerFindingRoutes } from './routes/findings.ts';
import { registerHistoryRoutes } from './routes/history.ts';
import { registerKpeRoutes } from './routes/kpes.ts';
import { registerMeetingRoutes } from './routes/meetings.ts';
import { registerOutputRoutes } from './routes/outputs.ts';
import { registerRegisterRoutes } from './routes/register.ts';
import { registerReviewRoutes } from './routes/reviews.ts';
import { registerSettingsRoutes } from './routes/settings.ts';
import { registerSignInRoutes } from './routes/sign-in.ts';
import { helmetOptions } from './security-headers.ts';
import {
  MEETING_COOKIE,
  SESSION_COOKIE,
  type ServerContext,
  SIGN_IN_COOKIE,
  type SignedInRequest,
} from './server-context.ts';
import { Views } from './views.ts';

export interface ServerOptions {
  workspace: Workspace;
  /** The address listened on; loopback unless the operator chose otherwise. */
  host: string;
  /** Names besides loopback's that the `Host` header may carry. */
  allowedHosts: readonly string[];
  /** Served over HTTPS (by a proxy in front): cookies are Secure and HSTS is sent. */
  tls?: boolean;
  /** The clock sessions are timed by; pinned in tests. */
  clock?: () => Date;
  views?: Views;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A route as registered, with the access it declares (none: it is closed, and a test fails). */
export interface RouteEntry {
  method: string;
  url: string;
  access: Access | undefined;
}
const routeTables = new WeakMap<FastifyInstance, RouteEntry[]>();

/** Every route the server registered, in order: what the route-table test walks. */
export function routeTableOf(app: FastifyInstance): readonly RouteEntry[] {
  return routeTables.get(app) ?? [];
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024, trustProxy: false });
  const context: ServerContext = {
    ws: options.workspace,
    views: options.views ?? new Views(),
    clock: options.clock ?? (() => new Date()),
    tls: options.tls ?? false,
  };
  const allowed = allowedHostNames(options.host, options.allowedHosts);
  const routes: RouteEntry[] = [];
  routeTables.set(app, routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url, access: route.config?.access });
    }
  });

  await app.register(helmet, helmetOptions(context.tls));
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  await app.register(fastifySSE);
  // Case material must not linger in a shared browser's cache; only the static files say otherwise.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  app.decorateRequest('session', null);
  app.decorateRequest('inviteSession', null);
  app.addHook('onRequest', async (request, reply) => {
    const name = hostName(request.headers.host);
    if (!name || !allowed.has(name)) {
      return reply
        .code(421)
        .type('text/plain; charset=utf-8')
        .send('This server does not answer to that host name.\n');
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const found = await sessionFor(context.ws, token, context.clock());
      if (found) (request as SignedInRequest).session = { ...found, token };
    }
    const joined = request.cookies[MEETING_COOKIE];
    const dot = joined?.indexOf('.') ?? -1;
    if (joined && dot > 0) {
      const reviewId = joined.slice(0, dot);
      const invite = await inviteSessionFor(context.ws, reviewId, joined.slice(dot + 1));
      if (invite) (request as SignedInRequest).inviteSession = invite;
    }
  });

  app.addHook('preValidation', async (request, reply) => {
    // No route matched: the not-found page, which shows nothing of the workspace.
    if (request.is404) return;
    const access = request.routeOptions.config.access;
    const { session, inviteSession } = request as SignedInRequest;
    const params = (request.params ?? {}) as { reviewId?: string; meetingId?: string };
    const decision = decideAccess(
      access,
      session?.account.grants,
      params,
      inviteSession ?? undefined,
    );
    if (decision === 'undeclared') return refuse(reply, context, request, 500, 'undeclared');
    if (decision === 'sign-in') {
      const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
      return reply.redirect(`/sign-in${next}`, 303);
    }
    if (decision === 'forbidden') {
      return refuse(reply, context, request, 403, session ? 'role' : 'meeting-only');
    }
    // Admitted by an invite link, the request acts as the invitee alone, whoever else is signed in.
    if (decision === 'invite') (request as SignedInRequest).session = null;
    if (UNSAFE_METHODS.has(request.method)) {
      const expected =
        access === 'public'
          ? request.cookies[SIGN_IN_COOKIE]
          : decision === 'invite'
            ? inviteSession?.csrfToken
            : session?.csrfToken;
      if (!sameToken(expected, csrfTokenOf(request))) {
        return refuse(reply, context, request, 403, 'csrf');
      }
    }
  });

  app.setNotFoundHandler(async (request, reply) =>
    refuse(reply, context, request, 404, 'not-found'),
  );
  app.setErrorHandler(async (error, request, reply) => {
    if (error instanceof ValidationError && request.method === 'GET' && namesMissing(error)) {
      return notFound(reply, context, request, error.issues);
    }
    if (error instanceof ValidationError) {
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(
          pageFor(
            context,
            request,
            'problem',
            {
              heading: 'That could not be done',
              issues: error.issues.map((i) => ({ field: i.path.join(' › '), message: i.message })),
            },
            'That could not be done',
          ),
        );
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return refuse(reply, context, request, status, 'bad-request');
    }
    request.log.error(error);
    console.error(error);
    return refuse(reply, context, request, 500, 'fault');
  });

  registerAsAt(app, context);
  registerAssetRoutes(app);
  registerSignInRoutes(app, context);
  registerReviewRoutes(app, context);
  registerDashboardRoutes(app, context);
  registerSettingsRoutes(app, context);
  registerHistoryRoutes(app, context);
  registerRegisterRoutes(app, context);
  registerOutputRoutes(app, context);
  registerKpeRoutes(app, context);
  registerConversationRoutes(app, context);
  registerFactorRoutes(app, context);
  registerFindingRoutes(app, context);
  registerMeetingRoutes(app, context);
  registerChronologyRoutes(app, context);
  return app;
}

/**
 * The token a form (hidden `_csrf`) or an htmx request (`x-csrf-token` header) carries. A
 * multipart form (an upload) carries it in its action's query, `?_csrf=`, because its body is
 * read by the route after this check; only a multipart request is read there.
 */
function csrfTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  if (/^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '')) {
    const query = request.query as { _csrf?: unknown } | undefined;
    return typeof query?._csrf === 'string' ? query._csrf : undefined;
  }
  const body = request.body as { _csrf?: unknown } | undefined;
  return typeof body?._csrf === 'string' ? body._csrf : undefined;
}

function sameToken(expected: string | undefined, given: string | undefined): boolean {
  if (!expected || !given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
