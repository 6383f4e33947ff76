// A refused form's summary carries each issue's fix in the web's words: a link to the page that
// carries it out when there is one, the words alone otherwise.
import { describe, expect, it } from 'vitest';
import { issue } from '../../src/domain/issue.ts';
import { fieldProblems } from '../../src/server/form-problems.ts';
import { csrfIn, served, WebClient } from '../helpers/web.ts';
import { buildSampleReview, logPosition } from '../helpers/workspace.ts';

describe('fieldProblems', () => {
  it('carries each fix, linked into the review, beside the message', () => {
    const problems = fieldProblems(
      [
        issue('reference-unknown', ['agencyIds'], 'AG-9 does not exist', {
          fix: { kind: 'list', record: 'agency' },
        }),
        issue('missing-key', ['title'], 'the title is required', {
          fix: { kind: 'give', field: 'title' },
        }),
        issue('invalid-value', ['rating'], 'not a rating'),
      ],
      ['agencyIds', 'title', 'rating', 'other'],
      'R-TEST01',
    );
    expect(problems.summary.map((s) => s.fix)).toEqual([
      { text: expect.stringContaining('agenc'), href: '/reviews/R-TEST01/register' },
      { text: expect.stringContaining('title'), href: null },
      null,
    ]);
    expect(problems.byField).toEqual({
      agencyIds: 'AG-9 does not exist',
      title: 'the title is required',
      rating: 'not a rating',
      other: '',
    });
  });
});

describe('a refused form', () => {
  it('shows the fix in the summary, as a link to the page that carries it out', async () => {
    const s = await served();
    await buildSampleReview(s.ws, s.reviewId);
    const password = await s.account('priya.shah', 'review-team');
    const client = new WebClient(s.app);
    await client.signIn('priya.shah', password);
    const kpes = `/reviews/${s.reviewId}/kpes`;
    const before = await logPosition(s.store, s.reviewId);
    const form = await client.get(`${kpes}/new`);
    const response = await client.post(kpes, {
      _csrf: csrfIn(form.body),
      title: 'Referral after bruising seen at nursery',
      from: '02/06/2023',
      to: '',
      agencyIds: 'AG-99',
      chronologyRefs: '',
      whatHappened: 'Nursery staff phoned the front door.',
      rating: '',
      standard: '',
      appraisalText: '',
      explanation: '',
    });
    expect(response.statusCode).toBe(400);
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(response.body)?.[0] ?? '';
    expect(summary).toContain('href="#field-agencyIds"');
    expect(summary).toMatch(new RegExp(`— <a href="/reviews/${s.reviewId}/register">[^<]+</a>`));
    expect(await logPosition(s.store, s.reviewId)).toEqual(before);
  });
});
