import { describe, expect, it } from 'vitest';
import { traceLines } from '../../src/cli/commands/trace.ts';
import { projectReview, traceFinding } from '../../src/graph/index.ts';
import { traceView } from '../../src/server/outputs-view.ts';
import { gapReview, meetingReview } from './review-builder.ts';

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

describe('traceFinding and the case group', () => {
  it('traces a finding back to the accepted words of the case group, with who said them and where', () => {
    const b = meetingReview();
    const trace = traceFinding(projectReview(b.state, b.model), 'F-1');
    // Said about the finding itself: MC-2 (MC-3, dissent declined, is not evidence).
    expect(trace?.caseGroup).toEqual([
      {
        id: 'MC-2',
        kind: 'contribution',
        relation: 'case-group',
        label: 'It still happens across the county.',
        contributionKind: 'context',
        meetingId: 'M-1',
        participantId: 'PT-1',
        agencyId: 'AG-1',
        agencyName: 'Health visiting',
      },
    ]);
    // Said about KPE-1, which CF-1 explains: MC-1 and the note MC-6, after the chronology.
    const kpe1 = trace?.factors[0]?.kpes.find((k) => k.id === 'KPE-1');
    expect(kpe1?.evidence.map((e) => [e.id, e.relation])).toEqual([
      ['EX-1', 'link-evidence'],
      ['CH-1', 'drawn-on'],
      ['MC-1', 'case-group'],
      ['MC-6', 'case-group'],
    ]);
    const kpe2 = trace?.factors[0]?.kpes.find((k) => k.id === 'KPE-2');
    expect(kpe2?.evidence.map((e) => e.id)).toEqual(['CH-2', 'MC-5']);
    expect(trace?.paths.filter((p) => p.relation === 'case-group')).toEqual([
      { findingId: 'F-1', evidenceId: 'MC-2', relation: 'case-group' },
      {
        findingId: 'F-1',
        factorId: 'CF-1',
        kpeId: 'KPE-1',
        evidenceId: 'MC-1',
        relation: 'case-group',
      },
      {
        findingId: 'F-1',
        factorId: 'CF-1',
        kpeId: 'KPE-1',
        evidenceId: 'MC-6',
        relation: 'case-group',
      },
      {
        findingId: 'F-1',
        factorId: 'CF-1',
        kpeId: 'KPE-2',
        evidenceId: 'MC-5',
        relation: 'case-group',
      },
    ]);
  });

  it('leaves out what the reviewers declined or have not decided', () => {
    const b = meetingReview();
    const trace = traceFinding(projectReview(b.state, b.model), 'F-1');
    const ids = trace?.paths.map((p) => p.evidenceId) ?? [];
    expect(ids).not.toContain('MC-3'); // dissent, declined
    expect(ids).not.toContain('MC-4'); // a question, not decided
    b.accept('MC-4');
    const after = traceFinding(projectReview(b.state, b.model), 'F-1');
    expect(after?.paths.map((p) => p.evidenceId)).toContain('MC-4');
  });
});

describe('the trace in words', () => {
  it('says who said what at which meeting, on the terminal and on the page', () => {
    const b = meetingReview();
    const trace = traceFinding(projectReview(b.state, b.model), 'F-1');
    if (!trace) throw new Error('no trace');
    const lines = traceLines(trace);
    expect(lines).toContain(
      '    heard from the case group: MC-2 how it looked at the time at M-1 (PT-1, AG-1) (accepted from the case group): "It still happens across the county."',
    );
    expect(lines.some((l) => l.includes('MC-5 correction at M-1 (PT-2, AG-2)'))).toBe(true);
    const view = traceView('R-GAPS', trace, { notesForReviewers: true });
    expect(view.caseGroup).toEqual([
      {
        id: 'MC-2',
        label: 'It still happens across the county.',
        href: '/reviews/R-GAPS/meetings#MC-2',
        why: 'accepted from the case group',
        source: 'How it looked at the time, PT-1, Health visiting, at M-1',
      },
    ]);
    const kpe1 = (v: ReturnType<typeof traceView>) =>
      v.factors[0]?.kpes.find((k) => k.id === 'KPE-1')?.evidence.map((e) => e.id);
    expect(kpe1(view)).toEqual(['EX-1', 'CH-1', 'MC-1', 'MC-6']);
    // A note for the reviewers is not shown to those who only read the review.
    const reader = traceView('R-GAPS', trace, { notesForReviewers: false });
    expect(kpe1(reader)).toEqual(['EX-1', 'CH-1', 'MC-1']);
    expect(Number.parseInt(reader.paths, 10)).toBe(Number.parseInt(view.paths, 10) - 1);
  });
});
