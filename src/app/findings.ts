/** Use-cases for findings: underlying patterns, the factors behind them, and Issues for the Board. */
import { z } from 'zod';
import { orderedFindings } from '../domain/display-order.ts';
import { FindingChanges, FindingInput } from '../domain/finding.ts';
import { LongText, stableIdInput } from '../domain/primitives.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
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
  const findingId = parseOrThrow(stableIdInput('finding'), id, ['id']);
  const parsed = parseOrThrow(FindingChanges, changes);
  return ws.run(reviewId, () => [
    { type: 'finding.edited', payload: { id: findingId, changes: parsed } },
  ]);
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
