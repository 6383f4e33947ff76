// The register's page data: agencies with their chronology counts, each record's version, and
// the names in the review's text that the register does not hold, with where each stands.
import { describe, expect, it } from 'vitest';
import { versionOf } from '../../src/app/edit-version.ts';
import { addPerson, registerOverview } from '../../src/app/register.ts';
import { setReportText } from '../../src/app/reviews.ts';
import { buildSampleReview, workspaceWithReview } from '../helpers/workspace.ts';

describe('registerOverview', () => {
  it('counts chronology entries per agency and gives each record its version', async () => {
    const { ws, reviewId } = await workspaceWithReview();
    await buildSampleReview(ws, reviewId);
    const overview = await registerOverview(ws, reviewId);
    const health = overview.agencies.find((a) => a.id === 'AG-1');
    expect(health?.entries).toBeGreaterThan(0);
    expect(overview.agencies.reduce((n, a) => n + a.entries, 0)).toBe(
      Object.keys((await ws.load(reviewId)).chronology).length,
    );
    const { version, ...person } = overview.persons[0] ?? { version: '' };
    expect(version).toBe(versionOf(person));
    expect(overview.participants.find((p) => p.id === 'PT-2')?.agencyName).toBe(
      'Fenwick Vale Health Visiting',
    );
  });

  it('lists a name the text uses that the register lacks, with the record it stands in, until it is registered', async () => {
    const { ws, reviewId } = await workspaceWithReview();
    await buildSampleReview(ws, reviewId);
    await setReportText(
      ws,
      reviewId,
      'case-summary',
      'Child A lived with her mother and Kyle Marsh, who visited often.',
    );
    const before = await registerOverview(ws, reviewId);
    const kyle = before.unregistered.find((n) => n.name === 'Kyle Marsh');
    expect(kyle?.places).toEqual([{ field: 'texts.case-summary', id: null }]);
    // The registered child and the agencies are not listed.
    const names = before.unregistered.map((n) => n.name);
    expect(names.some((n) => /Maisie|Thorne|Fenwick/.test(n))).toBe(false);
    await addPerson(ws, reviewId, {
      realName: 'Kyle Marsh',
      roleInCase: "mother's partner",
      publicationLabel: 'Adult B',
    });
    const after = await registerOverview(ws, reviewId);
    expect(after.unregistered.map((n) => n.name)).not.toContain('Kyle Marsh');
  });
});
