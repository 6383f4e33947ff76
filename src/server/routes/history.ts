/** A review's history: its event log, newest first, each event opening the review as it was. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { reviewLog } from '../../app/log.ts';
import { CAN_READ } from '../../domain/roles.ts';
import { asAtOf, withAt, workspaceFor } from '../as-at.ts';
import { historyView } from '../history-view.ts';
import { sendPage } from '../pages.ts';
import { reviewFrame } from '../review-frame.ts';
import type { ServerContext } from '../server-context.ts';
import { reviewIdOf } from './reviews.ts';

const Query = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
});

export function registerHistoryRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get(
    '/reviews/:reviewId/history',
    { config: { access: { allow: CAN_READ } } },
    async (request, reply) => {
      const reviewId = reviewIdOf(request);
      const ws = workspaceFor(request, context);
      const asAt = asAtOf(request);
      const [events, state] = await Promise.all([reviewLog(ws, reviewId), ws.load(reviewId)]);
      return sendPage(
        reply,
        context,
        request,
        'history',
        historyView({
          reviewId: state.review.id,
          events,
          model: ws.modelOf(state),
          page: Query.parse(request.query ?? {}).page ?? 1,
          ...(asAt ? { link: (href: string) => withAt(href, asAt.seq) } : {}),
        }),
        'History',
        { review: reviewFrame(state.review, 'history') },
      );
    },
  );
}
