/**
 * What each audience of a live meeting may see — the one place it is decided, so the pages
 * and the live stream cannot disagree. The reviewers see everything, with authors. The room
 * (the presenter's screen and each participant) sees contributions of its own session without
 * names unless the facilitator shows them, never a note meant for the reviewers, and the
 * answers to a prompt only once it is revealed; a participant also sees their own writing
 * and what the reviewers decided on it.
 */
import { CONTRIBUTION_LABELS } from '../domain/contribution-evidence.ts';
import { orderedChronology } from '../domain/display-order.ts';
import type {
  ContributionKind,
  ContributionRecord,
  MeetingItem,
  PromptRecord,
} from '../domain/live-meeting.ts';
import { WHOLE_GROUP } from '../domain/live-meeting.ts';
import type { ReviewState } from '../domain/review-state.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';

export type Audience =
  | { kind: 'reviewer' }
  | { kind: 'presenter' }
  /** Anyone of a session, as the room shows it to them all (a participant, less their own). */
  | { kind: 'room'; session: string }
  | { kind: 'participant'; participantId: string; session: string };

/** How each kind of contribution is called where it is shown (kept in `domain`, for the report too). */
export { CONTRIBUTION_LABELS };

/** A period on the screen shows at most this many entries, and says how many more there are. */
export const PERIOD_ENTRIES_SHOWN = 40;

export interface ContributionView {
  id: string;
  kind: ContributionKind;
  label: string;
  text: string;
  /** The author's name; null where this audience does not see who wrote it. */
  author: string | null;
  /** Written by the participant looking. */
  own: boolean;
  about: string | null;
  /** What it is about, as `itemKey` gives it: to match it with the item on the screen. */
  aboutKey: string | null;
  at: string;
  seq: number;
  correction: { target: string; current: string | null; proposed: string } | null;
  decision:
    | { outcome: 'accepted'; note: string | null; by: string }
    | { outcome: 'declined'; reason: string; by: string }
    | null;
}

export interface PromptView {
  id: string;
  kind: 'writing' | 'vote';
  text: string;
  open: boolean;
  revealed: boolean;
  options: { id: string; label: string; votes: number | null; chosen: boolean }[];
  maxChoices: number;
  /** Answers this audience sees: all of them once revealed (the reviewers: as they come). */
  answers: ContributionView[];
  /** How many have answered (or voted), which the room may know before the reveal. */
  answered: number;
  /** The participant's own answer, before the reveal too. */
  ownAnswers: ContributionView[];
}

export type ItemView =
  | {
      kind: 'kpe';
      id: string;
      title: string;
      period: string;
      whatHappened: string;
      appraisal: { rating: string; text: string } | null;
      explanation: string | null;
    }
  | {
      kind: 'finding';
      id: string;
      statement: string;
      category: string;
      sections: { title: string; text: string }[];
    }
  | {
      kind: 'period';
      from: string;
      to: string;
      entries: { id: string; date: string; agency: string; text: string }[];
      more: number;
    }
  | { kind: 'prompt'; prompt: PromptView };

export interface MeetingRoomView {
  meetingId: string;
  title: string;
  date: string;
  started: boolean;
  closed: boolean;
  /** The session in the room; `all` for everyone invited. */
  session: string;
  /** Whether this audience's session is the one in the room. */
  inRoom: boolean;
  namesShown: boolean;
  item: ItemView | null;
  /** The KPE, finding or period under discussion: the item, or the one shown before a prompt. */
  record: ItemView | null;
  /** `itemKey` of the record. */
  recordKey: string | null;
  /** The latest prompt of the session (open, or the last one revealed). */
  prompt: PromptView | null;
  /** Contributions this audience sees, oldest first (answers to prompts are under the prompt). */
  contributions: ContributionView[];
  /** The review's log position the view was made at. */
  seq: number;
}

function participantName(state: ReviewState, id: string): string {
  const p = state.participants[id];
  if (!p) return id;
  return p.profession ? `${p.name} (${p.profession})` : p.name;
}

function itemLabel(state: ReviewState, item: MeetingItem | undefined): string | null {
  if (!item) return null;
  switch (item.kind) {
    case 'kpe':
      return `${item.id}: ${state.kpes[item.id]?.title ?? 'removed'}`;
    case 'finding':
      return `${item.id}: ${state.findings[item.id]?.statement.slice(0, 80) ?? 'removed'}`;
    case 'period':
      return item.from === item.to
        ? `the timeline on ${item.from}`
        : `the timeline ${item.from} to ${item.to}`;
    case 'prompt':
      return `prompt: ${state.prompts[item.id]?.text ?? item.id}`;
  }
}

/** One string per item, the same wherever it is shown or named (`kpe:KPE-3`). */
export function itemKey(item: MeetingItem): string {
  return item.kind === 'period' ? `period:${item.from}:${item.to}` : `${item.kind}:${item.id}`;
}

/** Whether `audience` sees the contribution at all. */
function sees(
  audience: Audience,
  c: ContributionRecord,
  prompt: PromptRecord | undefined,
  roomSession: string,
): boolean {
  if (audience.kind === 'reviewer') return true;
  const own = audience.kind === 'participant' && c.author === audience.participantId;
  if (own) return true;
  if (c.kind === 'private-note') return false;
  if (c.kind === 'response' && !prompt?.revealedAt) return false;
  const session =
    audience.kind === 'participant' || audience.kind === 'room' ? audience.session : roomSession;
  return session === WHOLE_GROUP || c.session === session;
}

function contributionView(
  state: ReviewState,
  audience: Audience,
  c: ContributionRecord,
  namesShown: boolean,
): ContributionView {
  const own = audience.kind === 'participant' && c.author === audience.participantId;
  const named = audience.kind === 'reviewer' || namesShown;
  const target = c.correction?.target;
  const current =
    target === undefined
      ? null
      : target.kind === 'kpe'
        ? (state.kpes[target.id]?.whatHappened ?? null)
        : (state.chronology[target.id]?.text ?? null);
  const d = c.decision;
  // The room learns a decision only on its own contributions; the reviewers see every one.
  const decisionSeen = audience.kind === 'reviewer' || own;
  return {
    id: c.id,
    kind: c.kind,
    label: CONTRIBUTION_LABELS[c.kind],
    text: c.text,
    author: named ? participantName(state, c.author) : null,
    own,
    about: itemLabel(state, c.about),
    aboutKey: c.about ? itemKey(c.about) : null,
    at: c.at,
    seq: c.seq,
    correction:
      c.correction && target
        ? { target: target.id, current, proposed: c.correction.proposed }
        : null,
    decision:
      !d || !decisionSeen
        ? null
        : d.outcome === 'accepted'
          ? { outcome: 'accepted', note: d.note ?? null, by: d.by }
          : { outcome: 'declined', reason: d.reason, by: d.by },
  };
}

function optionLabel(state: ReviewState, id: string): string {
  const finding = state.findings[id];
  if (finding) return `${id}: ${finding.statement}`;
  const factor = state.factors[id];
  return factor ? `${id}: ${factor.text}` : id;
}

function promptView(
  state: ReviewState,
  audience: Audience,
  prompt: PromptRecord,
  namesShown: boolean,
  roomSession: string,
): PromptView {
  const answers = Object.values(state.contributions).filter(
    (c) => c.kind === 'response' && c.about?.kind === 'prompt' && c.about.id === prompt.id,
  );
  const revealed = prompt.revealedAt !== undefined;
  const reviewer = audience.kind === 'reviewer';
  const ownId = audience.kind === 'participant' ? audience.participantId : undefined;
  const tally = new Map<string, number>();
  for (const v of Object.values(prompt.votes))
    for (const c of v.choices) tally.set(c, (tally.get(c) ?? 0) + 1);
  const ownVote = ownId === undefined ? [] : (prompt.votes[ownId]?.choices ?? []);
  const answeredBy = new Set([...answers.map((a) => a.author), ...Object.keys(prompt.votes)]);
  return {
    id: prompt.id,
    kind: prompt.kind,
    text: prompt.text,
    open: !prompt.closedAt,
    revealed,
    options: prompt.options.map((id) => ({
      id,
      label: optionLabel(state, id),
      votes: revealed || reviewer ? (tally.get(id) ?? 0) : null,
      chosen: ownVote.includes(id),
    })),
    maxChoices: prompt.maxChoices ?? prompt.options.length,
    answers: answers
      .filter((a) => reviewer || (revealed && sees(audience, a, prompt, roomSession)))
      .map((a) => contributionView(state, audience, a, namesShown)),
    answered: answeredBy.size,
    ownAnswers: answers
      .filter((a) => a.author === ownId)
      .map((a) => contributionView(state, audience, a, namesShown)),
  };
}

function itemView(
  state: ReviewState,
  model: MethodologyModel,
  item: MeetingItem,
  prompt: (p: PromptRecord) => PromptView,
): ItemView | null {
  switch (item.kind) {
    case 'kpe': {
      const kpe = state.kpes[item.id];
      if (!kpe) return null;
      return {
        kind: 'kpe',
        id: kpe.id,
        title: kpe.title,
        period:
          kpe.period.to && kpe.period.to !== kpe.period.from
            ? `${kpe.period.from} to ${kpe.period.to}`
            : kpe.period.from,
        whatHappened: kpe.whatHappened,
        appraisal: kpe.appraisal
          ? { rating: kpe.appraisal.rating, text: kpe.appraisal.text }
          : null,
        explanation: kpe.explanation?.localRationality ?? null,
      };
    }
    case 'finding': {
      const finding = state.findings[item.id];
      if (!finding) return null;
      const categories = model.typologies.flatMap((t) => t.categories);
      return {
        kind: 'finding',
        id: finding.id,
        statement: finding.statement,
        category: categories.find((c) => c.id === finding.category)?.name ?? finding.category,
        sections: model.findingSections
          .filter((s) => finding.sections[s.id])
          .map((s) => ({ title: s.title, text: finding.sections[s.id] as string })),
      };
    }
    case 'period': {
      const within = orderedChronology(state.chronology).filter((e) => {
        const start = e.date.start;
        return start !== undefined && start >= item.from && start <= item.to;
      });
      return {
        kind: 'period',
        from: item.from,
        to: item.to,
        entries: within.slice(0, PERIOD_ENTRIES_SHOWN).map((e) => ({
          id: e.id,
          date: e.date.time ? `${e.date.start} ${e.date.time}` : (e.date.start ?? e.date.original),
          agency: state.agencies[e.agencyId]?.name ?? e.agencyId,
          text: e.text,
        })),
        more: Math.max(0, within.length - PERIOD_ENTRIES_SHOWN),
      };
    }
    case 'prompt': {
      const p = state.prompts[item.id];
      return p ? { kind: 'prompt', prompt: prompt(p) } : null;
    }
  }
}

/** The meeting as `audience` may see it now. */
export function meetingRoomFor(
  state: ReviewState,
  model: MethodologyModel,
  meetingId: string,
  audience: Audience,
): MeetingRoomView | undefined {
  const meeting = state.meetings[meetingId];
  if (!meeting) return undefined;
  const room = state.rooms[meetingId];
  const roomSession = room?.session ?? WHOLE_GROUP;
  const namesShown = room?.namesShown ?? false;
  const inRoom =
    audience.kind === 'reviewer' ||
    audience.kind === 'presenter' ||
    roomSession === WHOLE_GROUP ||
    audience.session === roomSession;
  const prompts = Object.values(state.prompts).filter(
    (p) =>
      p.meetingId === meetingId &&
      (audience.kind === 'reviewer' || p.session === roomSession || p.session === WHOLE_GROUP),
  );
  const latest = prompts.at(-1);
  const toView = (p: PromptRecord) => promptView(state, audience, p, namesShown, roomSession);
  const shown = inRoom ? room?.shown?.item : undefined;
  const typeName = state.review.modelId
    ? model.meetingTypes.find((t) => t.id === meeting.type)?.name
    : undefined;
  return {
    meetingId,
    title: `${meetingId}: ${typeName ?? meeting.type}`,
    date: meeting.date,
    started: room?.startedAt !== undefined,
    closed: room?.closedAt !== undefined,
    session: roomSession,
    inRoom,
    namesShown,
    item: shown ? itemView(state, model, shown, toView) : null,
    record: inRoom && room?.record ? itemView(state, model, room.record, toView) : null,
    recordKey: inRoom && room?.record ? itemKey(room.record) : null,
    prompt: latest && inRoom ? toView(latest) : null,
    contributions: Object.values(state.contributions)
      .filter((c) => c.meetingId === meetingId && c.kind !== 'response')
      .filter((c) => sees(audience, c, undefined, roomSession))
      .map((c) => contributionView(state, audience, c, namesShown)),
    seq: state.seq,
  };
}

/**
 * Every contribution to the meeting as the reviewers see it, answers to prompts included,
 * oldest first: what they decide on, during the meeting or after it.
 */
export function contributionsForReviewers(
  state: ReviewState,
  meetingId: string,
): ContributionView[] {
  const namesShown = state.rooms[meetingId]?.namesShown ?? false;
  return Object.values(state.contributions)
    .filter((c) => c.meetingId === meetingId)
    .sort((a, b) => a.seq - b.seq)
    .map((c) => contributionView(state, { kind: 'reviewer' }, c, namesShown));
}

/** Every prompt of the meeting as the reviewers see it (answers and votes as they come), with its session. */
export function promptsForReviewers(
  state: ReviewState,
  meetingId: string,
): (PromptView & { session: string })[] {
  const room = state.rooms[meetingId];
  const roomSession = room?.session ?? WHOLE_GROUP;
  return Object.values(state.prompts)
    .filter((p) => p.meetingId === meetingId)
    .sort((a, b) => a.seq - b.seq)
    .map((p) => ({
      ...promptView(state, { kind: 'reviewer' }, p, room?.namesShown ?? false, roomSession),
      session: p.session,
    }));
}
