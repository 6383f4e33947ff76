import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors.ts';
import {
  applyEventToGraph,
  createReviewGraph,
  deserializeGraph,
  projectReview,
  type ReviewGraph,
  serializeGraph,
} from '../../src/graph/index.ts';
import { gapReview, meetingReview, ReviewBuilder } from './review-builder.ts';

/** The graph as sorted nodes and edges, so graphs built in different orders compare equal. */
function canonical(graph: ReviewGraph) {
  const data = graph.export();
  return {
    attributes: data.attributes,
    nodes: [...data.nodes].sort((a, b) => (String(a.key) < String(b.key) ? -1 : 1)),
    edges: [...data.edges].sort((a, b) => (String(a.key) < String(b.key) ? -1 : 1)),
  };
}

/**
 * Replays the builder's log from scratch into an empty graph one event at a time, checking
 * after every event that it equals the full projection of the state then; the final graph.
 */
function replayAgainstProjection(b: ReviewBuilder): ReviewGraph {
  const replay = new ReviewBuilder(b.id);
  let graph: ReviewGraph = createReviewGraph({
    reviewId: b.id,
    title: '',
    modelId: '',
    typology: '',
    seq: 0,
  });
  for (const event of b.events) {
    if (event.seq > 1) replay.add(structuredClone(event));
    graph = applyEventToGraph(graph, event, replay.state, replay.model);
    expect(canonical(graph), `after event ${event.seq} (${event.type})`).toEqual(
      canonical(projectReview(replay.state, replay.model)),
    );
  }
  return graph;
}

describe('projectReview', () => {
  it('makes a typed node for every record, keyed by its stable id', () => {
    const b = gapReview();
    const graph = projectReview(b.state, b.model);
    expect(graph.getNodeAttributes('KPE-1')).toEqual({
      kind: 'kpe',
      label: 'Episode KPE-1',
      periodFrom: '2024-01-01',
      rating: 'problematic',
      appraised: true,
      explained: true,
      agencyIds: ['AG-1', 'AG-2'],
    });
    expect(graph.getNodeAttributes('CF-1')).toMatchObject({
      kind: 'factor',
      head: 'conditions-of-work',
      headName: 'Conditions of work',
      level: 'frontline',
    });
    expect(graph.getNodeAttributes('F-1')).toMatchObject({
      kind: 'finding',
      category: 'human-management-system-operation',
    });
    expect(graph.getNodeAttributes('CH-2')).toMatchObject({
      kind: 'chronology',
      agencyId: 'AG-2',
      date: '2024-02-07',
      file: 'police.csv',
      record: 7,
    });
    expect(graph.getNodeAttributes('EX-1')).toMatchObject({
      kind: 'excerpt',
      conversationId: 'CV-1',
      participantId: 'PT-1',
      agencyId: 'AG-1',
    });
    expect(graph.getNodeAttributes('BI-10')).toMatchObject({
      kind: 'board-issue',
      findingId: 'F-1',
    });
    expect(graph.getNodeAttributes('AG-2')).toMatchObject({ kind: 'agency', sector: 'police' });
    expect(graph.getAttributes()).toMatchObject({ reviewId: 'R-GAPS', seq: b.state.seq });
  });

  it('joins them with typed edges, keyed source>target', () => {
    const b = gapReview();
    const graph = projectReview(b.state, b.model);
    const edge = (key: string) => graph.getEdgeAttributes(key);
    expect(edge('KPE-1>CH-1')).toEqual({ kind: 'draws-on' });
    expect(edge('KPE-1>AG-2')).toEqual({ kind: 'involves' });
    expect(edge('KPE-1>CF-1')).toEqual({ kind: 'explained-by', evidence: ['EX-1'] });
    // EX-1 is cited for two links, KPE-1|CF-1 and KPE-6|CF-4: one edge to each end of each link.
    expect(edge('EX-1>CF-1')).toEqual({ kind: 'evidences', links: ['KPE-1|CF-1'] });
    expect(edge('EX-1>KPE-1')).toEqual({ kind: 'evidences', links: ['KPE-1|CF-1'] });
    expect(edge('EX-1>CF-4')).toEqual({ kind: 'evidences', links: ['KPE-6|CF-4'] });
    expect(edge('CF-1>F-1')).toEqual({ kind: 'supports' });
    expect(edge('F-1>BI-10')).toEqual({ kind: 'raises' });
    expect(graph.hasNode('EX-2')).toBe(true);
    expect(graph.outDegree('EX-2')).toBe(0);
  });

  it('gives the same graph for the same state, in the same order', () => {
    const b = gapReview();
    expect(serializeGraph(projectReview(b.state, b.model))).toBe(
      serializeGraph(projectReview(b.state, b.model)),
    );
  });
});

describe('applyEventToGraph', () => {
  it('agrees with the full projection after every event, including edits and removals', () => {
    const b = gapReview()
      .link('KPE-2', 'CF-1', ['EX-2']) // linking again adds evidence
      .add({ type: 'kpe.edited', payload: { id: 'KPE-1', changes: { chronologyRefs: ['CH-2'] } } })
      .add({ type: 'kpe.edited', payload: { id: 'KPE-3', changes: { agencyIds: ['AG-1'] } } })
      .add({
        type: 'kpe.edited',
        payload: { id: 'KPE-2', changes: { appraisal: { rating: 'good', text: 'Good.' } } },
      })
      .add({ type: 'factor.edited', payload: { id: 'CF-2', changes: { head: 'personal' } } })
      .add({ type: 'factor.unlinked', payload: { kpeId: 'KPE-2', factorId: 'CF-1' } })
      .add({ type: 'finding.factor-linked', payload: { findingId: 'F-3', factorId: 'CF-3' } })
      .add({
        type: 'finding.board-issue-added',
        payload: { findingId: 'F-2', id: 'BI-99', question: 'Who decides?' },
      })
      .add({
        type: 'finding.edited',
        payload: { id: 'F-4', changes: { category: 'human-tool-operation' } },
      })
      .add({ type: 'kpe.removed', payload: { id: 'KPE-6', reason: 'merged into KPE-5' } })
      .add({ type: 'factor.removed', payload: { id: 'CF-1', reason: 'duplicate of CF-4' } })
      .add({ type: 'review.updated', payload: { changes: { typology: 'scie-later' } } })
      .chronology('CH-3', 'AG-2', '2024-02-09', 'Withdrawn later.', {
        file: 'police.csv',
        record: 8,
      })
      // A corrected police return: one entry added, a linked one corrected, an unlinked one gone.
      .add({
        type: 'chronology.return-revised',
        payload: {
          agencyId: 'AG-2',
          file: 'police.csv',
          added: [
            {
              id: 'CH-4',
              agencyId: 'AG-2',
              date: { precision: 'day', start: '2024-02-01', original: '01/02/2024' },
              text: 'Call from a neighbour.',
              sourceRef: 'QP-1',
              provenance: { method: 'import', file: 'police.csv', record: 7 },
              extra: {},
            },
          ],
          changed: [
            {
              id: 'CH-2',
              changes: {
                text: {
                  from: 'Domestic incident attended.',
                  to: 'Domestic incident; officers attended.',
                },
                sourceRef: { to: 'QP-2' },
                record: { from: 7, to: 8 },
              },
            },
          ],
          removed: [{ id: 'CH-3', record: 8, reason: 'withdrawn by the police' }],
        },
      })
      .excerpt('EX-3', 'CV-1', 'Late excerpt.')
      .kpe('KPE-7', { rating: 'good', agencies: ['AG-2'], chronology: ['CH-1'] })
      .link('KPE-7', 'CF-4', ['EX-3', 'CH-2']);

    // Replay the log from scratch, comparing after every event.
    const graph = replayAgainstProjection(b);
    // The removals really happened.
    expect(graph.hasNode('KPE-6')).toBe(false);
    expect(graph.hasNode('CF-1')).toBe(false);
    expect(graph.hasEdge('EX-1>CF-4')).toBe(false); // only KPE-6 cited EX-1 for CF-4
    expect(graph.hasEdge('EX-3>KPE-7')).toBe(true);
    expect(graph.hasNode('CH-3')).toBe(false);
    expect(graph.getNodeAttributes('CH-2')).toMatchObject({ sourceRef: 'QP-2', record: 8 });
  });
});

describe('the case group’s words in the graph', () => {
  it('makes an accepted contribution about a KPE or a finding a node, linked to what it is about', () => {
    const b = meetingReview();
    const graph = projectReview(b.state, b.model);
    expect(graph.getNodeAttributes('MC-1')).toEqual({
      kind: 'contribution',
      label: 'We had eleven families each that month.',
      contributionKind: 'context',
      meetingId: 'M-1',
      participantId: 'PT-1',
      agencyId: 'AG-1',
    });
    expect(graph.getEdgeAttributes('MC-1>KPE-1')).toEqual({ kind: 'contributes-to' });
    expect(graph.getEdgeAttributes('MC-2>F-1')).toEqual({ kind: 'contributes-to' });
    // A correction written while the timeline was shown is about the KPE it corrects.
    expect(graph.getEdgeAttributes('MC-5>KPE-2')).toEqual({ kind: 'contributes-to' });
    // A note for the reviewers, once accepted, is evidence for them too.
    expect(graph.hasEdge('MC-6>KPE-1')).toBe(true);
    expect(graph.outDegree('MC-1')).toBe(1);
  });

  it('leaves out what was declined, what is undecided, and answers to a prompt', () => {
    const b = meetingReview();
    const graph = projectReview(b.state, b.model);
    expect(graph.hasNode('MC-3')).toBe(false); // declined dissent
    expect(graph.hasNode('MC-4')).toBe(false); // not decided
    expect(graph.hasNode('MC-7')).toBe(false); // about a prompt, not a record
    expect(graph.hasNode('M-1')).toBe(false);
  });

  it('keeps the incremental graph equal to the projection through contributions, decisions and removals', () => {
    const b = meetingReview()
      .accept('MC-4')
      .add({ type: 'participant.edited', payload: { id: 'PT-1', changes: { agencyId: 'AG-2' } } })
      .agency('AG-3', 'Nursery', 'education')
      .participant('PT-3', 'AG-3')
      .contribution('MC-8', 'M-1', 'PT-3', 'dissent', 'It was good practice.', 'KPE-3')
      .accept('MC-8')
      .add({
        type: 'agency.removed',
        payload: {
          id: 'AG-3',
          reason: 'entered twice',
          detached: [{ from: 'PT-3', field: 'agencyId' }],
        },
      })
      .add({ type: 'participant.removed', payload: { id: 'PT-2', reason: 'left', detached: [] } })
      .add({ type: 'kpe.removed', payload: { id: 'KPE-2', reason: 'merged into KPE-1' } })
      .add({ type: 'finding.removed', payload: { id: 'F-1', reason: 'folded into F-4' } });
    const graph = replayAgainstProjection(b);
    expect(graph.getNodeAttributes('MC-1')).toMatchObject({ agencyId: 'AG-2' });
    expect(graph.getNodeAttributes('MC-8')).not.toHaveProperty('agencyId');
    expect(graph.getNodeAttributes('MC-5')).toMatchObject({ participantId: 'PT-2' });
    expect(graph.getNodeAttributes('MC-5')).not.toHaveProperty('agencyId');
    // The records they were about are gone, and the edges with them; the words stay.
    expect(graph.outDegree('MC-5')).toBe(0);
    expect(graph.outDegree('MC-2')).toBe(0);
    expect(graph.hasEdge('MC-8>KPE-3')).toBe(true);
  });

  it('round-trips contribution nodes through JSON', () => {
    const b = meetingReview();
    const graph = projectReview(b.state, b.model);
    expect(deserializeGraph(serializeGraph(graph)).export()).toEqual(graph.export());
  });
});

describe('serializeGraph and deserializeGraph', () => {
  it('round-trips a graph through JSON', () => {
    const b = gapReview();
    const graph = projectReview(b.state, b.model);
    const back = deserializeGraph(serializeGraph(graph));
    expect(back.export()).toEqual(graph.export());
    expect(back.getNodeAttribute('KPE-1', 'kind')).toBe('kpe');
  });

  it('refuses a stored graph with a bad node, naming it', () => {
    const b = gapReview();
    const data = projectReview(b.state, b.model).export();
    const broken = {
      ...data,
      nodes: data.nodes.map((n) =>
        n.key === 'KPE-1' ? { ...n, attributes: { ...n.attributes, rating: 'awful' } } : n,
      ),
    };
    let error: unknown;
    try {
      deserializeGraph(JSON.stringify(broken));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const index = data.nodes.findIndex((n) => n.key === 'KPE-1');
    expect((error as ValidationError).issues[0]?.path).toEqual([
      'graph',
      'nodes',
      index,
      'attributes',
      'rating',
    ]);
  });

  it('refuses an edge whose end is missing, and text that is not JSON', () => {
    const b = gapReview();
    const data = projectReview(b.state, b.model).export();
    const dangling = { ...data, nodes: data.nodes.filter((n) => n.key !== 'CH-1') };
    expect(() => deserializeGraph(dangling)).toThrow(/one end is not a node/);
    expect(() => deserializeGraph('{not json')).toThrow(/not JSON/);
  });
});
