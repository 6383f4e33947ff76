/**
 * Running a meeting live: the facilitator starts the room, puts items in front of it, opens
 * silent-writing and voting prompts and reveals them; the case group contributes; the
 * reviewers accept or decline each contribution; closing records the outcome. Every step is
 * an event, so the review's log is the meeting's record.
 */
import { z } from 'zod';
import { ValidationError } from '../domain/errors.ts';
import type { EventDraft } from '../domain/events.ts';
import { issue } from '../domain/issue.ts';
import {
  type Attendance,
  type ContributionKind,
  ContributionKind as ContributionKindSchema,
  CorrectionTarget,
  MeetingItem,
  type MeetingOutcome,
  PromptKind,
  SessionName,
  WHOLE_GROUP,
} from '../domain/live-meeting.ts';
import {
  IsoDate,
  LongText,
  normaliseStableId,
  ShortText,
  stableIdInput,
} from '../domain/primitives.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import { otherSessionsPrompt, promptOfSession } from './check-event/live-meeting-events.ts';
import type { InviteSession } from './meeting-invites.ts';
import {
  type ContributionView,
  contributionsForReviewers,
  type PromptView,
  promptsForReviewers,
} from './meeting-room.ts';
import { parseWithDays } from './references/read-day.ts';
import { requireRecord } from './references/require-record.ts';
import { sealAfter, sealerForChange } from './seal.ts';
import { ukToday } from './uk-today.ts';
import type { CommandResult, Workspace } from './workspace.ts';

const MeetingIdInput = stableIdInput('meeting');
const Text = (what: string) => LongText(what);

/** An id as a person types it (`kpe-03`), read as the id itself. */
const TypedId = z.string().transform((t) => normaliseStableId(t) ?? t.trim());

/** An item as a form or a flag gives it: the kind, and an id or a period. */
const ItemRequest = z
  .strictObject({
    kind: z.enum(['period', 'kpe', 'finding', 'prompt'], {
      error: 'say what to show: a period of the timeline, a KPE, a finding or a prompt',
    }),
    id: TypedId.optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  })
  .transform((r, ctx) => {
    if (r.kind === 'period' && r.from === undefined) {
      ctx.addIssue({ code: 'custom', message: 'give the first day of the period', path: ['from'] });
      return z.NEVER;
    }
    const parsed = MeetingItem.safeParse(
      r.kind === 'period'
        ? { kind: r.kind, from: r.from, to: r.to ?? r.from }
        : { kind: r.kind, id: r.id },
    );
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        ctx.addIssue({
          code: 'custom',
          message: i.message,
          path: i.path.slice(0) as PropertyKey[],
        });
      }
      return z.NEVER;
    }
    return parsed.data;
  });

function room(state: ReviewState, meetingId: string) {
  return state.rooms[meetingId];
}

/** Opens the meeting's room, for one session of it or (by default) everyone invited. */
export async function startMeeting(
  ws: Workspace,
  reviewId: string,
  meetingId: unknown,
  session: unknown = WHOLE_GROUP,
): Promise<CommandResult> {
  const id = parseOrThrow(MeetingIdInput, meetingId, ['meeting']);
  const name = parseOrThrow(SessionName, session, ['session']);
  return ws.run(reviewId, () => [{ type: 'meeting.started', payload: { id, session: name } }]);
}

/** An item to show, its period's days as people write them (`14/03/2023`). */
const ShownItem = z.strictObject({ item: ItemRequest });
const SHOWN_DAYS = [
  ['item', 'from'],
  ['item', 'to'],
] as const;

/** Puts an item in front of the room: a period of the timeline, a KPE, a finding, a prompt. */
export function showItem(
  ws: Workspace,
  reviewId: string,
  meetingId: unknown,
  item: unknown,
): Promise<CommandResult> {
  const id = parseOrThrow(MeetingIdInput, meetingId, ['meeting']);
  const parsed = parseWithDays(ShownItem, { item }, SHOWN_DAYS).item;
  return ws.run(reviewId, () => [
    { type: 'meeting.item-shown', payload: { meetingId: id, item: parsed } },
  ]);
}

/** Whether the room sees who wrote what (the reviewers always do). */
export function showNames(
  ws: Workspace,
  reviewId: string,
  meetingId: unknown,
  shown: boolean,
): Promise<CommandResult> {
  const id = parseOrThrow(MeetingIdInput, meetingId, ['meeting']);
  return ws.run(reviewId, () => [
    { type: 'meeting.names-shown', payload: { meetingId: id, shown } },
  ]);
}

const PromptRequest = z.strictObject({
  text: ShortText('the prompt'),
  kind: PromptKind.default('writing'),
  options: z.array(TypedId).default([]),
  maxChoices: z.coerce.number().int().positive('choose at least 1').optional(),
});

/** Options and a number of choices belong to a vote, and it offers no more choices than options. */
function promptChoiceIssues(request: z.infer<typeof PromptRequest>) {
  if (request.kind === 'writing') {
    return [
      ...(request.options.length > 0
        ? [
            issue(
              'invalid-option',
              ['options'],
              'only a vote has options to choose between; make the prompt a vote, or leave the options out',
            ),
          ]
        : []),
      ...(request.maxChoices !== undefined
        ? [
            issue(
              'invalid-option',
              ['maxChoices'],
              'only a vote limits how many options each person chooses; make the prompt a vote, or leave it out',
            ),
          ]
        : []),
    ];
  }
  const most = request.options.length;
  return request.maxChoices !== undefined && request.maxChoices > most
    ? [
        issue(
          'invalid-option',
          ['maxChoices'],
          `the vote has ${most} options, so each person can choose at most ${most}`,
        ),
      ]
    : [];
}

/**
 * Opens a prompt for the session in the room and puts it on the screen: everyone writes (or
 * votes) privately until the facilitator reveals it.
 */
export function openPrompt(
  ws: Workspace,
  reviewId: string,
  meetingId: unknown,
  input: unknown,
): Promise<CommandResult> {
  const id = parseOrThrow(MeetingIdInput, meetingId, ['meeting']);
  const request = parseOrThrow(PromptRequest, input);
  if (request.kind === 'vote' && request.options.length < 2) {
    throw new ValidationError([
      issue(
        'invalid-option',
        ['options'],
        'a vote needs at least two findings or factors to choose between',
      ),
    ]);
  }
  const choiceIssues = promptChoiceIssues(request);
  if (choiceIssues.length > 0) throw new ValidationError(choiceIssues);
  return ws.run(reviewId, (state, _model, allocate) => {
    const promptId = allocate('prompt');
    return [
      {
        type: 'meeting.prompt-opened',
        payload: {
          id: promptId,
          meetingId: id,
          session: room(state, id)?.session ?? WHOLE_GROUP,
          kind: request.kind,
          text: request.text,
          options: request.options,
          ...(request.maxChoices === undefined ? {} : { maxChoices: request.maxChoices }),
        },
      },
      {
        type: 'meeting.item-shown',
        payload: { meetingId: id, item: { kind: 'prompt', id: promptId } },
      },
    ];
  });
}

/** Shows every answer (or the votes counted) at once, without names in the room unless shown. */
export function revealPrompt(
  ws: Workspace,
  reviewId: string,
  promptId: unknown,
): Promise<CommandResult> {
  const id = parseOrThrow(stableIdInput('prompt'), promptId, ['id']);
  return ws.run(reviewId, () => [{ type: 'meeting.prompt-revealed', payload: { id } }]);
}

/** Stops a prompt taking answers. */
export function closePrompt(
  ws: Workspace,
  reviewId: string,
  promptId: unknown,
): Promise<CommandResult> {
  const id = parseOrThrow(stableIdInput('prompt'), promptId, ['id']);
  return ws.run(reviewId, () => [{ type: 'meeting.prompt-closed', payload: { id } }]);
}

const ContributionRequest = z.strictObject({
  kind: ContributionKindSchema.exclude(['response'], {
    error: 'say what it is: context, a correction, a question, dissent or a note for the reviewers',
  }),
  text: Text('the contribution'),
  /** What it is about, when not the item on the screen. */
  about: ItemRequest.optional(),
  /** For a correction: the KPE or chronology entry, and the corrected text. */
  target: TypedId.optional(),
  proposed: Text('the corrected text').optional(),
});

function correctionOf(target: string | undefined, proposed: string | undefined) {
  if (target === undefined && proposed === undefined) return undefined;
  if (target === undefined || proposed === undefined) {
    throw new ValidationError([
      issue(
        'correction-missing',
        [target === undefined ? 'target' : 'proposed'],
        target === undefined
          ? 'say which KPE or chronology entry the correction is to'
          : 'give the corrected text: what the record should say',
      ),
    ]);
  }
  const kind = target.startsWith('KPE-') ? 'kpe' : 'chronology';
  const field = kind === 'kpe' ? 'whatHappened' : 'text';
  return {
    target: parseOrThrow(CorrectionTarget, { kind, id: target, field }, ['target']),
    proposed,
  };
}

/** The invitee behind a session, or a refusal for a presenter link (the screen does not write). */
function authorOf(session: InviteSession): string {
  if (session.participantId === undefined) {
    throw new ValidationError([
      issue(
        'invite-for-presenter',
        ['invite'],
        'the room’s screen shows the meeting; it cannot contribute',
      ),
    ]);
  }
  return session.participantId;
}

/** The session must be the one in the room (or the room is everyone's). */
function requireInRoom(state: ReviewState, session: InviteSession): void {
  const running = room(state, session.meetingId)?.session;
  if (running && running !== WHOLE_GROUP && running !== session.session) {
    throw new ValidationError([
      issue(
        'session-not-running',
        ['session'],
        `the ${running} session is in the room now; yours (${session.session}) has not started`,
      ),
    ]);
  }
}

function contributed(
  ws: Workspace,
  session: InviteSession,
  build: (
    state: ReviewState,
    id: string,
  ) => Extract<EventDraft, { type: 'meeting.contributed' }>['payload'],
): Promise<CommandResult> {
  const author = authorOf(session);
  return ws.as(author).run(session.reviewId, (state, _model, allocate) => {
    requireInRoom(state, session);
    return [{ type: 'meeting.contributed', payload: build(state, allocate('contribution')) }];
  });
}

/**
 * A participant's contribution: context, a correction, a question, dissent, or a note for the
 * reviewers only. About the item on the screen unless another is named.
 */
export function contribute(
  ws: Workspace,
  session: InviteSession,
  input: unknown,
): Promise<CommandResult> {
  const request = parseOrThrow(ContributionRequest, input);
  const correction =
    request.kind === 'correction' ? correctionOf(request.target, request.proposed) : undefined;
  if (request.kind === 'correction' && !correction) {
    throw new ValidationError([
      issue(
        'correction-missing',
        ['target'],
        'say which KPE or chronology entry the correction is to',
      ),
    ]);
  }
  return contributed(ws, session, (state, id) => {
    // While a prompt is up, the room is still discussing the record shown before it.
    const about = request.about ?? room(state, session.meetingId)?.record;
    return {
      id,
      meetingId: session.meetingId,
      kind: request.kind as ContributionKind,
      author: session.participantId as string,
      session: session.session,
      ...(about ? { about } : {}),
      text: request.text,
      ...(correction ? { correction } : {}),
    };
  });
}

/** An answer written silently to the open prompt (or the one named). */
export function respond(
  ws: Workspace,
  session: InviteSession,
  input: { prompt?: unknown; text: unknown },
): Promise<CommandResult> {
  const text = parseOrThrow(Text('the answer'), input.text, ['text']);
  const named =
    input.prompt === undefined || input.prompt === ''
      ? undefined
      : parseOrThrow(stableIdInput('prompt'), input.prompt, ['prompt']);
  return contributed(ws, session, (state, id) => {
    const promptId = named ?? openPromptOf(state, session.meetingId);
    return {
      id,
      meetingId: session.meetingId,
      kind: 'response',
      author: session.participantId as string,
      session: session.session,
      ...(promptId ? { about: { kind: 'prompt' as const, id: promptId } } : {}),
      text,
    };
  });
}

/** The meeting's open prompt, if one is open. */
export function openPromptOf(state: ReviewState, meetingId: string): string | undefined {
  return Object.values(state.prompts).find((p) => p.meetingId === meetingId && !p.closedAt)?.id;
}

/** A vote (replacing the voter's earlier one) until the prompt is revealed. */
export function vote(
  ws: Workspace,
  session: InviteSession,
  input: { prompt: unknown; choices: unknown },
): Promise<CommandResult> {
  const author = authorOf(session);
  const promptId = parseOrThrow(stableIdInput('prompt'), input.prompt, ['prompt']);
  const choices = parseOrThrow(
    z.array(TypedId).min(1, 'choose at least one option'),
    input.choices,
    ['choices'],
  );
  return ws.as(author).run(session.reviewId, (state) => {
    requireInRoom(state, session);
    const prompt = state.prompts[promptId];
    if (prompt && !promptOfSession(prompt, session.session)) {
      throw new ValidationError([otherSessionsPrompt(prompt, session.session, ['prompt'])]);
    }
    return [
      { type: 'meeting.voted', payload: { promptId, author, choices: [...new Set(choices)] } },
    ];
  });
}

/** Each kind of contribution in a sentence ("MC-3 is a question"). */
const CONTRIBUTION_WORDS: Record<ContributionKind, string> = {
  context: 'context',
  correction: 'a correction',
  question: 'a question',
  dissent: 'dissent',
  'private-note': 'a note for the reviewers',
  response: 'an answer to a prompt',
};

/**
 * Accepts a contribution: it stands as evidence for the item it is about. A correction is
 * applied in the same change through the record's own edit — the text proposed, or the
 * reviewer's own wording of it — so the reviewers' text changes only by their decision.
 */
export function acceptContribution(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  input: { note?: unknown; text?: unknown } = {},
): Promise<CommandResult> {
  const contributionId = parseOrThrow(stableIdInput('contribution'), id, ['id']);
  const note =
    input.note === undefined || input.note === ''
      ? undefined
      : parseOrThrow(Text('the note'), input.note, ['note']);
  const wording =
    input.text === undefined || input.text === ''
      ? undefined
      : parseOrThrow(Text('the corrected text'), input.text, ['text']);
  return ws.run(reviewId, (state) => {
    const accepted: EventDraft = {
      type: 'meeting.contribution-accepted',
      payload: { id: contributionId, ...(note ? { note } : {}) },
    };
    const contribution = state.contributions[contributionId];
    const correction = contribution?.correction;
    if (contribution && !correction && wording !== undefined) {
      throw new ValidationError([
        issue(
          'correction-not-allowed',
          ['text'],
          `${contributionId} is ${CONTRIBUTION_WORDS[contribution.kind]}, not a correction, so there is no record's text to word; leave the wording out`,
          { ids: [contributionId] },
        ),
      ]);
    }
    if (!correction || contribution?.decision) return [accepted];
    const text = wording ?? correction.proposed;
    const target = correction.target;
    const edit: EventDraft =
      target.kind === 'kpe'
        ? { type: 'kpe.edited', payload: { id: target.id, changes: { whatHappened: text } } }
        : { type: 'chronology.entry-edited', payload: { id: target.id, changes: { text } } };
    return [accepted, edit];
  });
}

/** Declines a contribution, for a reason; it stays in the meeting's record (dissent most of all). */
export function declineContribution(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  reason: unknown,
): Promise<CommandResult> {
  const contributionId = parseOrThrow(stableIdInput('contribution'), id, ['id']);
  const why = parseOrThrow(Text('the reason'), reason, ['reason']);
  return ws.run(reviewId, () => [
    { type: 'meeting.contribution-declined', payload: { id: contributionId, reason: why } },
  ]);
}

/** Who came, when and for how long: from using their link to leaving (or the close). */
export function attendanceAt(
  state: ReviewState,
  meetingId: string,
  closedAt: string,
): Attendance[] {
  const byPerson = new Map<string, Attendance>();
  for (const invite of Object.values(state.invites)) {
    if (invite.meetingId !== meetingId || !invite.redeemedAt || !invite.participantId) continue;
    const left = [invite.leftAt, invite.revokedAt, closedAt]
      .filter((t): t is string => t !== undefined)
      .sort()[0] as string;
    const minutes = Math.max(
      0,
      Math.round((Date.parse(left) - Date.parse(invite.redeemedAt)) / 60_000),
    );
    const earlier = byPerson.get(invite.participantId);
    byPerson.set(invite.participantId, {
      participantId: invite.participantId,
      session: invite.session,
      joinedAt:
        earlier && earlier.joinedAt < invite.redeemedAt ? earlier.joinedAt : invite.redeemedAt,
      leftAt: earlier && earlier.leftAt > left ? earlier.leftAt : left,
      minutes: (earlier?.minutes ?? 0) + minutes,
    });
  }
  return [...byPerson.values()];
}

/** The outcome closing would record now. */
export function outcomeAt(state: ReviewState, meetingId: string, closedAt: string): MeetingOutcome {
  const contributions = Object.values(state.contributions).filter((c) => c.meetingId === meetingId);
  return {
    attendance: attendanceAt(state, meetingId, closedAt),
    contributions: contributions.length,
    accepted: contributions.filter((c) => c.decision?.outcome === 'accepted').length,
    declined: contributions.filter((c) => c.decision?.outcome === 'declined').length,
    undecided: contributions.filter((c) => !c.decision).length,
    dissent: contributions.filter((c) => c.kind === 'dissent').map((c) => c.id),
  };
}

/**
 * Closes the meeting: records its outcome (attendance, contributions and decisions, every
 * dissent), marks it held with those who came as attendees, and logs each one's time there
 * for the workload record. Contributions still undecided can be decided afterwards. With a
 * seal key configured, the review's head is sealed after it, as for any meeting held.
 */
export async function closeLiveMeeting(
  ws: Workspace,
  reviewId: string,
  meetingId: unknown,
): Promise<CommandResult & { outcome: MeetingOutcome }> {
  const id = parseOrThrow(MeetingIdInput, meetingId, ['meeting']);
  const sealer = await sealerForChange(ws, reviewId);
  const result = await ws.run(reviewId, (state, _model, allocate) => {
    const now = ws.clock().toISOString();
    const outcome = outcomeAt(state, id, now);
    const meeting = state.meetings[id];
    const attendees = [
      ...new Set([
        ...(meeting?.attendees ?? []),
        ...outcome.attendance.map((a) => a.participantId),
      ]),
    ];
    const time: EventDraft[] = outcome.attendance
      .filter((a) => a.minutes > 0)
      .map((a) => ({
        type: 'time.logged',
        payload: {
          id: allocate('timeLog'),
          participantId: a.participantId,
          activity: `Meeting ${id}${meeting ? ` (${meeting.type})` : ''}`,
          minutes: Math.min(a.minutes, 24 * 60),
          date: meeting?.date ?? ukToday(ws.clock()),
          stage: state.stage,
        },
      }));
    return [
      { type: 'meeting.closed', payload: { id, outcome } },
      { type: 'meeting.updated', payload: { id, changes: { status: 'held', attendees } } },
      ...time,
    ];
  });
  const sealed = await sealAfter(ws, result, sealer);
  return { ...sealed, outcome: sealed.state.rooms[id]?.outcome as MeetingOutcome };
}

/**
 * The meeting's contributions as the reviewers see them (answers to prompts too), oldest
 * first; with `undecided`, only those still to accept or decline.
 */
export async function listContributions(
  ws: Workspace,
  reviewId: string,
  meetingId: unknown,
  options: { undecided?: boolean } = {},
): Promise<ContributionView[]> {
  const id = parseOrThrow(MeetingIdInput, meetingId, ['meeting']);
  const state = await ws.load(reviewId);
  requireRecord(state, state.meetings, id, ['meeting']);
  const all = contributionsForReviewers(state, id);
  return options.undecided ? all.filter((c) => c.decision === null) : all;
}

/** The meeting's prompts as the reviewers see them, oldest first: answers and votes so far. */
export async function listPrompts(
  ws: Workspace,
  reviewId: string,
  meetingId: unknown,
): Promise<(PromptView & { session: string })[]> {
  const id = parseOrThrow(MeetingIdInput, meetingId, ['meeting']);
  const state = await ws.load(reviewId);
  requireRecord(state, state.meetings, id, ['meeting']);
  return promptsForReviewers(state, id);
}
