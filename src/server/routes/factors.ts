/**
 * Contributory factors: listed by the heads of the review's model, added, edited (based on the
 * version the form showed), removed, and linked to the KPEs they help explain with evidence.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { basedOn, recordVersion } from '../../app/edit-version.ts';
import {
  addFactor,
  editFactor,
  factorDetail,
  factorHeadChoices,
  factorsByHead,
  kpeChoices,
  linkFactor,
  removeFactor,
  showFactor,
  unlinkFactor,
} from '../../app/factors.ts';
import { showReview } from '../../app/reviews.ts';
import { EditConflictError, ValidationError } from '../../domain/errors.ts';
import { FACTOR_SCOPES } from '../../domain/factor.ts';
import { normaliseStableId } from '../../domain/primitives.ts';
import { admits, CAN_ANALYSE } from '../../domain/roles.ts';
import { ANALYSE, READ } from '../access.ts';
import {
  citationsOf,
  factorsListView,
  factorView,
  firstPayload,
  formProblems,
  headChoices,
  statusOf,
} from '../findings-view.ts';
import { fieldProblems } from '../form-problems.ts';
import { sendPage } from '../pages.ts';
import { recordHref, reviewFrame, reviewHref } from '../review-frame.ts';
import { type ServerContext, sessionOf } from '../server-context.ts';

const Params = z.object({
  reviewId: z.string().max(100),
  factorId: z.string().max(100).default(''),
  kpeId: z.string().max(100).default(''),
});

const FactorForm = z.object({
  head: z.string().max(1000).default(''),
  text: z.string().max(60_000).default(''),
  scope: z.string().max(1000).default(''),
  version: z.string().max(100).default(''),
});
type FactorForm = z.infer<typeof FactorForm>;
const FACTOR_FIELDS = ['head', 'text', 'scope', 'version'];

const LinkForm = z.object({
  kpeId: z.string().max(1000).default(''),
  evidence: z.string().max(10_000).default(''),
});
type LinkForm = z.infer<typeof LinkForm>;
const LINK_FIELDS = ['kpeId', 'evidence'];

const RemoveForm = z.object({
  reason: z.string().max(60_000).default(''),
  force: z.string().max(10).default(''),
});
type RemoveForm = z.infer<typeof RemoveForm>;
const REMOVE_FIELDS = ['reason', 'force'];

type Problems = ReturnType<typeof fieldProblems>;

export function registerFactorRoutes(app: FastifyInstance, context: ServerContext): void {
  const actor = (request: FastifyRequest) => context.ws.as(sessionOf(request).account.name);
  const frame = async (reviewId: string) =>
    reviewFrame((await showReview(context.ws, reviewId)).review, 'factors');
  const canAnalyse = (request: FastifyRequest, reviewId: string) =>
    admits(sessionOf(request).account.grants, CAN_ANALYSE, reviewId.toUpperCase());

  async function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    reviewId: string,
    form: FactorForm,
    problems: Problems,
    options: { factorId?: string; conflict?: object | undefined; code?: number } = {},
  ) {
    const heads = await factorHeadChoices(context.ws, reviewId);
    const editing = options.factorId ?? null;
    const theirs = options.conflict as { head: string; text: string; scope: string } | undefined;
    return sendPage(
      reply,
      context,
      request,
      'factors-form',
      {
        editing,
        action: editing
          ? recordHref(reviewId, 'factor', editing)
          : reviewHref(reviewId, '/factors'),
        cancelHref: editing
          ? recordHref(reviewId, 'factor', editing)
          : reviewHref(reviewId, '/factors'),
        form,
        problems,
        heads: headChoices(heads, form.head),
        scopes: FACTOR_SCOPES.map((s) => ({ id: s, checked: s === form.scope })),
        conflict: theirs
          ? {
              headName: heads.find((h) => h.id === theirs.head)?.name ?? theirs.head,
              text: theirs.text,
              scope: theirs.scope,
            }
          : options.conflict === undefined && options.code === 409
            ? { removed: true }
            : null,
      },
      editing ? `Edit ${editing}` : 'Add a contributory factor',
      { review: await frame(reviewId), code: options.code ?? 200 },
    );
  }

  async function factorPage(
    request: FastifyRequest,
    reply: FastifyReply,
    reviewId: string,
    factorId: string,
    removal: { form: RemoveForm; problems: Problems; code: number } = {
      form: { reason: '', force: '' },
      problems: fieldProblems([], REMOVE_FIELDS),
      code: 200,
    },
  ) {
    const detail = await factorDetail(context.ws, reviewId, factorId);
    return sendPage(
      reply,
      context,
      request,
      'factors-show',
      {
        ...factorView(detail, reviewId, canAnalyse(request, reviewId)),
        removal: { ...removal.form, forced: removal.form.force === 'yes' },
        problems: removal.problems,
      },
      `${detail.id}: contributory factor`,
      { review: await frame(reviewId), code: removal.code, status: statusOf(request.query) },
    );
  }

  async function linkPage(
    request: FastifyRequest,
    reply: FastifyReply,
    reviewId: string,
    factorId: string,
    form: LinkForm,
    problems: Problems,
    code = 200,
  ) {
    const factor = await showFactor(context.ws, reviewId, factorId);
    const kpes = await kpeChoices(context.ws, reviewId);
    return sendPage(
      reply,
      context,
      request,
      'factors-link',
      {
        factor: { id: factor.id, text: factor.text },
        action: `${recordHref(reviewId, 'factor', factor.id)}/links`,
        cancelHref: recordHref(reviewId, 'factor', factor.id),
        kpesHref: reviewHref(reviewId, '/kpes'),
        form,
        problems,
        kpes: kpes.map((k) => ({ ...k, selected: k.id === form.kpeId.toUpperCase() })),
      },
      `Link ${factor.id} to a KPE`,
      { review: await frame(reviewId), code },
    );
  }

  app.get('/reviews/:reviewId/factors', READ, async (request, reply) => {
    const { reviewId } = Params.parse(request.params);
    const data = await factorsByHead(context.ws, reviewId);
    return sendPage(
      reply,
      context,
      request,
      'factors-list',
      factorsListView(data, reviewId, canAnalyse(request, reviewId)),
      'Contributory factors',
      { review: await frame(reviewId), status: statusOf(request.query) },
    );
  });

  app.get('/reviews/:reviewId/factors/new', ANALYSE, async (request, reply) => {
    const { reviewId } = Params.parse(request.params);
    const head = z.object({ head: z.string().max(200).default('') }).parse(request.query ?? {});
    return formPage(
      request,
      reply,
      reviewId,
      { head: head.head, text: '', scope: 'case-specific', version: '' },
      fieldProblems([], FACTOR_FIELDS),
    );
  });

  app.post('/reviews/:reviewId/factors', ANALYSE, async (request, reply) => {
    const { reviewId } = Params.parse(request.params);
    const form = FactorForm.parse(request.body ?? {});
    try {
      const result = await addFactor(actor(request), reviewId, {
        head: form.head,
        text: form.text,
        scope: form.scope || undefined,
      });
      const id = firstPayload<{ id: string }>(result).id;
      return reply.redirect(`${recordHref(reviewId, 'factor', id)}?saved=${id}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return formPage(
        request,
        reply,
        reviewId,
        form,
        formProblems(error.issues, FACTOR_FIELDS, reviewId),
        { code: 400 },
      );
    }
  });

  app.get('/reviews/:reviewId/factors/:factorId', READ, async (request, reply) => {
    const { reviewId, factorId } = Params.parse(request.params);
    return factorPage(request, reply, reviewId, factorId);
  });

  app.get('/reviews/:reviewId/factors/:factorId/edit', ANALYSE, async (request, reply) => {
    const { reviewId, factorId } = Params.parse(request.params);
    const factor = await showFactor(context.ws, reviewId, factorId);
    return formPage(
      request,
      reply,
      reviewId,
      {
        head: factor.head,
        text: factor.text,
        scope: factor.scope,
        version: await recordVersion(context.ws, reviewId, factor.id),
      },
      fieldProblems([], FACTOR_FIELDS),
      { factorId: factor.id },
    );
  });

  app.post('/reviews/:reviewId/factors/:factorId', ANALYSE, async (request, reply) => {
    const { reviewId, factorId } = Params.parse(request.params);
    const form = FactorForm.parse(request.body ?? {});
    // Not looked up first: a factor removed meanwhile is the conflict the save reports.
    const factor = { id: normaliseStableId(factorId) ?? factorId };
    try {
      await editFactor(basedOn(actor(request), factor.id, form.version), reviewId, factor.id, {
        head: form.head,
        text: form.text,
        scope: form.scope,
      });
      return reply.redirect(`${recordHref(reviewId, 'factor', factor.id)}?saved=${factor.id}`, 303);
    } catch (error) {
      if (error instanceof EditConflictError) {
        return formPage(
          request,
          reply,
          reviewId,
          { ...form, version: await recordVersion(context.ws, reviewId, factor.id) },
          formProblems(error.issues, FACTOR_FIELDS, reviewId),
          { factorId: factor.id, conflict: error.current, code: 409 },
        );
      }
      if (!(error instanceof ValidationError)) throw error;
      return formPage(
        request,
        reply,
        reviewId,
        form,
        formProblems(error.issues, FACTOR_FIELDS, reviewId),
        { factorId: factor.id, code: 400 },
      );
    }
  });

  app.post('/reviews/:reviewId/factors/:factorId/remove', ANALYSE, async (request, reply) => {
    const { reviewId, factorId } = Params.parse(request.params);
    const form = RemoveForm.parse(request.body ?? {});
    try {
      const result = await removeFactor(actor(request), reviewId, factorId, form.reason, {
        force: form.force === 'yes',
      });
      const id = firstPayload<{ id: string }>(result).id;
      return reply.redirect(`${reviewHref(reviewId, '/factors')}?removed=${id}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return factorPage(request, reply, reviewId, factorId, {
        form,
        problems: formProblems(error.issues, REMOVE_FIELDS, reviewId, { id: 'force' }),
        code: 400,
      });
    }
  });

  app.get('/reviews/:reviewId/factors/:factorId/link', ANALYSE, async (request, reply) => {
    const { reviewId, factorId } = Params.parse(request.params);
    const kpe = z.object({ kpe: z.string().max(100).default('') }).parse(request.query ?? {});
    return linkPage(
      request,
      reply,
      reviewId,
      factorId,
      { kpeId: kpe.kpe, evidence: '' },
      fieldProblems([], LINK_FIELDS),
    );
  });

  app.post('/reviews/:reviewId/factors/:factorId/links', ANALYSE, async (request, reply) => {
    const { reviewId, factorId } = Params.parse(request.params);
    const form = LinkForm.parse(request.body ?? {});
    try {
      const result = await linkFactor(actor(request), reviewId, {
        kpeId: form.kpeId,
        factorId,
        evidence: citationsOf(form.evidence),
      });
      const id = firstPayload<{ factorId: string }>(result).factorId;
      return reply.redirect(`${recordHref(reviewId, 'factor', id)}?saved=${id}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return linkPage(
        request,
        reply,
        reviewId,
        factorId,
        form,
        formProblems(error.issues, LINK_FIELDS, reviewId, { factorId: 'kpeId' }),
        400,
      );
    }
  });

  app.post(
    '/reviews/:reviewId/factors/:factorId/links/:kpeId/remove',
    ANALYSE,
    async (request, reply) => {
      const { reviewId, factorId, kpeId } = Params.parse(request.params);
      const result = await unlinkFactor(actor(request), reviewId, { kpeId, factorId });
      const payload = firstPayload<{ factorId: string; kpeId: string }>(result);
      return reply.redirect(
        `${recordHref(reviewId, 'factor', payload.factorId)}?unlinked=${payload.kpeId}`,
        303,
      );
    },
  );
}
