// A live meeting over HTTP: the invite link's page and its one use, what a joined link may and
// may not open, the participant's and facilitator's forms (CSRF, hostile text, refusals that
// change nothing), and the live stream with Last-Event-ID.
import { describe, expect, it } from 'vitest';
import { openPrompt, startMeeting } from '../../src/app/live-meetings.ts';
import { revokeInvite } from '../../src/app/meeting-invites.ts';
import { recordMeeting } from '../../src/app/meetings.ts';
import { liveMeeting, readStream } from '../helpers/live-meeting-web.ts';
import { csrfIn, WebClient } from '../helpers/web.ts';
import { logPosition, openTestWorkspace } from '../helpers/workspace.ts';

const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>';

/** The page's stream address, as the browser reads it from the attribute. */
function liveUrlIn(html: string): string {
  const attribute = /data-live="([^"]+)"/.exec(html)?.[1] ?? '';
  return attribute.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
}

async function joined(m: Awaited<ReturnType<typeof liveMeeting>>, name: string) {
  const client = new WebClient(m.app);
  const { path } = await m.link(name);
  const page = await client.get(path);
  expect(page.statusCode).toBe(200);
  const posted = await client.post(path, { _csrf: csrfIn(page.body) });
  expect(posted.statusCode).toBe(303);
  return { client, path, page: posted.headers.location as string };
}

describe('an invite link', () => {
  it('is used only by pressing Join: fetching it changes nothing; it works once', async () => {
    const m = await liveMeeting();
    const { path } = await m.link('Priya Nandra');
    const client = new WebClient(m.app);
    const before = await logPosition(m.store, m.reviewId);
    const page = await client.get(path);
    expect(page.body).toContain('Join the meeting');
    expect(page.body).toContain('Priya Nandra');
    expect(await logPosition(m.store, m.reviewId)).toEqual(before);
    const posted = await client.post(path, { _csrf: csrfIn(page.body) });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe(
      `/reviews/${m.reviewId}/meetings/${m.meetingId}/take-part`,
    );
    expect(client.cookie('tv_meeting')).toMatch(/^R-TEST01\.[A-Za-z0-9_-]{43}$/);
    const taking = await client.get(posted.headers.location as string);
    expect(taking.statusCode).toBe(200);
    expect(taking.body).toContain('you are joining as Priya Nandra');

    const again = new WebClient(m.app);
    const second = await again.get(path);
    expect(second.statusCode).toBe(410);
    expect(second.body).toContain('already been used');
  });

  it('refuses a withdrawn link, an unknown one, and a Join without the form’s token', async () => {
    const m = await liveMeeting();
    const { path } = await m.link('Halima Brook');
    const client = new WebClient(m.app);
    const page = await client.get(path);
    const before = await logPosition(m.store, m.reviewId);
    expect((await client.post(path, {})).statusCode).toBe(403);
    expect(await logPosition(m.store, m.reviewId)).toEqual(before);
    const state = await m.ws.load(m.reviewId);
    await revokeInvite(
      m.ws,
      m.reviewId,
      Object.keys(state.invites).at(-1),
      'Sent to the wrong address',
    );
    const withdrawn = await client.post(path, { _csrf: csrfIn(page.body) });
    expect(withdrawn.statusCode).toBe(410);
    expect(withdrawn.body).toContain('withdrawn');
    const unknown = await client.get(`/join/${m.reviewId}/${'A'.repeat(43)}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('not one this review issued');
  });
});

describe('a joined link', () => {
  it('opens its own meeting’s page and nothing else of the review', async () => {
    const m = await liveMeeting();
    const other = await recordMeeting(m.ws, m.reviewId, {
      type: 'joint-meeting-2',
      date: '2026-02-20',
      status: 'scheduled',
    });
    const otherId = Object.keys(other.state.meetings).at(-1) as string;
    const { client, page } = await joined(m, 'Priya Nandra');
    expect((await client.get(page)).statusCode).toBe(200);
    const base = `/reviews/${m.reviewId}`;
    for (const path of [
      `${base}/chronology`,
      `${base}`,
      `${base}/register`,
      `${base}/meetings/${m.meetingId}`,
      `${base}/meetings/${m.meetingId}/present`,
      `${base}/meetings/${otherId}/take-part`,
      '/',
    ]) {
      const response = await client.get(path);
      expect(response.statusCode, path).toBe(403);
      expect(response.body).toContain(
        'Your invite link opens only the meeting you were invited to',
      );
    }
  });

  it('sends a contribution with the link’s own token, keeps hostile text as text, and changes nothing without the token', async () => {
    const m = await liveMeeting();
    await startMeeting(m.ws, m.reviewId, m.meetingId);
    const { client, page } = await joined(m, 'Tomasz Wrenfield');
    const form = await client.get(page);
    const csrf = csrfIn(form.body);
    const action = `/reviews/${m.reviewId}/meetings/${m.meetingId}/contributions`;
    const before = await logPosition(m.store, m.reviewId);
    expect((await client.post(action, { kind: 'dissent', text: 'No token' })).statusCode).toBe(403);
    expect(
      (await client.post(action, { _csrf: 'forged', kind: 'dissent', text: 'x' })).statusCode,
    ).toBe(403);
    expect(await logPosition(m.store, m.reviewId)).toEqual(before);

    const empty = await client.post(action, { _csrf: csrf, kind: 'dissent', text: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('There is a problem');
    expect(await logPosition(m.store, m.reviewId)).toEqual(before);

    const sent = await client.post(action, { _csrf: csrf, kind: 'dissent', text: HOSTILE });
    expect(sent.statusCode).toBe(303);
    const mine = await client.get(sent.headers.location as string);
    expect(mine.body).not.toContain('<script>alert');
    expect(mine.body).toContain('&lt;script&gt;alert');

    const lead = new WebClient(m.app);
    await lead.signIn(m.lead.name, m.lead.password);
    const control = await lead.get(`/reviews/${m.reviewId}/meetings/${m.meetingId}`);
    expect(control.statusCode).toBe(200);
    expect(control.body).toContain('Tomasz Wrenfield');
    expect(control.body).not.toContain('<img src=x');
  });
});

describe('the live stream', () => {
  it('sends what changed with the log position as its id, and a reconnecting page what it missed, once', async () => {
    const m = await liveMeeting();
    await startMeeting(m.ws, m.reviewId, m.meetingId);
    const { client, page } = await joined(m, 'Sam Okafor');
    const html = (await client.get(page)).body;
    const live = liveUrlIn(html);
    const cookie = `tv_meeting=${client.cookie('tv_meeting')}`;
    const stream = await readStream(m.base, live, { cookie });
    expect(stream.response.statusCode).toBe(200);
    expect(stream.response.headers['content-type']).toMatch(/text\/event-stream/);

    const { state } = await openPrompt(m.ws, m.reviewId, m.meetingId, {
      text: 'What got in the way of a return visit?',
    });
    const update = await stream.next((e) => e.event === 'update');
    expect(Number(update.id)).toBe(state.seq);
    const data = JSON.parse(update.data) as { regions: { id: string; html: string }[] };
    expect(data.regions.map((r) => r.id)).toContain('meeting-now');
    expect(data.regions.find((r) => r.id === 'meeting-now')?.html).toContain(
      'What got in the way of a return visit?',
    );
    stream.close();

    // Reconnecting from before the prompt: sent the regions as they stand now, once.
    const again = await readStream(m.base, live, {
      cookie,
      'last-event-id': String(state.seq - 2),
    });
    const replayed = await again.next((e) => e.event === 'update');
    expect(Number(replayed.id)).toBe(state.seq);
    // Reconnecting up to date: nothing is sent again.
    const current = await readStream(m.base, live, { cookie, 'last-event-id': String(state.seq) });
    await new Promise((r) => setTimeout(r, 300));
    expect(current.events.filter((e) => e.event === 'update')).toHaveLength(0);
  });

  it('brings changes another process wrote (the facilitator’s command line) within a few seconds', async () => {
    const m = await liveMeeting();
    await startMeeting(m.ws, m.reviewId, m.meetingId);
    const { client, page } = await joined(m, 'Halima Brook');
    const live = liveUrlIn((await client.get(page)).body);
    const stream = await readStream(m.base, live, {
      cookie: `tv_meeting=${client.cookie('tv_meeting')}`,
    });
    // Another writer on the same workspace file: the server hears nothing from it directly.
    const other = openTestWorkspace(m.path);
    await openPrompt(other.ws, m.reviewId, m.meetingId, { text: 'Who else knew about the move?' });
    const update = await stream.next((e) => e.data.includes('Who else knew about the move?'), 5000);
    expect(Number(update.id)).toBe((await other.ws.load(m.reviewId)).seq);
  });

  it('is refused without a session or a link', async () => {
    const m = await liveMeeting();
    const stream = await readStream(m.base, `/reviews/${m.reviewId}/meetings/${m.meetingId}/live`);
    expect(stream.response.statusCode).toBe(303);
  });
});
