/** Reducers for findings, the factors behind them and their Issues for the Board. */
import { markRemoved, removeRecord } from './detach.ts';
import { must, noteId, type Reducers, withChanges, withSections } from './reducer.ts';

export const findingReducers: Reducers<
  | 'finding.added'
  | 'finding.edited'
  | 'finding.removed'
  | 'finding.factor-linked'
  | 'finding.factor-unlinked'
  | 'finding.board-issue-added'
  | 'finding.board-issue-edited'
  | 'finding.board-issue-removed'
> = {
  'finding.added': (state, { payload }) => {
    state.findings[payload.id] = payload;
    noteId(state, payload.id);
    for (const bi of payload.boardIssues) noteId(state, bi.id);
  },
  'finding.edited': (state, event) => {
    const { id, changes } = event.payload;
    const finding = must(state.findings[id], id, event);
    const { sections, ...rest } = changes;
    state.findings[id] = {
      ...withChanges(finding, rest),
      sections: withSections(finding.sections, sections),
    };
  },
  'finding.removed': (state, event) => {
    const { id, reason } = event.payload;
    const finding = must(state.findings[id], id, event);
    removeRecord(state, state.findings, id, reason, event);
    for (const bi of finding.boardIssues) {
      markRemoved(state, bi.id, `removed with ${id}: ${reason}`, event);
    }
  },
  'finding.factor-linked': (state, event) => {
    const { findingId, factorId } = event.payload;
    const finding = must(state.findings[findingId], findingId, event);
    if (!finding.factorIds.includes(factorId)) {
      state.findings[findingId] = { ...finding, factorIds: [...finding.factorIds, factorId] };
    }
  },
  'finding.factor-unlinked': (state, event) => {
    const { findingId, factorId } = event.payload;
    const finding = must(state.findings[findingId], findingId, event);
    state.findings[findingId] = {
      ...finding,
      factorIds: finding.factorIds.filter((f) => f !== factorId),
    };
  },
  'finding.board-issue-added': (state, event) => {
    const { findingId, ...boardIssue } = event.payload;
    const finding = must(state.findings[findingId], findingId, event);
    state.findings[findingId] = { ...finding, boardIssues: [...finding.boardIssues, boardIssue] };
    noteId(state, boardIssue.id);
  },
  'finding.board-issue-edited': (state, event) => {
    const { findingId, id, changes } = event.payload;
    const finding = must(state.findings[findingId], findingId, event);
    must(
      finding.boardIssues.find((b) => b.id === id),
      id,
      event,
    );
    state.findings[findingId] = {
      ...finding,
      boardIssues: finding.boardIssues.map((b) => (b.id === id ? withChanges(b, changes) : b)),
    };
  },
  'finding.board-issue-removed': (state, event) => {
    const { findingId, id, reason } = event.payload;
    const finding = must(state.findings[findingId], findingId, event);
    state.findings[findingId] = {
      ...finding,
      boardIssues: finding.boardIssues.filter((b) => b.id !== id),
    };
    markRemoved(state, id, reason, event);
  },
};
