/** A review's settings: title, subject, key dates and research questions; changed by those who run the workflow. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { basedOn, REVIEW_RECORD, recordVersion } from '../../app/edit-version.ts';
import {
  addResearchQuestion,
  editResearchQuestion,
  listResearchQuestions,
  removeResearchQuestion,
  updateReview,
} from '../../app/reviews.ts';
import { EditConflictError, ValidationError } from '../../domain/errors.ts';
import type { Issue } from '../../domain/issue.ts';
import type { Review } from '../../domain/review.ts';
import { admits, CAN_READ, CAN_RUN_WORKFLOW } from '../../domain/roles.ts';
import { asAtOf, workspaceFor } from '../as-at.ts';
import { sendPage } from '../pages.ts';
import { reviewFrame, reviewHref } from '../review-frame.ts';
import { type ServerContext, sessionOf } from '../server-context.ts';
import {
  type SettingsForm,
  settingsChanges,
  settingsFormOf,
  settingsView,
} from '../settings-view.ts';
import { reviewIdOf } from './reviews.ts';

const Body = z.record(z.string().max(200), z.string().max(20000));
const QuestionParams = z.object({ reviewId: z.string().max(100), questionId: z.string().max(40) });
const QuestionForm = z.object({
  text: z.string().max(20000).default(''),
  reason: z.string().max(20000).default(''),
  version: z.string().max(40).default(''),
});
const Saved = z.object({
  saved: z
    .string()
    .regex(/^(settings|nothing|RQ-\d{1,6}|removed-RQ-\d{1,6})$/)
    .optional()
    .catch(undefined),
});

function savedStatus(saved: string | undefined): string | null {
  if (!saved) return null;
  if (saved === 'settings') return 'The settings were saved.';
  if (saved === 'nothing') return 'Nothing had changed, so nothing was saved.';
  if (saved.startsWith('removed-')) return `${saved.slice('removed-'.length)} was removed.`;
  return `${saved} was saved.`;
}

interface Refusal {
  form?: SettingsForm;
  issues?: readonly Issue[];
  theirs?: Review | null;
  question?: Parameters<typeof settingsView>[0]['question'];
  code?: number;
}

async function sendSettings(
  reply: FastifyReply,
  context: ServerContext,
  request: FastifyRequest,
  refusal: Refusal = {},
) {
  const reviewId = reviewIdOf(request);
  const ws = workspaceFor(request, context);
  const state = await ws.load(reviewId);
  const questions = await listResearchQuestions(ws, reviewId);
  const versions = await Promise.all(questions.map((q) => recordVersion(ws, reviewId, q.id)));
  const canEdit =
    !asAtOf(request) && admits(sessionOf(request).account.grants, CAN_RUN_WORKFLOW, reviewId);
  const status = savedStatus(Saved.parse(request.query ?? {}).saved);
  return sendPage(
    reply,
    context,
    request,
    'settings',
    settingsView({
      review: state.review,
      model: ws.modelOf(state),
      questions,
      version: await recordVersion(ws, reviewId, REVIEW_RECORD),
      questionVersions: Object.fromEntries(questions.map((q, i) => [q.id, versions[i] ?? ''])),
      canEdit,
      ...(refusal.form ? { form: refusal.form } : {}),
      ...(refusal.issues ? { issues: refusal.issues } : {}),
      theirs: refusal.theirs ?? null,
      question: refusal.question ?? null,
    }),
    'Review settings',
    {
      review: reviewFrame(state.review, 'settings'),
      ...(refusal.code ? { code: refusal.code } : {}),
      ...(status && !refusal.code ? { status } : {}),
    },
  );
}

const settingsHref = (reviewId: string, saved: string) =>
  `${reviewHref(reviewId, '/settings')}?saved=${encodeURIComponent(saved)}`;

export function registerSettingsRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get(
    '/reviews/:reviewId/settings',
    { config: { access: { allow: CAN_READ } } },
    async (request, reply) => sendSettings(reply, context, request),
  );

  app.post(
    '/reviews/:reviewId/settings',
    { config: { access: { allow: CAN_RUN_WORKFLOW } } },
    async (request, reply) => {
      const reviewId = reviewIdOf(request);
      const body = Body.parse(request.body ?? {});
      const ws = workspaceFor(request, context);
      const state = await ws.load(reviewId);
      const form = settingsFormOf(body, ws.modelOf(state));
      const changes = settingsChanges(state.review, form);
      if (Object.keys(changes).length === 0) {
        return reply.redirect(settingsHref(state.review.id, 'nothing'), 303);
      }
      try {
        await updateReview(basedOn(ws, REVIEW_RECORD, body.version ?? ''), reviewId, changes);
        return reply.redirect(settingsHref(state.review.id, 'settings'), 303);
      } catch (error) {
        if (error instanceof EditConflictError) {
          return sendSettings(reply, context, request, {
            form,
            issues: error.issues,
            theirs: (error.current as Review | undefined) ?? null,
            code: 409,
          });
        }
        if (!(error instanceof ValidationError)) throw error;
        return sendSettings(reply, context, request, { form, issues: error.issues, code: 400 });
      }
    },
  );

  app.post(
    '/reviews/:reviewId/settings/questions',
    { config: { access: { allow: CAN_RUN_WORKFLOW } } },
    async (request, reply) => {
      const reviewId = reviewIdOf(request);
      const form = QuestionForm.parse(request.body ?? {});
      try {
        const result = await addResearchQuestion(
          workspaceFor(request, context),
          reviewId,
          form.text,
        );
        const added = result.events[0]?.payload as { id: string };
        return reply.redirect(settingsHref(result.state.review.id, added.id), 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return sendSettings(reply, context, request, {
          question: { id: '', text: form.text, reason: '', issues: error.issues },
          code: 400,
        });
      }
    },
  );

  for (const removing of [false, true]) {
    app.post(
      `/reviews/:reviewId/settings/questions/:questionId${removing ? '/remove' : ''}`,
      { config: { access: { allow: CAN_RUN_WORKFLOW } } },
      async (request, reply) => {
        const { reviewId, questionId } = QuestionParams.parse(request.params);
        const form = QuestionForm.parse(request.body ?? {});
        const ws = basedOn(workspaceFor(request, context), questionId, form.version);
        try {
          const result = removing
            ? await removeResearchQuestion(ws, reviewId, questionId, form.reason)
            : await editResearchQuestion(ws, reviewId, questionId, { text: form.text });
          const saved = removing ? `removed-${questionId}` : questionId;
          return reply.redirect(settingsHref(result.state.review.id, saved), 303);
        } catch (error) {
          const conflict = error instanceof EditConflictError;
          if (!conflict && !(error instanceof ValidationError)) throw error;
          const current = conflict ? (error.current as { text?: string } | undefined) : undefined;
          return sendSettings(reply, context, request, {
            question: {
              id: questionId,
              text: removing ? null : form.text,
              reason: form.reason,
              issues: (error as ValidationError | EditConflictError).issues,
              theirs: current?.text ?? null,
            },
            code: conflict ? 409 : 400,
          });
        }
      },
    );
  }
}
