import { describe, expect, it } from 'vitest';
import { projectReview, traceFinding } from '../../src/graph/index.ts';
import { gapReview } from './review-builder.ts';

describe('traceFinding', () => {
  it('lists every path from a finding through factors and KPEs to the evidence', () => {
    const b = gapReview();
    const trace = traceFinding(projectReview(b.state, b.model), 'F-1');
    // F-1 ← CF-1 ← KPE-1 (EX-1 cited; draws on CH-1) and KPE-2 (CH-2 cited, and drawn on).
    expect(trace?.paths).toEqual([
      {
        findingId: 'F-1',
        factorId: 'CF-1',
        kpeId: 'KPE-1',
        evidenceId: 'EX-1',
        relation: 'link-evidence',
      },
      {
        findingId: 'F-1',
        factorId: 'CF-1',
        kpeId: 'KPE-1',
        evidenceId: 'CH-1',
        relation: 'drawn-on',
      },
      {
        findingId: 'F-1',
        factorId: 'CF-1',
        kpeId: 'KPE-2',
        evidenceId: 'CH-2',
        relation: 'link-evidence',
      },
    ]);
    expect(trace?.finding).toEqual({
      id: 'F-1',
      label: 'Finding F-1.',
      category: 'human-management-system-operation',
      categoryName: 'Human–management system operation',
    });
    expect(trace?.boardIssues).toEqual([{ id: 'BI-10', label: 'How does the Board know?' }]);
  });

  it('carries agency, file and record for chronology, and speaker and agency for excerpts', () => {
    const b = gapReview();
    const trace = traceFinding(projectReview(b.state, b.model), 'F-1');
    const kpe2 = trace?.factors[0]?.kpes.find((k) => k.id === 'KPE-2');
    expect(kpe2?.agencies).toEqual([{ id: 'AG-1', name: 'Health visiting', sector: 'health' }]);
    expect(kpe2?.evidence).toEqual([
      {
        id: 'CH-2',
        kind: 'chronology',
        relation: 'link-evidence',
        label: 'Domestic incident attended.',
        agencyId: 'AG-2',
        agencyName: 'Police',
        date: '2024-02-07',
        dateText: '07/02/2024',
        file: 'police.csv',
        record: 7,
        citation: 'police.csv#7',
      },
    ]);
    const ex1 = trace?.factors[0]?.kpes[0]?.evidence[0];
    expect(ex1).toMatchObject({
      id: 'EX-1',
      kind: 'excerpt',
      conversationId: 'CV-1',
      participantId: 'PT-1',
      agencyId: 'AG-1',
      agencyName: 'Health visiting',
    });
  });

  it('shows where a path stops short, and knows no finding that is not there', () => {
    const b = gapReview()
      .factor('CF-9', 'other')
      .add({ type: 'finding.factor-linked', payload: { findingId: 'F-3', factorId: 'CF-9' } });
    const graph = projectReview(b.state, b.model);
    // CF-2 explains KPE-1 with no evidence cited; KPE-1 still draws on CH-1.
    expect(traceFinding(graph, 'F-2')?.paths).toEqual([
      {
        findingId: 'F-2',
        factorId: 'CF-2',
        kpeId: 'KPE-1',
        evidenceId: 'CH-1',
        relation: 'drawn-on',
      },
    ]);
    // CF-9 explains no KPE.
    expect(traceFinding(graph, 'F-3')?.paths).toEqual([{ findingId: 'F-3', factorId: 'CF-9' }]);
    expect(traceFinding(graph, 'F-9')).toBeUndefined();
    expect(traceFinding(graph, 'KPE-1')).toBeUndefined();
  });
});
