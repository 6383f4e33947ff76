/** Key practice episodes: the list, a KPE's page, and adding, editing and removing one. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { basedOn, recordVersion, versionOf } from '../../app/edit-version.ts';
import { addKpe, editKpe, kpeChoices, listKpes, removeKpe, showKpe } from '../../app/kpes.ts';
import { recordLanguage } from '../../app/language.ts';
import { EditConflictError, ValidationError } from '../../domain/errors.ts';
import type { Kpe } from '../../domain/kpe.ts';
import { normaliseStableId } from '../../domain/primitives.ts';
import { admits, CAN_ANALYSE } from '../../domain/roles.ts';
import { ANALYSE as analyse, READ as read } from '../access.ts';
import { caseGroupView } from '../case-group-view.ts';
import { type FormProblems, fieldProblems } from '../form-problems.ts';
import {
  EMPTY_KPE_FORM,
  flagsByField,
  KPE_FIELDS,
  KpeForm,
  kpeChanges,
  kpeFormChoices,
  kpeFormOf,
  kpeInput,
  kpeRow,
  onKpeForm,
  periodInWords,
  ratingInWords,
} from '../kpe-view.ts';
import { sendPage } from '../pages.ts';
import { partHref, recordHref, reviewFrame } from '../review-frame.ts';
import { type ServerContext, sessionOf } from '../server-context.ts';

/** A record's id as typed in an address (`kpe-03`) is read as its stable id (`KPE-3`). */
const RecordId = z
  .string()
  .max(100)
  .transform((id) => normaliseStableId(id) ?? id);
const KpeParams = z.object({ reviewId: z.string().max(100), kpeId: RecordId });
const Saved = z.object({ saved: z.string().max(100).optional() }).catch({});
const RemoveForm = z.object({ reason: z.string().max(20000).default('') });

export function registerKpeRoutes(app: FastifyInstance, context: ServerContext): void {
  const actor = (request: FastifyRequest) => context.ws.as(sessionOf(request).account.name);
  const params = (request: FastifyRequest) =>
    KpeParams.partial({ kpeId: true }).parse(request.params);

  const canAnalyse = (request: FastifyRequest, reviewId: string) =>
    admits(sessionOf(request).account.grants, CAN_ANALYSE, reviewId.toUpperCase());

  async function frame(reviewId: string) {
    const state = await context.ws.load(reviewId);
    return { review: reviewFrame(state.review, 'kpes'), state };
  }

  async function sendForm(
    request: FastifyRequest,
    reply: FastifyReply,
    reviewId: string,
    kpeId: string | null,
    form: KpeForm,
    problems: FormProblems,
    extra: { code?: number; theirs?: Kpe | null } = {},
  ) {
    const { review } = await frame(reviewId);
    const flags = kpeId ? flagsByField(await recordLanguage(context.ws, reviewId, kpeId)) : null;
    const theirs = extra.theirs
      ? {
          ...kpeFormOf(extra.theirs, ''),
          period: periodInWords(extra.theirs.period),
          ratingWords: ratingInWords(extra.theirs.appraisal?.rating),
          agencies: extra.theirs.agencyIds.join(', '),
          chronology: extra.theirs.chronologyRefs.join(', '),
        }
      : null;
    const title = kpeId ? `Edit ${kpeId}` : 'Add a KPE';
    return sendPage(
      reply,
      context,
      request,
      'kpes-form',
      {
        heading: title,
        kpeId,
        action: kpeId ? recordHref(reviewId, 'kpe', kpeId) : partHref(reviewId, 'kpes'),
        cancel: kpeId ? recordHref(reviewId, 'kpe', kpeId) : partHref(reviewId, 'kpes'),
        form,
        problems,
        choices: kpeFormChoices(form, await kpeChoices(context.ws, reviewId)),
        flags: flags ?? { appraisalText: [], explanation: [] },
        theirs,
      },
      title,
      { review, code: extra.code ?? (problems.any ? 400 : 200) },
    );
  }

  app.get('/reviews/:reviewId/kpes', read, async (request, reply) => {
    const { reviewId } = params(request);
    const { review, state } = await frame(reviewId);
    const names = Object.fromEntries(Object.values(state.agencies).map((a) => [a.id, a.name]));
    const saved = Saved.parse(request.query).saved;
    return sendPage(
      reply,
      context,
      request,
      'kpes-list',
      {
        kpes: (await listKpes(context.ws, reviewId)).map((k) => ({
          ...kpeRow(k, names),
          href: recordHref(reviewId, 'kpe', k.id),
        })),
        addHref: canAnalyse(request, reviewId) ? `${partHref(reviewId, 'kpes')}/new` : null,
      },
      'Key practice episodes',
      { review, status: saved ? `${saved} removed` : null },
    );
  });

  app.get('/reviews/:reviewId/kpes/new', analyse, async (request, reply) => {
    const { reviewId } = params(request);
    return sendForm(request, reply, reviewId, null, EMPTY_KPE_FORM, fieldProblems([], KPE_FIELDS));
  });

  app.post('/reviews/:reviewId/kpes', analyse, async (request, reply) => {
    const { reviewId } = params(request);
    const form = KpeForm.parse(request.body ?? {});
    try {
      const result = await addKpe(actor(request), reviewId, kpeInput(form));
      const id = (result.events[0]?.payload as { id?: string } | undefined)?.id ?? '';
      return reply.redirect(`${recordHref(reviewId, 'kpe', id)}?saved=${id}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return sendForm(request, reply, reviewId, null, form, problemsOf(error, reviewId));
    }
  });

  app.get('/reviews/:reviewId/kpes/:kpeId', read, async (request, reply) => {
    const { reviewId, kpeId = '' } = params(request);
    const { review } = await frame(reviewId);
    const kpe = await showKpe(context.ws, reviewId, kpeId);
    const flags = flagsByField(await recordLanguage(context.ws, reviewId, kpe.id));
    const saved = Saved.parse(request.query).saved;
    const flagged = flags.appraisalText.length + flags.explanation.length;
    return sendPage(
      reply,
      context,
      request,
      'kpes-page',
      {
        kpe: {
          ...kpe,
          period: periodInWords(kpe.period),
          ratingWords: ratingInWords(kpe.appraisal?.rating),
          good: kpe.appraisal?.rating === 'good',
          standard: kpe.appraisal?.standard ?? null,
          appraisalText: kpe.appraisal?.text ?? null,
          explanation: kpe.explanation?.localRationality ?? null,
          chronology: kpe.chronology.map((e) => ({
            id: e.id,
            date: e.date.original,
            agencyName: e.agencyName,
            text: e.text,
            href: recordHref(reviewId, 'chronology', e.id),
          })),
          links: kpe.links.map((l) => ({
            factorId: l.factorId,
            factorText: l.factorText,
            href: recordHref(reviewId, 'factor', l.factorId),
            evidence: l.cited.map((c) => ({
              id: c.id,
              href: recordHref(reviewId, c.kind, c.id),
            })),
          })),
        },
        flags,
        flagged,
        caseGroup: caseGroupView(kpe.caseGroup, canAnalyse(request, reviewId)),
        canAnalyse: canAnalyse(request, reviewId),
        editHref: `${recordHref(reviewId, 'kpe', kpe.id)}/edit`,
        removeAction: `${recordHref(reviewId, 'kpe', kpe.id)}/remove`,
        listHref: partHref(reviewId, 'kpes'),
        removeProblems: fieldProblems([], ['reason']),
        reason: '',
      },
      `${kpe.id}: ${kpe.title}`,
      {
        review,
        status: saved
          ? `${saved} saved${flagged ? `; the language check flags ${flagged} sentence${flagged === 1 ? '' : 's'}` : ''}`
          : null,
      },
    );
  });

  app.get('/reviews/:reviewId/kpes/:kpeId/edit', analyse, async (request, reply) => {
    const { reviewId, kpeId = '' } = params(request);
    const kpe = await showKpe(context.ws, reviewId, kpeId);
    const version = await recordVersion(context.ws, reviewId, kpe.id);
    return sendForm(
      request,
      reply,
      reviewId,
      kpe.id,
      kpeFormOf(kpe, version),
      fieldProblems([], KPE_FIELDS),
    );
  });

  app.post('/reviews/:reviewId/kpes/:kpeId', analyse, async (request, reply) => {
    const { reviewId, kpeId = '' } = params(request);
    const form = KpeForm.parse(request.body ?? {});
    try {
      await editKpe(
        basedOn(actor(request), kpeId, form.version),
        reviewId,
        kpeId,
        kpeChanges(form),
      );
      return reply.redirect(`${recordHref(reviewId, 'kpe', kpeId)}?saved=${kpeId}`, 303);
    } catch (error) {
      if (error instanceof EditConflictError) {
        const theirs = (error.current as Kpe | undefined) ?? null;
        return sendForm(
          request,
          reply,
          reviewId,
          kpeId,
          { ...form, version: versionOf(error.current) },
          fieldProblems(error.issues, KPE_FIELDS, reviewId),
          { code: 409, theirs },
        );
      }
      if (!(error instanceof ValidationError)) throw error;
      return sendForm(request, reply, reviewId, kpeId, form, problemsOf(error, reviewId));
    }
  });

  app.post('/reviews/:reviewId/kpes/:kpeId/remove', analyse, async (request, reply) => {
    const { reviewId, kpeId = '' } = params(request);
    const { reason } = RemoveForm.parse(request.body ?? {});
    try {
      await removeKpe(actor(request), reviewId, kpeId, reason);
      return reply.redirect(`${partHref(reviewId, 'kpes')}?saved=${kpeId}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const { review } = await frame(reviewId);
      return sendPage(
        reply,
        context,
        request,
        'kpes-remove',
        {
          kpeId,
          action: `${recordHref(reviewId, 'kpe', kpeId)}/remove`,
          back: recordHref(reviewId, 'kpe', kpeId),
          reason,
          removeProblems: fieldProblems(
            error.issues.map((i) => ({ ...i, path: ['reason'] })),
            ['reason'],
            reviewId,
          ),
        },
        `Remove ${kpeId}`,
        { review, code: 400 },
      );
    }
  });
}

function problemsOf(error: ValidationError, reviewId: string): FormProblems {
  return fieldProblems(onKpeForm(error.issues), KPE_FIELDS, reviewId);
}
