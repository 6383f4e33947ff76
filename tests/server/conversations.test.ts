// Conversation and excerpt pages through real HTTP handling over a real workspace: pages render
// for a reader; recording, editing and removing a conversation and its excerpts work for an
// analyst with the account as actor; refusals name the field with the store unchanged; a stale
// form shows both versions; roles that may not analyse get 403; hostile text comes back inert.
import { describe, expect, it } from 'vitest';
import { editConversation, editExcerpt } from '../../src/app/conversations.ts';
import type { Role } from '../../src/domain/roles.ts';
import { csrfIn, served, WebClient } from '../helpers/web.ts';
import { buildSampleReview, logPosition } from '../helpers/workspace.ts';

const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];
const ESCAPED = [
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;',
];

async function setUp(role: Role = 'review-team') {
  const s = await served();
  await buildSampleReview(s.ws, s.reviewId);
  const password = await s.account('priya.shah', role);
  const client = new WebClient(s.app);
  await client.signIn('priya.shah', password);
  const base = `/reviews/${s.reviewId}/conversations`;
  const lastActor = async () => (await s.store.readEvents(s.reviewId)).at(-1)?.actor;
  return { ...s, client, base, lastActor };
}

const versionIn = (html: string) => /name="version" value="([^"]+)"/.exec(html)?.[1] ?? '';

const conversation = {
  participantId: 'PT-2',
  date: '11/02/2026',
  status: 'held',
  conductedBy: 'PT-1',
  'notes-overview': 'Second conversation about the caseload.',
  'notes-mindset': 'Thought the nursery would refer if worried.',
};

describe('the conversation pages', () => {
  it('list conversations and show one with its excerpts, linked', async () => {
    const { client, base, reviewId } = await setUp('observer');
    const list = await client.get(base);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Sam Okafor');
    expect(list.body).not.toContain('Record a conversation');
    const page = await client.get(`${base}/CV-1`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Caseload was 420 families at the time.');
    expect(page.body).toContain(`href="/reviews/${reviewId}/conversations/excerpts/EX-1"`);
    expect(page.body).not.toContain('Add an excerpt');
    const excerpt = await client.get(`${base}/excerpts/EX-1`);
    expect(excerpt.statusCode).toBe(200);
    expect(excerpt.body).toContain('I had 420 families and no time to go back.');
  });

  it('records, edits and removes a conversation with the account as actor', async () => {
    const { client, base, reviewId, ws, lastActor } = await setUp();
    const form = await client.get(`${base}/new`);
    expect(form.statusCode).toBe(200);
    const added = await client.post(base, { _csrf: csrfIn(form.body), ...conversation });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`${base}/CV-2?saved=CV-2`);
    let saved = (await ws.load(reviewId)).conversations['CV-2'];
    expect(saved).toMatchObject({
      participantId: 'PT-2',
      date: '2026-02-11',
      conductedBy: ['PT-1'],
      sections: {
        overview: 'Second conversation about the caseload.',
        mindset: 'Thought the nursery would refer if worried.',
      },
    });
    expect(await lastActor()).toBe('priya.shah');
    const edit = await client.get(`${base}/CV-2/edit`);
    expect(edit.body).toContain('Thought the nursery would refer if worried.');
    const edited = await client.post(`${base}/CV-2`, {
      _csrf: csrfIn(edit.body),
      version: versionIn(edit.body),
      ...conversation,
      status: 'scheduled',
      'notes-mindset': '',
    });
    expect(edited.statusCode).toBe(303);
    saved = (await ws.load(reviewId)).conversations['CV-2'];
    expect(saved?.status).toBe('scheduled');
    expect(saved?.sections).toEqual({ overview: 'Second conversation about the caseload.' });
    const removed = await client.post(`${base}/CV-2/remove`, {
      _csrf: csrfIn(edit.body),
      reason: 'recorded twice',
    });
    expect(removed.statusCode).toBe(303);
    expect((await ws.load(reviewId)).conversations['CV-2']).toBeUndefined();
    expect(await lastActor()).toBe('priya.shah');
  });

  it('refuses an unknown participant and a bad date, naming both, with the store unchanged', async () => {
    const { client, base, reviewId, store } = await setUp();
    const before = await logPosition(store, reviewId);
    const response = await client.post(base, {
      _csrf: await client.csrfFor(`${base}/new`),
      ...conversation,
      participantId: '',
      date: '30/02/2026',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#field-participantId"');
    expect(response.body).toContain('href="#field-date"');
    expect(response.body).toContain('Thought the nursery would refer if worried.');
    expect(await logPosition(store, reviewId)).toEqual(before);
  });

  it('refuses to remove a conversation that still has excerpts, saying so', async () => {
    const { client, base, reviewId, store } = await setUp();
    const before = await logPosition(store, reviewId);
    const response = await client.post(`${base}/CV-1/remove`, {
      _csrf: await client.csrfFor(`${base}/CV-1`),
      reason: 'not needed',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('EX-1');
    expect(response.body).toContain('href="#field-reason"');
    expect(await logPosition(store, reviewId)).toEqual(before);
  });

  it('shows both versions of a conversation when someone saved first', async () => {
    const { client, base, reviewId, ws, store } = await setUp();
    const edit = await client.get(`${base}/CV-1/edit`);
    await editConversation(ws.as('dana.reid'), reviewId, 'CV-1', {
      sections: { overview: 'Their notes on the overview.' },
    });
    const before = await logPosition(store, reviewId);
    const response = await client.post(`${base}/CV-1`, {
      _csrf: csrfIn(edit.body),
      version: versionIn(edit.body),
      ...conversation,
      'notes-overview': 'My notes on the overview.',
    });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('Their saved version');
    expect(response.body).toContain('Their notes on the overview.');
    expect(response.body).toContain('My notes on the overview.');
    expect(versionIn(response.body)).not.toBe(versionIn(edit.body));
    expect(await logPosition(store, reviewId)).toEqual(before);
  });
});

describe('excerpts', () => {
  it('are added, edited and removed from their pages with the account as actor', async () => {
    const { client, base, reviewId, ws, lastActor } = await setUp();
    const page = await client.get(`${base}/CV-1`);
    const added = await client.post(`${base}/CV-1/excerpts`, {
      _csrf: csrfIn(page.body),
      sectionId: 'mindset',
      text: 'I thought the nursery had it in hand.',
      quotable: 'yes',
    });
    expect(added.statusCode).toBe(303);
    expect((await ws.load(reviewId)).excerpts['EX-2']).toMatchObject({
      conversationId: 'CV-1',
      sectionId: 'mindset',
      quotable: true,
    });
    expect(await lastActor()).toBe('priya.shah');
    const excerptPage = await client.get(`${base}/excerpts/EX-2`);
    const edited = await client.post(`${base}/excerpts/EX-2`, {
      _csrf: csrfIn(excerptPage.body),
      version: versionIn(excerptPage.body),
      sectionId: 'mindset',
      text: 'I thought the nursery had it all in hand.',
    });
    expect(edited.statusCode).toBe(303);
    expect((await ws.load(reviewId)).excerpts['EX-2']).toMatchObject({
      text: 'I thought the nursery had it all in hand.',
      quotable: false,
    });
    const removed = await client.post(`${base}/excerpts/EX-2/remove`, {
      _csrf: csrfIn(excerptPage.body),
      reason: 'not said in those words',
    });
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe(`${base}/CV-1?saved=EX-2`);
    expect((await ws.load(reviewId)).excerpts['EX-2']).toBeUndefined();
    expect(await lastActor()).toBe('priya.shah');
  });

  it('refuses an empty excerpt at its field, store unchanged, and shows both versions on a conflict', async () => {
    const { client, base, reviewId, ws, store } = await setUp();
    const before = await logPosition(store, reviewId);
    const refused = await client.post(`${base}/CV-1/excerpts`, {
      _csrf: await client.csrfFor(`${base}/CV-1`),
      sectionId: 'overview',
      text: '',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#field-text"');
    expect(await logPosition(store, reviewId)).toEqual(before);
    const page = await client.get(`${base}/excerpts/EX-1`);
    await editExcerpt(ws.as('dana.reid'), reviewId, 'EX-1', { text: 'Their wording of it.' });
    const mid = await logPosition(store, reviewId);
    const conflict = await client.post(`${base}/excerpts/EX-1`, {
      _csrf: csrfIn(page.body),
      version: versionIn(page.body),
      sectionId: 'overview',
      text: 'My wording of it.',
    });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.body).toContain('Their wording of it.');
    expect(conflict.body).toContain('My wording of it.');
    expect(await logPosition(store, reviewId)).toEqual(mid);
  });
});

describe('hostile text', () => {
  it('comes back escaped from every field of a conversation and an excerpt', async () => {
    for (const [i, hostile] of HOSTILE.entries()) {
      const { client, base } = await setUp();
      const csrf = await client.csrfFor(`${base}/new`);
      const added = await client.post(base, {
        _csrf: csrf,
        ...conversation,
        'notes-overview': hostile,
        'notes-mindset': hostile,
      });
      expect(added.statusCode).toBe(303);
      const excerpt = await client.post(`${base}/CV-2/excerpts`, {
        _csrf: csrf,
        sectionId: 'overview',
        text: hostile,
      });
      expect(excerpt.statusCode).toBe(303);
      for (const url of [`${base}/CV-2`, `${base}/CV-2/edit`, `${base}/excerpts/EX-2`]) {
        const page = await client.get(url);
        expect(page.body, url).not.toContain(hostile);
        expect(page.body, url).toContain(ESCAPED[i]);
      }
      const refused = await client.post(base, {
        _csrf: csrf,
        participantId: hostile,
        date: hostile,
        status: hostile,
        conductedBy: hostile,
        'notes-overview': hostile,
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).not.toContain(hostile);
      expect(refused.body).toContain(ESCAPED[i]);
      const refusedExcerpt = await client.post(`${base}/CV-2/excerpts`, {
        _csrf: csrf,
        sectionId: hostile,
        text: hostile,
      });
      expect(refusedExcerpt.statusCode).toBe(400);
      expect(refusedExcerpt.body).not.toContain(hostile);
      expect(refusedExcerpt.body).toContain(ESCAPED[i]);
      // The reason of a refused removal (CV-2 has an excerpt) comes back inert too.
      const removal = await client.post(`${base}/CV-2/remove`, { _csrf: csrf, reason: hostile });
      expect(removal.statusCode).toBe(400);
      expect(removal.body).not.toContain(hostile);
      expect(removal.body).toContain(ESCAPED[i]);
    }
  });
});

describe('roles that may not analyse', () => {
  for (const role of ['observer', 'board-member'] as const) {
    it(`${role}: 403 on the forms and on direct posts, store unchanged`, async () => {
      const { client, base, reviewId, store } = await setUp(role);
      expect((await client.get(`${base}/new`)).statusCode).toBe(403);
      expect((await client.get(`${base}/CV-1/edit`)).statusCode).toBe(403);
      const csrf = await client.csrfFor(base);
      const before = await logPosition(store, reviewId);
      for (const [url, fields] of [
        [base, conversation],
        [`${base}/CV-1`, { ...conversation, version: 'x' }],
        [`${base}/CV-1/remove`, { reason: 'no' }],
        [`${base}/CV-1/excerpts`, { sectionId: 'overview', text: 'words' }],
        [`${base}/excerpts/EX-1`, { sectionId: 'overview', text: 'words', version: 'x' }],
        [`${base}/excerpts/EX-1/remove`, { reason: 'no' }],
      ] as const) {
        expect((await client.post(url, { _csrf: csrf, ...fields })).statusCode, url).toBe(403);
      }
      expect(await logPosition(store, reviewId)).toEqual(before);
    });
  }
});
