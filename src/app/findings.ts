/** Use-cases for findings: underlying patterns, the factors behind them, and Issues for the Board. */
import { z } from 'zod';
import { byId, orderedFindings } from '../domain/display-order.ts';
import { ValidationError } from '../domain/errors.ts';
import {
  type BoardIssue,
  BoardIssueChanges,
  type Finding,
  FindingChanges,
  FindingInput,
} from '../domain/finding.ts';
import { LongText, stableIdInput } from '../domain/primitives.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import { factorHeads, findCategory, typology } from '../model/lookups.ts';
import { caseGroupWordsOn } from './case-group-words.ts';
import { missing } from './check-event/references.ts';
import { editPlain, recordId, removalReason } from './record-changes.ts';
import { requireRecord } from './references/require-record.ts';
import type { CommandResult, Workspace } from './workspace.ts';

/** Adds a finding, optionally with the factors behind it and its Issues for the Board. */
export function addFinding(
  ws: Workspace,
  reviewId: string,
  input: unknown,
  extras: { id?: string; factorIds?: unknown; boardQuestions?: unknown } = {},
): Promise<CommandResult> {
  const parsed = parseOrThrow(FindingInput, input);
  const factorIds = parseOrThrow(z.array(stableIdInput('factor')), extras.factorIds ?? [], [
    'factorIds',
  ]);
  const questions = parseOrThrow(
    z.array(LongText('the question for the Board')),
    extras.boardQuestions ?? [],
    ['boardQuestions'],
  );
  return ws.run(reviewId, (_s, _m, allocate) => [
    {
      type: 'finding.added',
      payload: {
        ...parsed,
        id: allocate('finding', extras.id),
        factorIds: [...new Set(factorIds)],
        boardIssues: questions.map((question) => ({ id: allocate('boardIssue'), question })),
      },
    },
  ]);
}

export function editFinding(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  changes: unknown,
): Promise<CommandResult> {
  return editPlain(
    ws,
    reviewId,
    { type: 'finding.edited', kind: 'finding', changes: FindingChanges },
    id,
    changes,
  );
}

/**
 * Removes a finding with its Issues for the Board, for a reason kept in the
 * log; none of their ids is used again.
 */
export function removeFinding(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  reason: unknown,
): Promise<CommandResult> {
  const payload = { id: recordId('finding', id), reason: removalReason(reason) };
  return ws.run(reviewId, () => [{ type: 'finding.removed', payload }]);
}

/** Records that a factor no longer supports a finding. */
export function unlinkFindingFactor(
  ws: Workspace,
  reviewId: string,
  findingId: unknown,
  factorId: unknown,
): Promise<CommandResult> {
  const payload = {
    findingId: recordId('finding', findingId),
    factorId: parseOrThrow(stableIdInput('factor'), factorId, ['factorId']),
  };
  return ws.run(reviewId, () => [{ type: 'finding.factor-unlinked', payload }]);
}

/** The finding an Issue for the Board belongs to, or a refusal naming it as unknown or removed. */
function findingOfBoardIssue(state: ReviewState, id: string): string {
  const finding = Object.values(state.findings).find((f) => f.boardIssues.some((b) => b.id === id));
  if (finding) return finding.id;
  throw new ValidationError([missing(state, id, ['id'])]);
}

/** Rewords an Issue for the Board; it keeps its id and its finding. */
export function editBoardIssue(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  changes: unknown,
): Promise<CommandResult> {
  const boardIssueId = recordId('boardIssue', id);
  const parsed = parseOrThrow(BoardIssueChanges, changes);
  return ws.run(reviewId, (state) => [
    {
      type: 'finding.board-issue-edited',
      payload: {
        id: boardIssueId,
        findingId: findingOfBoardIssue(state, boardIssueId),
        changes: parsed,
      },
    },
  ]);
}

/** Removes an Issue for the Board from its finding, for a reason kept in the log. */
export function removeBoardIssue(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  reason: unknown,
): Promise<CommandResult> {
  const boardIssueId = recordId('boardIssue', id);
  const why = removalReason(reason);
  return ws.run(reviewId, (state) => [
    {
      type: 'finding.board-issue-removed',
      payload: {
        id: boardIssueId,
        findingId: findingOfBoardIssue(state, boardIssueId),
        reason: why,
      },
    },
  ]);
}

/** Every Issue for the Board, findings in ranked order, with the finding each belongs to. */
export async function listBoardIssues(ws: Workspace, reviewId: string) {
  const state = await ws.load(reviewId);
  return orderedFindings(state.findings).flatMap((f) =>
    f.boardIssues.map((b) => ({ ...b, findingId: f.id, statement: f.statement })),
  );
}

/** Records that factors support a finding. */
export function linkFindingFactors(
  ws: Workspace,
  reviewId: string,
  findingId: unknown,
  factorIds: unknown,
): Promise<CommandResult> {
  const parsed = parseOrThrow(
    z.strictObject({
      findingId: stableIdInput('finding'),
      factorIds: z.array(stableIdInput('factor')).min(1, 'give at least one factor'),
    }),
    { findingId, factorIds },
  );
  return ws.run(reviewId, () =>
    [...new Set(parsed.factorIds)].map((factorId) => ({
      type: 'finding.factor-linked' as const,
      payload: { findingId: parsed.findingId, factorId },
    })),
  );
}

/** Adds an Issue for the Board to a finding, as a question. */
export function addBoardIssue(
  ws: Workspace,
  reviewId: string,
  findingId: unknown,
  question: unknown,
): Promise<CommandResult> {
  const parsed = parseOrThrow(
    z.strictObject({
      findingId: stableIdInput('finding'),
      question: LongText('the question for the Board'),
    }),
    { findingId, question },
  );
  return ws.run(reviewId, (_s, _m, allocate) => [
    { type: 'finding.board-issue-added', payload: { ...parsed, id: allocate('boardIssue') } },
  ]);
}

/** Findings in ranked order. */
export async function listFindings(ws: Workspace, reviewId: string) {
  return orderedFindings((await ws.load(reviewId)).findings);
}

/** One finding with its sections in the model's order, titled. */
export async function showFinding(ws: Workspace, reviewId: string, id: string) {
  const state = await ws.load(reviewId);
  const finding = requireRecord(state, state.findings, id);
  const sections = ws.modelOf(state).findingSections.map((s) => ({
    id: s.id,
    title: s.title,
    text: finding.sections[s.id],
  }));
  return { finding, sections };
}

/**
 * What a finding's form offers, from the review's model: the categories of the review's
 * typology, the model's finding sections with their prompts, and the factors there are to
 * support it (with their heads' names).
 */
export async function findingChoices(ws: Workspace, reviewId: string) {
  const state = await ws.load(reviewId);
  const model = ws.modelOf(state);
  const chosen = typology(model, state.review.typology);
  const heads = new Map(factorHeads(model).map((h) => [h.id, h.name]));
  return {
    typology: chosen ? { id: chosen.id, name: chosen.name } : null,
    categories: (chosen?.categories ?? []).map((c) => ({
      id: c.id,
      name: c.name,
      description: c.description,
    })),
    sections: model.findingSections.map((s) => ({
      id: s.id,
      title: s.title,
      prompt: s.prompt ?? null,
    })),
    factors: byId(state.factors).map((f) => ({
      id: f.id,
      text: f.text,
      headName: heads.get(f.head) ?? f.head,
    })),
  };
}

/**
 * One finding as its page shows it: its category named, its sections in the model's order,
 * each supporting factor with its text and head, its Issues for the Board, and what the case
 * group said about it (see `caseGroupWordsOn`).
 */
export async function findingDetail(ws: Workspace, reviewId: string, id: string) {
  const { finding, sections } = await showFinding(ws, reviewId, id);
  const state = await ws.load(reviewId);
  const model = ws.modelOf(state);
  const heads = new Map(factorHeads(model).map((h) => [h.id, h.name]));
  const category = findCategory(model, state.review.typology, finding.category);
  return {
    finding,
    caseGroup: caseGroupWordsOn(state, model, finding.id),
    categoryName: category?.name ?? finding.category,
    sections: sections.map((s) => ({ ...s, text: s.text ?? null })),
    factors: finding.factorIds.map((fid) => {
      const f = state.factors[fid];
      return {
        id: fid,
        text: f?.text ?? '',
        headName: f ? (heads.get(f.head) ?? f.head) : '',
      };
    }),
  };
}

/** Findings in ranked order, each with its category's name. */
export async function findingSummaries(ws: Workspace, reviewId: string) {
  const state = await ws.load(reviewId);
  const model = ws.modelOf(state);
  return orderedFindings(state.findings).map((f) => ({
    ...f,
    categoryName: findCategory(model, state.review.typology, f.category)?.name ?? f.category,
  }));
}

/** One Issue for the Board with the finding it belongs to. */
export async function showBoardIssue(ws: Workspace, reviewId: string, id: string) {
  const state = await ws.load(reviewId);
  const boardIssueId = recordId('boardIssue', id);
  const findingId = findingOfBoardIssue(state, boardIssueId);
  const finding = state.findings[findingId] as Finding;
  const boardIssue = finding.boardIssues.find((b) => b.id === boardIssueId) as BoardIssue;
  return { boardIssue, finding: { id: finding.id, statement: finding.statement } };
}
