/**
 * A live meeting's pages as regions: the parts of the control, presenter and participant pages
 * that change as the meeting goes on. The page renders them in place and the live stream
 * sends them again when they change, from the same partials over the same view (`meetingRoomFor`),
 * so a page loaded now and a page kept open all meeting show the same thing.
 */
import type { InviteSession } from '../app/meeting-invites.ts';
import {
  type Audience,
  type ContributionView,
  type ItemView,
  type MeetingRoomView,
  meetingRoomFor,
} from '../app/meeting-room.ts';
import { WHOLE_GROUP } from '../domain/live-meeting.ts';
import type { ReviewState } from '../domain/review-state.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import { reviewHref } from './review-frame.ts';
import type { Views } from './views.ts';

/** Who is looking: a reviewer at the control page, the room's screen, or one participant. */
export type Viewer =
  | { kind: 'reviewer'; csrfToken: string }
  | { kind: 'presenter' }
  | { kind: 'participant'; invite: InviteSession };

/** What a participant had typed when their contribution was refused: given back in the form. */
export interface MeetingDraft {
  kind: string;
  text: string;
  target: string;
  proposed: string;
  answer: string;
}
const NO_DRAFT: MeetingDraft = { kind: '', text: '', target: '', proposed: '', answer: '' };

export interface Region {
  /** The element's id on the page. */
  id: string;
  html: string;
}

/** What a viewer is told in words when the stream brings something new (summarised, polite). */
export interface RoomFacts {
  item: string | null;
  contributions: number;
  answers: number;
  revealed: number;
}

/** Addresses of a meeting's pages and forms. */
export function meetingHref(reviewId: string, meetingId: string, path = ''): string {
  return reviewHref(reviewId, `/meetings/${encodeURIComponent(meetingId)}${path}`);
}

/** The view `viewer` may have of the room; shared regions use an audience with no "own" items. */
function audiences(viewer: Viewer): { shared: Audience; own: Audience | null; key: string } {
  // A reviewer's regions carry forms with the reviewer's own CSRF token: rendered for each.
  if (viewer.kind === 'reviewer') {
    return { shared: { kind: 'reviewer' }, own: null, key: `reviewer:${viewer.csrfToken}` };
  }
  if (viewer.kind === 'presenter') return { shared: viewer, own: null, key: 'presenter' };
  const { session, participantId } = viewer.invite;
  return {
    shared: { kind: 'room', session },
    own: { kind: 'participant', session, participantId: participantId as string },
    key: `room:${session}`,
  };
}

/** Renders shared regions once per log position for every viewer of the same audience. */
export class RegionMemo {
  private seq = -1;
  private readonly rendered = new Map<string, Region[]>();
  private readonly views = new Map<string, MeetingRoomView | undefined>();

  /** The memo's entries for `seq`; older ones are dropped. */
  at(seq: number): this {
    if (seq !== this.seq) {
      this.seq = seq;
      this.rendered.clear();
      this.views.clear();
    }
    return this;
  }

  regions(key: string, render: () => Region[]): Region[] {
    let found = this.rendered.get(key);
    if (!found) {
      found = render();
      this.rendered.set(key, found);
    }
    return found;
  }

  view(key: string, make: () => MeetingRoomView | undefined): MeetingRoomView | undefined {
    if (!this.views.has(key)) this.views.set(key, make());
    return this.views.get(key);
  }
}

export interface MeetingRegions {
  regions: Region[];
  facts: RoomFacts;
  view: MeetingRoomView;
}

/** The regions of `viewer`'s page as the review stands, or undefined for a meeting not there. */
export function meetingRegions(
  views: Views,
  state: ReviewState,
  model: MethodologyModel,
  meetingId: string,
  viewer: Viewer,
  memo: RegionMemo = new RegionMemo(),
  draft: MeetingDraft = NO_DRAFT,
): MeetingRegions | undefined {
  memo.at(state.seq);
  const reviewId = state.review.id;
  const { shared, own, key } = audiences(viewer);
  const view = memo.view(viewer.kind === 'reviewer' ? 'reviewer' : key, () =>
    meetingRoomFor(state, model, meetingId, shared),
  );
  if (!view) return undefined;
  const facts = factsOf(view);
  const href = (path: string) => meetingHref(reviewId, meetingId, path);
  if (viewer.kind === 'reviewer') {
    const regions = memo.regions(key, () => [
      region(views, 'meeting-now', 'meeting-now-reviewer', {
        csrfToken: viewer.csrfToken,
        room: roomData(view),
        actions: {
          names: href('/names'),
          reveal: view.prompt ? href(`/prompts/${view.prompt.id}/reveal`) : '',
          closePrompt: view.prompt ? href(`/prompts/${view.prompt.id}/close`) : '',
        },
      }),
      region(views, 'meeting-contributions', 'meeting-contributions-reviewer', {
        csrfToken: viewer.csrfToken,
        contributions: view.contributions.map((c) => reviewerContribution(c, href)),
        closed: view.closed,
      }),
      region(views, 'meeting-attendance', 'meeting-attendance', {
        csrfToken: viewer.csrfToken,
        invites: attendanceOf(state, meetingId, href),
        closed: view.closed,
      }),
    ]);
    return { regions, facts, view };
  }
  const room = memo.regions(key, () => [
    region(views, 'meeting-now', 'meeting-now-room', {
      room: roomData(view),
      presenter: viewer.kind === 'presenter',
    }),
    region(views, 'meeting-room-contributions', 'meeting-room-contributions', roomList(view)),
  ]);
  if (viewer.kind === 'presenter' || !own) return { regions: room, facts, view };
  const mine = meetingRoomFor(state, model, meetingId, own) as MeetingRoomView;
  return {
    regions: [
      ...room,
      region(
        views,
        'meeting-respond',
        'meeting-respond',
        respondData(state, mine, viewer, href, draft),
      ),
      region(views, 'meeting-yours', 'meeting-yours', {
        contributions: mine.contributions.filter((c) => c.own).map(ownContribution),
        answers: (mine.prompt?.ownAnswers ?? []).map(ownContribution),
      }),
    ],
    facts,
    view,
  };
}

function region(views: Views, id: string, partial: string, data: object): Region {
  return { id, html: views.partial(partial, data) };
}

function factsOf(view: MeetingRoomView): RoomFacts {
  return {
    item: itemTitle(view.item),
    contributions: view.contributions.length,
    answers: view.prompt?.answers.length ?? 0,
    revealed: view.prompt?.revealed ? 1 : 0,
  };
}

/** The words a polite live region says about what changed since `before` (null: nothing). */
export function announce(before: RoomFacts | null, after: RoomFacts): string | null {
  if (!before) return null;
  const parts: string[] = [];
  if (after.item !== before.item && after.item) parts.push(`Now showing ${after.item}.`);
  if (after.revealed > before.revealed) parts.push('The answers have been revealed.');
  const added = after.contributions - before.contributions;
  if (added > 0) parts.push(added === 1 ? '1 new contribution.' : `${added} new contributions.`);
  const answers = after.answers - before.answers;
  if (answers > 0 && after.revealed === before.revealed) {
    parts.push(answers === 1 ? '1 new answer.' : `${answers} new answers.`);
  }
  return parts.length > 0 ? parts.join(' ') : null;
}

function itemTitle(item: ItemView | null): string | null {
  if (!item) return null;
  switch (item.kind) {
    case 'kpe':
      return `${item.id}: ${item.title}`;
    case 'finding':
      return item.id;
    case 'period':
      return item.from === item.to
        ? `the timeline on ${item.from}`
        : `the timeline ${item.from} to ${item.to}`;
    case 'prompt':
      return `the question “${item.prompt.text}”`;
  }
}

/** The room's state and the item on the screen, shaped for the templates (every field present). */
function roomData(view: MeetingRoomView) {
  const item = view.item;
  return {
    started: view.started,
    closed: view.closed,
    inRoom: view.inRoom,
    session: view.session === WHOLE_GROUP ? null : view.session,
    namesShown: view.namesShown,
    kpe: item?.kind === 'kpe' ? item : null,
    finding: item?.kind === 'finding' ? item : null,
    period: item?.kind === 'period' ? item : null,
    prompt: view.prompt
      ? {
          ...view.prompt,
          vote: view.prompt.kind === 'vote',
          answers: view.prompt.answers.map(roomContribution),
          shownNow: item?.kind === 'prompt' && item.prompt.id === view.prompt.id,
        }
      : null,
    nothingShown: item === null,
  };
}

/** The room sees the latest this many contributions about the item; a screen shows no more. */
export const ROOM_CONTRIBUTIONS_SHOWN = 30;

function roomList(view: MeetingRoomView) {
  const about = aboutNow(view);
  return {
    contributions: about.slice(-ROOM_CONTRIBUTIONS_SHOWN).map(roomContribution),
    earlier: Math.max(0, about.length - ROOM_CONTRIBUTIONS_SHOWN),
  };
}

/** Contributions about the record under discussion (all of them while there is none). */
function aboutNow(view: MeetingRoomView): ContributionView[] {
  return view.recordKey === null
    ? view.contributions
    : view.contributions.filter((c) => c.aboutKey === view.recordKey);
}

function roomContribution(c: ContributionView) {
  return { id: c.id, label: c.label, kind: c.kind, text: c.text, author: c.author };
}

function decisionOf(c: ContributionView) {
  const d = c.decision;
  if (!d) return null;
  return d.outcome === 'accepted'
    ? { accepted: true, words: d.note ? `Accepted: ${d.note}` : 'Accepted' }
    : { accepted: false, words: `Declined: ${d.reason}` };
}

function ownContribution(c: ContributionView) {
  return {
    id: c.id,
    label: c.label,
    text: c.text,
    about: c.about,
    decision: decisionOf(c),
    correction: c.correction,
  };
}

function reviewerContribution(c: ContributionView, href: (path: string) => string) {
  return {
    ...ownContribution(c),
    kind: c.kind,
    author: c.author ?? '',
    dissent: c.kind === 'dissent',
    accept: href(`/contributions/${c.id}/accept`),
    decline: href(`/contributions/${c.id}/decline`),
  };
}

/** Who was invited, and whether they have joined, left or had their link withdrawn. */
function attendanceOf(state: ReviewState, meetingId: string, href: (path: string) => string) {
  return Object.values(state.invites)
    .filter((i) => i.meetingId === meetingId)
    .map((i) => ({
      id: i.id,
      who:
        i.participantId === undefined
          ? 'The room’s screen'
          : (state.participants[i.participantId]?.name ?? i.participantId),
      session: i.session,
      status: i.revokedAt
        ? 'link withdrawn'
        : i.leftAt
          ? 'left'
          : i.redeemedAt
            ? 'joined'
            : 'not joined yet',
      joined: i.redeemedAt !== undefined && !i.leftAt && !i.revokedAt,
      revoke: i.revokedAt ? '' : href(`/invites/${i.id}/revoke`),
    }));
}

/** The kinds a participant can choose, in the order the form offers them, one checked. */
const OFFERED_KINDS = [
  ['context', 'How it looked at the time'],
  ['question', 'A question'],
  ['dissent', 'I disagree (dissent)'],
  ['correction', 'A correction to the record'],
  ['private-note', 'A note for the reviewers only'],
] as const;

function contributionKinds(checked: string, canCorrect: boolean) {
  return OFFERED_KINDS.filter(([id]) => canCorrect || id !== 'correction').map(([id, label]) => ({
    id,
    label,
    checked: id === (checked || 'context'),
  }));
}

/** A participant's forms: an answer to the open prompt (or a vote), and a contribution. */
function respondData(
  state: ReviewState,
  mine: MeetingRoomView,
  viewer: Extract<Viewer, { kind: 'participant' }>,
  href: (path: string) => string,
  draft: MeetingDraft,
) {
  const prompt = mine.prompt && mine.prompt.open && mine.inRoom ? mine.prompt : null;
  // A prompt on the screen leaves the record before it under discussion.
  const item = mine.record;
  const targets =
    item?.kind === 'kpe'
      ? [{ id: item.id, label: `${item.id}: what happened` }]
      : item?.kind === 'period'
        ? item.entries.map((e) => ({ id: e.id, label: `${e.id}, ${e.date}, ${e.agency}` }))
        : [];
  return {
    canWrite: mine.started && mine.inRoom && !mine.closed,
    waiting: !mine.started || !mine.inRoom,
    closed: mine.closed,
    prompt: prompt
      ? {
          id: prompt.id,
          text: prompt.text,
          vote: prompt.kind === 'vote' && !prompt.revealed,
          // Once revealed, a silent-writing prompt has done its work: no more private answers.
          writing: prompt.kind === 'writing' && !prompt.revealed,
          options: prompt.options,
          maxChoices: prompt.maxChoices,
          answered: prompt.ownAnswers.length > 0 || prompt.options.some((o) => o.chosen),
        }
      : null,
    targets: targets.map((t) => ({ ...t, selected: t.id === draft.target })),
    canCorrect: targets.length > 0,
    kinds: contributionKinds(draft.kind, targets.length > 0),
    draft,
    about: itemTitle(item),
    actions: {
      answer: href('/answers'),
      vote: href('/votes'),
      contribute: href('/contributions'),
    },
    session: viewer.invite.session,
    csrfToken: viewer.invite.csrfToken,
    reviewTitle: state.review.title,
  };
}

/** The review's meetings as the Meetings page lists them, with whether each is running live. */
export function meetingRows(state: ReviewState, model: MethodologyModel) {
  return Object.values(state.meetings).map((m) => ({
    id: m.id,
    href: meetingHref(state.review.id, m.id),
    type: model.meetingTypes.find((t) => t.id === m.type)?.name ?? m.type,
    date: m.date,
    status: state.rooms[m.id]?.closedAt
      ? 'closed'
      : state.rooms[m.id]?.startedAt
        ? 'running live'
        : m.status,
  }));
}

/** What the facilitator can put on the screen and vote on: KPEs, findings and factors. */
export function facilitatorChoices(state: ReviewState) {
  return {
    kpes: Object.values(state.kpes).map((k) => ({ id: k.id, label: `${k.id}: ${k.title}` })),
    findings: Object.values(state.findings).map((f) => ({
      id: f.id,
      label: `${f.id}: ${f.statement.slice(0, 100)}`,
    })),
    factors: Object.values(state.factors).map((f) => ({
      id: f.id,
      label: `${f.id}: ${f.text.slice(0, 100)}`,
    })),
    // The case group first: they are who a meeting's links are for.
    participants: Object.values(state.participants)
      .sort((a, b) => Number(b.role === 'case-group') - Number(a.role === 'case-group'))
      .map((p) => ({
        id: p.id,
        label: p.profession ? `${p.name} (${p.profession})` : p.name,
      })),
  };
}
