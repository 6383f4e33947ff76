// The finding pages through real HTTP handling (fastify.inject) over a real SQLite workspace with
// a filled review: listed in ranked order, added with the model's sections, supporting factors
// and Issues for the Board, edited based on a version, removed; factors linked and unlinked;
// Issues for the Board added, reworded and removed — each change with the signed-in account as
// actor; refusals name the field and leave the store unchanged; hostile text comes back inert;
// roles that may not analyse get 403 on the forms and on direct posts.
import { describe, expect, it } from 'vitest';
import { showFinding } from '../../src/app/findings.ts';
import { served, WebClient } from '../helpers/web.ts';
import { buildSampleReview, logPosition } from '../helpers/workspace.ts';

const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];
const ESCAPED = [
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;',
];
const BAD = HOSTILE.join(' ');

async function setUp() {
  const s = await served();
  await buildSampleReview(s.ws, s.reviewId);
  const lead = new WebClient(s.app);
  await lead.signIn('amara.okafor', await s.account('amara.okafor', 'lead-reviewer', s.reviewId));
  const base = `/reviews/${s.reviewId}/findings`;
  return { ...s, lead, base };
}

function expectInert(body: string) {
  for (const raw of HOSTILE) expect(body).not.toContain(raw);
  for (const escaped of ESCAPED) expect(body).toContain(escaped);
}

const versionIn = (html: string) => /name="version" value="([0-9a-f]+)"/.exec(html)?.[1] as string;

describe('the findings pages', () => {
  it('list the findings ranked, and show one with its sections, factors and Issues for the Board, to a reader', async () => {
    const { app, account, reviewId, base } = await setUp();
    const reader = new WebClient(app);
    await reader.signIn('bo.board', await account('bo.board', 'board-member', reviewId));
    const list = await reader.get(base);
    expect(list.statusCode).toBe(200);
    // F-2 is ranked 1, so it comes first.
    expect(list.body.indexOf(`${base}/F-2"`)).toBeLessThan(list.body.indexOf(`${base}/F-1"`));
    expect(list.body).toContain(`href="${base}/board-issues/BI-1"`);
    expect(list.body).not.toContain('Add a finding');
    const one = await reader.get(`${base}/F-2`);
    expect(one.statusCode).toBe(200);
    expect(one.body).toContain('How did the issue feature in this particular case?');
    expect(one.body).toContain('Nursery did not know.');
    expect(one.body).toContain(`href="/reviews/${reviewId}/factors/CF-2"`);
    expect(one.body).toContain('How will agencies share concerns about bruising?');
    expect(one.body).not.toContain('Remove F-2');
    const bi = await reader.get(`${base}/board-issues/BI-2`);
    expect(bi.statusCode).toBe(200);
    expect(bi.body).toContain(`href="${base}/F-2"`);
  });
});

describe('adding a finding', () => {
  it('records it with its category, sections, supporting factors and questions, by the account', async () => {
    const { lead, base, ws, reviewId } = await setUp();
    const form = await lead.get(`${base}/new?factor=CF-1`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('id="factor-CF-1" name="factorIds" value="CF-1" checked');
    const posted = await lead.post(base, {
      _csrf: await lead.csrfFor(`${base}/new`),
      statement: 'Handovers between teams lose the history of concerns.',
      category: 'multi-agency-assessment-and-longer-term-work',
      rank: '2',
      'section-introduction': 'Handovers recur across the case.',
      'section-why-it-matters': 'History lost at handover hides a pattern.',
      questions: 'How does the Board know handovers carry history?\n\nWho audits handovers?',
    });
    expect(posted.statusCode, posted.body).toBe(303);
    expect(posted.headers.location).toBe(`${base}/F-3?saved=F-3`);
    const { finding } = await showFinding(ws, reviewId, 'F-3');
    expect(finding).toMatchObject({
      category: 'multi-agency-assessment-and-longer-term-work',
      rank: 2,
      sections: {
        introduction: 'Handovers recur across the case.',
        'why-it-matters': 'History lost at handover hides a pattern.',
      },
      boardIssues: [
        { id: 'BI-3', question: 'How does the Board know handovers carry history?' },
        { id: 'BI-4', question: 'Who audits handovers?' },
      ],
    });
    expect((await ws.log(reviewId)).at(-1)?.actor).toBe('amara.okafor');
  });

  it('records the factor ticked', async () => {
    const { lead, base, ws, reviewId } = await setUp();
    const ticked = await lead.post(base, {
      _csrf: await lead.csrfFor(`${base}/new`),
      statement: 'Caseloads crowd out follow-up, again.',
      category: 'human-management-system-operation',
      factorIds: 'CF-2',
    });
    expect(ticked.statusCode).toBe(303);
    expect((await showFinding(ws, reviewId, 'F-3')).finding.factorIds).toEqual(['CF-2']);
  });

  it('refuses an empty statement, an unknown category and a rank that is not a number, by field, with nothing written', async () => {
    const { lead, base, store, reviewId } = await setUp();
    const before = await logPosition(store, reviewId);
    const refused = await lead.post(base, {
      _csrf: await lead.csrfFor(`${base}/new`),
      statement: '',
      category: 'weather',
      rank: 'first',
      'section-introduction': 'Kept as typed',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#field-statement"');
    expect(refused.body).toContain('href="#field-rank"');
    expect(refused.body).toContain('Kept as typed');
    expect(await logPosition(store, reviewId)).toEqual(before);
    const category = await lead.post(base, {
      _csrf: await lead.csrfFor(`${base}/new`),
      statement: 'A pattern',
      category: 'weather',
      factorIds: 'CF-9',
    });
    expect(category.statusCode).toBe(400);
    expect(category.body).toContain('href="#field-category"');
    expect(category.body).toContain('is not a category of typology');
    expect(category.body).toContain('href="#field-factorIds"');
    expect(await logPosition(store, reviewId)).toEqual(before);
  });

  it('shows hostile text typed into every field inert, refused and saved', async () => {
    const { lead, base, reviewId } = await setUp();
    const csrf = await lead.csrfFor(`${base}/new`);
    const fields = {
      _csrf: csrf,
      statement: BAD,
      rank: BAD,
      questions: BAD,
      'section-introduction': BAD,
      'section-how-it-featured': BAD,
    };
    const refused = await lead.post(base, { ...fields, category: BAD });
    expect(refused.statusCode).toBe(400);
    expectInert(refused.body);
    const saved = await lead.post(base, {
      ...fields,
      rank: '',
      category: 'human-management-system-operation',
    });
    expect(saved.statusCode).toBe(303);
    const page = await lead.get(String(saved.headers.location));
    expectInert(page.body);
    expectInert((await lead.get(base)).body);
    expectInert((await lead.get(`${base}/board-issues/BI-3`)).body);
    expectInert((await lead.get(`${base}/board-issues/BI-3/edit`)).body);
    const question = await lead.post(`${base}/F-3/board-issues`, { _csrf: csrf, question: BAD });
    expect(question.statusCode).toBe(303);
    const removal = await lead.post(`${base}/board-issues/BI-4/remove`, {
      _csrf: csrf,
      reason: '',
    });
    expect(removal.statusCode).toBe(400);
    expectInert(removal.body);
    const factorsPage = await lead.get(`/reviews/${reviewId}/factors`);
    expect(factorsPage.body).not.toContain(HOSTILE[0]);
  });
});

describe('editing a finding', () => {
  it('saves the statement, category, rank and sections based on the version shown; a blank section is cleared', async () => {
    const { lead, base, ws, reviewId } = await setUp();
    const form = await lead.get(`${base}/F-2/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Nursery did not know.');
    const saved = await lead.post(`${base}/F-2`, {
      _csrf: await lead.csrfFor(`${base}/F-2/edit`),
      version: versionIn(form.body),
      statement: 'Concerns held by one agency stay with it.',
      category: 'multi-agency-assessment-and-longer-term-work',
      rank: '',
      'section-how-it-featured': '',
      'section-not-peculiar': 'The case group said it happens weekly.',
    });
    expect(saved.statusCode, saved.body).toBe(303);
    const { finding } = await showFinding(ws, reviewId, 'F-2');
    expect(finding.statement).toBe('Concerns held by one agency stay with it.');
    expect(finding.rank).toBeUndefined();
    expect(finding.sections).toEqual({ 'not-peculiar': 'The case group said it happens weekly.' });
    expect((await ws.log(reviewId)).at(-1)).toMatchObject({
      type: 'finding.edited',
      actor: 'amara.okafor',
    });
  });

  it('when someone saved first, shows both versions with 409 and writes nothing', async () => {
    const { lead, base, store, reviewId, app, account } = await setUp();
    const version = versionIn((await lead.get(`${base}/F-1/edit`)).body);
    const other = new WebClient(app);
    await other.signIn('lee.team', await account('lee.team', 'review-team', reviewId));
    const first = await other.post(`${base}/F-1`, {
      _csrf: await other.csrfFor(`${base}/F-1/edit`),
      version,
      statement: 'Their statement of the pattern.',
      category: 'human-management-system-operation',
    });
    expect(first.statusCode).toBe(303);
    const before = await logPosition(store, reviewId);
    const mine = await lead.post(`${base}/F-1`, {
      _csrf: await lead.csrfFor(`${base}/F-1/edit`),
      version,
      statement: 'My statement of the pattern.',
      category: 'human-management-system-operation',
    });
    expect(mine.statusCode).toBe(409);
    expect(mine.body).toContain('Their statement of the pattern.');
    expect(mine.body).toContain('My statement of the pattern.');
    expect(versionIn(mine.body)).not.toBe(version);
    expect(await logPosition(store, reviewId)).toEqual(before);
  });
});

describe('supporting factors and removal', () => {
  it('links and unlinks supporting factors, and removes a finding for a reason', async () => {
    const { lead, base, ws, reviewId } = await setUp();
    const csrf = await lead.csrfFor(`${base}/F-1`);
    const none = await lead.post(`${base}/F-1/factors`, { _csrf: csrf });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('href="#field-factorIds"');
    const linked = await lead.post(`${base}/F-1/factors`, { _csrf: csrf, factorIds: 'CF-2' });
    expect(linked.statusCode).toBe(303);
    expect((await showFinding(ws, reviewId, 'F-1')).finding.factorIds).toEqual(['CF-1', 'CF-2']);
    const unlinked = await lead.post(`${base}/F-1/factors/CF-1/remove`, { _csrf: csrf });
    expect(unlinked.statusCode).toBe(303);
    expect((await showFinding(ws, reviewId, 'F-1')).finding.factorIds).toEqual(['CF-2']);
    expect((await ws.log(reviewId)).at(-1)).toMatchObject({
      type: 'finding.factor-unlinked',
      actor: 'amara.okafor',
    });
    const removed = await lead.post(`${base}/F-1/remove`, { _csrf: csrf, reason: 'Merged' });
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe(`${base}?removed=F-1`);
    expect((await ws.load(reviewId)).findings['F-1']).toBeUndefined();
  });
});

describe('Issues for the Board', () => {
  it('are added on the finding’s page, reworded on a version, and removed, each by the account', async () => {
    const { lead, base, ws, reviewId, store } = await setUp();
    const csrf = await lead.csrfFor(`${base}/F-2`);
    const empty = await lead.post(`${base}/F-2/board-issues`, { _csrf: csrf, question: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#field-question"');
    const added = await lead.post(`${base}/F-2/board-issues`, {
      _csrf: csrf,
      question: 'Who checks that referrals are acknowledged?',
    });
    expect(added.statusCode).toBe(303);
    expect((await showFinding(ws, reviewId, 'F-2')).finding.boardIssues.at(-1)).toEqual({
      id: 'BI-3',
      question: 'Who checks that referrals are acknowledged?',
    });
    const form = await lead.get(`${base}/board-issues/BI-3/edit`);
    const version = versionIn(form.body);
    const saved = await lead.post(`${base}/board-issues/BI-3`, {
      _csrf: csrf,
      version,
      question: 'How does the Board know referrals are acknowledged?',
    });
    expect(saved.statusCode).toBe(303);
    expect((await ws.log(reviewId)).at(-1)).toMatchObject({
      type: 'finding.board-issue-edited',
      actor: 'amara.okafor',
    });
    // The old version is now stale: a second save from the same form shows both.
    const before = await logPosition(store, reviewId);
    const stale = await lead.post(`${base}/board-issues/BI-3`, {
      _csrf: csrf,
      version,
      question: 'My rewording',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('How does the Board know referrals are acknowledged?');
    expect(stale.body).toContain('My rewording');
    expect(await logPosition(store, reviewId)).toEqual(before);
    const removed = await lead.post(`${base}/board-issues/BI-3/remove`, {
      _csrf: csrf,
      reason: 'Asks what BI-2 asks',
    });
    expect(removed.statusCode).toBe(303);
    expect((await showFinding(ws, reviewId, 'F-2')).finding.boardIssues.map((b) => b.id)).toEqual([
      'BI-2',
    ]);
  });
});

describe('a role that may not analyse', () => {
  for (const role of ['observer', 'board-member'] as const) {
    it(`(${role}) gets 403 on every form and every change, and nothing is written`, async () => {
      const { app, account, reviewId, store, base } = await setUp();
      const client = new WebClient(app);
      await client.signIn(`pat.${role}`, await account(`pat.${role}`, role, reviewId));
      for (const url of [`${base}/new`, `${base}/F-2/edit`, `${base}/board-issues/BI-2/edit`]) {
        expect((await client.get(url)).statusCode, url).toBe(403);
      }
      const before = await logPosition(store, reviewId);
      const _csrf = await client.csrfFor(base);
      const posts: [string, Record<string, string>][] = [
        [base, { statement: 'A pattern', category: 'human-management-system-operation' }],
        [`${base}/F-2`, { statement: 'Reworded', category: 'human-management-system-operation' }],
        [`${base}/F-2/remove`, { reason: 'No longer needed' }],
        [`${base}/F-1/factors`, { factorIds: 'CF-2' }],
        [`${base}/F-2/factors/CF-1/remove`, {}],
        [`${base}/F-2/board-issues`, { question: 'Who decides?' }],
        [`${base}/board-issues/BI-2`, { question: 'Reworded?', version: 'x' }],
        [`${base}/board-issues/BI-2/remove`, { reason: 'Not needed' }],
      ];
      for (const [url, fields] of posts) {
        expect((await client.post(url, { _csrf, ...fields })).statusCode, url).toBe(403);
      }
      expect(await logPosition(store, reviewId)).toEqual(before);
    });
  }
});
