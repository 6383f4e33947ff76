/** The list of reviews and a new review (a review's own page is in dashboard.ts). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createReview, listReviews } from '../../app/reviews.ts';
import { ValidationError } from '../../domain/errors.ts';
import { REVIEW_KIND_NAMES, REVIEW_KINDS } from '../../domain/review.ts';
import { admits, CAN_CREATE_REVIEW, CAN_READ } from '../../domain/roles.ts';
import { fieldProblems } from '../form-problems.ts';
import { sendPage } from '../pages.ts';
import { reviewHref } from '../review-frame.ts';
import { type ServerContext, sessionOf } from '../server-context.ts';

const NewReviewForm = z.object({
  title: z.string().max(2000).default(''),
  kind: z.string().max(100).default(''),
  subjectLabel: z.string().max(2000).default(''),
});
type NewReviewForm = z.infer<typeof NewReviewForm>;
const NEW_REVIEW_FIELDS = ['title', 'kind', 'subjectLabel'];

const ReviewParams = z.object({ reviewId: z.string().max(100) });

export function reviewIdOf(request: FastifyRequest): string {
  return ReviewParams.parse(request.params).reviewId;
}

function newReviewPage(form: NewReviewForm, problems: ReturnType<typeof fieldProblems>) {
  return {
    form,
    problems,
    kinds: REVIEW_KINDS.map((k) => ({
      id: k,
      name: REVIEW_KIND_NAMES[k],
      selected: k === form.kind,
    })),
  };
}

export function registerReviewRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get('/', { config: { access: 'signed-in' } }, async (request, reply) => {
    const { grants } = sessionOf(request).account;
    const reviews = (await listReviews(context.ws)).filter((r) => admits(grants, CAN_READ, r.id));
    return sendPage(
      reply,
      context,
      request,
      'reviews',
      {
        reviews: reviews.map((r) => ({
          ...r,
          href: reviewHref(r.id),
          created: r.createdAt.slice(0, 10),
        })),
        canCreate: admits(grants, CAN_CREATE_REVIEW),
      },
      'Reviews',
    );
  });

  app.get(
    '/reviews/new',
    { config: { access: { allow: CAN_CREATE_REVIEW } } },
    async (request, reply) =>
      sendPage(
        reply,
        context,
        request,
        'review-new',
        newReviewPage(
          { title: '', kind: 'lcspr', subjectLabel: '' },
          fieldProblems([], NEW_REVIEW_FIELDS),
        ),
        'New review',
      ),
  );

  app.post(
    '/reviews',
    { config: { access: { allow: CAN_CREATE_REVIEW } } },
    async (request, reply) => {
      const form = NewReviewForm.parse(request.body ?? {});
      const ws = context.ws.as(sessionOf(request).account.name);
      try {
        const result = await createReview(ws, {
          title: form.title,
          kind: form.kind,
          ...(form.subjectLabel.trim() ? { subjectLabel: form.subjectLabel } : {}),
        });
        return reply.redirect(reviewHref(result.state.review.id), 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return sendPage(
          reply,
          context,
          request,
          'review-new',
          newReviewPage(form, fieldProblems(error.issues, NEW_REVIEW_FIELDS)),
          'New review',
          { code: 400 },
        );
      }
    },
  );
}
