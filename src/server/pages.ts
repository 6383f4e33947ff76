/** Pages in the frame, and the refusals every route shares (not signed in, wrong role, expired form). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ValidationError } from '../domain/errors.ts';
import type { Issue } from '../domain/issue.ts';
import type { IssueCode } from '../domain/issue-codes.ts';
import { rolesInWords } from './access.ts';
import { asAtOf, withAt } from './as-at.ts';
import type { ServerContext, SignedInRequest } from './server-context.ts';
import type { PageFrame } from './views.ts';
import { webFix } from './web-fix.ts';

const REFUSALS = {
  undeclared: ['Not available', 'This page declares no access rule, so it is closed.'],
  role: [
    'Not allowed',
    'Your role does not allow this. Ask the review’s lead reviewer for the role you need.',
  ],
  'meeting-only': [
    'Not part of your meeting',
    'Your invite link opens only the meeting you were invited to. Go back to the meeting page.',
  ],
  csrf: [
    'The form had expired',
    'Nothing was changed. Go back, reload the page and send it again.',
  ],
  'not-found': [
    'Page not found',
    'There is nothing at this address. Go back to the list of reviews.',
  ],
  'bad-request': ['That request could not be read', 'Nothing was changed. Go back and try again.'],
  fault: [
    'Something went wrong',
    'Nothing was changed by the failed request. Try again; if it keeps happening, tell whoever runs this server.',
  ],
} as const;

export function refuse(
  reply: FastifyReply,
  context: ServerContext,
  request: FastifyRequest,
  status: number,
  why: keyof typeof REFUSALS,
) {
  const [heading, explanation] = REFUSALS[why];
  const session = (request as SignedInRequest).session;
  const held = session
    ? rolesInWords(
        session.account.grants,
        (request.params as { reviewId?: string } | undefined)?.reviewId,
      )
    : null;
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(pageFor(context, request, 'refusal', { heading, explanation, held }, heading));
}

/** A page inside the frame for whoever is signed in. */
export function pageFor(
  context: ServerContext,
  request: FastifyRequest,
  page: string,
  data: object,
  title: string,
  extra: Partial<Pick<PageFrame, 'review' | 'status'>> = {},
): string {
  const session = (request as SignedInRequest).session;
  const reviewId = (request.params as { reviewId?: string } | undefined)?.reviewId;
  const asAt = asAtOf(request);
  const review = extra.review ?? null;
  return context.views.page(page, data, {
    title: asAt ? `${title} (as at event ${asAt.seq})` : title,
    account: session
      ? { name: session.account.name, roles: rolesInWords(session.account.grants, reviewId) }
      : null,
    csrfToken: session?.csrfToken ?? (request as SignedInRequest).inviteSession?.csrfToken ?? '',
    // As at an earlier event, the review's own navigation stays as at that event.
    review:
      review && asAt
        ? {
            ...review,
            href: withAt(review.href, asAt.seq),
            nav: review.nav.map((n) => ({ ...n, href: withAt(n.href, asAt.seq) })),
          }
        : review,
    status: extra.status ?? null,
    asAt,
  });
}

/** Sends a page in the frame with `status` (200 by default). */
export function sendPage(
  reply: FastifyReply,
  context: ServerContext,
  request: FastifyRequest,
  page: string,
  data: object,
  title: string,
  extra: Partial<Pick<PageFrame, 'review' | 'status'>> & { code?: number } = {},
) {
  return reply
    .code(extra.code ?? 200)
    .type('text/html; charset=utf-8')
    .send(pageFor(context, request, page, data, title, extra));
}

/** The codes the use-cases give when the review or record asked for is not there (or was removed). */
const MISSING_RECORD_CODES: ReadonlySet<IssueCode> = new Set([
  'review-unknown',
  'reference-unknown',
  'reference-removed',
  'agency-unknown',
]);

/**
 * Whether a refusal says only that the review or record the address names is not there: each
 * issue is about the review or the record's id (not a field of a form naming a missing record).
 */
export function namesMissing(error: ValidationError): boolean {
  return (
    error.issues.length > 0 &&
    error.issues.every(
      (i) =>
        MISSING_RECORD_CODES.has(i.code) &&
        i.path.length === 1 &&
        (i.path[0] === 'id' || i.path[0] === 'review'),
    )
  );
}

/** 404 for an address naming a record there is not: what there is, and the list to go to. */
export function notFound(
  reply: FastifyReply,
  context: ServerContext,
  request: FastifyRequest,
  issues: readonly Issue[],
) {
  const reviewId = (request.params as { reviewId?: string } | undefined)?.reviewId;
  const lines = issues.map((i) => {
    const fix = i.fix ? webFix(i.fix, reviewId) : null;
    return { message: i.message, fix: fix && { text: fix.text, href: fix.href } };
  });
  return reply
    .code(404)
    .type('text/html; charset=utf-8')
    .send(
      pageFor(context, request, 'not-found', { heading: 'Not found', issues: lines }, 'Not found'),
    );
}
