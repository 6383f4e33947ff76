/** A review's dashboard, and moving the review on or back from it. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { showReview } from '../../app/reviews.ts';
import { advance, reopen, statusOf } from '../../app/workflow.ts';
import { ValidationError, WorkflowError } from '../../domain/errors.ts';
import { admits, CAN_READ, CAN_RUN_WORKFLOW } from '../../domain/roles.ts';
import { asAtOf, withAt, workspaceFor } from '../as-at.ts';
import { dashboardView, EMPTY_FORMS, type Refused, type WorkflowForms } from '../dashboard-view.ts';
import { sendPage } from '../pages.ts';
import { reviewFrame, reviewHref } from '../review-frame.ts';
import { type ServerContext, sessionOf } from '../server-context.ts';
import { reviewIdOf } from './reviews.ts';

const AdvanceForm = z.object({
  outcome: z.string().max(100).default(''),
  date: z.string().max(40).default(''),
});
const ReopenForm = z.object({
  to: z.string().max(100).default(''),
  reason: z.string().max(20000).default(''),
  date: z.string().max(40).default(''),
});

const MOVED: Record<string, string> = {
  advanced: 'The review moved on.',
  reopened: 'The review was reopened.',
};

async function sendDashboard(
  reply: FastifyReply,
  context: ServerContext,
  request: FastifyRequest,
  options: { forms?: WorkflowForms; refused?: Refused; code?: number; status?: string } = {},
) {
  const reviewId = reviewIdOf(request);
  const ws = workspaceFor(request, context);
  const asAt = asAtOf(request);
  const [{ status, model }, summary] = await Promise.all([
    statusOf(ws, reviewId),
    showReview(ws, reviewId),
  ]);
  const canRun = !asAt && admits(sessionOf(request).account.grants, CAN_RUN_WORKFLOW, reviewId);
  return sendPage(
    reply,
    context,
    request,
    'dashboard',
    dashboardView({
      status,
      model,
      summary,
      canRun,
      ...(options.forms ? { forms: options.forms } : {}),
      refused: options.refused ?? null,
      ...(asAt ? { link: (href: string) => withAt(href, asAt.seq) } : {}),
    }),
    status.review.title,
    {
      review: reviewFrame(status.review, 'dashboard'),
      ...(options.code ? { code: options.code } : {}),
      ...(options.status ? { status: options.status } : {}),
    },
  );
}

/** A refused move re-renders the dashboard naming every problem, what was typed kept. */
function refusedMove(error: unknown): readonly ValidationError['issues'][number][] {
  if (error instanceof ValidationError || error instanceof WorkflowError) return error.issues;
  throw error;
}

export function registerDashboardRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get(
    '/reviews/:reviewId',
    { config: { access: { allow: CAN_READ } } },
    async (request, reply) => {
      const moved = z.object({ moved: z.string().max(20).optional() }).parse(request.query);
      return sendDashboard(reply, context, request, {
        ...(moved.moved && MOVED[moved.moved] ? { status: MOVED[moved.moved] } : {}),
      });
    },
  );

  app.post(
    '/reviews/:reviewId/advance',
    { config: { access: { allow: CAN_RUN_WORKFLOW } } },
    async (request, reply) => {
      const reviewId = reviewIdOf(request);
      const form = AdvanceForm.parse(request.body ?? {});
      try {
        const result = await advance(workspaceFor(request, context), reviewId, {
          ...(form.outcome ? { outcome: form.outcome } : {}),
          ...(form.date.trim() ? { date: form.date.trim() } : {}),
        });
        return reply.redirect(`${reviewHref(result.state.review.id)}?moved=advanced`, 303);
      } catch (error) {
        return sendDashboard(reply, context, request, {
          forms: { ...EMPTY_FORMS, advance: form },
          refused: { form: 'advance', issues: refusedMove(error) },
          code: 400,
        });
      }
    },
  );

  app.post(
    '/reviews/:reviewId/reopen',
    { config: { access: { allow: CAN_RUN_WORKFLOW } } },
    async (request, reply) => {
      const reviewId = reviewIdOf(request);
      const form = ReopenForm.parse(request.body ?? {});
      try {
        const result = await reopen(workspaceFor(request, context), reviewId, {
          to: form.to,
          reason: form.reason,
          ...(form.date.trim() ? { date: form.date.trim() } : {}),
        });
        return reply.redirect(`${reviewHref(result.state.review.id)}?moved=reopened`, 303);
      } catch (error) {
        return sendDashboard(reply, context, request, {
          forms: { ...EMPTY_FORMS, reopen: form },
          refused: { form: 'reopen', issues: refusedMove(error) },
          code: 400,
        });
      }
    },
  );
}
