import { describe, expect, it } from 'vitest';
import { findGaps, projectReview } from '../../src/graph/index.ts';
import { variant } from '../../src/model/lookups.ts';
import { builtInGates } from '../../src/workflow/gates/gate-registry.ts';
import { gapReview, ReviewBuilder } from './review-builder.ts';

describe('findGaps', () => {
  it('finds every kind of gap, errors first, each with its ids', () => {
    const b = gapReview();
    const gaps = findGaps(projectReview(b.state, b.model));
    expect(gaps.map((g) => [g.severity, g.code, g.ids])).toEqual([
      ['error', 'kpe-not-appraised', ['KPE-2']],
      ['error', 'kpe-not-explained', ['KPE-3']],
      ['error', 'kpe-without-factors', ['KPE-3']],
      ['error', 'good-practice-without-enablers', ['KPE-4']],
      ['error', 'factor-without-evidence', ['CF-2', 'F-2']],
      ['error', 'finding-without-factors', ['F-3']],
      ['error', 'finding-without-board-issues', ['F-2']],
      ['warning', 'factor-without-evidence', ['CF-3']],
      ['warning', 'finding-from-one-kpe', ['F-2', 'CF-2', 'KPE-1']],
      ['warning', 'finding-from-one-agency', ['F-4', 'AG-1']],
      ['info', 'evidence-unused', ['EX-2']],
    ]);
  });

  it('says what is missing in each message, and where', () => {
    const b = gapReview();
    const byCode = new Map(findGaps(projectReview(b.state, b.model)).map((g) => [g.code, g]));
    expect(byCode.get('good-practice-without-enablers')?.message).toContain(
      'link the factors that made it possible',
    );
    expect(byCode.get('finding-from-one-agency')?.message).toContain('may be peculiar');
    expect(byCode.get('finding-without-board-issues')?.message).toContain(
      'add the questions the partnership should answer',
    );
    expect(byCode.get('kpe-not-appraised')?.path).toEqual(['kpes', 'KPE-2', 'appraisal']);
    for (const g of byCode.values()) {
      expect(g.message).toMatch(/\.$/);
      // The command to run is the front door's to word, from the fix.
      expect(g.message).not.toMatch(/tunnelview [a-z]| --[a-z]/);
    }
  });

  it('gives each gap one record change can close the fix, as data', () => {
    const b = gapReview();
    const gaps = findGaps(projectReview(b.state, b.model));
    expect(gaps.map((g) => [g.code, g.ids[0], g.fix])).toEqual([
      [
        'kpe-not-appraised',
        'KPE-2',
        { kind: 'edit', record: 'kpe', id: 'KPE-2', fields: ['appraisal'] },
      ],
      [
        'kpe-not-explained',
        'KPE-3',
        { kind: 'edit', record: 'kpe', id: 'KPE-3', fields: ['explanation'] },
      ],
      ['kpe-without-factors', 'KPE-3', { kind: 'link-factor', kpe: 'KPE-3' }],
      ['good-practice-without-enablers', 'KPE-4', { kind: 'link-factor', kpe: 'KPE-4' }],
      ['factor-without-evidence', 'CF-2', { kind: 'cite-evidence', factor: 'CF-2', kpe: 'KPE-1' }],
      ['finding-without-factors', 'F-3', { kind: 'support-finding', finding: 'F-3' }],
      [
        'finding-without-board-issues',
        'F-2',
        { kind: 'add', record: 'boardIssue', fields: { finding: 'F-2' } },
      ],
      ['factor-without-evidence', 'CF-3', { kind: 'cite-evidence', factor: 'CF-3' }],
      // A pattern too thin is a matter of judgement, not of one record.
      ['finding-from-one-kpe', 'F-2', undefined],
      ['finding-from-one-agency', 'F-4', undefined],
      ['evidence-unused', 'EX-2', { kind: 'cite-evidence', evidence: 'EX-2' }],
    ]);
  });

  it('finds nothing in a review whose working is complete', () => {
    const b = new ReviewBuilder()
      .agency('AG-1', 'Health', 'health')
      .agency('AG-2', 'Police', 'police')
      .chronology('CH-1', 'AG-2', '2024-01-01', 'Incident.')
      .kpe('KPE-1', { rating: 'good', agencies: ['AG-1'] })
      .kpe('KPE-2', { rating: 'problematic', agencies: ['AG-2'] })
      .factor('CF-1', 'conditions-of-work')
      .link('KPE-1', 'CF-1', ['CH-1'])
      .link('KPE-2', 'CF-1', ['CH-1'])
      .finding('F-1', 'human-tool-operation', ['CF-1'], ['What now?']);
    expect(findGaps(projectReview(b.state, b.model))).toEqual([]);
  });
});

describe('the no-blocking-gaps gate check', () => {
  it('fails on error gaps only, with their messages and ids', () => {
    const b = gapReview();
    const check = builtInGates();
    expect(check.has('no-blocking-gaps')).toBe(true);
    const model = {
      ...b.model,
      gates: [
        {
          id: 'analysis-complete',
          description: 'The analysis has no blocking gaps.',
          check: 'no-blocking-gaps',
          params: {},
        },
      ],
      stages: b.model.stages.map((s) =>
        s.id === b.state.stage ? { ...s, gates: ['analysis-complete'] } : s,
      ),
    } as typeof b.model;
    expect(variant(model, b.state.review.variant)).toBeDefined();
    const unmet = check.unmet(b.state, model, b.state.stage);
    expect(unmet).toHaveLength(7);
    expect(unmet.every((i) => i.code === 'gate-unmet' && i.path[1] === 'analysis-complete')).toBe(
      true,
    );
    expect(unmet[0]?.message).toMatch(
      /^The analysis has no blocking gaps — KPE-2 has no appraisal/,
    );
    expect(unmet[0]?.ids).toEqual(['KPE-2']);
    expect(unmet[0]?.fix).toEqual({
      kind: 'edit',
      record: 'kpe',
      id: 'KPE-2',
      fields: ['appraisal'],
    });
  });
});
