import { describe, expect, it } from 'vitest';
import { analyseWorkspace, reviewsWithCategory } from '../../src/graph/index.ts';
import { ReviewBuilder } from './review-builder.ts';

/**
 * Three reviews. "multi-agency-incidents-and-crises" appears in R-A and R-B (so it recurs),
 * "human-tool-operation" only in R-A; conditions-of-work is used in R-A and R-B; R-C is a
 * SEIPS review whose `organisation` head cross-walks to the same London Protocol groups.
 */
function workspace() {
  const a = new ReviewBuilder('R-A')
    .agency('AG-1', 'Health visiting', 'health')
    .agency('AG-2', 'Police', 'police')
    .kpe('KPE-1', { rating: 'problematic', agencies: ['AG-1'], from: '2019-03-01' })
    .kpe('KPE-2', { rating: 'mixed', agencies: ['AG-2'], from: '2019-05-01', to: '2019-07-31' })
    .factor('CF-1', 'conditions-of-work')
    .factor('CF-2', 'inter-agency-team')
    .link('KPE-1', 'CF-1')
    .link('KPE-2', 'CF-1')
    .link('KPE-2', 'CF-2')
    .finding('F-1', 'multi-agency-incidents-and-crises', ['CF-2'], ['Q?'])
    .finding('F-2', 'human-tool-operation', ['CF-1'], ['Q?']);
  const b = new ReviewBuilder('R-B')
    .agency('AG-1', 'Children’s services', 'children-social-care')
    .kpe('KPE-1', { rating: 'problematic', agencies: ['AG-1'], from: '2023-01-10' })
    .factor('CF-1', 'conditions-of-work')
    .link('KPE-1', 'CF-1')
    .finding('F-1', 'multi-agency-incidents-and-crises', ['CF-1'], ['Q?']);
  const c = new ReviewBuilder('R-C', { modelId: 'seips' })
    .agency('AG-1', 'Ward 4', 'health')
    .kpe('KPE-1', { rating: 'mixed', agencies: ['AG-1'], from: '2021-06-01' })
    .factor('CF-1', 'organisation')
    .link('KPE-1', 'CF-1');
  return [a, b, c].map((r) => ({ state: r.state, model: r.model }));
}

describe('analyseWorkspace', () => {
  it('says which categories recur, in which reviews and sectors, over what period', () => {
    const result = analyseWorkspace(workspace());
    expect(result.reviewCount).toBe(3);
    expect(result.period).toEqual({ from: '2019-03-01', to: '2023-01-10' });
    expect(result.categories).toEqual([
      {
        typology: 'scie-2008',
        category: 'multi-agency-incidents-and-crises',
        name: 'Multi-agency working in response to incidents and crises',
        recurring: true,
        reviewIds: ['R-A', 'R-B'],
        findings: [
          { reviewId: 'R-A', findingId: 'F-1', statement: 'Finding F-1.' },
          { reviewId: 'R-B', findingId: 'F-1', statement: 'Finding F-1.' },
        ],
        sectors: [
          { sector: 'children-social-care', reviews: 1 },
          { sector: 'police', reviews: 1 },
        ],
        period: { from: '2019-05-01', to: '2023-01-10' },
      },
      expect.objectContaining({
        category: 'human-tool-operation',
        recurring: false,
        reviewIds: ['R-A'],
        sectors: [
          { sector: 'health', reviews: 1 },
          { sector: 'police', reviews: 1 },
        ],
        period: { from: '2019-03-01', to: '2019-07-31' },
      }),
    ]);
  });

  it("ranks each model's heads by the reviews they recur in", () => {
    const heads = analyseWorkspace(workspace()).heads;
    expect(
      heads.map((h) => [h.vocabulary, h.head, h.reviewIds, h.kpeCount, h.factorCount]),
    ).toEqual([
      ['learning-together', 'conditions-of-work', ['R-A', 'R-B'], 3, 2],
      ['learning-together', 'inter-agency-team', ['R-A'], 1, 1],
      ['seips', 'organisation', ['R-C'], 1, 1],
    ]);
    expect(heads[0]?.sectors).toEqual([
      { sector: 'children-social-care', reviews: 1 },
      { sector: 'health', reviews: 1 },
      { sector: 'police', reviews: 1 },
    ]);
  });

  it('compares reviews under different models through a shared cross-walk', () => {
    const result = analyseWorkspace(workspace(), { by: 'london-protocol' });
    expect(result.unmappedReviewIds).toEqual([]);
    expect(result.heads.map((h) => [h.head, h.reviewIds])).toEqual([
      ['work-environment', ['R-A', 'R-B']],
      ['team', ['R-A', 'R-C']],
      ['organisational-and-management', ['R-C']],
    ]);
    // Learning Together has a SEIPS cross-walk; a SEIPS review maps to itself.
    const seips = analyseWorkspace(workspace(), { by: 'seips' });
    expect(seips.unmappedReviewIds).toEqual([]);
    expect(seips.heads.find((h) => h.head === 'organisation')?.reviewIds).toEqual([
      'R-A',
      'R-B',
      'R-C',
    ]);
  });

  it('finds the reviews where a category of finding appears', () => {
    const result = analyseWorkspace(workspace());
    const found = reviewsWithCategory(result, 'multi-agency-incidents-and-crises');
    expect(found.flatMap((c) => c.reviewIds)).toEqual(['R-A', 'R-B']);
    expect(reviewsWithCategory(result, 'tools')).toEqual([]);
  });

  it('handles an empty workspace', () => {
    expect(analyseWorkspace([])).toEqual({
      reviewCount: 0,
      by: 'heads',
      unmappedReviewIds: [],
      categories: [],
      heads: [],
      reviews: [],
    });
  });
});
