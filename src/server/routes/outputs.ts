/**
 * The review's outputs: the map (inline SVG, every node a link), a finding's trace, the check
 * (gaps, unmet gates, patterns, language flags — a flag accepted here with a justification),
 * and the report rendered in the edition and format chosen, downloaded by whoever asked.
 */
import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { analysisGaps, analysisMap, reviewPatterns, traceOf } from '../../app/analysis.ts';
import { BrowserSession } from '../../app/browser-session.ts';
import { acceptFlag, reviewLanguage } from '../../app/language.ts';
import { statusOf } from '../../app/workflow.ts';
import { ValidationError } from '../../domain/errors.ts';
import type { Issue } from '../../domain/issue.ts';
import { admits, CAN_ANALYSE, CAN_PUBLISH, type Role } from '../../domain/roles.ts';
import { ANALYSE, READ } from '../access.ts';
import { fieldProblems } from '../form-problems.ts';
import { checkView, mapOutline, placesOfIssue, traceView } from '../outputs-view.ts';
import { refuse, sendPage } from '../pages.ts';
import { CONTENT_TYPES, type Edition, type RenderJob, RenderJobs } from '../render-jobs.ts';
import { partHref, recordHref, reviewFrame, reviewHref } from '../review-frame.ts';
import { type ServerContext, sessionOf } from '../server-context.ts';
import { reviewIdOf } from './reviews.ts';

const CAN_RENDER: readonly Role[] = [...new Set([...CAN_ANALYSE, ...CAN_PUBLISH])];

const AcceptForm = z.object({
  field: z.string().max(500).default(''),
  rule: z.string().max(100).default(''),
  justification: z.string().max(20000).default(''),
});
const RenderForm = z.object({
  edition: z.string().max(40).default(''),
  format: z.string().max(40).default(''),
});
const FindingParams = z.object({ findingId: z.string().max(100) });
const JobParams = z.object({ jobId: z.string().regex(/^[0-9a-f]{32}$/) });

/** Who may render which edition: the confidential one analysts and publishers; the publication publishers. */
export const EDITION_ROLES: Record<Edition, readonly Role[]> = {
  confidential: CAN_RENDER,
  publication: CAN_PUBLISH,
};

async function reviewOf(context: ServerContext, reviewId: string) {
  const state = await context.ws.load(reviewId);
  return { id: state.review.id, title: state.review.title };
}

export function registerOutputRoutes(app: FastifyInstance, context: ServerContext): void {
  registerMapAndTrace(app, context);
  registerCheck(app, context);
  registerRender(app, context);
}

function registerMapAndTrace(app: FastifyInstance, context: ServerContext) {
  app.get('/reviews/:reviewId/map', READ, async (request, reply) => {
    const reviewId = reviewIdOf(request);
    const review = await reviewOf(context, reviewId);
    const map = await analysisMap(context.ws, review.id, {
      embedFont: false,
      nodeHref: (kind, id) => recordHref(review.id, kind, id),
    });
    return sendPage(
      reply,
      context,
      request,
      'outputs-map',
      {
        svg: map.svg,
        counts: map.graph.kpes.length + map.graph.factors.length + map.graph.findings.length,
        outline: mapOutline(review.id, map.graph),
      },
      'Map of the analysis',
      { review: reviewFrame(review, 'map') },
    );
  });

  app.get('/reviews/:reviewId/findings/:findingId/trace', READ, async (request, reply) => {
    const reviewId = reviewIdOf(request);
    const { findingId } = FindingParams.parse(request.params);
    const review = await reviewOf(context, reviewId);
    try {
      const trace = await traceOf(context.ws, review.id, findingId);
      return sendPage(
        reply,
        context,
        request,
        'outputs-trace',
        traceView(review.id, trace, {
          notesForReviewers: admits(sessionOf(request).account.grants, CAN_ANALYSE, review.id),
        }),
        `How we know: ${trace.finding.id}`,
        { review: reviewFrame(review, 'findings') },
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return sendPage(
        reply,
        context,
        request,
        'outputs-problem',
        { heading: 'No such finding', issues: problemsOf(review.id, error.issues) },
        'No such finding',
        { review: reviewFrame(review, 'findings'), code: 404 },
      );
    }
  });
}

/** Issues with their places linked and their fixes worded for the web. */
function problemsOf(reviewId: string, issues: readonly Issue[]) {
  return checkView(reviewId, {
    gaps: issues.map((i) => ({ ...i, severity: 'error' as const })),
    gates: [],
    patterns: {
      reviewId,
      by: { id: '', name: '', confirmed: true },
      factors: [],
      heads: [],
      candidates: [],
      doubleEdged: [],
    },
    flags: [],
  }).gapGroups.flatMap((g) => g.gaps);
}

function registerCheck(app: FastifyInstance, context: ServerContext) {
  const checkPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: {
      handle: string;
      rule: string;
      justification: string;
      problems: ReturnType<typeof fieldProblems>;
    } | null,
    code = 200,
  ) => {
    const reviewId = reviewIdOf(request);
    const review = await reviewOf(context, reviewId);
    const [{ gaps }, { status }, patterns, language] = await Promise.all([
      analysisGaps(context.ws, review.id),
      statusOf(context.ws, review.id),
      reviewPatterns(context.ws, review.id),
      reviewLanguage(context.ws, review.id),
    ]);
    const view = checkView(review.id, {
      gaps,
      gates: status.gates,
      patterns,
      flags: language.flags,
    });
    const canAccept = admits(sessionOf(request).account.grants, CAN_ANALYSE, review.id);
    const flags = view.flags.map((f) => {
      const mine = form && form.handle === f.handle && form.rule === f.rule;
      return {
        ...f,
        justification: mine ? form.justification : '',
        // The error summary links to `#field-justification`: the one flag that was refused.
        inputId: mine ? 'field-justification' : `justification-${f.formId}`,
        problem: mine
          ? form.problems.byField.justification || form.problems.byField.field || ''
          : '',
      };
    });
    return sendPage(
      reply,
      context,
      request,
      'outputs-check',
      {
        ...view,
        flags,
        canAccept,
        problems: form?.problems ?? fieldProblems([], ['justification']),
        action: reviewHref(review.id, '/check/accept'),
      },
      'Check and language',
      { review: reviewFrame(review, 'check'), code, status: statusQuery(request) },
    );
  };

  app.get('/reviews/:reviewId/check', READ, async (request, reply) =>
    checkPage(request, reply, null),
  );

  app.post('/reviews/:reviewId/check/accept', ANALYSE, async (request, reply) => {
    const reviewId = reviewIdOf(request);
    const form = AcceptForm.parse(request.body ?? {});
    const ws = context.ws.as(sessionOf(request).account.name);
    try {
      await acceptFlag(ws, reviewId, form);
      return reply.redirect(
        `${reviewHref(reviewId, '/check')}?accepted=${encodeURIComponent(`${form.field} ${form.rule}`)}`,
        303,
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // The justification is the one thing typed; a problem with the flag itself shows on it too.
      const issues = error.issues.map((i) => ({
        ...i,
        path: i.path[0] === 'justification' ? i.path : ['justification'],
      }));
      return checkPage(
        request,
        reply,
        {
          handle: form.field,
          rule: form.rule,
          justification: form.justification,
          problems: fieldProblems(issues, ['justification', 'field'], reviewId),
        },
        400,
      );
    }
  });
}

function statusQuery(request: FastifyRequest): string | null {
  const q = request.query as { accepted?: unknown } | undefined;
  return typeof q?.accepted === 'string' ? `Accepted: ${q.accepted.slice(0, 300)}` : null;
}

const EDITION_NAMES: Record<Edition, string> = {
  confidential: 'Confidential edition (for the review team and the Board)',
  publication: 'Publication edition (pseudonymised, checked for leaks)',
};

function registerRender(app: FastifyInstance, context: ServerContext) {
  let jobs: RenderJobs | undefined;
  /** One browser session for the server's life, launched by the first render. */
  const jobTable = async () => {
    if (!jobs) {
      const { renderEdition } = await import('../../app/render-edition.ts');
      jobs = new RenderJobs(new BrowserSession({ install: false }), renderEdition);
    }
    return jobs;
  };
  app.addHook('onClose', async () => {
    await jobs?.close();
  });

  const renderPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    chosen: { edition: string; format: string },
    problems: ReturnType<typeof fieldProblems>,
    code = 200,
  ) => {
    const reviewId = reviewIdOf(request);
    const review = await reviewOf(context, reviewId);
    const grants = sessionOf(request).account.grants;
    const editions = (Object.keys(EDITION_ROLES) as Edition[])
      .filter((e) => admits(grants, EDITION_ROLES[e], review.id))
      .map((e) => ({ id: e, name: EDITION_NAMES[e], checked: e === chosen.edition }));
    return sendPage(
      reply,
      context,
      request,
      'outputs-render',
      {
        editions,
        canRender: editions.length > 0,
        formats: [
          { id: 'pdf', name: 'PDF (tagged, A4)', checked: chosen.format !== 'docx' },
          { id: 'docx', name: 'Word document', checked: chosen.format === 'docx' },
        ],
        problems,
        action: reviewHref(review.id, '/render'),
      },
      'Render the report',
      { review: reviewFrame(review, 'render'), code },
    );
  };

  app.get('/reviews/:reviewId/render', READ, async (request, reply) =>
    renderPage(
      request,
      reply,
      { edition: 'confidential', format: 'pdf' },
      fieldProblems([], ['edition', 'format']),
    ),
  );

  app.post(
    '/reviews/:reviewId/render',
    { config: { access: { allow: CAN_RENDER } } },
    async (request, reply) => {
      const reviewId = reviewIdOf(request);
      const form = RenderForm.parse(request.body ?? {});
      const issues: Issue[] = [];
      if (form.edition !== 'confidential' && form.edition !== 'publication') {
        issues.push({
          code: 'invalid-value',
          path: ['edition'],
          message: 'Choose the confidential or the publication edition',
        });
      }
      if (form.format !== 'pdf' && form.format !== 'docx') {
        issues.push({ code: 'invalid-value', path: ['format'], message: 'Choose PDF or Word' });
      }
      if (issues.length > 0) {
        return renderPage(
          request,
          reply,
          form,
          fieldProblems(issues, ['edition', 'format'], reviewId),
          400,
        );
      }
      const edition = form.edition as Edition;
      const session = sessionOf(request);
      if (!admits(session.account.grants, EDITION_ROLES[edition], reviewId.toUpperCase())) {
        return refuse(reply, context, request, 403, 'role');
      }
      const review = await reviewOf(context, reviewId);
      const job = (await jobTable()).start(
        context.ws.as(session.account.name),
        review.id,
        edition,
        form.format as 'pdf' | 'docx',
      );
      return reply.redirect(reviewHref(review.id, `/render/jobs/${job.id}`), 303);
    },
  );

  const jobOf = async (request: FastifyRequest): Promise<RenderJob | undefined> => {
    const parsed = JobParams.safeParse(request.params);
    if (!parsed.success || !jobs) return undefined;
    const reviewId = reviewIdOf(request).toUpperCase();
    return (await jobTable()).get(parsed.data.jobId, sessionOf(request).account.name, reviewId);
  };

  app.get(
    '/reviews/:reviewId/render/jobs/:jobId',
    { config: { access: { allow: CAN_RENDER } } },
    async (request, reply) => {
      const job = await jobOf(request);
      if (!job) return refuse(reply, context, request, 404, 'not-found');
      const review = await reviewOf(context, job.reviewId);
      const href = reviewHref(review.id, `/render/jobs/${job.id}`);
      const working = job.state === 'waiting' || job.state === 'running';
      const leaks = job.issues.map((i) => ({
        message: i.message,
        where: String(i.path[0] ?? ''),
        places: placesOfIssue(review.id, i),
      }));
      return sendPage(
        reply,
        context,
        request,
        'outputs-render-job',
        {
          working,
          done: job.state === 'done',
          refused: job.state === 'refused',
          failed: job.state === 'failed',
          edition: job.edition,
          format: job.format === 'pdf' ? 'PDF' : 'Word',
          step: job.step,
          href,
          download: `${href}/download`,
          pages: job.result?.pages ?? null,
          message: job.message,
          leaks,
          again: partHref(review.id, 'render'),
        },
        'Rendering the report',
        { review: reviewFrame(review, 'render') },
      );
    },
  );

  app.get(
    '/reviews/:reviewId/render/jobs/:jobId/download',
    { config: { access: { allow: CAN_RENDER } } },
    async (request, reply) => {
      const job = await jobOf(request);
      if (!job?.file || job.state !== 'done')
        return refuse(reply, context, request, 404, 'not-found');
      const name = `${job.reviewId}-${job.edition}.${job.format}`;
      const stream = createReadStream(job.file);
      // The file goes once it has been sent (or if sending fails).
      reply.raw.once('close', () => void jobs?.remove(job.id));
      return reply
        .type(CONTENT_TYPES[job.format])
        .header('Content-Disposition', `attachment; filename="${name}"`)
        .send(stream);
    },
  );
}
