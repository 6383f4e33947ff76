// KPE pages through real HTTP handling over a real workspace: the list, a KPE's page and the
// form render for a reader; adding, editing and removing work for an analyst and are recorded
// with the account as actor; refusals name the field with the store unchanged; a stale form
// shows both versions; the language check's flags appear beside the field they are in; roles
// that may not analyse get 403 on the form and on a direct post; hostile text comes back inert.
import { describe, expect, it } from 'vitest';
import { showKpe } from '../../src/app/kpes.ts';
import { csrfIn, served, WebClient } from '../helpers/web.ts';
import { buildSampleReview, logPosition } from '../helpers/workspace.ts';

const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];
const ESCAPED = [
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;',
];

async function setUp(
  role: Parameters<Awaited<ReturnType<typeof served>>['account']>[1] = 'review-team',
) {
  const s = await served();
  await buildSampleReview(s.ws, s.reviewId);
  const password = await s.account('priya.shah', role);
  const client = new WebClient(s.app);
  await client.signIn('priya.shah', password);
  const kpes = `/reviews/${s.reviewId}/kpes`;
  return { ...s, client, kpes };
}

const filled = {
  title: 'Referral after bruising seen at nursery',
  from: '02/06/2023',
  to: '',
  agencyIds: 'AG-2',
  chronologyRefs: 'CH-2',
  whatHappened: 'Nursery staff saw bruising and phoned the front door.',
  rating: 'good',
  standard: 'Local procedures, section 4.2',
  appraisalText: 'A prompt referral in line with procedures.',
  explanation: 'Clear local guidance and a confident key worker.',
};

async function actorOfLast(store: Awaited<ReturnType<typeof served>>['store'], reviewId: string) {
  const events = await store.readEvents(reviewId);
  return events.at(-1);
}

describe('the KPE pages', () => {
  it('list the KPEs with good practice in words, and show one KPE with its factors and evidence', async () => {
    const { client, kpes, reviewId } = await setUp('observer');
    const list = await client.get(kpes);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Home visit after the birth of a sibling');
    expect(list.body).toContain('Mixed');
    expect(list.body).toContain('2023-06-01 to 2023-06-30');
    expect(list.body).not.toContain('Duplicate of the nursery episode');
    const page = await client.get(`${kpes}/KPE-1`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="appraisal-heading"');
    expect(page.body).toContain('id="explanation-heading"');
    expect(page.body).toContain(`href="/reviews/${reviewId}/factors/CF-1"`);
    expect(page.body).toContain(`href="/reviews/${reviewId}/conversations/excerpts/EX-1"`);
    expect(page.body).toContain(`href="/reviews/${reviewId}/chronology/CH-1"`);
    // An observer is offered no change.
    expect(list.body).not.toContain('Add a KPE');
    expect(page.body).not.toContain('/KPE-1/edit');
    expect(page.body).not.toContain('/KPE-1/remove');
  });

  it('adds a KPE with the account as actor, appraisal and explanation kept apart', async () => {
    const { client, kpes, reviewId, ws, store } = await setUp();
    const form = await client.get(`${kpes}/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Appraisal: what happened, judged against what was expected');
    expect(form.body).toContain('Explanation: why it made sense at the time');
    const response = await client.post(kpes, { _csrf: csrfIn(form.body), ...filled });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/reviews/${reviewId}/kpes/KPE-4?saved=KPE-4`);
    const kpe = await showKpe(ws, reviewId, 'KPE-4');
    expect(kpe.appraisal).toEqual({
      rating: 'good',
      text: 'A prompt referral in line with procedures.',
      standard: 'Local procedures, section 4.2',
    });
    expect(kpe.explanation).toEqual({
      localRationality: 'Clear local guidance and a confident key worker.',
    });
    expect(kpe.period).toEqual({ from: '2023-06-02' });
    expect(kpe.agencyIds).toEqual(['AG-2']);
    expect(kpe.chronologyRefs).toEqual(['CH-2']);
    expect((await actorOfLast(store, reviewId))?.actor).toBe('priya.shah');
    const page = await client.get(response.headers.location as string);
    expect(page.body).toContain('KPE-4 saved');
    expect(page.body).toContain('Good practice');
  });

  it('refuses a KPE without a title or a readable day, naming the fields, with the store unchanged', async () => {
    const { client, kpes, reviewId, store } = await setUp();
    const before = await logPosition(store, reviewId);
    const response = await client.post(kpes, {
      _csrf: await client.csrfFor(`${kpes}/new`),
      ...filled,
      title: '',
      from: '31/02/2023',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('There is a problem');
    expect(response.body).toContain('href="#field-title"');
    expect(response.body).toContain('href="#field-from"');
    expect(response.body).toContain('id="title-error"');
    expect(response.body).toContain('id="from-error"');
    // What was typed is kept.
    expect(response.body).toContain('A prompt referral in line with procedures.');
    expect(await logPosition(store, reviewId)).toEqual(before);
  });

  it('refuses a rating-less appraisal at the rating field', async () => {
    const { client, kpes, reviewId, store } = await setUp();
    const before = await logPosition(store, reviewId);
    const response = await client.post(kpes, {
      _csrf: await client.csrfFor(`${kpes}/new`),
      ...filled,
      rating: '',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#field-rating"');
    expect(response.body).toMatch(/use one of good, mixed, problematic, unclear/);
    expect(await logPosition(store, reviewId)).toEqual(before);
  });

  it('edits a KPE from its form and clears what was emptied', async () => {
    const { client, kpes, reviewId, ws, store } = await setUp();
    const form = await client.get(`${kpes}/KPE-1/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('The visit happened but no follow-up was booked.');
    const version = /name="version" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    const response = await client.post(`${kpes}/KPE-1`, {
      _csrf: csrfIn(form.body),
      version,
      ...filled,
      title: 'Home visit, no follow-up booked',
      standard: '',
      explanation: '',
    });
    expect(response.statusCode).toBe(303);
    const kpe = await showKpe(ws, reviewId, 'KPE-1');
    expect(kpe.title).toBe('Home visit, no follow-up booked');
    expect(kpe.appraisal?.standard).toBeUndefined();
    expect(kpe.explanation).toBeUndefined();
    expect((await actorOfLast(store, reviewId))?.actor).toBe('priya.shah');
  });

  it('reads an id typed in the address in any case, and saves on its version', async () => {
    const { client, kpes, reviewId, ws } = await setUp();
    const form = await client.get(`${kpes}/kpe-01/edit`);
    expect(form.statusCode).toBe(200);
    const response = await client.post(`${kpes}/kpe-01`, {
      _csrf: csrfIn(form.body),
      version: /name="version" value="([^"]+)"/.exec(form.body)?.[1] ?? '',
      ...filled,
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/reviews/${reviewId}/kpes/KPE-1?saved=KPE-1`);
    expect((await showKpe(ws, reviewId, 'KPE-1')).title).toBe(filled.title);
  });

  it('shows both versions when someone saved first, keeping what was typed', async () => {
    const { client, kpes, reviewId, ws, store } = await setUp();
    const form = await client.get(`${kpes}/KPE-1/edit`);
    const version = /name="version" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    const { editKpe } = await import('../../src/app/kpes.ts');
    await editKpe(ws.as('dana.reid'), reviewId, 'KPE-1', { title: 'Their title for the visit' });
    const before = await logPosition(store, reviewId);
    const response = await client.post(`${kpes}/KPE-1`, {
      _csrf: csrfIn(form.body),
      version,
      ...filled,
      title: 'My title for the visit',
    });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('Their saved version');
    expect(response.body).toContain('Their title for the visit');
    expect(response.body).toContain('value="My title for the visit"');
    const newVersion = /name="version" value="([^"]+)"/.exec(response.body)?.[1];
    expect(newVersion).not.toBe(version);
    expect(await logPosition(store, reviewId)).toEqual(before);
    // Saving again from the conflict page, on the new version, goes through.
    const again = await client.post(`${kpes}/KPE-1`, {
      _csrf: csrfIn(response.body),
      version: newVersion ?? '',
      ...filled,
      title: 'My title for the visit',
    });
    expect(again.statusCode).toBe(303);
    expect((await showKpe(ws, reviewId, 'KPE-1')).title).toBe('My title for the visit');
  });

  it('shows the language check’s flagged sentence and rule beside the field after a save', async () => {
    const { client, kpes, reviewId } = await setUp();
    const response = await client.post(kpes, {
      _csrf: await client.csrfFor(`${kpes}/new`),
      ...filled,
      rating: 'problematic',
      appraisalText: 'Staff met the family. The health visitor failed to visit again.',
      explanation: 'It was obvious that the mother was struggling.',
    });
    expect(response.statusCode).toBe(303);
    const page = await client.get(response.headers.location as string);
    expect(page.body).toMatch(/saved; the language check flags 2 sentences/);
    expect(page.body).toContain('The health visitor failed to visit again.');
    expect(page.body).toContain('rule failed-to');
    const edit = await client.get(`/reviews/${reviewId}/kpes/KPE-4/edit`);
    const appraisal = edit.body.slice(
      edit.body.indexOf('for="field-appraisalText"'),
      edit.body.indexOf('id="field-appraisalText"'),
    );
    expect(appraisal).toContain('rule failed-to');
    const explanation = edit.body.slice(edit.body.indexOf('for="field-explanation"'));
    expect(explanation).toContain('It was obvious that the mother was struggling.');
    expect(explanation).not.toContain('rule failed-to');
  });

  it('removes a KPE for a reason; without one, names the reason field and changes nothing', async () => {
    const { client, kpes, reviewId, ws, store } = await setUp();
    const page = await client.get(`${kpes}/KPE-2`);
    const before = await logPosition(store, reviewId);
    const refused = await client.post(`${kpes}/KPE-2/remove`, {
      _csrf: csrfIn(page.body),
      reason: '',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#field-reason"');
    expect(await logPosition(store, reviewId)).toEqual(before);
    // KPE-2 has a factor linked: refused, naming it.
    const linked = await client.post(`${kpes}/KPE-2/remove`, {
      _csrf: csrfIn(page.body),
      reason: 'merged into KPE-1',
    });
    expect(linked.statusCode).toBe(400);
    expect(linked.body).toContain('CF-2');
    expect(await logPosition(store, reviewId)).toEqual(before);
    const added = await client.post(kpes, { _csrf: csrfIn(page.body), ...filled });
    const id = 'KPE-4';
    expect(added.statusCode).toBe(303);
    const removed = await client.post(`${kpes}/${id}/remove`, {
      _csrf: csrfIn(page.body),
      reason: 'entered in error',
    });
    expect(removed.statusCode).toBe(303);
    expect((await ws.load(reviewId)).kpes[id]).toBeUndefined();
    expect((await actorOfLast(store, reviewId))?.actor).toBe('priya.shah');
  });

  it('brings hostile text back escaped from every field', async () => {
    for (const [i, hostile] of HOSTILE.entries()) {
      const { client, kpes } = await setUp();
      const fields = {
        title: hostile,
        from: '2023-06-02',
        to: '',
        whatHappened: hostile,
        rating: 'good',
        standard: hostile,
        appraisalText: hostile,
        explanation: hostile,
      };
      const response = await client.post(kpes, {
        _csrf: await client.csrfFor(`${kpes}/new`),
        ...fields,
      });
      expect(response.statusCode).toBe(303);
      for (const url of [response.headers.location as string, kpes, `${kpes}/KPE-4/edit`]) {
        const page = await client.get(url);
        expect(page.body, url).not.toContain(hostile);
        expect(page.body, url).toContain(ESCAPED[i]);
      }
      // Refused, the typed text is re-rendered inert too, in every field including the day.
      const refused = await client.post(kpes, {
        _csrf: await client.csrfFor(`${kpes}/new`),
        ...fields,
        from: hostile,
        to: hostile,
        rating: hostile,
        agencyIds: hostile,
        chronologyRefs: hostile,
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).not.toContain(hostile);
      expect(refused.body).toContain(ESCAPED[i]);
      // The reason of a refused removal (KPE-2 has a factor linked) comes back inert too.
      const removal = await client.post(`${kpes}/KPE-2/remove`, {
        _csrf: await client.csrfFor(kpes),
        reason: hostile,
      });
      expect(removal.statusCode).toBe(400);
      expect(removal.body).not.toContain(hostile);
      expect(removal.body).toContain(ESCAPED[i]);
    }
  });
});

describe('roles that may not analyse', () => {
  for (const role of ['observer', 'board-member'] as const) {
    it(`${role}: 403 on the forms and on direct posts, store unchanged`, async () => {
      const { client, kpes, reviewId, store } = await setUp(role);
      expect((await client.get(kpes)).statusCode).toBe(200);
      expect((await client.get(`${kpes}/KPE-1`)).statusCode).toBe(200);
      expect((await client.get(`${kpes}/new`)).statusCode).toBe(403);
      expect((await client.get(`${kpes}/KPE-1/edit`)).statusCode).toBe(403);
      const csrf = await client.csrfFor(kpes);
      const before = await logPosition(store, reviewId);
      for (const [url, fields] of [
        [kpes, filled],
        [`${kpes}/KPE-1`, { ...filled, version: 'x' }],
        [`${kpes}/KPE-1/remove`, { reason: 'no' }],
      ] as const) {
        const response = await client.post(url, { _csrf: csrf, ...fields });
        expect(response.statusCode, url).toBe(403);
      }
      expect(await logPosition(store, reviewId)).toEqual(before);
    });
  }
});
