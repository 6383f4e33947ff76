/**
 * Meetings run live. The facilitator's control page (reviewers), the room's screen (a presenter
 * link, or a reviewer), each participant's page (their invite link), the live stream all three
 * follow, and the invite link's own page, which uses the link only when its button is pressed
 * (a mail scanner fetching the link uses nothing).
 */
import { randomBytes } from 'node:crypto';
import type {} from '@fastify/sse';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  acceptContribution,
  closeLiveMeeting,
  closePrompt,
  contribute,
  declineContribution,
  openPrompt,
  respond,
  revealPrompt,
  showItem,
  showNames,
  startMeeting,
  vote,
} from '../../app/live-meetings.ts';
import {
  describeInvite,
  type InviteSession,
  issueInvite,
  leaveMeeting,
  redeemInvite,
  revokeInvite,
} from '../../app/meeting-invites.ts';
import { ValidationError } from '../../domain/errors.ts';
import { type Issue, issue } from '../../domain/issue.ts';
import { normaliseStableId } from '../../domain/primitives.ts';
import { admits, CAN_ANALYSE, CAN_READ } from '../../domain/roles.ts';
import { ANALYSE, meetingPageFor, READ } from '../access.ts';
import { fieldProblems } from '../form-problems.ts';
import { LiveFeed } from '../live/live-feed.ts';
import {
  facilitatorChoices,
  type MeetingDraft,
  meetingHref,
  meetingRegions,
  meetingRows,
  type Viewer,
} from '../meeting-view.ts';
import { sendPage } from '../pages.ts';
import { reviewFrame, reviewHref } from '../review-frame.ts';
import {
  inviteSessionOf,
  MEETING_COOKIE,
  type ServerContext,
  SIGN_IN_COOKIE,
  sessionOf,
} from '../server-context.ts';

const Id = z
  .string()
  .max(100)
  .transform((id) => normaliseStableId(id) ?? id);
const MeetingParams = z.object({ reviewId: z.string().max(100), meetingId: Id });
const RecordParams = MeetingParams.extend({ recordId: Id });
const JoinParams = z.object({ reviewId: z.string().max(100), token: z.string().max(200) });
const Text = z.string().max(20000).default('');
const Many = z
  .union([z.string().max(100), z.array(z.string().max(100)).max(100)])
  .optional()
  .transform((v) => (v === undefined ? [] : [v].flat()));
const Since = z
  .object({ since: z.coerce.number().int().nonnegative().optional(), view: z.string().optional() })
  .catch({});
const Status = z.object({ done: z.string().max(200).optional() }).catch({});

const ShowForm = z.object({
  kind: z.string().max(20).default(''),
  kpe: z.string().max(100).default(''),
  finding: z.string().max(100).default(''),
  from: z.string().max(40).default(''),
  to: z.string().max(40).default(''),
});
const PromptForm = z.object({
  text: Text,
  kind: z.string().max(20).default('writing'),
  options: Many,
  maxChoices: z.string().max(10).default(''),
});
const InviteForm = z.object({
  participant: z.string().max(200).default(''),
  session: z.string().max(40).default(''),
  purpose: z.string().max(20).default('participant'),
});
const ContributionForm = z.object({
  kind: z.string().max(40).default(''),
  text: Text,
  target: z.string().max(100).default(''),
  proposed: Text,
});

/** What the status line says after each of the facilitator's steps. */
const DONE: Record<string, string> = {
  started: 'The meeting has started.',
  shown: 'It is on the screen now.',
  names: 'The room’s view of names has changed.',
  prompt: 'The prompt is open: everyone writes on their own until you reveal it.',
  revealed: 'The answers are revealed.',
  'prompt-closed': 'The prompt takes no more answers.',
  revoked: 'The link was withdrawn.',
  accepted: 'The contribution was accepted.',
  declined: 'The contribution was declined; it stays in the meeting’s record.',
  closed: 'The meeting is closed and its outcome recorded.',
  sent: 'Sent. The reviewers will see it.',
  answered: 'Your answer is in. It is shown to the room when the facilitator reveals the answers.',
  voted: 'Your vote is in.',
};

function cookieOptions(context: ServerContext) {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure: context.tls } as const;
}

export function registerMeetingRoutes(app: FastifyInstance, context: ServerContext): void {
  const feed = new LiveFeed(context.ws, context.views);
  app.addHook('preClose', async () => feed.close());
  const actor = (request: FastifyRequest) => context.ws.as(sessionOf(request).account.name);
  const params = (request: FastifyRequest) => MeetingParams.parse(request.params);
  const invite = (request: FastifyRequest) => inviteSessionOf(request) as InviteSession;
  const viewerOf = (request: FastifyRequest, present: boolean): Viewer => {
    const joined = inviteSessionOf(request);
    if (joined) {
      return joined.purpose === 'presenter'
        ? { kind: 'presenter' }
        : { kind: 'participant', invite: joined };
    }
    return present
      ? { kind: 'presenter' }
      : { kind: 'reviewer', csrfToken: sessionOf(request).csrfToken };
  };

  async function regionsFor(
    reviewId: string,
    meetingId: string,
    viewer: Viewer,
    draft?: MeetingDraft,
  ) {
    const state = await context.ws.load(reviewId);
    const found = meetingRegions(
      context.views,
      state,
      context.ws.modelOf(state),
      meetingId,
      viewer,
      undefined,
      draft,
    );
    if (!found) {
      throw new ValidationError([
        issue('reference-unknown', ['id'], `this review has no meeting ${meetingId}`, {
          ids: [meetingId],
          fix: { kind: 'list', record: 'meeting' },
        }),
      ]);
    }
    return {
      state,
      ...found,
      regions: Object.fromEntries(found.regions.map((r) => [r.id, r.html])),
    };
  }

  const liveUrl = (reviewId: string, meetingId: string, seq: number, present = false) =>
    meetingHref(reviewId, meetingId, `/live?since=${seq}${present ? '&view=present' : ''}`);

  // --- The facilitator's pages -------------------------------------------------------------

  app.get('/reviews/:reviewId/meetings', READ, async (request, reply) => {
    const { reviewId } = z.object({ reviewId: z.string().max(100) }).parse(request.params);
    const state = await context.ws.load(reviewId);
    const meetings = meetingRows(state, context.ws.modelOf(state));
    return sendPage(reply, context, request, 'meetings-list', { meetings }, 'Meetings', {
      review: reviewFrame(state.review, 'meetings'),
    });
  });

  async function sendControl(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      issued?: { url: string; who: string; expires: string } | null;
      issues?: readonly Issue[];
      prompt?: z.infer<typeof PromptForm>;
    } = {},
  ) {
    const { reviewId, meetingId } = params(request);
    const { state, regions, view } = await regionsFor(
      reviewId,
      meetingId,
      viewerOf(request, false),
    );
    const canRun = admits(sessionOf(request).account.grants, CAN_ANALYSE, state.review.id);
    const href = (path: string) => meetingHref(state.review.id, view.meetingId, path);
    const problems = fieldProblems(extra.issues ?? [], [], state.review.id);
    const done = Status.parse(request.query).done;
    return sendPage(
      reply,
      context,
      request,
      'meeting-control',
      {
        view: { title: view.title, date: view.date, started: view.started, closed: view.closed },
        regions,
        liveUrl: liveUrl(state.review.id, view.meetingId, state.seq),
        canRun: canRun && !view.closed,
        problems,
        issued: extra.issued ?? null,
        presentHref: href('/present'),
        listHref: reviewHref(state.review.id, '/meetings'),
        actions: {
          start: href('/start'),
          show: href('/show'),
          prompt: href('/prompts'),
          invite: href('/invites'),
          close: href('/close'),
        },
        choices: facilitatorChoices(state),
        prompt: extra.prompt ?? { text: '', kind: 'writing', options: [], maxChoices: '' },
      },
      view.title,
      {
        review: reviewFrame(state.review, 'meetings'),
        status: done ? (DONE[done] ?? null) : null,
        code: problems.any ? 400 : 200,
      },
    );
  }

  app.get('/reviews/:reviewId/meetings/:meetingId', READ, async (request, reply) =>
    sendControl(request, reply),
  );

  /** A facilitator's step: run it, then back to the control page (or the page with its problem). */
  const step = (
    path: string,
    done: string,
    run: (request: FastifyRequest, reviewId: string, meetingId: string) => Promise<unknown>,
  ) =>
    app.post(`/reviews/:reviewId/meetings/:meetingId${path}`, ANALYSE, async (request, reply) => {
      const { reviewId, meetingId } = params(request);
      try {
        await run(request, reviewId, meetingId);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return sendControl(request, reply, {
          issues: error.issues,
          ...(path === '/prompts' ? { prompt: PromptForm.parse(request.body ?? {}) } : {}),
        });
      }
      return reply.redirect(`${meetingHref(reviewId, meetingId)}?done=${done}`, 303);
    });

  step('/start', 'started', (request, reviewId, meetingId) => {
    const { session } = InviteForm.parse(request.body ?? {});
    return startMeeting(actor(request), reviewId, meetingId, session || undefined);
  });
  step('/show', 'shown', (request, reviewId, meetingId) => {
    const form = ShowForm.parse(request.body ?? {});
    const item =
      form.kind === 'period'
        ? { kind: 'period', from: form.from, ...(form.to ? { to: form.to } : {}) }
        : { kind: form.kind, id: form.kind === 'kpe' ? form.kpe : form.finding };
    return showItem(actor(request), reviewId, meetingId, item);
  });
  step('/names', 'names', (request, reviewId, meetingId) => {
    const shown = z.object({ shown: z.string().max(5).default('no') }).parse(request.body ?? {});
    return showNames(actor(request), reviewId, meetingId, shown.shown === 'yes');
  });
  step('/prompts', 'prompt', (request, reviewId, meetingId) => {
    const form = PromptForm.parse(request.body ?? {});
    return openPrompt(actor(request), reviewId, meetingId, {
      text: form.text,
      kind: form.kind,
      options: form.options,
      ...(form.maxChoices ? { maxChoices: form.maxChoices } : {}),
    });
  });
  const onRecord = (
    path: string,
    done: string,
    run: (
      ws: ReturnType<typeof actor>,
      reviewId: string,
      id: string,
      body: unknown,
    ) => Promise<unknown>,
  ) =>
    step(path, done, (request, reviewId) =>
      run(
        actor(request),
        reviewId,
        RecordParams.parse(request.params).recordId,
        request.body ?? {},
      ),
    );
  onRecord('/prompts/:recordId/reveal', 'revealed', (ws, r, id) => revealPrompt(ws, r, id));
  onRecord('/prompts/:recordId/close', 'prompt-closed', (ws, r, id) => closePrompt(ws, r, id));
  onRecord('/invites/:recordId/revoke', 'revoked', (ws, r, id, body) =>
    revokeInvite(ws, r, id, z.object({ reason: Text }).parse(body).reason),
  );
  onRecord('/contributions/:recordId/accept', 'accepted', (ws, r, id, body) =>
    acceptContribution(ws, r, id, z.object({ note: Text, text: Text }).parse(body)),
  );
  onRecord('/contributions/:recordId/decline', 'declined', (ws, r, id, body) =>
    declineContribution(ws, r, id, z.object({ reason: Text }).parse(body).reason),
  );
  step('/close', 'closed', (request, reviewId, meetingId) =>
    closeLiveMeeting(actor(request), reviewId, meetingId),
  );

  // Issuing a link shows it once, on the page that issued it; only its hash is kept.
  app.post('/reviews/:reviewId/meetings/:meetingId/invites', ANALYSE, async (request, reply) => {
    const { reviewId, meetingId } = params(request);
    const form = InviteForm.parse(request.body ?? {});
    try {
      const issued = await issueInvite(actor(request), reviewId, {
        meeting: meetingId,
        purpose: form.purpose === 'presenter' ? 'presenter' : 'participant',
        ...(form.participant && form.purpose !== 'presenter'
          ? { participant: form.participant }
          : {}),
        ...(form.session ? { session: form.session } : {}),
      });
      const state = issued.result.state;
      const pid = issued.invite.participantId;
      const base = `${context.tls ? 'https' : 'http'}://${request.headers.host}`;
      return sendControl(request, reply, {
        issued: {
          url: `${base}/join/${state.review.id}/${issued.token}`,
          who: pid ? (state.participants[pid]?.name ?? pid) : 'the room’s screen',
          expires: issued.expires,
        },
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return sendControl(request, reply, { issues: error.issues });
    }
  });

  // --- The room's screen and the participants' pages ---------------------------------------

  app.get(
    '/reviews/:reviewId/meetings/:meetingId/present',
    meetingPageFor(CAN_READ, ['presenter']),
    async (request, reply) => {
      const { reviewId, meetingId } = params(request);
      const { state, regions, view } = await regionsFor(
        reviewId,
        meetingId,
        viewerOf(request, true),
      );
      return sendPage(
        reply,
        context,
        request,
        'meeting-present',
        {
          view: { title: view.title, date: view.date },
          regions,
          liveUrl: liveUrl(state.review.id, view.meetingId, state.seq, true),
        },
        view.title,
      );
    },
  );

  async function sendTakePart(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { issues?: readonly Issue[]; draft?: MeetingDraft } = {},
  ) {
    const { reviewId, meetingId } = params(request);
    const joined = invite(request);
    const { state, regions, view } = await regionsFor(
      reviewId,
      meetingId,
      { kind: 'participant', invite: joined },
      extra.draft,
    );
    const problems = fieldProblems(extra.issues ?? [], []);
    const done = Status.parse(request.query).done;
    const me = joined.participantId ? state.participants[joined.participantId]?.name : undefined;
    return sendPage(
      reply,
      context,
      request,
      'meeting-take-part',
      {
        view: { title: view.title, date: view.date },
        me: me ?? '',
        reviewTitle: state.review.title,
        regions,
        problems,
        liveUrl: liveUrl(state.review.id, view.meetingId, state.seq),
        leave: meetingHref(state.review.id, view.meetingId, '/leave'),
      },
      view.title,
      { status: done ? (DONE[done] ?? null) : null, code: problems.any ? 400 : 200 },
    );
  }

  const takePart = meetingPageFor([], ['participant']);
  app.get('/reviews/:reviewId/meetings/:meetingId/take-part', takePart, (request, reply) =>
    sendTakePart(request, reply),
  );

  /** A participant's step: back to their page, or the page with the problem and their text kept. */
  const participantStep = (
    path: string,
    done: string,
    run: (joined: InviteSession, body: unknown) => Promise<unknown>,
    draftOf: (body: unknown) => MeetingDraft,
  ) =>
    app.post(`/reviews/:reviewId/meetings/:meetingId${path}`, takePart, async (request, reply) => {
      const { reviewId, meetingId } = params(request);
      try {
        await run(invite(request), request.body ?? {});
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return sendTakePart(request, reply, {
          issues: error.issues,
          draft: draftOf(request.body ?? {}),
        });
      }
      return reply.redirect(`${meetingHref(reviewId, meetingId, '/take-part')}?done=${done}`, 303);
    });

  participantStep(
    '/contributions',
    'sent',
    (joined, body) => {
      const form = ContributionForm.parse(body);
      return contribute(context.ws, joined, {
        kind: form.kind,
        text: form.text,
        ...(form.kind === 'correction'
          ? { target: form.target || undefined, proposed: form.proposed || undefined }
          : {}),
      });
    },
    (body) => {
      const form = ContributionForm.parse(body);
      return {
        kind: form.kind,
        text: form.text,
        target: form.target,
        proposed: form.proposed,
        answer: '',
      };
    },
  );
  participantStep(
    '/answers',
    'answered',
    (joined, body) => {
      const form = z.object({ prompt: z.string().max(100).default(''), text: Text }).parse(body);
      return respond(context.ws, joined, form);
    },
    (body) => ({
      kind: '',
      text: '',
      target: '',
      proposed: '',
      answer: z.object({ text: Text }).parse(body).text,
    }),
  );
  participantStep(
    '/votes',
    'voted',
    (joined, body) => {
      const form = z.object({ prompt: z.string().max(100).default(''), choices: Many }).parse(body);
      return vote(context.ws, joined, form);
    },
    () => ({ kind: '', text: '', target: '', proposed: '', answer: '' }),
  );

  app.post('/reviews/:reviewId/meetings/:meetingId/leave', takePart, async (request, reply) => {
    await leaveMeeting(context.ws, invite(request));
    reply.clearCookie(MEETING_COOKIE, { path: '/' });
    return sendPage(reply, context, request, 'meeting-left', {}, 'You have left the meeting');
  });

  // --- The live stream ----------------------------------------------------------------------

  app.get(
    '/reviews/:reviewId/meetings/:meetingId/live',
    { ...meetingPageFor(CAN_READ, ['participant', 'presenter']), sse: 'only' },
    async (request, reply) => {
      const { reviewId, meetingId } = params(request);
      const query = Since.parse(request.query);
      const last = Number.parseInt(String(request.headers['last-event-id'] ?? ''), 10);
      const state = await context.ws.load(reviewId);
      await feed.open(reply, {
        reviewId: state.review.id,
        meetingId,
        viewer: viewerOf(request, query.view === 'present'),
        since: Number.isFinite(last) ? last : query.since,
      });
    },
  );

  // --- The invite link ----------------------------------------------------------------------

  app.get('/join/:reviewId/:token', { config: { access: 'public' } }, async (request, reply) => {
    const { reviewId, token } = JoinParams.parse(request.params);
    return sendJoin(request, reply, reviewId, token);
  });

  async function sendJoin(
    request: FastifyRequest,
    reply: FastifyReply,
    reviewId: string,
    token: string,
  ) {
    const signInToken = randomBytes(24).toString('base64url');
    try {
      const summary = await describeInvite(context.ws, reviewId, token);
      reply.setCookie(SIGN_IN_COOKIE, signInToken, {
        ...cookieOptions(context),
        sameSite: 'strict',
      });
      return sendPage(
        reply,
        context,
        request,
        'meeting-join',
        {
          summary,
          signInToken,
          action: `/join/${encodeURIComponent(reviewId)}/${encodeURIComponent(token)}`,
          refused: null,
        },
        'Join the meeting',
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return refusedLink(request, reply, error);
    }
  }

  function refusedLink(request: FastifyRequest, reply: FastifyReply, error: ValidationError) {
    const code = error.issues.some((i) => i.code === 'invite-unknown') ? 404 : 410;
    return sendPage(
      reply,
      context,
      request,
      'meeting-join',
      { summary: null, signInToken: '', action: '', refused: error.issues.map((i) => i.message) },
      'This link cannot be used',
      { code },
    );
  }

  app.post('/join/:reviewId/:token', { config: { access: 'public' } }, async (request, reply) => {
    const { reviewId, token } = JoinParams.parse(request.params);
    try {
      const { sessionToken, session } = await redeemInvite(context.ws, reviewId, token);
      reply.clearCookie(SIGN_IN_COOKIE, { path: '/' });
      reply.setCookie(
        MEETING_COOKIE,
        `${session.reviewId}.${sessionToken}`,
        cookieOptions(context),
      );
      const page = session.purpose === 'presenter' ? '/present' : '/take-part';
      return reply.redirect(meetingHref(session.reviewId, session.meetingId, page), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return refusedLink(request, reply, error);
    }
  });
}
