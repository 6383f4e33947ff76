/**
 * Findings: listed in ranked order, added with their category, the model's sections, the
 * factors that support them and their Issues for the Board; edited (based on the version the
 * form showed), removed; factors linked and unlinked; each Issue for the Board added, reworded
 * and removed on its own.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { basedOn, recordVersion } from '../../app/edit-version.ts';
import {
  addBoardIssue,
  addFinding,
  editBoardIssue,
  editFinding,
  findingChoices,
  findingDetail,
  findingSummaries,
  linkFindingFactors,
  removeBoardIssue,
  removeFinding,
  showBoardIssue,
  showFinding,
  unlinkFindingFactor,
} from '../../app/findings.ts';
import { showReview } from '../../app/reviews.ts';
import { EditConflictError, ValidationError } from '../../domain/errors.ts';
import { normaliseStableId } from '../../domain/primitives.ts';
import { admits, CAN_ANALYSE } from '../../domain/roles.ts';
import { ANALYSE, READ } from '../access.ts';
import {
  type FindingFormValues,
  findingFormChoices,
  findingsListView,
  findingView,
  firstPayload,
  formProblems,
  questionsOf,
  rankOf,
  sectionsOf,
  statusOf,
  tickedOf,
} from '../findings-view.ts';
import { fieldProblems } from '../form-problems.ts';
import { sendPage } from '../pages.ts';
import { recordHref, reviewFrame, reviewHref } from '../review-frame.ts';
import { type ServerContext, sessionOf } from '../server-context.ts';

const Params = z.object({
  reviewId: z.string().max(100),
  findingId: z.string().max(100).default(''),
  factorId: z.string().max(100).default(''),
  boardIssueId: z.string().max(100).default(''),
});

const FindingForm = z.object({
  statement: z.string().max(60_000).default(''),
  category: z.string().max(1000).default(''),
  rank: z.string().max(1000).default(''),
  questions: z.string().max(200_000).default(''),
  version: z.string().max(100).default(''),
});
const FINDING_FIELDS = ['statement', 'category', 'rank', 'questions', 'factorIds', 'version'];
const FINDING_RENAMES = { boardQuestions: 'questions' };

const ShowForms = z.object({
  reason: z.string().max(60_000).default(''),
  question: z.string().max(60_000).default(''),
});
type ShowForms = z.infer<typeof ShowForms>;
const SHOW_FIELDS = ['reason', 'question', 'factorIds'];

const QuestionForm = z.object({
  question: z.string().max(60_000).default(''),
  version: z.string().max(100).default(''),
});
type QuestionForm = z.infer<typeof QuestionForm>;
const QUESTION_FIELDS = ['question', 'version', 'reason'];

type Problems = ReturnType<typeof fieldProblems>;
type Body = Record<string, unknown>;

export function registerFindingRoutes(app: FastifyInstance, context: ServerContext): void {
  const actor = (request: FastifyRequest) => context.ws.as(sessionOf(request).account.name);
  const frame = async (reviewId: string) =>
    reviewFrame((await showReview(context.ws, reviewId)).review, 'findings');
  const canAnalyse = (request: FastifyRequest, reviewId: string) =>
    admits(sessionOf(request).account.grants, CAN_ANALYSE, reviewId.toUpperCase());

  /** The finding form's values as posted: the fixed fields, the sections, the ticked factors. */
  async function postedFinding(reviewId: string, body: Body): Promise<FindingFormValues> {
    const fixed = FindingForm.parse(body);
    const { sections } = await findingChoices(context.ws, reviewId);
    const texts = sectionsOf(
      body,
      sections.map((s) => s.id),
      'omit',
    );
    return {
      ...fixed,
      factorIds: tickedOf(body.factorIds),
      sections: Object.fromEntries(Object.entries(texts).map(([id, text]) => [id, text ?? ''])),
    };
  }

  async function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    reviewId: string,
    form: FindingFormValues,
    problems: Problems,
    options: { findingId?: string; conflict?: object | undefined; code?: number } = {},
  ) {
    const choices = await findingChoices(context.ws, reviewId);
    const editing = options.findingId ?? null;
    const theirs = options.conflict as
      | { statement: string; category: string; rank?: number; sections: Record<string, string> }
      | undefined;
    return sendPage(
      reply,
      context,
      request,
      'findings-form',
      {
        editing,
        action: editing
          ? recordHref(reviewId, 'finding', editing)
          : reviewHref(reviewId, '/findings'),
        cancelHref: editing
          ? recordHref(reviewId, 'finding', editing)
          : reviewHref(reviewId, '/findings'),
        factorsHref: reviewHref(reviewId, '/factors'),
        form,
        problems,
        ...findingFormChoices(choices, form),
        conflict: theirs
          ? {
              removed: false,
              statement: theirs.statement,
              categoryName:
                choices.categories.find((c) => c.id === theirs.category)?.name ?? theirs.category,
              rank: theirs.rank ?? null,
              sections: choices.sections.map((s) => ({
                title: s.title,
                text: theirs.sections[s.id] ?? null,
              })),
            }
          : options.code === 409
            ? { removed: true }
            : null,
      },
      editing ? `Edit ${editing}` : 'Add a finding',
      { review: await frame(reviewId), code: options.code ?? 200 },
    );
  }

  async function findingPage(
    request: FastifyRequest,
    reply: FastifyReply,
    reviewId: string,
    findingId: string,
    forms: { values: ShowForms; problems: Problems; code: number } = {
      values: { reason: '', question: '' },
      problems: fieldProblems([], SHOW_FIELDS),
      code: 200,
    },
  ) {
    const detail = await findingDetail(context.ws, reviewId, findingId);
    const choices = await findingChoices(context.ws, reviewId);
    return sendPage(
      reply,
      context,
      request,
      'findings-show',
      {
        ...findingView(detail, choices, reviewId, canAnalyse(request, reviewId)),
        forms: forms.values,
        problems: forms.problems,
      },
      `${detail.finding.id}: finding`,
      { review: await frame(reviewId), code: forms.code, status: statusOf(request.query) },
    );
  }

  async function boardIssuePage(
    request: FastifyRequest,
    reply: FastifyReply,
    reviewId: string,
    id: string,
    page: 'findings-board-issue' | 'findings-board-issue-edit',
    form: QuestionForm & { reason: string },
    problems: Problems,
    options: { code?: number; conflict?: object | undefined } = {},
  ) {
    const { boardIssue, finding } = await showBoardIssue(context.ws, reviewId, id);
    const href = recordHref(reviewId, 'boardIssue', boardIssue.id);
    const theirs = options.conflict as { question: string } | undefined;
    return sendPage(
      reply,
      context,
      request,
      page,
      {
        boardIssue,
        finding: { ...finding, href: recordHref(reviewId, 'finding', finding.id) },
        canAnalyse: canAnalyse(request, reviewId),
        editHref: `${href}/edit`,
        action: href,
        removeAction: `${href}/remove`,
        form,
        problems,
        conflict: theirs
          ? { removed: false, question: theirs.question }
          : options.code === 409
            ? { removed: true }
            : null,
      },
      page === 'findings-board-issue'
        ? `${boardIssue.id}: Issue for the Board`
        : `Edit ${boardIssue.id}`,
      { review: await frame(reviewId), code: options.code ?? 200, status: statusOf(request.query) },
    );
  }

  const emptyFinding = (): FindingFormValues => ({
    statement: '',
    category: '',
    rank: '',
    questions: '',
    version: '',
    factorIds: [],
    sections: {},
  });

  app.get('/reviews/:reviewId/findings', READ, async (request, reply) => {
    const { reviewId } = Params.parse(request.params);
    const findings = await findingSummaries(context.ws, reviewId);
    return sendPage(
      reply,
      context,
      request,
      'findings-list',
      findingsListView(findings, reviewId, canAnalyse(request, reviewId)),
      'Findings',
      { review: await frame(reviewId), status: statusOf(request.query) },
    );
  });

  app.get('/reviews/:reviewId/findings/new', ANALYSE, async (request, reply) => {
    const { reviewId } = Params.parse(request.params);
    const factor = z.object({ factor: z.string().max(100).default('') }).parse(request.query ?? {});
    return formPage(
      request,
      reply,
      reviewId,
      { ...emptyFinding(), factorIds: factor.factor ? [factor.factor] : [] },
      fieldProblems([], FINDING_FIELDS),
    );
  });

  app.post('/reviews/:reviewId/findings', ANALYSE, async (request, reply) => {
    const { reviewId } = Params.parse(request.params);
    const form = await postedFinding(reviewId, (request.body ?? {}) as Body);
    try {
      const rank = rankOf(form.rank, undefined);
      const result = await addFinding(
        actor(request),
        reviewId,
        {
          statement: form.statement,
          category: form.category,
          sections: form.sections,
          ...(rank === undefined ? {} : { rank }),
        },
        { factorIds: form.factorIds, boardQuestions: questionsOf(form.questions) },
      );
      const id = firstPayload<{ id: string }>(result).id;
      return reply.redirect(`${recordHref(reviewId, 'finding', id)}?saved=${id}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return formPage(
        request,
        reply,
        reviewId,
        form,
        formProblems(error.issues, FINDING_FIELDS, reviewId, FINDING_RENAMES),
        { code: 400 },
      );
    }
  });

  app.get('/reviews/:reviewId/findings/:findingId', READ, async (request, reply) => {
    const { reviewId, findingId } = Params.parse(request.params);
    return findingPage(request, reply, reviewId, findingId);
  });

  app.get('/reviews/:reviewId/findings/:findingId/edit', ANALYSE, async (request, reply) => {
    const { reviewId, findingId } = Params.parse(request.params);
    const { finding } = await showFinding(context.ws, reviewId, findingId);
    return formPage(
      request,
      reply,
      reviewId,
      {
        ...emptyFinding(),
        statement: finding.statement,
        category: finding.category,
        rank: finding.rank === undefined ? '' : String(finding.rank),
        sections: finding.sections,
        version: await recordVersion(context.ws, reviewId, finding.id),
      },
      fieldProblems([], FINDING_FIELDS),
      { findingId: finding.id },
    );
  });

  app.post('/reviews/:reviewId/findings/:findingId', ANALYSE, async (request, reply) => {
    const { reviewId, findingId } = Params.parse(request.params);
    const body = (request.body ?? {}) as Body;
    const form = await postedFinding(reviewId, body);
    // Not looked up first: a finding removed meanwhile is the conflict the save reports.
    const finding = { id: normaliseStableId(findingId) ?? findingId };
    const { sections } = await findingChoices(context.ws, reviewId);
    try {
      await editFinding(basedOn(actor(request), finding.id, form.version), reviewId, finding.id, {
        statement: form.statement,
        category: form.category,
        rank: rankOf(form.rank, null),
        sections: sectionsOf(
          body,
          sections.map((s) => s.id),
          'clear',
        ),
      });
      return reply.redirect(
        `${recordHref(reviewId, 'finding', finding.id)}?saved=${finding.id}`,
        303,
      );
    } catch (error) {
      const conflict = error instanceof EditConflictError;
      if (!conflict && !(error instanceof ValidationError)) throw error;
      return formPage(
        request,
        reply,
        reviewId,
        conflict
          ? { ...form, version: await recordVersion(context.ws, reviewId, finding.id) }
          : form,
        formProblems(error.issues, FINDING_FIELDS, reviewId, FINDING_RENAMES),
        conflict
          ? { findingId: finding.id, conflict: error.current, code: 409 }
          : { findingId: finding.id, code: 400 },
      );
    }
  });

  /** A change made from the finding's own page: success goes back there; a refusal re-renders it. */
  function onFindingPage(
    path: string,
    change: (
      request: FastifyRequest,
      reviewId: string,
      findingId: string,
      forms: ShowForms,
    ) => Promise<string>,
  ) {
    app.post(path, ANALYSE, async (request, reply) => {
      const { reviewId, findingId } = Params.parse(request.params);
      const values = ShowForms.parse(request.body ?? {});
      try {
        const target = await change(request, reviewId, findingId, values);
        return reply.redirect(target, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return findingPage(request, reply, reviewId, findingId, {
          values,
          problems: formProblems(error.issues, SHOW_FIELDS, reviewId, { id: 'reason' }),
          code: 400,
        });
      }
    });
  }

  onFindingPage(
    '/reviews/:reviewId/findings/:findingId/remove',
    async (request, reviewId, id, f) => {
      const result = await removeFinding(actor(request), reviewId, id, f.reason);
      const removed = firstPayload<{ id: string }>(result).id;
      return `${reviewHref(reviewId, '/findings')}?removed=${removed}`;
    },
  );

  onFindingPage('/reviews/:reviewId/findings/:findingId/factors', async (request, reviewId, id) => {
    const ticked = tickedOf((request.body as Body | undefined)?.factorIds);
    const result = await linkFindingFactors(actor(request), reviewId, id, ticked);
    const findingId = firstPayload<{ findingId: string }>(result).findingId;
    return `${recordHref(reviewId, 'finding', findingId)}?saved=${findingId}`;
  });

  onFindingPage(
    '/reviews/:reviewId/findings/:findingId/board-issues',
    async (request, reviewId, id, f) => {
      const result = await addBoardIssue(actor(request), reviewId, id, f.question);
      const payload = firstPayload<{ id: string; findingId: string }>(result);
      return `${recordHref(reviewId, 'finding', payload.findingId)}?saved=${payload.id}#board-issues-heading`;
    },
  );

  app.post(
    '/reviews/:reviewId/findings/:findingId/factors/:factorId/remove',
    ANALYSE,
    async (request, reply) => {
      const { reviewId, findingId, factorId } = Params.parse(request.params);
      const result = await unlinkFindingFactor(actor(request), reviewId, findingId, factorId);
      const payload = firstPayload<{ findingId: string; factorId: string }>(result);
      return reply.redirect(
        `${recordHref(reviewId, 'finding', payload.findingId)}?unlinked=${payload.factorId}`,
        303,
      );
    },
  );

  app.get(
    '/reviews/:reviewId/findings/board-issues/:boardIssueId',
    READ,
    async (request, reply) => {
      const { reviewId, boardIssueId } = Params.parse(request.params);
      return boardIssuePage(
        request,
        reply,
        reviewId,
        boardIssueId,
        'findings-board-issue',
        { question: '', version: '', reason: '' },
        fieldProblems([], QUESTION_FIELDS),
      );
    },
  );

  app.get(
    '/reviews/:reviewId/findings/board-issues/:boardIssueId/edit',
    ANALYSE,
    async (request, reply) => {
      const { reviewId, boardIssueId } = Params.parse(request.params);
      const { boardIssue } = await showBoardIssue(context.ws, reviewId, boardIssueId);
      return boardIssuePage(
        request,
        reply,
        reviewId,
        boardIssue.id,
        'findings-board-issue-edit',
        {
          question: boardIssue.question,
          version: await recordVersion(context.ws, reviewId, boardIssue.id),
          reason: '',
        },
        fieldProblems([], QUESTION_FIELDS),
      );
    },
  );

  app.post(
    '/reviews/:reviewId/findings/board-issues/:boardIssueId',
    ANALYSE,
    async (request, reply) => {
      const { reviewId, boardIssueId } = Params.parse(request.params);
      const form = QuestionForm.parse(request.body ?? {});
      const { boardIssue, finding } = await showBoardIssue(context.ws, reviewId, boardIssueId);
      try {
        await editBoardIssue(
          basedOn(actor(request), boardIssue.id, form.version),
          reviewId,
          boardIssue.id,
          { question: form.question },
        );
        return reply.redirect(
          `${recordHref(reviewId, 'finding', finding.id)}?saved=${boardIssue.id}`,
          303,
        );
      } catch (error) {
        const conflict = error instanceof EditConflictError;
        if (!conflict && !(error instanceof ValidationError)) throw error;
        const version = conflict
          ? await recordVersion(context.ws, reviewId, boardIssue.id)
          : form.version;
        return boardIssuePage(
          request,
          reply,
          reviewId,
          boardIssue.id,
          'findings-board-issue-edit',
          { ...form, version, reason: '' },
          formProblems(error.issues, QUESTION_FIELDS, reviewId),
          conflict ? { code: 409, conflict: error.current } : { code: 400 },
        );
      }
    },
  );

  app.post(
    '/reviews/:reviewId/findings/board-issues/:boardIssueId/remove',
    ANALYSE,
    async (request, reply) => {
      const { reviewId, boardIssueId } = Params.parse(request.params);
      const form = z
        .object({ reason: z.string().max(60_000).default('') })
        .parse(request.body ?? {});
      try {
        const result = await removeBoardIssue(actor(request), reviewId, boardIssueId, form.reason);
        const payload = firstPayload<{ id: string; findingId: string }>(result);
        return reply.redirect(
          `${recordHref(reviewId, 'finding', payload.findingId)}?removed=${payload.id}`,
          303,
        );
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return boardIssuePage(
          request,
          reply,
          reviewId,
          boardIssueId,
          'findings-board-issue',
          { question: '', version: '', reason: form.reason },
          formProblems(error.issues, QUESTION_FIELDS, reviewId, { id: 'reason' }),
          { code: 400 },
        );
      }
    },
  );
}
