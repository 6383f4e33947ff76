// The review dashboard, settings and history pages through real HTTP handling (fastify.inject)
// over a real workspace: what each page shows a reader, each change made by a role that may
// (the store shows it, the account as actor), each refusal naming the field and the fix with
// the store unchanged, wrong roles refused, hostile text inert, and any page "as at" an
// earlier event read-only.
import { describe, expect, it } from 'vitest';
import { REVIEW_RECORD, recordVersion } from '../../src/app/edit-version.ts';
import { addResearchQuestion, updateReview } from '../../src/app/reviews.ts';
import type { Role } from '../../src/domain/roles.ts';
import { type Served, served, WebClient } from '../helpers/web.ts';
import { logPosition } from '../helpers/workspace.ts';

const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];
const ESCAPED = [
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;',
];

async function as(s: Served, name: string, role: Role): Promise<WebClient> {
  const password = await s.account(name, role);
  const client = new WebClient(s.app);
  await client.signIn(name, password);
  return client;
}

async function lastEvent(s: Served) {
  return (await s.store.readEvents(s.reviewId)).at(-1);
}

function expectEscaped(body: string, index: number) {
  expect(body).not.toContain(HOSTILE[index]);
  expect(body).toContain(ESCAPED[index]);
}

describe('the dashboard', () => {
  it('shows a reader the stage, each unmet gate with its fix as a link, the clocks, the next meeting and what the review holds', async () => {
    const s = await served();
    const reader = await as(s, 'sam.observer', 'observer');
    const page = await reader.get(`/reviews/${s.reviewId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Learning review: Child A</h1>');
    expect(page.body).toContain('Notification');
    expect(page.body).toMatch(/2 of 2 gates not met yet/);
    expect(page.body).toContain(`href="/reviews/${s.reviewId}/settings"`);
    expect(page.body).toMatch(/Record the key date/);
    expect(page.body).toContain('Next meeting');
    expect(page.body).toMatch(
      /<a href="\/reviews\/R-TEST01\/kpes">KPEs<\/a><\/th><td class="number">0/,
    );
    expect(page.body).toContain(`href="/reviews/${s.reviewId}/history"`);
    // An observer is shown no form to move the review.
    expect(page.body).not.toContain('/advance');
    expect(page.body).not.toContain('/reopen');
  });

  it('says in words when a clock is overdue', async () => {
    const s = await served();
    await updateReview(s.ws, s.reviewId, { keyDates: { 'became-aware': '2025-01-06' } });
    const reader = await as(s, 'sam.observer', 'observer');
    const page = await reader.get(`/reviews/${s.reviewId}`);
    expect(page.body).toMatch(/<li class="overdue"><span class="tag">Overdue<\/span>/);
  });

  it('refuses a move with unmet gates, naming each with its fix, and writes nothing', async () => {
    const s = await served();
    const lead = await as(s, 'amara.okafor', 'lead-reviewer');
    const before = await logPosition(s.store, s.reviewId);
    const url = `/reviews/${s.reviewId}`;
    const refused = await lead.post(`${url}/advance`, {
      _csrf: await lead.csrfFor(url),
      outcome: '',
      date: '',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('The review could not move on');
    expect(refused.body).toMatch(/<a href="\/reviews\/R-TEST01\/settings">Record the key date/);
    expect(refused.body).toContain('<a href="#gate-notification-recorded">');
    expect(await logPosition(s.store, s.reviewId)).toEqual(before);
  });

  it('moves the review on once its gates are met, and back with a reason, the account as actor', async () => {
    const s = await served();
    await updateReview(s.ws, s.reviewId, {
      keyDates: { 'became-aware': '2026-01-05', notification: '2026-01-08' },
    });
    const lead = await as(s, 'amara.okafor', 'lead-reviewer');
    const url = `/reviews/${s.reviewId}`;
    const moved = await lead.post(`${url}/advance`, { _csrf: await lead.csrfFor(url), date: '' });
    expect(moved.statusCode).toBe(303);
    expect(moved.headers.location).toBe(`${url}?moved=advanced`);
    expect(await lastEvent(s)).toMatchObject({
      type: 'workflow.advanced',
      actor: 'amara.okafor',
      payload: { from: 'notification', to: 'rapid-review' },
    });
    const after = await lead.get(`${url}?moved=advanced`);
    expect(after.body).toContain('The review moved on.');
    expect(after.body).toContain('Rapid review');

    // Reopening needs a stage and a reason; refused, the form keeps what was typed.
    const before = await logPosition(s.store, s.reviewId);
    const noReason = await lead.post(`${url}/reopen`, {
      _csrf: await lead.csrfFor(url),
      to: 'notification',
      reason: '',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('The review could not be reopened');
    expect(noReason.body).toContain('href="#field-reason"');
    expect(noReason.body).toMatch(/<option value="notification" selected>/);
    const badDate = await lead.post(`${url}/reopen`, {
      _csrf: await lead.csrfFor(url),
      to: 'notification',
      reason: HOSTILE[0] as string,
      date: 'the 40th of Smarch',
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('href="#field-reopen-date"');
    expectEscaped(badDate.body, 0);
    expect(await logPosition(s.store, s.reviewId)).toEqual(before);

    const reopened = await lead.post(`${url}/reopen`, {
      _csrf: await lead.csrfFor(url),
      to: 'notification',
      reason: 'The notification date was wrong',
      date: '',
    });
    expect(reopened.statusCode).toBe(303);
    expect(await lastEvent(s)).toMatchObject({
      type: 'workflow.reopened',
      actor: 'amara.okafor',
      payload: { to: 'notification', reason: 'The notification date was wrong' },
    });
  });

  it('offers the outcomes of a decision, and refuses a move without one', async () => {
    const s = await served();
    await s.ws.as('setup'); // the review is entered at the decision, already under way
    const { createReview } = await import('../../src/app/reviews.ts');
    await createReview(
      s.ws,
      { title: 'Decision review', kind: 'lcspr', startStage: 'decision', startedOn: '2026-01-02' },
      'R-DECIDE',
    );
    await updateReview(s.ws, 'R-DECIDE', { keyDates: { decision: '2026-01-09' } });
    await s.account('amara.okafor', 'lead-reviewer');
    const lead = new WebClient(s.app);
    await lead.signIn('amara.okafor', 'amara.okafor-correct-horse-battery');
    const page = await lead.get('/reviews/R-DECIDE');
    expect(page.body).toContain('Which way did the decision go?');
    expect(page.body).toMatch(/value="no-further-review"/);
    const before = await logPosition(s.store, 'R-DECIDE');
    const refused = await lead.post('/reviews/R-DECIDE/advance', {
      _csrf: await lead.csrfFor('/reviews/R-DECIDE'),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#field-outcome"');
    expect(await logPosition(s.store, 'R-DECIDE')).toEqual(before);
    const moved = await lead.post('/reviews/R-DECIDE/advance', {
      _csrf: await lead.csrfFor('/reviews/R-DECIDE'),
      outcome: 'lcspr',
      date: '2026-01-12',
    });
    expect(moved.statusCode).toBe(303);
    expect((await s.store.readEvents('R-DECIDE')).at(-1)).toMatchObject({
      type: 'workflow.advanced',
      payload: { outcome: 'lcspr', to: 'preparation', date: '2026-01-12' },
    });
  });

  it('refuses a move, a reopening and every settings change from a role that may not, writing nothing', async () => {
    const s = await served();
    await addResearchQuestion(s.ws, s.reviewId, 'How was neglect recognised?');
    for (const role of ['observer', 'board-member', 'review-team'] as const) {
      const client = await as(s, `someone.${role}`, role);
      const url = `/reviews/${s.reviewId}`;
      const csrf = await client.csrfFor(url);
      const before = await logPosition(s.store, s.reviewId);
      const version = await recordVersion(s.ws, s.reviewId, REVIEW_RECORD);
      for (const [path, fields] of [
        ['/advance', {}],
        ['/reopen', { to: 'notification', reason: 'Because' }],
        ['/settings', { title: 'Taken over', version }],
        ['/settings/questions', { text: 'Another question?' }],
        ['/settings/questions/RQ-1', { text: 'Reworded?', version: 'x' }],
        ['/settings/questions/RQ-1/remove', { reason: 'Gone', version: 'x' }],
      ] as const) {
        const response = await client.post(`${url}${path}`, { _csrf: csrf, ...fields });
        expect(response.statusCode, `${role} ${path}`).toBe(403);
      }
      const settings = await client.get(`${url}/settings`);
      expect(settings.statusCode).toBe(200);
      expect(settings.body).not.toContain('Save the settings');
      expect(settings.body).toContain('How was neglect recognised?');
      expect(await logPosition(s.store, s.reviewId)).toEqual(before);
    }
  });
});

describe('the settings', () => {
  it('saves the title, subject and key dates based on the version shown, the account as actor', async () => {
    const s = await served();
    const lead = await as(s, 'amara.okafor', 'lead-reviewer');
    const url = `/reviews/${s.reviewId}/settings`;
    const form = await lead.get(url);
    expect(form.body).toContain('id="field-keyDate-notification"');
    const version = await recordVersion(s.ws, s.reviewId, REVIEW_RECORD);
    expect(form.body).toContain(`name="version" value="${version}"`);
    const saved = await lead.post(url, {
      _csrf: await lead.csrfFor(url),
      version,
      title: 'Learning review: Child B',
      subjectLabel: 'Child B',
      'keyDate-notification': '2026-01-08',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${url}?saved=settings`);
    expect(await lastEvent(s)).toMatchObject({
      type: 'review.updated',
      actor: 'amara.okafor',
      payload: {
        changes: {
          title: 'Learning review: Child B',
          subjectLabel: 'Child B',
          keyDates: { notification: '2026-01-08' },
        },
      },
    });
    expect((await lead.get(`${url}?saved=settings`)).body).toContain('The settings were saved.');
  });

  it('refuses a bad key date naming its field, keeping what was typed, with the store unchanged', async () => {
    const s = await served();
    const lead = await as(s, 'amara.okafor', 'lead-reviewer');
    const url = `/reviews/${s.reviewId}/settings`;
    const before = await logPosition(s.store, s.reviewId);
    const refused = await lead.post(url, {
      _csrf: await lead.csrfFor(url),
      version: await recordVersion(s.ws, s.reviewId, REVIEW_RECORD),
      title: 'Learning review: Child A',
      'keyDate-decision': '31/02/2026',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#field-keyDate-decision"');
    expect(refused.body).toContain('id="keyDate-decision-error"');
    expect(refused.body).toContain('value="31/02/2026"');
    expect(await logPosition(s.store, s.reviewId)).toEqual(before);
  });

  it('shows both versions when someone else saved first, keeping yours, with the store unchanged', async () => {
    const s = await served();
    const lead = await as(s, 'amara.okafor', 'lead-reviewer');
    const url = `/reviews/${s.reviewId}/settings`;
    const version = await recordVersion(s.ws, s.reviewId, REVIEW_RECORD);
    const csrf = await lead.csrfFor(url);
    await updateReview(s.ws.as('jo.other'), s.reviewId, { title: 'Their title for Child A' });
    const before = await logPosition(s.store, s.reviewId);
    const conflict = await lead.post(url, { _csrf: csrf, version, title: 'My title for Child A' });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.body).toContain('Saved by someone else while you were editing');
    expect(conflict.body).toContain('<dd>Their title for Child A</dd>');
    expect(conflict.body).toContain('value="My title for Child A"');
    const now = await recordVersion(s.ws, s.reviewId, REVIEW_RECORD);
    expect(conflict.body).toContain(`name="version" value="${now}"`);
    expect(await logPosition(s.store, s.reviewId)).toEqual(before);
  });

  it('adds, rewords and removes research questions, refusing a reworded one someone changed first', async () => {
    const s = await served();
    const lead = await as(s, 'amara.okafor', 'lead-reviewer');
    const url = `/reviews/${s.reviewId}/settings`;
    const added = await lead.post(`${url}/questions`, {
      _csrf: await lead.csrfFor(url),
      text: 'How did agencies share concerns?',
    });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`${url}?saved=RQ-1`);
    expect(await lastEvent(s)).toMatchObject({
      type: 'review.question-added',
      actor: 'amara.okafor',
    });

    const empty = await lead.post(`${url}/questions`, { _csrf: await lead.csrfFor(url), text: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('The question could not be added');

    const version = await recordVersion(s.ws, s.reviewId, 'RQ-1');
    const reworded = await lead.post(`${url}/questions/RQ-1`, {
      _csrf: await lead.csrfFor(url),
      version,
      text: 'How did agencies share concerns about neglect?',
    });
    expect(reworded.statusCode).toBe(303);
    expect((await s.ws.load(s.reviewId)).researchQuestions['RQ-1']?.text).toBe(
      'How did agencies share concerns about neglect?',
    );

    const before = await logPosition(s.store, s.reviewId);
    const stale = await lead.post(`${url}/questions/RQ-1`, {
      _csrf: await lead.csrfFor(url),
      version,
      text: 'My older wording?',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain(
      'Saved by someone else meanwhile: “How did agencies share concerns about neglect?”',
    );
    expect(stale.body).toContain('My older wording?');
    expect(await logPosition(s.store, s.reviewId)).toEqual(before);

    const removed = await lead.post(`${url}/questions/RQ-1/remove`, {
      _csrf: await lead.csrfFor(url),
      version: await recordVersion(s.ws, s.reviewId, 'RQ-1'),
      reason: 'Folded into the terms of reference',
    });
    expect(removed.statusCode).toBe(303);
    expect(await lastEvent(s)).toMatchObject({
      type: 'review.question-removed',
      actor: 'amara.okafor',
      payload: { id: 'RQ-1', reason: 'Folded into the terms of reference' },
    });
  });

  it('renders hostile text typed into every field inert, on the settings, the dashboard and the history', async () => {
    for (const [index, text] of HOSTILE.entries()) {
      const s = await served();
      const lead = await as(s, 'amara.okafor', 'lead-reviewer');
      const url = `/reviews/${s.reviewId}/settings`;
      const saved = await lead.post(url, {
        _csrf: await lead.csrfFor(url),
        version: await recordVersion(s.ws, s.reviewId, REVIEW_RECORD),
        title: text,
        subjectLabel: `${text} B`,
      });
      expect(saved.statusCode).toBe(303);
      await lead.post(`${url}/questions`, { _csrf: await lead.csrfFor(url), text });
      // A rewording based on an old version comes back beside the saved one, escaped.
      const stale = await lead.post(`${url}/questions/RQ-1`, {
        _csrf: await lead.csrfFor(url),
        version: 'an-old-version',
        text: `${text} reworded`,
      });
      expect(stale.statusCode).toBe(409);
      expectEscaped(stale.body, index);
      const refusedDate = await lead.post(url, {
        _csrf: await lead.csrfFor(url),
        version: await recordVersion(s.ws, s.reviewId, REVIEW_RECORD),
        title: `${text} again`,
        'keyDate-decision': text,
      });
      expect(refusedDate.statusCode).toBe(400);
      for (const body of [
        refusedDate.body,
        (await lead.get(url)).body,
        (await lead.get(`/reviews/${s.reviewId}`)).body,
        (await lead.get(`/reviews/${s.reviewId}/history`)).body,
      ]) {
        expectEscaped(body, index);
      }
    }
  });
});

describe('the history', () => {
  it('lists the events newest first with who and when (UK time), a page of 50 at a time, each opening the review as it was', async () => {
    const s = await served();
    for (let i = 1; i <= 55; i++) {
      await s.ws
        .as('jo.analyst')
        .run(s.reviewId, () => [
          { type: 'review.question-added', payload: { id: `RQ-${i}`, text: `Question ${i}?` } },
        ]);
    }
    const reader = await as(s, 'sam.observer', 'observer');
    const url = `/reviews/${s.reviewId}/history`;
    const first = await reader.get(url);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('56 events, newest first');
    expect(first.body).toContain('Events 7 to 56 (page 1 of 2)');
    const rows = [...first.body.matchAll(/<tr id="event-(\d+)">/g)].map((m) => Number(m[1]));
    expect(rows).toHaveLength(50);
    expect(rows[0]).toBe(56);
    expect(rows[49]).toBe(7);
    expect(first.body).toContain('jo.analyst');
    expect(first.body).toContain('Research question added');
    expect(first.body).toContain(`href="/reviews/${s.reviewId}?at&#x3D;55"`);
    const event = (await s.store.readEvents(s.reviewId))[55];
    const uk = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(new Date(event?.at ?? ''));
    expect(first.body).toContain(`<time datetime="${event?.at}">${uk}</time>`);
    expect(first.body).toContain(`href="${url}?page&#x3D;2" rel="next"`);
    const second = await reader.get(`${url}?page=2`);
    const older = [...second.body.matchAll(/<tr id="event-(\d+)">/g)].map((m) => Number(m[1]));
    expect(older).toEqual([6, 5, 4, 3, 2, 1]);
    expect(second.body).toContain('Review started');
  });

  it('words an edit with each field it changed, old and new', async () => {
    const s = await served();
    await updateReview(s.ws.as('amara.okafor'), s.reviewId, { title: 'Learning review: Child C' });
    const reader = await as(s, 'sam.observer', 'observer');
    const page = await reader.get(`/reviews/${s.reviewId}/history`);
    expect(page.body).toContain('Review settings changed');
    expect(page.body).toContain('title: Learning review: Child A → Learning review: Child C');
  });
});

describe('a review as at an earlier event', () => {
  it('shows every page as it was, read-only, with a banner back to now', async () => {
    const s = await served();
    await addResearchQuestion(s.ws, s.reviewId, 'How was neglect recognised?');
    const at = (await s.ws.load(s.reviewId)).seq;
    await updateReview(s.ws.as('jo.other'), s.reviewId, { title: 'Learning review: Child Z' });
    await addResearchQuestion(s.ws, s.reviewId, 'A later question?');
    const lead = await as(s, 'amara.okafor', 'lead-reviewer');
    const url = `/reviews/${s.reviewId}`;
    const now = await lead.get(url);
    expect(now.body).toContain('<h1>Learning review: Child Z</h1>');

    const then = await lead.get(`${url}?at=${at}`);
    expect(then.statusCode).toBe(200);
    expect(then.body).toContain(`<title>Learning review: Child A (as at event ${at}) ·`);
    expect(then.body).toContain('<h1>Learning review: Child A</h1>');
    expect(then.body).toMatch(new RegExp(`as it was after event ${at} on .+ by Test Reviewer`));
    expect(then.body).toContain(`<a href="${url}">Back to now</a>`);
    expect(then.body).not.toContain('/advance');
    // The review's navigation stays as at the event (Handlebars writes = as &#x3D;).
    expect(then.body).toContain(`href="${url}/history?at&#x3D;${at}"`);

    const settings = await lead.get(`${url}/settings?at=${at}`);
    expect(settings.body).toContain('<dd>Learning review: Child A</dd>');
    expect(settings.body).toContain('How was neglect recognised?');
    expect(settings.body).not.toContain('A later question?');
    expect(settings.body).not.toContain('Save the settings');
    expect(settings.body).toContain(`<a href="${url}/settings">Back to now</a>`);

    const history = await lead.get(`${url}/history?at=${at}`);
    expect(history.body).toContain(`${at} events, newest first`);
  });

  it('refuses every change made as at an earlier event, with the store unchanged', async () => {
    const s = await served();
    await updateReview(s.ws, s.reviewId, {
      keyDates: { 'became-aware': '2026-01-05', notification: '2026-01-08' },
    });
    const lead = await as(s, 'amara.okafor', 'lead-reviewer');
    const url = `/reviews/${s.reviewId}`;
    const csrf = await lead.csrfFor(url);
    const before = await logPosition(s.store, s.reviewId);
    for (const [path, fields] of [
      ['/advance', {}],
      [
        '/settings',
        { title: 'Changed', version: await recordVersion(s.ws, s.reviewId, REVIEW_RECORD) },
      ],
      ['/settings/questions', { text: 'A question?' }],
    ] as const) {
      const response = await lead.post(`${url}${path}?at=1`, { _csrf: csrf, ...fields });
      expect(response.statusCode, path).toBe(400);
      expect(response.body).toContain('as it was after event 1, which cannot be changed');
    }
    expect(await logPosition(s.store, s.reviewId)).toEqual(before);
  });

  it('refuses an event the review has not reached, and one that is no number', async () => {
    const s = await served();
    const reader = await as(s, 'sam.observer', 'observer');
    const beyond = await reader.get(`/reviews/${s.reviewId}?at=999`);
    expect(beyond.statusCode).toBe(400);
    expect(beyond.body).toContain('there is no event 999');
    const junk = await reader.get(
      `/reviews/${s.reviewId}?at=${encodeURIComponent(HOSTILE[1] as string)}`,
    );
    expect(junk.statusCode).toBe(400);
    expect(junk.body).not.toContain(HOSTILE[1]);
  });
});
