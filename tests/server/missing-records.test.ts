// An address naming a record that is not there (never was, or was removed) answers 404 "Not
// found" with the core's message naming what there is and a link to the list; a form that names
// a missing record is still refused with 400 and the form kept, with the store unchanged.
import { describe, expect, it } from 'vitest';
import { csrfIn, served, WebClient } from '../helpers/web.ts';
import { buildSampleReview, logPosition } from '../helpers/workspace.ts';

async function setUp() {
  const s = await served();
  await buildSampleReview(s.ws, s.reviewId);
  const password = await s.account('priya.shah', 'lead-reviewer');
  const client = new WebClient(s.app);
  await client.signIn('priya.shah', password);
  return { ...s, client, r: `/reviews/${s.reviewId}` };
}

function heading(html: string): string | undefined {
  return /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1];
}

describe('an address naming a missing record', () => {
  it('answers 404 naming the record and linking to its list, on every record page', async () => {
    const { client, r } = await setUp();
    const cases: [string, string, string][] = [
      [`${r}/kpes/KPE-99`, 'KPE-99 does not exist', `${r}/kpes`],
      [`${r}/kpes/KPE-99/edit`, 'KPE-99 does not exist', `${r}/kpes`],
      [`${r}/kpes/KPE-3`, 'KPE-3 was removed', `${r}/kpes`],
      [`${r}/factors/CF-99`, 'CF-99 does not exist', `${r}/factors`],
      [`${r}/factors/CF-3`, 'CF-3 was removed', `${r}/factors`],
      [`${r}/factors/CF-99/edit`, 'CF-99 does not exist', `${r}/factors`],
      [`${r}/factors/CF-99/link`, 'CF-99 does not exist', `${r}/factors`],
      [`${r}/findings/F-99`, 'F-99 does not exist', `${r}/findings`],
      [`${r}/findings/F-99/edit`, 'F-99 does not exist', `${r}/findings`],
      [`${r}/conversations/CV-99`, 'CV-99 does not exist', `${r}/conversations`],
      [`${r}/conversations/excerpts/EX-99`, 'EX-99 does not exist', `${r}/conversations`],
      [`${r}/findings/board-issues/BI-99`, 'BI-99 does not exist', `${r}/findings`],
      [`${r}/findings/board-issues/BI-99/edit`, 'BI-99 does not exist', `${r}/findings`],
    ];
    for (const [url, message, list] of cases) {
      const response = await client.get(url);
      expect(response.statusCode, url).toBe(404);
      expect(heading(response.body), url).toBe('Not found');
      expect(response.body, url).toContain(message);
      expect(response.body, url).toContain(`href="${list}"`);
      expect(response.body, url).not.toContain('That could not be done');
    }
  });

  it('answers 404 for a review that is not there, naming the reviews there are', async () => {
    const { client, reviewId } = await setUp();
    const response = await client.get('/reviews/R-NOPE99/kpes');
    expect(response.statusCode).toBe(404);
    expect(heading(response.body)).toBe('Not found');
    expect(response.body).toContain(`the reviews here are ${reviewId}`);
    expect(response.body).toContain('href="/"');
  });

  it('keeps 400 and the form for a form that names a missing record, store unchanged', async () => {
    const { client, r, store, reviewId } = await setUp();
    const before = await logPosition(store, reviewId);
    const form = await client.get(`${r}/factors/CF-1/link`);
    const response = await client.post(`${r}/factors/CF-1/links`, {
      _csrf: csrfIn(form.body),
      kpeId: 'KPE-99',
      evidence: '',
    });
    expect(response.statusCode).toBe(400);
    expect(heading(response.body)).not.toBe('Not found');
    expect(response.body).toContain('href="#field-kpeId"');
    expect(response.body).toMatch(/id="kpeId-error">[^<]*KPE-99 does not exist/);
    expect(await logPosition(store, reviewId)).toEqual(before);
  });
});
