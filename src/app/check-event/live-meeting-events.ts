/**
 * Checks for meetings run live. A room opens once the meeting is started and takes nothing
 * after it is closed; an invite link is used once; a prompt takes answers while it is open
 * and votes until it is revealed; a contribution is decided once, and only a correction
 * proposes new text for a record.
 */
import { type Issue, issue } from '../../domain/issue.ts';
import {
  type Contribution,
  type MeetingItem,
  type Prompt,
  WHOLE_GROUP,
} from '../../domain/live-meeting.ts';
import type { ReviewState } from '../../domain/review-state.ts';
import { requireAll, requireFresh, requireOne } from './references.ts';
import type { Validators } from './validator.ts';

/** The meeting exists and has not been closed. */
function openMeeting(state: ReviewState, meetingId: string, path: Issue['path']): Issue[] {
  const missing = requireOne(state, meetingId, path);
  if (missing.length > 0) return missing;
  if (state.rooms[meetingId]?.closedAt) {
    return [
      issue(
        'meeting-closed',
        path,
        `meeting ${meetingId} has been closed; nothing more can be added to it`,
        {
          ids: [meetingId],
        },
      ),
    ];
  }
  return [];
}

/** The meeting's room is open: started and not closed. */
function runningMeeting(state: ReviewState, meetingId: string, path: Issue['path']): Issue[] {
  const problems = openMeeting(state, meetingId, path);
  if (problems.length > 0) return problems;
  if (!state.rooms[meetingId]?.startedAt) {
    return [
      issue('meeting-not-started', path, `meeting ${meetingId} has not been started`, {
        ids: [meetingId],
        fix: { kind: 'start-meeting', meeting: meetingId },
      }),
    ];
  }
  return [];
}

function itemIssues(state: ReviewState, meetingId: string, item: MeetingItem | undefined): Issue[] {
  if (!item) return [];
  if (item.kind === 'period') {
    return item.to < item.from
      ? [
          issue(
            'invalid-option',
            ['item', 'to'],
            'the period ends before it starts; give an end on or after the start',
          ),
        ]
      : [];
  }
  const missing = requireOne(state, item.id, ['item', 'id']);
  if (missing.length > 0) return missing;
  if (item.kind === 'prompt' && state.prompts[item.id]?.meetingId !== meetingId) {
    return [
      issue(
        'reference-unknown',
        ['item', 'id'],
        `${item.id} is not a prompt of meeting ${meetingId}`,
        { ids: [item.id] },
      ),
    ];
  }
  return [];
}

function promptIssues(
  state: ReviewState,
  promptId: string,
  path: Issue['path'],
  until: 'closed' | 'revealed',
): Issue[] {
  const missing = requireOne(state, promptId, path);
  if (missing.length > 0) return missing;
  const prompt = state.prompts[promptId];
  if (prompt?.closedAt) {
    return [
      issue('prompt-not-open', path, `prompt ${promptId} has been closed`, { ids: [promptId] }),
    ];
  }
  if (until === 'revealed' && prompt?.revealedAt) {
    return [
      issue(
        'prompt-revealed',
        path,
        `prompt ${promptId} has been revealed, so its votes are counted`,
        { ids: [promptId] },
      ),
    ];
  }
  return [];
}

/** Whether a prompt is put to `session`: its own, or everyone's. */
export function promptOfSession(prompt: Prompt, session: string): boolean {
  return prompt.session === WHOLE_GROUP || prompt.session === session;
}

/** The refusal of an answer or a vote from a session the prompt was not put to. */
export function otherSessionsPrompt(prompt: Prompt, session: string, path: Issue['path']): Issue {
  return issue(
    'prompt-not-open',
    path,
    `prompt ${prompt.id} was put to the ${prompt.session} session, not to yours (${session})`,
    { ids: [prompt.id] },
  );
}

function contributionShape(state: ReviewState, c: Contribution): Issue[] {
  if (c.kind === 'correction' && !c.correction) {
    return [
      issue(
        'correction-missing',
        ['correction'],
        'a correction proposes the corrected text of a KPE or a chronology entry; give the record and the text',
      ),
    ];
  }
  if (c.kind !== 'correction' && c.correction) {
    return [
      issue(
        'correction-not-allowed',
        ['correction'],
        `only a correction proposes new text; this is ${c.kind}`,
      ),
    ];
  }
  if (c.kind === 'response') {
    if (c.about?.kind !== 'prompt') {
      return [
        issue(
          'prompt-not-open',
          ['about'],
          'a response answers a prompt; there is no prompt open to answer',
        ),
      ];
    }
    const prompt = state.prompts[c.about.id];
    if (prompt && !promptOfSession(prompt, c.session)) {
      return [otherSessionsPrompt(prompt, c.session, ['about', 'id'])];
    }
    if (prompt?.kind === 'vote') {
      return [
        issue(
          'not-a-vote',
          ['about'],
          `prompt ${c.about.id} is a vote: choose among its options rather than writing`,
          { ids: [c.about.id] },
        ),
      ];
    }
    return promptIssues(state, c.about.id, ['about', 'id'], 'closed');
  }
  if (c.correction) {
    const { target, proposed } = c.correction;
    const missing = requireOne(state, target.id, ['correction', 'target', 'id']);
    if (missing.length > 0) return missing;
    const current =
      target.kind === 'kpe'
        ? state.kpes[target.id]?.whatHappened
        : state.chronology[target.id]?.text;
    if (current !== undefined && current.trim() === proposed.trim()) {
      return [
        issue(
          'correction-unchanged',
          ['correction', 'proposed'],
          `the text proposed is the text ${target.id} has now; change what needs correcting`,
          { ids: [target.id] },
        ),
      ];
    }
  }
  return [];
}

export const liveMeetingValidators: Validators<
  | 'meeting.started'
  | 'meeting.invited'
  | 'meeting.invite-redeemed'
  | 'meeting.invite-revoked'
  | 'meeting.left'
  | 'meeting.item-shown'
  | 'meeting.names-shown'
  | 'meeting.prompt-opened'
  | 'meeting.prompt-revealed'
  | 'meeting.prompt-closed'
  | 'meeting.contributed'
  | 'meeting.voted'
  | 'meeting.contribution-accepted'
  | 'meeting.contribution-declined'
  | 'meeting.closed'
> = {
  'meeting.started': (p, { state }) => openMeeting(state, p.id, ['meeting']),
  'meeting.invited': (p, { state }) => [
    ...requireFresh(state, p.id, ['id']),
    ...openMeeting(state, p.meetingId, ['meeting']),
    ...requireOne(state, p.participantId, ['participant']),
    ...(p.purpose === 'participant' && !p.participantId
      ? [
          issue(
            'invalid-option',
            ['participant'],
            'an invite to take part names the participant it is for',
          ),
        ]
      : []),
    ...(p.purpose === 'presenter' && p.participantId
      ? [
          issue(
            'invite-for-presenter',
            ['participant'],
            'a presenter link is for the room’s screen, not for a participant',
          ),
        ]
      : []),
  ],
  'meeting.invite-redeemed': (p, { state }) => {
    const missing = requireOne(state, p.id, ['token']);
    if (missing.length > 0) return missing;
    const invite = state.invites[p.id];
    if (invite?.revokedAt)
      return [
        issue('invite-revoked', ['token'], 'this invite link has been withdrawn', { ids: [p.id] }),
      ];
    if (invite?.redeemedAt)
      return [
        issue('invite-used', ['token'], 'this invite link has already been used', { ids: [p.id] }),
      ];
    return invite ? openMeeting(state, invite.meetingId, ['token']) : [];
  },
  'meeting.invite-revoked': (p, { state }) => {
    const missing = requireOne(state, p.id, ['id']);
    if (missing.length > 0) return missing;
    return state.invites[p.id]?.revokedAt
      ? [
          issue('invite-revoked', ['id'], `invite ${p.id} has already been withdrawn`, {
            ids: [p.id],
          }),
        ]
      : [];
  },
  'meeting.left': (p, { state }) => {
    const invite = state.invites[p.id];
    if (!invite?.redeemedAt)
      return [
        issue('invite-not-redeemed', ['id'], `invite ${p.id} has not been used to join`, {
          ids: [p.id],
        }),
      ];
    // Leaving ends the session once: its time in the room is counted to the first leaving.
    if (invite.leftAt || invite.revokedAt)
      return [
        issue(
          'invite-not-redeemed',
          ['id'],
          `the session joined with invite ${p.id} has already ended (${invite.leftAt ? 'left' : 'link withdrawn'})`,
          { ids: [p.id] },
        ),
      ];
    return [];
  },
  'meeting.item-shown': (p, { state }) => [
    ...runningMeeting(state, p.meetingId, ['meeting']),
    ...itemIssues(state, p.meetingId, p.item),
  ],
  'meeting.names-shown': (p, { state }) => runningMeeting(state, p.meetingId, ['meeting']),
  'meeting.prompt-opened': (p, { state }) => {
    const open = Object.values(state.prompts).find(
      (q) => q.meetingId === p.meetingId && !q.closedAt,
    );
    return [
      ...requireFresh(state, p.id, ['id']),
      ...runningMeeting(state, p.meetingId, ['meeting']),
      ...requireAll(state, p.options, ['options']),
      ...(open
        ? [
            issue(
              'prompt-open',
              ['prompt'],
              `prompt ${open.id} is still open; close it before opening another`,
              { ids: [open.id] },
            ),
          ]
        : []),
    ];
  },
  'meeting.prompt-revealed': (p, { state }) => promptIssues(state, p.id, ['id'], 'revealed'),
  'meeting.prompt-closed': (p, { state }) => promptIssues(state, p.id, ['id'], 'closed'),
  'meeting.contributed': (p, { state }) => [
    ...requireFresh(state, p.id, ['id']),
    ...runningMeeting(state, p.meetingId, ['meeting']),
    ...requireOne(state, p.author, ['author']),
    ...itemIssues(state, p.meetingId, p.about),
    ...contributionShape(state, p),
  ],
  'meeting.voted': (p, { state }) => {
    const problems = promptIssues(state, p.promptId, ['prompt'], 'revealed');
    if (problems.length > 0) return problems;
    const prompt = state.prompts[p.promptId];
    if (!prompt) return [];
    if (prompt.kind !== 'vote') {
      return [
        issue('not-a-vote', ['prompt'], `prompt ${p.promptId} asks for writing, not a vote`, {
          ids: [p.promptId],
        }),
      ];
    }
    const strangers = p.choices.filter((c) => !prompt.options.includes(c));
    if (strangers.length > 0) {
      return [
        issue(
          'vote-not-an-option',
          ['choices'],
          `${strangers.join(', ')} ${strangers.length === 1 ? 'is' : 'are'} not among the options (${prompt.options.join(', ')})`,
          { ids: strangers },
        ),
      ];
    }
    const most = prompt.maxChoices ?? prompt.options.length;
    if (new Set(p.choices).size > most) {
      return [issue('vote-too-many', ['choices'], `choose at most ${most} of the options`)];
    }
    return requireOne(state, p.author, ['author']);
  },
  'meeting.contribution-accepted': (p, { state }) => decisionIssues(state, p.id),
  'meeting.contribution-declined': (p, { state }) => decisionIssues(state, p.id),
  'meeting.closed': (p, { state }) => runningMeeting(state, p.id, ['meeting']),
};

function decisionIssues(state: ReviewState, id: string): Issue[] {
  const missing = requireOne(state, id, ['id']);
  if (missing.length > 0) return missing;
  const decided = state.contributions[id]?.decision;
  return decided
    ? [
        issue(
          'contribution-decided',
          ['id'],
          `${id} was already ${decided.outcome} by ${decided.by}; a decision is made once`,
          { ids: [id] },
        ),
      ]
    : [];
}
