/**
 * Any page of a review viewed "as at" an earlier event (`?at=SEQ`): the review read-only, as it
 * was after event SEQ. Decided once, here: a hook reads `at` on every request, refuses any
 * change that carries it (nothing is written), and notes the event for the banner; routes take
 * their workspace from `workspaceFor`, which is then the read-only one — so a page shows the
 * earlier state without knowing it, and a change through it is refused by the workspace too.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Workspace } from '../app/workspace.ts';
import { ValidationError } from '../domain/errors.ts';
import { issue } from '../domain/issue.ts';
import { type ServerContext, sessionOf } from './server-context.ts';
import { ukDateTime } from './uk-time.ts';

/** The event a page is viewed as at, for the banner. */
export interface AsAt {
  seq: number;
  /** When the event was recorded, in UK local time. */
  when: string;
  actor: string;
  /** The same page as the review stands now. */
  nowHref: string;
}

type AsAtRequest = FastifyRequest & { asAt?: AsAt };

const AtQuery = z.object({ at: z.string().max(12).optional().catch('?') });

function readOnlyRefusal(seq: string): ValidationError {
  return new ValidationError([
    issue(
      'read-only-as-at',
      ['at'],
      `this is the review as it was after event ${seq}, which cannot be changed; nothing was changed. Go back to the review as it stands now to make a change`,
    ),
  ]);
}

/** The page's address without `at`: the same page as the review stands now. */
function withoutAt(url: string): string {
  const [path, query = ''] = url.split('?', 2) as [string, string?];
  const params = new URLSearchParams(query);
  params.delete('at');
  const rest = params.toString();
  return rest ? `${path}?${rest}` : path;
}

/** `href` viewed as at event `seq` (keeps any fragment after the query). */
export function withAt(href: string, seq: number): string {
  const [path, fragment] = href.split('#', 2) as [string, string?];
  const joined = `${path}${path.includes('?') ? '&' : '?'}at=${seq}`;
  return fragment === undefined ? joined : `${joined}#${fragment}`;
}

/** Reads `at` on every request: a change carrying it is refused; a review page notes its event. */
export function registerAsAt(app: FastifyInstance, context: ServerContext): void {
  app.addHook('preHandler', async (request) => {
    const { at } = AtQuery.parse(request.query ?? {});
    if (at === undefined) return;
    if (request.method !== 'GET' && request.method !== 'HEAD') throw readOnlyRefusal(at);
    const reviewId = (request.params as { reviewId?: string } | undefined)?.reviewId;
    if (reviewId === undefined) return;
    if (!/^[1-9][0-9]{0,8}$/.test(at)) {
      throw new ValidationError([
        issue('as-at-unknown-event', ['at'], `"${at}" is not an event number; they start at 1`),
      ]);
    }
    const seq = Number(at);
    const event = (await context.ws.asAt(seq).log(reviewId)).at(-1);
    if (!event) return;
    (request as AsAtRequest).asAt = {
      seq,
      when: ukDateTime(event.at),
      actor: event.actor,
      nowHref: withoutAt(request.url),
    };
  });
}

/** The event the request views its review as at, or null for the review as it stands. */
export function asAtOf(request: FastifyRequest): AsAt | null {
  return (request as AsAtRequest).asAt ?? null;
}

/**
 * The workspace a route works in, acting for the signed-in account: read-only as at the event
 * in `?at=` when there is one, otherwise the workspace as it stands.
 */
export function workspaceFor(request: FastifyRequest, context: ServerContext): Workspace {
  const ws = context.ws.as(sessionOf(request).account.name);
  const asAt = asAtOf(request);
  return asAt ? ws.asAt(asAt.seq) : ws;
}
