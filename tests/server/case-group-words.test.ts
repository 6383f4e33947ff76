// "From the case group" on the KPE and finding pages, through real HTTP handling over a real
// SQLite workspace where a live meeting was run: accepted contributions appear with their kind,
// author and meeting; dissent appears whatever was decided, declined dissent with the reviewers'
// reason; declined and undecided contributions that are not dissent do not; a note for the
// reviewers shows only to those who analyse; hostile text comes back inert.
import { describe, expect, it } from 'vitest';
import type { CaseGroupWord } from '../../src/app/case-group-words.ts';
import { caseGroupView } from '../../src/server/case-group-view.ts';
import { runLiveMeeting } from '../helpers/live-meeting-held.ts';
import { served, WebClient } from '../helpers/web.ts';
import { buildSampleReview, runCli } from '../helpers/workspace.ts';

async function setUp(role: 'review-team' | 'observer') {
  const s = await served();
  await buildSampleReview(s.ws, s.reviewId);
  await runLiveMeeting(s.ws, s.reviewId);
  const password = await s.account('priya.shah', role);
  const client = new WebClient(s.app);
  await client.signIn('priya.shah', password);
  return { ...s, client };
}

/** The page's "From the case group" section alone. */
function section(body: string): string {
  const start = body.indexOf('<section aria-labelledby="case-group-heading">');
  expect(start).toBeGreaterThan(-1);
  return body.slice(start, body.indexOf('</section>', start));
}

describe('From the case group, on a KPE’s page', () => {
  it('lists the accepted contributions and all dissent, declined dissent with its reason', async () => {
    const { client, reviewId } = await setUp('review-team');
    const page = await client.get(`/reviews/${reviewId}/kpes/KPE-1`);
    expect(page.statusCode).toBe(200);
    const words = section(page.body);
    expect(words).toContain('From the case group');
    expect(words).toContain('How it looked at the time');
    expect(words).toContain('Sam Okafor');
    expect(words).toContain('M-2 (First joint meeting with the case group) on 2026-01-15');
    expect(words).toContain('Accepted by Test Reviewer: Matches the caseload figures.');
    // Declined dissent is never hidden: there, marked, with the reviewers' reason.
    expect(words).toContain('Dissent');
    expect(words).toContain('Priya Nandra (Nursery manager)');
    expect(words).toMatch(/<li id="contribution-MC-2" class="declined">/);
    expect(words).toContain('Declined by Test Reviewer. Reason: The records show');
    // A declined question is not evidence, and is not listed.
    expect(words).not.toContain('Who booked the follow-up?');
    // The note for the reviewers, accepted, is evidence for those who analyse.
    expect(words).toContain('My manager was in the room.');
  });

  it('escapes hostile text in a contribution and in a reason', async () => {
    const { client, reviewId } = await setUp('review-team');
    const words = section((await client.get(`/reviews/${reviewId}/kpes/KPE-1`)).body);
    for (const raw of [
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      '<b>no</b>',
    ]) {
      expect(words).not.toContain(raw);
    }
    expect(words).toContain('We had &lt;script&gt;alert(1)&lt;/script&gt; eleven families');
    expect(words).toContain('&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(words).toContain('show &lt;b&gt;no&lt;/b&gt; visit');
  });

  it('keeps a note for the reviewers from an observer, but not the dissent', async () => {
    const { client, reviewId } = await setUp('observer');
    const words = section((await client.get(`/reviews/${reviewId}/kpes/KPE-1`)).body);
    expect(words).not.toContain('My manager was in the room.');
    expect(words).not.toContain('Note for the reviewers');
    expect(words).toContain('Declined by Test Reviewer. Reason:');
  });

  it('says so when nothing has been heard about the KPE', async () => {
    const { client, reviewId } = await setUp('review-team');
    const words = section((await client.get(`/reviews/${reviewId}/kpes/KPE-2`)).body);
    expect(words).toContain('Nothing yet');
  });
});

describe('From the case group, on a finding’s page', () => {
  it('lists accepted dissent, and leaves out what is not yet decided unless it is dissent', async () => {
    const { client, reviewId } = await setUp('review-team');
    const page = await client.get(`/reviews/${reviewId}/findings/F-1`);
    expect(page.statusCode).toBe(200);
    const words = section(page.body);
    expect(words).toContain('Caseloads are not the whole story.');
    expect(words).toContain('Accepted by Test Reviewer');
    expect(words).not.toContain('Nurseries see the same pressure.');
    expect(section((await client.get(`/reviews/${reviewId}/findings/F-2`)).body)).toContain(
      'Nothing yet',
    );
  });
});

describe('kpe show', () => {
  it('lists the same words on the terminal, declined dissent with its reason', async () => {
    const { path, reviewId } = await setUp('review-team');
    const run = await runCli(['kpe', 'show', 'KPE-1', '--workspace', path, '--review', reviewId]);
    expect(run.out).toContain(
      '  MC-2 dissent (declined: The records show <b>no</b> visit was booked.) by PT-3 at M-2 on 2026-01-15: The rating is unfair',
    );
    expect(run.out).toContain('  MC-1 how it looked at the time (accepted) by PT-2 at M-2');
    expect(run.out).not.toContain('MC-3');
  });
});

describe('caseGroupView', () => {
  const word = (over: Partial<CaseGroupWord>): CaseGroupWord => ({
    id: 'MC-1',
    kind: 'dissent',
    label: 'Dissent',
    text: 'No.',
    authorId: 'PT-2',
    author: 'Sam Okafor',
    meetingId: 'M-2',
    meetingName: null,
    meetingDate: null,
    decision: { outcome: 'undecided' },
    ...over,
  });

  it('shows undecided dissent as not yet decided, and a meeting without its name as its id', () => {
    expect(caseGroupView([word({})], false)).toEqual([
      {
        id: 'MC-1',
        label: 'Dissent',
        text: 'No.',
        author: 'Sam Okafor',
        meeting: 'M-2',
        date: null,
        dissent: true,
        accepted: false,
        declined: false,
        undecided: true,
        note: null,
        reason: null,
        by: null,
      },
    ]);
  });

  it('leaves notes for the reviewers to those who analyse', () => {
    const note = word({ kind: 'private-note', label: 'Note for the reviewers' });
    expect(caseGroupView([note], false)).toEqual([]);
    expect(caseGroupView([note], true)).toHaveLength(1);
  });
});
