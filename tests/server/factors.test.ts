// The contributory-factor pages through real HTTP handling (fastify.inject) over a real SQLite
// workspace with a filled review: listed by the model's heads, added, edited based on a version,
// removed, linked to KPEs with evidence and unlinked — each change with the signed-in account as
// actor; refusals name the field and the fix and leave the store unchanged; hostile text comes
// back inert; roles that may not analyse get 403 on the forms and on direct posts.
import { describe, expect, it } from 'vitest';
import { removeFactor, showFactor } from '../../src/app/factors.ts';
import { factorHeads } from '../../src/model/lookups.ts';
import { served, WebClient } from '../helpers/web.ts';
import { buildSampleReview, logPosition } from '../helpers/workspace.ts';

const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];
const ESCAPED = [
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;',
];

async function setUp() {
  const s = await served();
  await buildSampleReview(s.ws, s.reviewId);
  const lead = new WebClient(s.app);
  await lead.signIn('amara.okafor', await s.account('amara.okafor', 'lead-reviewer', s.reviewId));
  const base = `/reviews/${s.reviewId}/factors`;
  return { ...s, lead, base };
}

function expectInert(body: string) {
  for (const raw of HOSTILE) expect(body).not.toContain(raw);
  for (const escaped of ESCAPED) expect(body).toContain(escaped);
}

describe('the factors page', () => {
  it('lists the factors under every head of the review’s model, each linked to its KPEs and findings', async () => {
    const { app, account, reviewId, ws, base, lead } = await setUp();
    const observer = new WebClient(app);
    await observer.signIn('sam.observer', await account('sam.observer', 'observer', reviewId));
    const page = await observer.get(base);
    expect(page.statusCode).toBe(200);
    const model = ws.modelOf(await ws.load(reviewId));
    for (const head of factorHeads(model)) expect(page.body).toContain(`id="head-${head.id}"`);
    // The level "Other" has one head "Other": one heading says it, not two.
    expect(page.body.match(/<h[23][^>]*>Other<\/h[23]>/g)).toEqual([
      '<h2 id="level-other">Other</h2>',
    ]);
    const form = (await lead.get(`${base}/new`)).body;
    expect(form).toContain('<option value="other">Other</option>');
    expect(form).not.toContain('Other: Other');
    expect(page.body).toContain(`href="/reviews/${reviewId}/factors/CF-1"`);
    expect(page.body).toContain(`href="/reviews/${reviewId}/kpes/KPE-1"`);
    expect(page.body).toContain(`href="/reviews/${reviewId}/findings/F-2"`);
    // An observer reads; it is offered no change.
    expect(page.body).not.toContain('Add a contributory factor');
    const one = await observer.get(`${base}/CF-1`);
    expect(one.statusCode).toBe(200);
    expect(one.body).toContain(`href="/reviews/${reviewId}/conversations/excerpts/EX-1"`);
    expect(one.body).toContain(`href="/reviews/${reviewId}/chronology/CH-1"`);
    expect(one.body).not.toContain('Remove CF-1');
  });
});

describe('adding a factor', () => {
  it('records it under the head chosen, with the account as actor, and shows it', async () => {
    const { lead, base, ws, reviewId } = await setUp();
    const form = await lead.get(`${base}/new?head=conditions-of-work`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<option value="conditions-of-work" selected>');
    const posted = await lead.post(base, {
      _csrf: await lead.csrfFor(`${base}/new`),
      head: 'conditions-of-work',
      text: 'Health visiting caseloads above the local ceiling',
      scope: 'generic',
    });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe(`${base}/CF-4?saved=CF-4`);
    const factor = await showFactor(ws, reviewId, 'CF-4');
    expect(factor).toMatchObject({ head: 'conditions-of-work', scope: 'generic' });
    expect((await ws.log(reviewId)).at(-1)?.actor).toBe('amara.okafor');
    const page = await lead.get(String(posted.headers.location));
    expect(page.body).toContain('Health visiting caseloads above the local ceiling');
    expect(page.body).toContain('CF-4 saved.');
  });

  it('refuses an empty text and an unknown head, naming each field and the fix, with nothing written', async () => {
    const { lead, base, store, reviewId } = await setUp();
    const before = await logPosition(store, reviewId);
    const posted = await lead.post(base, {
      _csrf: await lead.csrfFor(`${base}/new`),
      head: 'the-weather',
      text: '',
      scope: 'case-specific',
    });
    expect(posted.statusCode).toBe(400);
    expect(posted.body).toContain('href="#field-text"');
    expect(posted.body).toMatch(/the factor/);
    expect(await logPosition(store, reviewId)).toEqual(before);
    const unknownHead = await lead.post(base, {
      _csrf: await lead.csrfFor(`${base}/new`),
      head: 'the-weather',
      text: 'Snow closed the roads',
      scope: 'case-specific',
    });
    expect(unknownHead.statusCode).toBe(400);
    expect(unknownHead.body).toContain('href="#field-head"');
    expect(unknownHead.body).toContain('is not a factor head');
    expect(unknownHead.body).toContain('use one of family');
    // What was typed is kept.
    expect(unknownHead.body).toContain('Snow closed the roads');
    expect(await logPosition(store, reviewId)).toEqual(before);
  });

  it('shows hostile text typed into every field inert, on the refusal and on the saved pages', async () => {
    const { lead, base } = await setUp();
    const csrf = await lead.csrfFor(`${base}/new`);
    const refused = await lead.post(base, {
      _csrf: csrf,
      head: HOSTILE.join(''),
      text: HOSTILE.join(' '),
      scope: HOSTILE.join(''),
    });
    expect(refused.statusCode).toBe(400);
    expectInert(refused.body);
    const saved = await lead.post(base, { _csrf: csrf, head: 'family', text: HOSTILE.join(' ') });
    expect(saved.statusCode).toBe(303);
    expectInert((await lead.get(String(saved.headers.location))).body);
    expectInert((await lead.get(base)).body);
    const link = await lead.post(`${base}/CF-4/links`, {
      _csrf: csrf,
      kpeId: HOSTILE.join(''),
      evidence: HOSTILE.join(' '),
    });
    expect(link.statusCode).toBe(400);
    expect(link.body).not.toContain(HOSTILE[0]);
    expect(link.body).not.toContain('<img src=x');
  });
});

describe('editing a factor', () => {
  it('saves based on the version the form showed, with the account as actor', async () => {
    const { lead, base, ws, reviewId } = await setUp();
    const form = await lead.get(`${base}/CF-2/edit`);
    expect(form.statusCode).toBe(200);
    const version = /name="version" value="([0-9a-f]+)"/.exec(form.body)?.[1] as string;
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    const saved = await lead.post(`${base}/CF-2`, {
      _csrf: await lead.csrfFor(`${base}/CF-2/edit`),
      version,
      head: 'own-team',
      text: 'No shared record of concerns between the teams',
      scope: 'generic',
    });
    expect(saved.statusCode).toBe(303);
    expect(await showFactor(ws, reviewId, 'CF-2')).toMatchObject({
      head: 'own-team',
      text: 'No shared record of concerns between the teams',
      scope: 'generic',
    });
    const last = (await ws.log(reviewId)).at(-1);
    expect(last?.type).toBe('factor.edited');
    expect(last?.actor).toBe('amara.okafor');
  });

  it('when someone saved first, shows both versions with 409, keeps what was typed, and writes nothing', async () => {
    const { lead, base, store, reviewId, app, account } = await setUp();
    const form = await lead.get(`${base}/CF-2/edit`);
    const version = /name="version" value="([0-9a-f]+)"/.exec(form.body)?.[1] as string;
    const other = new WebClient(app);
    await other.signIn('lee.team', await account('lee.team', 'review-team', reviewId));
    const first = await other.post(`${base}/CF-2`, {
      _csrf: await other.csrfFor(`${base}/CF-2/edit`),
      version,
      head: 'inter-agency-team',
      text: 'Their wording of the factor',
      scope: 'case-specific',
    });
    expect(first.statusCode).toBe(303);
    const before = await logPosition(store, reviewId);
    const mine = await lead.post(`${base}/CF-2`, {
      _csrf: await lead.csrfFor(`${base}/CF-2/edit`),
      version,
      head: 'inter-agency-team',
      text: 'My wording of the factor',
      scope: 'generic',
    });
    expect(mine.statusCode).toBe(409);
    expect(mine.body).toContain('Their saved version');
    expect(mine.body).toContain('Their wording of the factor');
    expect(mine.body).toContain('My wording of the factor');
    expect(mine.body).toContain('changed by someone else');
    const newVersion = /name="version" value="([0-9a-f]+)"/.exec(mine.body)?.[1];
    expect(newVersion).toMatch(/^[0-9a-f]{16}$/);
    expect(newVersion).not.toBe(version);
    expect(await logPosition(store, reviewId)).toEqual(before);
    // Saving again from the re-rendered form, on the new version, goes through.
    const again = await lead.post(`${base}/CF-2`, {
      _csrf: await lead.csrfFor(`${base}/CF-2/edit`),
      version: newVersion as string,
      head: 'inter-agency-team',
      text: 'My wording of the factor',
      scope: 'generic',
    });
    expect(again.statusCode).toBe(303);
  });
  it('when the factor was removed meanwhile, says so on the form, keeps what was typed, and writes nothing', async () => {
    const { lead, base, store, reviewId, ws } = await setUp();
    const form = await lead.get(`${base}/CF-2/edit`);
    const version = /name="version" value="([0-9a-f]+)"/.exec(form.body)?.[1] as string;
    await removeFactor(ws.as('lee.team'), reviewId, 'CF-2', 'Merged into CF-1', { force: true });
    const before = await logPosition(store, reviewId);
    const mine = await lead.post(`${base}/CF-2`, {
      _csrf: await lead.csrfFor(base),
      version,
      head: 'inter-agency-team',
      text: 'My wording of the factor',
      scope: 'generic',
    });
    expect(mine.statusCode).toBe(409);
    expect(mine.body).toContain('CF-2 was removed by someone else');
    expect(mine.body).toContain('My wording of the factor');
    expect(await logPosition(store, reviewId)).toEqual(before);
  });
});

describe('linking and removing', () => {
  it('links a factor to a KPE with evidence, then unlinks it, each with the account as actor', async () => {
    const { lead, base, ws, reviewId } = await setUp();
    const form = await lead.get(`${base}/CF-2/link`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<option value="KPE-1"');
    const linked = await lead.post(`${base}/CF-2/links`, {
      _csrf: await lead.csrfFor(`${base}/CF-2/link`),
      kpeId: 'KPE-1',
      evidence: 'EX-1, CH-1',
    });
    expect(linked.statusCode).toBe(303);
    const factor = await showFactor(ws, reviewId, 'CF-2');
    expect(factor.links).toContainEqual({
      kpeId: 'KPE-1',
      factorId: 'CF-2',
      evidence: ['EX-1', 'CH-1'],
    });
    expect((await ws.log(reviewId)).at(-1)).toMatchObject({
      type: 'factor.linked',
      actor: 'amara.okafor',
    });
    const page = await lead.get(`${base}/CF-2`);
    expect(page.body).toContain(`href="/reviews/${reviewId}/kpes/KPE-1"`);
    expect(page.body).toContain(`action="/reviews/${reviewId}/factors/CF-2/links/KPE-1/remove"`);
    const unlinked = await lead.post(`${base}/CF-2/links/KPE-1/remove`, {
      _csrf: await lead.csrfFor(`${base}/CF-2`),
    });
    expect(unlinked.statusCode).toBe(303);
    expect((await showFactor(ws, reviewId, 'CF-2')).links.map((l) => l.kpeId)).toEqual(['KPE-2']);
    expect((await ws.log(reviewId)).at(-1)).toMatchObject({
      type: 'factor.unlinked',
      actor: 'amara.okafor',
    });
  });

  it('refuses evidence that names nothing, naming the evidence field, with nothing written', async () => {
    const { lead, base, store, reviewId } = await setUp();
    const before = await logPosition(store, reviewId);
    const refused = await lead.post(`${base}/CF-2/links`, {
      _csrf: await lead.csrfFor(`${base}/CF-2/link`),
      kpeId: 'KPE-1',
      evidence: 'EX-99',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#field-evidence"');
    expect(refused.body).toContain('EX-99');
    expect(await logPosition(store, reviewId)).toEqual(before);
  });

  it('refuses to remove a factor still linked unless told to unlink it, then removes it', async () => {
    const { lead, base, store, reviewId, ws } = await setUp();
    const before = await logPosition(store, reviewId);
    const csrf = await lead.csrfFor(`${base}/CF-1`);
    const noReason = await lead.post(`${base}/CF-1/remove`, { _csrf: csrf, reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#field-reason"');
    const linked = await lead.post(`${base}/CF-1/remove`, {
      _csrf: csrf,
      reason: 'Merged into CF-2',
    });
    expect(linked.statusCode).toBe(400);
    expect(linked.body).toContain('href="#field-force"');
    expect(linked.body).toContain('Remove CF-1 anyway, detaching what still names it');
    expect(linked.body).toContain('Merged into CF-2');
    expect(await logPosition(store, reviewId)).toEqual(before);
    const forced = await lead.post(`${base}/CF-1/remove`, {
      _csrf: csrf,
      reason: 'Merged into CF-2',
      force: 'yes',
    });
    expect(forced.statusCode).toBe(303);
    expect(forced.headers.location).toBe(`${base}?removed=CF-1`);
    expect((await ws.load(reviewId)).factors['CF-1']).toBeUndefined();
    expect((await ws.log(reviewId)).at(-1)).toMatchObject({
      type: 'factor.removed',
      actor: 'amara.okafor',
    });
  });
});

describe('a role that may not analyse', () => {
  for (const role of ['observer', 'board-member'] as const) {
    it(`(${role}) gets 403 on every form and every change, and nothing is written`, async () => {
      const { app, account, reviewId, store, base } = await setUp();
      const client = new WebClient(app);
      await client.signIn(`pat.${role}`, await account(`pat.${role}`, role, reviewId));
      for (const url of [`${base}/new`, `${base}/CF-1/edit`, `${base}/CF-1/link`]) {
        expect((await client.get(url)).statusCode, url).toBe(403);
      }
      const before = await logPosition(store, reviewId);
      const _csrf = await client.csrfFor(base);
      const posts: [string, Record<string, string>][] = [
        [base, { head: 'family', text: 'A factor' }],
        [`${base}/CF-1`, { head: 'family', text: 'Reworded', scope: 'generic', version: 'x' }],
        [`${base}/CF-1/remove`, { reason: 'No longer needed', force: 'yes' }],
        [`${base}/CF-2/links`, { kpeId: 'KPE-1', evidence: 'EX-1' }],
        [`${base}/CF-1/links/KPE-1/remove`, {}],
      ];
      for (const [url, fields] of posts) {
        const response = await client.post(url, { _csrf, ...fields });
        expect(response.statusCode, url).toBe(403);
      }
      expect(await logPosition(store, reviewId)).toEqual(before);
    });
  }
});
