/** Structured conversations and their excerpts: list, page, record, edit, remove. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  addExcerpt,
  conversationChoices,
  editConversation,
  editExcerpt,
  listConversations,
  recordConversation,
  removeConversation,
  removeExcerpt,
  showConversation,
  showExcerpt,
} from '../../app/conversations.ts';
import { basedOn, recordVersion, versionOf } from '../../app/edit-version.ts';
import type { Conversation, Excerpt } from '../../domain/conversation.ts';
import { EditConflictError, ValidationError } from '../../domain/errors.ts';
import { normaliseStableId } from '../../domain/primitives.ts';
import { admits, CAN_ANALYSE } from '../../domain/roles.ts';
import { ANALYSE as analyse, READ as read } from '../access.ts';
import {
  type ConversationFormValues,
  conversationChanges,
  conversationFields,
  conversationFormOf,
  conversationFormView,
  conversationInput,
  EXCERPT_FIELDS,
  ExcerptForm,
  emptyConversationForm,
  excerptChanges,
  excerptFormOf,
  excerptInput,
  onConversationForm,
  onExcerptForm,
  readConversationForm,
  sectionOptions,
} from '../conversation-view.ts';
import { type FormProblems, fieldProblems } from '../form-problems.ts';
import { sendPage } from '../pages.ts';
import { partHref, recordHref, reviewFrame } from '../review-frame.ts';
import { type ServerContext, sessionOf } from '../server-context.ts';

/** A record's id as typed in an address (`cv-01`) is read as its stable id (`CV-1`). */
const RecordId = z
  .string()
  .max(100)
  .transform((id) => normaliseStableId(id) ?? id);
const Params = z.object({
  reviewId: z.string().max(100),
  conversationId: RecordId.optional(),
  excerptId: RecordId.optional(),
});
const Saved = z.object({ saved: z.string().max(100).optional() }).catch({});
const RemoveForm = z.object({ reason: z.string().max(20000).default('') });

export function registerConversationRoutes(app: FastifyInstance, context: ServerContext): void {
  const actor = (request: FastifyRequest) => context.ws.as(sessionOf(request).account.name);
  const params = (request: FastifyRequest) => Params.parse(request.params);
  const canAnalyse = (request: FastifyRequest, reviewId: string) =>
    admits(sessionOf(request).account.grants, CAN_ANALYSE, reviewId.toUpperCase());
  const list = (reviewId: string) => partHref(reviewId, 'conversations');
  const savedStatus = (request: FastifyRequest, what: string) => {
    const saved = Saved.parse(request.query).saved;
    return saved ? `${saved} ${what}` : null;
  };

  async function reviewOf(reviewId: string) {
    return reviewFrame((await context.ws.load(reviewId)).review, 'conversations');
  }

  async function sendConversationForm(
    request: FastifyRequest,
    reply: FastifyReply,
    reviewId: string,
    id: string | null,
    form: ConversationFormValues,
    problems: FormProblems,
    extra: { code?: number; theirs?: Conversation | null } = {},
  ) {
    const choices = await conversationChoices(context.ws, reviewId);
    const name = (p: string) => choices.participants.find((x) => x.id === p)?.name ?? p;
    const theirs = extra.theirs
      ? {
          participant: name(extra.theirs.participantId),
          date: extra.theirs.date,
          status: extra.theirs.status,
          conductedBy: extra.theirs.conductedBy.map(name).join(', '),
          sections: choices.sections.map((s) => ({
            title: s.title,
            notes: extra.theirs?.sections[s.id] ?? '',
          })),
        }
      : null;
    const title = id ? `Edit ${id}` : 'Record a conversation';
    return sendPage(
      reply,
      context,
      request,
      'conversations-form',
      {
        heading: title,
        id,
        action: id ? recordHref(reviewId, 'conversation', id) : list(reviewId),
        cancel: id ? recordHref(reviewId, 'conversation', id) : list(reviewId),
        form,
        problems,
        view: conversationFormView(form, choices, problems),
        theirs,
      },
      title,
      { review: await reviewOf(reviewId), code: extra.code ?? (problems.any ? 400 : 200) },
    );
  }

  async function sendConversationPage(
    request: FastifyRequest,
    reply: FastifyReply,
    reviewId: string,
    id: string,
    extra: {
      excerpt?: ExcerptForm;
      excerptProblems?: FormProblems;
      reason?: string;
      removeProblems?: FormProblems;
      code?: number;
    } = {},
  ) {
    const c = await showConversation(context.ws, reviewId, id);
    const { sections } = await conversationChoices(context.ws, reviewId);
    const excerpt = extra.excerpt ?? ExcerptForm.parse({});
    return sendPage(
      reply,
      context,
      request,
      'conversations-page',
      {
        c: {
          id: c.id,
          participantName: c.participantName,
          date: c.date,
          status: c.status,
          conductedBy: c.conductedByNames.join(', '),
          sections: sections
            .filter((s) => c.sections[s.id])
            .map((s) => ({ title: s.title, notes: c.sections[s.id] ?? '' })),
          excerpts: c.excerpts.map((e) => ({
            id: e.id,
            text: e.text,
            quotable: e.quotable,
            section: sections.find((s) => s.id === e.sectionId)?.title ?? e.sectionId,
            href: recordHref(reviewId, 'excerpt', e.id),
          })),
        },
        canAnalyse: canAnalyse(request, reviewId),
        editHref: `${recordHref(reviewId, 'conversation', c.id)}/edit`,
        excerptAction: `${recordHref(reviewId, 'conversation', c.id)}/excerpts`,
        excerpt,
        excerptQuotable: excerpt.quotable === 'yes',
        sectionOptions: sectionOptions(sections, excerpt.sectionId),
        problems: extra.excerptProblems ?? fieldProblems([], EXCERPT_FIELDS),
        removeAction: `${recordHref(reviewId, 'conversation', c.id)}/remove`,
        removeProblems: extra.removeProblems ?? fieldProblems([], ['reason']),
        reason: extra.reason ?? '',
        listHref: list(reviewId),
      },
      `${c.id}: conversation with ${c.participantName}`,
      {
        review: await reviewOf(reviewId),
        status: savedStatus(request, 'saved'),
        code: extra.code ?? 200,
      },
    );
  }

  async function sendExcerptPage(
    request: FastifyRequest,
    reply: FastifyReply,
    reviewId: string,
    id: string,
    extra: {
      form?: ExcerptForm;
      problems?: FormProblems;
      theirs?: Excerpt | null;
      reason?: string;
      removeProblems?: FormProblems;
      code?: number;
    } = {},
  ) {
    const e = await showExcerpt(context.ws, reviewId, id);
    const { sections } = await conversationChoices(context.ws, reviewId);
    const form = extra.form ?? excerptFormOf(e, await recordVersion(context.ws, reviewId, e.id));
    const sectionTitle = (s: string) => sections.find((x) => x.id === s)?.title ?? s;
    return sendPage(
      reply,
      context,
      request,
      'conversations-excerpt',
      {
        e: {
          id: e.id,
          text: e.text,
          quotable: e.quotable,
          section: sectionTitle(e.sectionId),
          conversationId: e.conversationId,
          participantName: e.participantName,
          conversationHref: recordHref(reviewId, 'conversation', e.conversationId),
        },
        canAnalyse: canAnalyse(request, reviewId),
        action: recordHref(reviewId, 'excerpt', e.id),
        form,
        quotableChecked: form.quotable === 'yes',
        sectionOptions: sectionOptions(sections, form.sectionId),
        problems: extra.problems ?? fieldProblems([], EXCERPT_FIELDS),
        theirs: extra.theirs
          ? {
              section: sectionTitle(extra.theirs.sectionId),
              text: extra.theirs.text,
              quotable: extra.theirs.quotable,
            }
          : null,
        removeAction: `${recordHref(reviewId, 'excerpt', e.id)}/remove`,
        removeProblems: extra.removeProblems ?? fieldProblems([], ['reason']),
        reason: extra.reason ?? '',
      },
      `${e.id}: excerpt`,
      {
        review: await reviewOf(reviewId),
        status: savedStatus(request, 'saved'),
        code: extra.code ?? 200,
      },
    );
  }

  const sectionIdsOf = async (reviewId: string) =>
    (await conversationChoices(context.ws, reviewId)).sections.map((s) => s.id);

  app.get('/reviews/:reviewId/conversations', read, async (request, reply) => {
    const { reviewId } = params(request);
    const conversations = await listConversations(context.ws, reviewId);
    return sendPage(
      reply,
      context,
      request,
      'conversations-list',
      {
        conversations: conversations.map((c) => ({
          id: c.id,
          participantName: c.participantName,
          date: c.date,
          status: c.status,
          excerpts: c.excerpts.length,
          href: recordHref(reviewId, 'conversation', c.id),
        })),
        addHref: canAnalyse(request, reviewId) ? `${list(reviewId)}/new` : null,
      },
      'Conversations',
      { review: await reviewOf(reviewId), status: savedStatus(request, 'removed') },
    );
  });

  app.get('/reviews/:reviewId/conversations/new', analyse, async (request, reply) => {
    const { reviewId } = params(request);
    const ids = await sectionIdsOf(reviewId);
    return sendConversationForm(
      request,
      reply,
      reviewId,
      null,
      emptyConversationForm(ids),
      fieldProblems([], conversationFields(ids)),
    );
  });

  app.post('/reviews/:reviewId/conversations', analyse, async (request, reply) => {
    const { reviewId } = params(request);
    const ids = await sectionIdsOf(reviewId);
    const form = readConversationForm(request.body, ids);
    try {
      const result = await recordConversation(actor(request), reviewId, conversationInput(form));
      const id = (result.events[0]?.payload as { id?: string } | undefined)?.id ?? '';
      return reply.redirect(`${recordHref(reviewId, 'conversation', id)}?saved=${id}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return sendConversationForm(
        request,
        reply,
        reviewId,
        null,
        form,
        fieldProblems(onConversationForm(error.issues), conversationFields(ids), reviewId),
      );
    }
  });

  app.get('/reviews/:reviewId/conversations/:conversationId', read, async (request, reply) => {
    const { reviewId, conversationId = '' } = params(request);
    return sendConversationPage(request, reply, reviewId, conversationId);
  });

  app.get(
    '/reviews/:reviewId/conversations/:conversationId/edit',
    analyse,
    async (request, reply) => {
      const { reviewId, conversationId = '' } = params(request);
      const ids = await sectionIdsOf(reviewId);
      const c = await showConversation(context.ws, reviewId, conversationId);
      const version = await recordVersion(context.ws, reviewId, c.id);
      return sendConversationForm(
        request,
        reply,
        reviewId,
        c.id,
        conversationFormOf(c, ids, version),
        fieldProblems([], conversationFields(ids)),
      );
    },
  );

  app.post('/reviews/:reviewId/conversations/:conversationId', analyse, async (request, reply) => {
    const { reviewId, conversationId = '' } = params(request);
    const ids = await sectionIdsOf(reviewId);
    const form = readConversationForm(request.body, ids);
    try {
      await editConversation(
        basedOn(actor(request), conversationId, form.version),
        reviewId,
        conversationId,
        conversationChanges(form),
      );
      return reply.redirect(
        `${recordHref(reviewId, 'conversation', conversationId)}?saved=${conversationId}`,
        303,
      );
    } catch (error) {
      if (error instanceof EditConflictError) {
        return sendConversationForm(
          request,
          reply,
          reviewId,
          conversationId,
          { ...form, version: versionOf(error.current) },
          fieldProblems(error.issues, conversationFields(ids), reviewId),
          { code: 409, theirs: (error.current as Conversation | undefined) ?? null },
        );
      }
      if (!(error instanceof ValidationError)) throw error;
      return sendConversationForm(
        request,
        reply,
        reviewId,
        conversationId,
        form,
        fieldProblems(onConversationForm(error.issues), conversationFields(ids), reviewId),
      );
    }
  });

  app.post(
    '/reviews/:reviewId/conversations/:conversationId/remove',
    analyse,
    async (request, reply) => {
      const { reviewId, conversationId = '' } = params(request);
      const { reason } = RemoveForm.parse(request.body ?? {});
      try {
        await removeConversation(actor(request), reviewId, conversationId, reason);
        return reply.redirect(`${list(reviewId)}?saved=${conversationId}`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return sendConversationPage(request, reply, reviewId, conversationId, {
          reason,
          removeProblems: reasonProblems(error, reviewId),
          code: 400,
        });
      }
    },
  );

  app.post(
    '/reviews/:reviewId/conversations/:conversationId/excerpts',
    analyse,
    async (request, reply) => {
      const { reviewId, conversationId = '' } = params(request);
      const form = ExcerptForm.parse(request.body ?? {});
      try {
        const result = await addExcerpt(
          actor(request),
          reviewId,
          excerptInput(conversationId, form),
        );
        const id = (result.events[0]?.payload as { id?: string } | undefined)?.id ?? '';
        return reply.redirect(
          `${recordHref(reviewId, 'conversation', conversationId)}?saved=${id}`,
          303,
        );
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return sendConversationPage(request, reply, reviewId, conversationId, {
          excerpt: form,
          excerptProblems: fieldProblems(onExcerptForm(error.issues), EXCERPT_FIELDS, reviewId),
          code: 400,
        });
      }
    },
  );

  app.get('/reviews/:reviewId/conversations/excerpts/:excerptId', read, async (request, reply) => {
    const { reviewId, excerptId = '' } = params(request);
    return sendExcerptPage(request, reply, reviewId, excerptId);
  });

  app.post(
    '/reviews/:reviewId/conversations/excerpts/:excerptId',
    analyse,
    async (request, reply) => {
      const { reviewId, excerptId = '' } = params(request);
      const form = ExcerptForm.parse(request.body ?? {});
      try {
        await editExcerpt(
          basedOn(actor(request), excerptId, form.version),
          reviewId,
          excerptId,
          excerptChanges(form),
        );
        return reply.redirect(
          `${recordHref(reviewId, 'excerpt', excerptId)}?saved=${excerptId}`,
          303,
        );
      } catch (error) {
        if (error instanceof EditConflictError) {
          return sendExcerptPage(request, reply, reviewId, excerptId, {
            form: { ...form, version: versionOf(error.current) },
            problems: fieldProblems(error.issues, EXCERPT_FIELDS, reviewId),
            theirs: (error.current as Excerpt | undefined) ?? null,
            code: 409,
          });
        }
        if (!(error instanceof ValidationError)) throw error;
        return sendExcerptPage(request, reply, reviewId, excerptId, {
          form,
          problems: fieldProblems(onExcerptForm(error.issues), EXCERPT_FIELDS, reviewId),
          code: 400,
        });
      }
    },
  );

  app.post(
    '/reviews/:reviewId/conversations/excerpts/:excerptId/remove',
    analyse,
    async (request, reply) => {
      const { reviewId, excerptId = '' } = params(request);
      const { reason } = RemoveForm.parse(request.body ?? {});
      let conversationId = '';
      try {
        conversationId = (await showExcerpt(context.ws, reviewId, excerptId)).conversationId;
        await removeExcerpt(actor(request), reviewId, excerptId, reason);
        return reply.redirect(
          `${recordHref(reviewId, 'conversation', conversationId)}?saved=${excerptId}`,
          303,
        );
      } catch (error) {
        if (!(error instanceof ValidationError) || !conversationId) throw error;
        return sendExcerptPage(request, reply, reviewId, excerptId, {
          reason,
          removeProblems: reasonProblems(error, reviewId),
          code: 400,
        });
      }
    },
  );
}

/** A removal's refusal, shown at the reason field (its only field). */
function reasonProblems(error: ValidationError, reviewId: string): FormProblems {
  return fieldProblems(
    error.issues.map((i) => ({ ...i, path: ['reason'] })),
    ['reason'],
    reviewId,
  );
}
