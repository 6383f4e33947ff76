import { describe, expect, it } from 'vitest';
import {
  analysePatterns,
  findCrosswalk,
  findDoubleEdgedFactors,
  projectReview,
  rankByCrosswalk,
  rankFactors,
  rankHeads,
  suggestFindings,
} from '../../src/graph/index.ts';
import { ReviewBuilder } from './review-builder.ts';

/**
 * Known reach: CF-3 touches 3 KPEs in 3 agencies; CF-1 2 KPEs, 2 agencies; CF-2 2 KPEs, 1
 * agency; CF-4 1 KPE, 2 agencies; CF-5…CF-8 1 KPE, 1 agency each (ties broken by id).
 */
function rankReview(): ReviewBuilder {
  return new ReviewBuilder('R-RANK')
    .agency('AG-1', 'Health', 'health')
    .agency('AG-2', 'Police', 'police')
    .agency('AG-3', 'School', 'education')
    .kpe('KPE-1', { rating: 'good', agencies: ['AG-1'] })
    .kpe('KPE-2', { rating: 'problematic', agencies: ['AG-2'] })
    .kpe('KPE-3', { rating: 'mixed', agencies: ['AG-1', 'AG-3'] })
    .kpe('KPE-4', { rating: 'problematic', agencies: ['AG-1'] })
    .factor('CF-1', 'conditions-of-work')
    .factor('CF-2', 'family')
    .factor('CF-3', 'personal')
    .factor('CF-4', 'own-team')
    .factor('CF-5', 'own-team')
    .factor('CF-6', 'family')
    .factor('CF-7', 'role')
    .factor('CF-8', 'other')
    .link('KPE-1', 'CF-1')
    .link('KPE-2', 'CF-1')
    .link('KPE-1', 'CF-2')
    .link('KPE-4', 'CF-2')
    .link('KPE-1', 'CF-3')
    .link('KPE-2', 'CF-3')
    .link('KPE-3', 'CF-3')
    .link('KPE-3', 'CF-4')
    .link('KPE-2', 'CF-5')
    .link('KPE-4', 'CF-6')
    .link('KPE-4', 'CF-7')
    .link('KPE-4', 'CF-8');
}

describe('rankFactors and rankHeads', () => {
  it('ranks factors by KPEs, then agencies, then id', () => {
    const b = rankReview();
    const ranked = rankFactors(projectReview(b.state, b.model));
    expect(ranked.map((f) => [f.id, f.kpeIds.length, f.agencyIds.length])).toEqual([
      ['CF-3', 3, 3],
      ['CF-1', 2, 2],
      ['CF-2', 2, 1],
      ['CF-4', 1, 2],
      ['CF-5', 1, 1],
      ['CF-6', 1, 1],
      ['CF-7', 1, 1],
      ['CF-8', 1, 1],
    ]);
    expect(ranked[0]).toMatchObject({ kpeIds: ['KPE-1', 'KPE-2', 'KPE-3'], headName: 'Personal' });
  });

  it("ranks heads by KPEs, agencies and factors, then the model's order", () => {
    const b = rankReview();
    const heads = rankHeads(projectReview(b.state, b.model), b.model);
    expect(heads.map((h) => [h.head, h.kpeIds.length, h.agencyIds.length, h.factorIds])).toEqual([
      ['personal', 3, 3, ['CF-3']],
      ['own-team', 2, 3, ['CF-4', 'CF-5']],
      ['conditions-of-work', 2, 2, ['CF-1']],
      ['family', 2, 1, ['CF-2', 'CF-6']],
      ['role', 1, 1, ['CF-7']], // ties with `other`: role comes first in the model
      ['other', 1, 1, ['CF-8']],
    ]);
  });
});

describe('cross-walk', () => {
  it('regroups heads as SEIPS components, a head in several groups counting in each', () => {
    const b = rankReview();
    const crosswalk = findCrosswalk(b.model, 'seips');
    expect(crosswalk?.confirmed).toBe(false);
    const groups = rankByCrosswalk(projectReview(b.state, b.model), crosswalk ?? fail());
    expect(groups.map((g) => [g.head, g.kpeIds.length, g.factorIds])).toEqual([
      ['persons', 4, ['CF-2', 'CF-3', 'CF-6']],
      ['organisation', 3, ['CF-1', 'CF-4', 'CF-5']],
      ['tools-and-technology', 2, ['CF-1']],
      ['tasks', 1, ['CF-7']],
      ['other', 1, ['CF-8']],
    ]);
  });

  it('regroups as London Protocol groups, keeping heads it does not map as "Not mapped"', () => {
    const b = rankReview();
    const patterns = analysePatterns(projectReview(b.state, b.model), b.model, {
      by: 'london-protocol',
    });
    expect(patterns?.by).toEqual({
      id: 'london-protocol',
      name: 'London Protocol contributory factor groups',
      confirmed: false,
    });
    expect(patterns?.heads.map((g) => [g.head, g.kpeIds.length, g.agencyIds.length])).toEqual([
      ['individual-staff', 3, 3],
      ['team', 2, 3],
      ['work-environment', 2, 2],
      ['patient', 2, 1],
      ['task-and-technology', 1, 1],
      ['not-mapped', 1, 1],
    ]);
  });

  it("maps a model's own heads to themselves, and knows no unknown vocabulary", () => {
    const seips = new ReviewBuilder('R-SEIPS', { modelId: 'seips' })
      .kpe('KPE-1', { rating: 'mixed' })
      .factor('CF-1', 'tasks')
      .link('KPE-1', 'CF-1');
    const graph = projectReview(seips.state, seips.model);
    expect(analysePatterns(graph, seips.model, { by: 'seips' })?.heads[0]?.head).toBe('tasks');
    expect(analysePatterns(graph, seips.model, { by: 'london-protocol' })?.heads[0]?.head).toBe(
      'task-and-technology',
    );
    expect(analysePatterns(graph, seips.model, { by: 'sieps' })).toBeUndefined();
  });
});

/**
 * Two clear clusters — KPE-1..3 all explained by CF-1 and CF-2 (one agency), KPE-4..6 by CF-3
 * and CF-4 (two agencies; CF-3 already supports F-1) — a weak bridge CF-6 between KPE-3 and
 * KPE-4, and KPE-7 on its own.
 */
function clusterReview(): ReviewBuilder {
  const b = new ReviewBuilder('R-CLUSTERS')
    .agency('AG-1', 'Health', 'health')
    .agency('AG-2', 'Police', 'police');
  for (const k of [1, 2, 3]) b.kpe(`KPE-${k}`, { rating: 'problematic', agencies: ['AG-1'] });
  for (const k of [4, 5, 6]) {
    b.kpe(`KPE-${k}`, { rating: 'mixed', agencies: [k === 4 ? 'AG-2' : 'AG-1'] });
  }
  b.kpe('KPE-7', { rating: 'good', agencies: ['AG-2'] });
  b.factor('CF-1', 'conditions-of-work')
    .factor('CF-2', 'own-team')
    .factor('CF-3', 'inter-agency-team')
    .factor('CF-4', 'inter-agency-team')
    .factor('CF-5', 'family')
    .factor('CF-6', 'personal');
  for (const k of [1, 2, 3]) b.link(`KPE-${k}`, 'CF-1').link(`KPE-${k}`, 'CF-2');
  for (const k of [4, 5, 6]) b.link(`KPE-${k}`, 'CF-3').link(`KPE-${k}`, 'CF-4');
  b.link('KPE-3', 'CF-6').link('KPE-4', 'CF-6').link('KPE-7', 'CF-5');
  return b.finding('F-1', 'multi-agency-incidents-and-crises', ['CF-3'], ['Q?']);
}

describe('suggestFindings', () => {
  it('offers each cluster of KPEs sharing factors as a candidate finding', () => {
    const b = clusterReview();
    const candidates = suggestFindings(projectReview(b.state, b.model));
    expect(
      candidates.map((c) => ({
        number: c.number,
        kpes: c.kpeIds,
        factors: c.factors.map((f) => f.id),
        agencies: c.agencyIds,
        existing: c.existingFindingIds,
      })),
    ).toEqual([
      {
        number: 1,
        kpes: ['KPE-1', 'KPE-2', 'KPE-3'],
        factors: ['CF-1', 'CF-2'],
        agencies: ['AG-1'],
        existing: [],
      },
      {
        number: 2,
        kpes: ['KPE-4', 'KPE-5', 'KPE-6'],
        factors: ['CF-3', 'CF-4'],
        agencies: ['AG-1', 'AG-2'],
        existing: ['F-1'],
      },
    ]);
  });

  it('explains why each was suggested, in plain words', () => {
    const b = clusterReview();
    const [first, second] = suggestFindings(projectReview(b.state, b.model));
    expect(first?.explanation).toBe(
      'KPE-1, KPE-2 and KPE-3 (3 KPEs, all in AG-1) are all explained in part by CF-1 (Conditions of work) and CF-2 (Own team). ' +
        'Factors that recur across episodes may point to something in the system rather than in this case, across 2 heads; consider whether they amount to a finding. ' +
        'It all lies within one agency, so test whether it is wider before calling it a pattern.',
    );
    expect(second?.explanation).toContain('mostly under Inter-agency / inter-professional team');
    expect(second?.explanation).toContain(
      'These factors already support F-1; check whether it covers these KPEs.',
    );
  });

  it('gives the same candidates every time (seeded), and none when no KPEs share a factor', () => {
    const b = clusterReview();
    const graph = projectReview(b.state, b.model);
    const runs = Array.from({ length: 5 }, () => JSON.stringify(suggestFindings(graph)));
    expect(new Set(runs).size).toBe(1);
    const lonely = new ReviewBuilder()
      .kpe('KPE-1', { rating: 'mixed' })
      .kpe('KPE-2', { rating: 'mixed' })
      .factor('CF-1', 'family')
      .factor('CF-2', 'role')
      .link('KPE-1', 'CF-1')
      .link('KPE-2', 'CF-2');
    expect(suggestFindings(projectReview(lonely.state, lonely.model))).toEqual([]);
    expect(suggestFindings(projectReview(new ReviewBuilder().state, lonely.model))).toEqual([]);
  });
});

describe('findDoubleEdgedFactors', () => {
  it('finds factors behind both good and problematic practice, not mixed', () => {
    const b = rankReview();
    // CF-1: good KPE-1, problematic KPE-2. CF-3: good KPE-1, problematic KPE-2, mixed KPE-3.
    // CF-2: good KPE-1, problematic KPE-4. CF-4: mixed only.
    const found = findDoubleEdgedFactors(projectReview(b.state, b.model));
    expect(found.map((f) => [f.id, f.goodKpeIds, f.problematicKpeIds])).toEqual([
      ['CF-1', ['KPE-1'], ['KPE-2']],
      ['CF-2', ['KPE-1'], ['KPE-4']],
      ['CF-3', ['KPE-1'], ['KPE-2']],
    ]);
    expect(found[0]?.explanation).toContain(
      'helps explain good practice in KPE-1 and problematic practice in KPE-2',
    );
  });
});

function fail(): never {
  throw new Error('expected a cross-walk');
}
