// Invite links to a meeting run live: a random token of which only the SHA-256 is kept, used
// once for a session that ends when the person leaves, the link is withdrawn or the meeting
// closes; every refused link named, and nothing written when one is refused.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { closeLiveMeeting, contribute, startMeeting } from '../../src/app/live-meetings.ts';
import {
  INVITE_SESSION_MAX_HOURS,
  inviteSessionFor,
  issueInvite,
  leaveMeeting,
  listInvites,
  redeemInvite,
  revokeInvite,
} from '../../src/app/meeting-invites.ts';
import { liveMeetingSetUp } from '../helpers/live-meeting.ts';
import { issueLines, refusal } from '../helpers/workspace.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Every byte tunnelview wrote for the workspace: the file and its write-ahead log. */
function workspaceBytes(path: string): string {
  return [path, `${path}-wal`]
    .filter((p) => existsSync(p))
    .map((p) => readFileSync(p).toString('latin1'))
    .join('');
}

/** Every cell of every table, as text. */
function everyCell(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    return tables
      .map(({ name }) => JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all()))
      .join('\n');
  } finally {
    db.close();
  }
}

describe('issueInvite', () => {
  it('makes a 256-bit token and keeps only its SHA-256, in the log and anywhere in the file', async () => {
    const m = await liveMeetingSetUp();
    const { token, invite, expires } = await issueInvite(m.ws, m.reviewId, {
      meeting: m.meetingId,
      participant: 'Sam Okafor',
    });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(invite).toMatchObject({
      meetingId: m.meetingId,
      participantId: 'PT-2',
      purpose: 'participant',
      session: 'all',
      tokenHash: sha256(token),
    });
    // The meeting is today: the link works until the end of its day.
    expect(expires).toBe('2026-01-15T23:59:59.000Z');
    const { sessionToken } = await redeemInvite(m.ws, m.reviewId, token);

    const events = await m.store.readEvents(m.reviewId);
    const logged = JSON.stringify(events);
    expect(logged).toContain(sha256(token));
    expect(logged).toContain(sha256(sessionToken));
    for (const secret of [token, sessionToken]) {
      expect(logged).not.toContain(secret);
      expect(everyCell(m.path)).not.toContain(secret);
      expect(workspaceBytes(m.path)).not.toContain(secret);
    }
  });

  it('gives every link its own token', async () => {
    const m = await liveMeetingSetUp();
    const tokens = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const { token } = await issueInvite(m.ws, m.reviewId, {
        meeting: m.meetingId,
        participant: 'PT-2',
      });
      tokens.add(token);
    }
    expect(tokens.size).toBe(5);
  });

  it('makes a presenter link for the room’s screen, which names no participant and cannot write', async () => {
    const m = await liveMeetingSetUp();
    const { token, invite } = await issueInvite(m.ws, m.reviewId, {
      meeting: m.meetingId,
      purpose: 'presenter',
    });
    expect(invite.purpose).toBe('presenter');
    expect(invite.participantId).toBeUndefined();
    const { session } = await redeemInvite(m.ws, m.reviewId, token);
    expect(session).toMatchObject({ purpose: 'presenter', meetingId: m.meetingId });
    await startMeeting(m.ws, m.reviewId, m.meetingId);
    const before = await m.position();
    const error = await refusal(() =>
      contribute(m.ws, session, { kind: 'context', text: 'Hello' }),
    );
    expect(error.issues[0]?.code).toBe('invite-for-presenter');
    expect(await m.position()).toEqual(before);
  });

  it('refuses a link for nobody, for a stranger, for an unknown or closed meeting, naming each, and writes nothing', async () => {
    const m = await liveMeetingSetUp();
    const before = await m.position();
    const nobody = await refusal(issueInvite(m.ws, m.reviewId, { meeting: m.meetingId }));
    expect(nobody.issues).toMatchObject([
      { path: ['participant'], fix: { kind: 'list', record: 'participant' } },
    ]);
    const stranger = await refusal(
      issueInvite(m.ws, m.reviewId, { meeting: m.meetingId, participant: 'PT-9' }),
    );
    expect(stranger.issues[0]).toMatchObject({ code: 'reference-unknown', ids: ['PT-9'] });
    expect(stranger.issues[0]?.path[0]).toBe('participant');
    const unknown = await refusal(
      issueInvite(m.ws, m.reviewId, { meeting: 'M-9', participant: 'PT-2' }),
    );
    expect(unknown.issues).toMatchObject([
      { code: 'reference-unknown', path: ['meeting'], ids: ['M-9'] },
    ]);
    const presenterFor = await refusal(
      issueInvite(m.ws, m.reviewId, {
        meeting: m.meetingId,
        purpose: 'presenter',
        participant: 'PT-2',
      }),
    );
    expect(presenterFor.issues[0]).toMatchObject({
      code: 'invite-for-presenter',
      path: ['participant'],
    });
    const badSession = await refusal(
      issueInvite(m.ws, m.reviewId, {
        meeting: m.meetingId,
        participant: 'PT-2',
        session: 'the managers',
      }),
    );
    expect(badSession.issues[0]?.path).toEqual(['session']);
    expect(await m.position()).toEqual(before);

    await startMeeting(m.ws, m.reviewId, m.meetingId);
    await closeLiveMeeting(m.ws, m.reviewId, m.meetingId);
    const closed = await m.position();
    const late = await refusal(
      issueInvite(m.ws, m.reviewId, { meeting: m.meetingId, participant: 'PT-2' }),
    );
    expect(late.issues[0]?.code).toBe('meeting-closed');
    expect(await m.position()).toEqual(closed);
  });

  it('gives a link issued for a meeting already past a day to work', async () => {
    const m = await liveMeetingSetUp();
    m.clock.set('2026-01-20T09:00:00.000Z');
    const { expires } = await issueInvite(m.ws, m.reviewId, {
      meeting: m.meetingId,
      participant: 'PT-2',
    });
    expect(expires).toBe('2026-01-21T09:00:00.000Z');
  });
});

describe('redeemInvite', () => {
  it('exchanges a link once for a session of the one meeting, for the one participant', async () => {
    const m = await liveMeetingSetUp();
    const { token } = await issueInvite(m.ws, m.reviewId, {
      meeting: m.meetingId,
      participant: 'Priya Nandra',
      session: 'managers',
    });
    const { sessionToken, session } = await redeemInvite(m.ws, m.reviewId, token);
    expect(sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sessionToken).not.toBe(token);
    expect(session).toMatchObject({
      reviewId: m.reviewId,
      meetingId: m.meetingId,
      participantId: 'PT-3',
      purpose: 'participant',
      session: 'managers',
    });
    expect(await inviteSessionFor(m.ws, m.reviewId, sessionToken)).toEqual(session);
    // The link itself is not a session.
    expect(await inviteSessionFor(m.ws, m.reviewId, token)).toBeUndefined();
    const events = await m.store.readEvents(m.reviewId);
    expect(events.at(-1)).toMatchObject({ type: 'meeting.invite-redeemed', actor: 'PT-3' });
  });

  it('refuses a link used already, naming it, and writes nothing', async () => {
    const m = await liveMeetingSetUp();
    const { token } = await issueInvite(m.ws, m.reviewId, {
      meeting: m.meetingId,
      participant: 'PT-2',
    });
    const first = await redeemInvite(m.ws, m.reviewId, token);
    const before = await m.position();
    const again = await refusal(redeemInvite(m.ws, m.reviewId, token));
    expect(again.issues).toMatchObject([
      {
        code: 'invite-used',
        path: ['token'],
        message:
          'this invite link has already been used to join; if that was not you, tell the facilitator',
      },
    ]);
    expect(await m.position()).toEqual(before);
    // The first session goes on.
    expect(await inviteSessionFor(m.ws, m.reviewId, first.sessionToken)).toBeDefined();
  });

  it('refuses a withdrawn link and writes nothing', async () => {
    const m = await liveMeetingSetUp();
    const { token, invite } = await issueInvite(m.ws, m.reviewId, {
      meeting: m.meetingId,
      participant: 'PT-2',
    });
    await revokeInvite(m.ws, m.reviewId, invite.id, 'Sent to the wrong address');
    const before = await m.position();
    const error = await refusal(redeemInvite(m.ws, m.reviewId, token));
    expect(error.issues).toMatchObject([{ code: 'invite-revoked', path: ['token'] }]);
    expect(await m.position()).toEqual(before);
  });

  it('refuses a link after it expires, saying when, and writes nothing', async () => {
    const m = await liveMeetingSetUp();
    const { token } = await issueInvite(m.ws, m.reviewId, {
      meeting: m.meetingId,
      participant: 'PT-2',
    });
    m.clock.set('2026-01-15T23:59:59.000Z');
    const before = await m.position();
    const error = await refusal(redeemInvite(m.ws, m.reviewId, token));
    expect(error.issues).toMatchObject([{ code: 'invite-expired', path: ['token'] }]);
    expect(issueLines(error)[0]).toContain('expired at 2026-01-15T23:59:59.000Z');
    expect(issueLines(error)[0]).toContain('ask the facilitator for a new link');
    expect(await m.position()).toEqual(before);
  });

  it('refuses an unknown, mistyped or another review’s token the same way, and writes nothing', async () => {
    const m = await liveMeetingSetUp();
    const { token } = await issueInvite(m.ws, m.reviewId, {
      meeting: m.meetingId,
      participant: 'PT-2',
    });
    const before = await m.position();
    const flipped = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const given of [flipped, 'not-a-token', '', undefined, 42, `${token}x`]) {
      const error = await refusal(redeemInvite(m.ws, m.reviewId, given));
      expect(error.issues, String(given)).toMatchObject([
        { code: 'invite-unknown', path: ['token'] },
      ]);
    }
    const elsewhere = await refusal(redeemInvite(m.ws, 'R-OTHER1', token));
    expect(elsewhere.issues[0]?.code).toBe('invite-unknown');
    expect(await m.position()).toEqual(before);
  });

  it('refuses a link once the meeting has closed', async () => {
    const m = await liveMeetingSetUp();
    const { token } = await issueInvite(m.ws, m.reviewId, {
      meeting: m.meetingId,
      participant: 'PT-2',
    });
    await startMeeting(m.ws, m.reviewId, m.meetingId);
    await closeLiveMeeting(m.ws, m.reviewId, m.meetingId);
    const before = await m.position();
    const error = await refusal(redeemInvite(m.ws, m.reviewId, token));
    expect(error.issues[0]).toMatchObject({ code: 'meeting-closed', path: ['token'] });
    expect(await m.position()).toEqual(before);
  });
});

describe('inviteSessionFor', () => {
  it('ends the session when the person leaves', async () => {
    const m = await liveMeetingSetUp();
    const { sessionToken, session } = await m.join('PT-2');
    await leaveMeeting(m.ws, session);
    expect(await inviteSessionFor(m.ws, m.reviewId, sessionToken)).toBeUndefined();
    expect((await listInvites(m.ws, m.reviewId, m.meetingId))[0]?.status).toBe('left');
    // Leaving again (a second tab, a double press) is refused, and writes nothing.
    const before = await m.position();
    const again = await refusal(leaveMeeting(m.ws, session));
    expect(again.issues[0]?.message).toMatch(/has already ended \(left\)/);
    expect(await m.position()).toEqual(before);
  });

  it('ends the session when the invite is withdrawn', async () => {
    const m = await liveMeetingSetUp();
    const { sessionToken, session } = await m.join('PT-2');
    await revokeInvite(m.ws, m.reviewId, session.inviteId, 'Joined from a shared computer');
    expect(await inviteSessionFor(m.ws, m.reviewId, sessionToken)).toBeUndefined();
  });

  it('ends every session when the meeting closes', async () => {
    const m = await liveMeetingSetUp();
    const sam = await m.join('PT-2');
    const priya = await m.join('PT-3');
    await startMeeting(m.ws, m.reviewId, m.meetingId);
    await closeLiveMeeting(m.ws, m.reviewId, m.meetingId);
    for (const { sessionToken } of [sam, priya]) {
      expect(await inviteSessionFor(m.ws, m.reviewId, sessionToken)).toBeUndefined();
    }
  });

  it(`ends a session ${INVITE_SESSION_MAX_HOURS} hours after it began, whatever else happens`, async () => {
    const m = await liveMeetingSetUp();
    const { sessionToken } = await m.join('PT-2');
    m.clock.advance(INVITE_SESSION_MAX_HOURS * 60 - 1);
    expect(await inviteSessionFor(m.ws, m.reviewId, sessionToken)).toBeDefined();
    m.clock.advance(2);
    expect(await inviteSessionFor(m.ws, m.reviewId, sessionToken)).toBeUndefined();
  });

  it('knows no session for a token it never issued, or one of the wrong shape', async () => {
    const m = await liveMeetingSetUp();
    await m.join('PT-2');
    expect(await inviteSessionFor(m.ws, m.reviewId, 'A'.repeat(43))).toBeUndefined();
    expect(await inviteSessionFor(m.ws, m.reviewId, 'short')).toBeUndefined();
    expect(await inviteSessionFor(m.ws, 'R-OTHER1', 'A'.repeat(43))).toBeUndefined();
  });
});

describe('revokeInvite', () => {
  it('refuses to withdraw a link twice, or an unknown one, or without a reason, and writes nothing', async () => {
    const m = await liveMeetingSetUp();
    const { invite } = await issueInvite(m.ws, m.reviewId, {
      meeting: m.meetingId,
      participant: 'PT-2',
    });
    await revokeInvite(m.ws, m.reviewId, invite.id, 'Sent to the wrong address');
    const before = await m.position();
    const twice = await refusal(() => revokeInvite(m.ws, m.reviewId, invite.id, 'Again'));
    expect(twice.issues[0]).toMatchObject({ code: 'invite-revoked', path: ['id'] });
    const unknown = await refusal(() => revokeInvite(m.ws, m.reviewId, 'MI-9', 'No such link'));
    expect(unknown.issues[0]).toMatchObject({
      code: 'reference-unknown',
      path: ['id'],
      fix: { kind: 'list', record: 'invite' },
    });
    const noReason = await refusal(() => revokeInvite(m.ws, m.reviewId, invite.id, ''));
    expect(noReason.issues[0]?.path).toEqual(['reason']);
    expect(await m.position()).toEqual(before);
  });
});

describe('listInvites', () => {
  it('lists whom each link is for and where it stands, and never a hash', async () => {
    const m = await liveMeetingSetUp();
    await issueInvite(m.ws, m.reviewId, { meeting: m.meetingId, participant: 'PT-2' });
    const joined = await m.join('PT-3', 'managers');
    const withdrawn = await issueInvite(m.ws, m.reviewId, {
      meeting: m.meetingId,
      participant: 'PT-2',
    });
    await revokeInvite(m.ws, m.reviewId, withdrawn.invite.id, 'Sent twice');
    await issueInvite(m.ws, m.reviewId, { meeting: m.meetingId, purpose: 'presenter' });
    const invites = await listInvites(m.ws, m.reviewId, m.meetingId.toLowerCase());
    expect(invites.map((i) => [i.id, i.participantName, i.session, i.purpose, i.status])).toEqual([
      ['MI-1', 'Sam Okafor', 'all', 'participant', 'unused'],
      ['MI-2', 'Priya Nandra', 'managers', 'participant', 'joined'],
      ['MI-3', 'Sam Okafor', 'all', 'participant', 'revoked'],
      ['MI-4', null, 'all', 'presenter', 'unused'],
    ]);
    expect(invites[1]?.redeemedAt).toBeDefined();
    expect(invites[2]?.revokeReason).toBe('Sent twice');
    const text = JSON.stringify(invites);
    expect(text).not.toMatch(/[0-9a-f]{64}/);
    expect(text).not.toContain('Hash');
    expect(joined.session.inviteId).toBe('MI-2');

    m.clock.set('2026-01-16T00:00:00.000Z');
    expect((await listInvites(m.ws, m.reviewId, m.meetingId))[0]?.status).toBe('expired');
  });

  it('says an unused link lapsed with the meeting, and refuses a meeting the review lacks', async () => {
    const m = await liveMeetingSetUp();
    await issueInvite(m.ws, m.reviewId, { meeting: m.meetingId, participant: 'PT-2' });
    await startMeeting(m.ws, m.reviewId, m.meetingId);
    await closeLiveMeeting(m.ws, m.reviewId, m.meetingId);
    expect((await listInvites(m.ws, m.reviewId, m.meetingId))[0]?.status).toBe('closed');
    const error = await refusal(listInvites(m.ws, m.reviewId, 'M-9'));
    expect(error.issues[0]).toMatchObject({ code: 'reference-unknown', path: ['meeting'] });
  });
});
