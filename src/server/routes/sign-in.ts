/**
 * Signing in and out. The sign-in form carries a double-submit token (a cookie and a hidden
 * field), since there is no session yet to hold one. A sign-in always starts a new session
 * (the cookie is rotated); failures are throttled per account name by the use-case, so a room
 * of people behind one address is never locked out together.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { signIn, signOut } from '../../app/accounts.ts';
import { ValidationError } from '../../domain/errors.ts';
import { sendPage } from '../pages.ts';
import {
  SESSION_COOKIE,
  type ServerContext,
  SIGN_IN_COOKIE,
  type SignedInRequest,
  sessionOf,
} from '../server-context.ts';

const SignInForm = z.object({
  name: z.string().max(200).default(''),
  password: z.string().max(2000).default(''),
  next: z.string().max(2000).default('/'),
});

/** Only a path on this server: never another origin ("//evil.example", "https://…"). */
function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])[^\s]*$/.test(next) ? next : '/';
}

function cookieOptions(context: ServerContext) {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure: context.tls } as const;
}

function showForm(
  reply: FastifyReply,
  context: ServerContext,
  request: SignedInRequest,
  data: { name: string; next: string; problem: string | null },
  code = 200,
) {
  const token = randomBytes(24).toString('base64url');
  reply.setCookie(SIGN_IN_COOKIE, token, { ...cookieOptions(context), sameSite: 'strict' });
  return sendPage(reply, context, request, 'sign-in', { ...data, signInToken: token }, 'Sign in', {
    code,
  });
}

export function registerSignInRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    const next = safeNext((request.query as { next?: string }).next);
    if ((request as SignedInRequest).session) return reply.redirect(next, 303);
    return showForm(reply, context, request as SignedInRequest, { name: '', next, problem: null });
  });

  app.post('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    const form = SignInForm.parse(request.body ?? {});
    const next = safeNext(form.next);
    try {
      const replacing = (request as SignedInRequest).session?.token;
      const signedIn = await signIn(context.ws, form.name, form.password, context.clock(), {
        ...(replacing ? { replacing } : {}),
      });
      reply.clearCookie(SIGN_IN_COOKIE, { path: '/' });
      reply.setCookie(SESSION_COOKIE, signedIn.sessionToken, cookieOptions(context));
      return reply.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const throttled = error.issues.some((i) => i.code === 'sign-in-throttled');
      return showForm(
        reply,
        context,
        request as SignedInRequest,
        { name: form.name, next, problem: error.issues.map((i) => i.message).join(' ') },
        throttled ? 429 : 401,
      );
    }
  });

  app.post('/sign-out', { config: { access: 'signed-in' } }, async (request, reply) => {
    await signOut(context.ws, sessionOf(request).token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/sign-in', 303);
  });
}
