/**
 * Checks on the ids an event names: each must exist now (not removed), and
 * a new one must never have been allocated before.
 */
import { type Issue, issue } from '../../domain/issue.ts';
import { type IdKind, idKind } from '../../domain/primitives.ts';
import type { ReviewState } from '../../domain/review-state.ts';

const COLLECTION_OF: Record<IdKind, keyof ReviewState | undefined> = {
  person: 'persons',
  agency: 'agencies',
  participant: 'participants',
  question: 'researchQuestions',
  chronology: 'chronology',
  conversation: 'conversations',
  excerpt: 'excerpts',
  kpe: 'kpes',
  factor: 'factors',
  finding: 'findings',
  boardIssue: undefined,
  meeting: 'meetings',
  invite: 'invites',
  prompt: 'prompts',
  contribution: 'contributions',
  timeLog: 'timeLog',
};

function boardIssueExists(state: ReviewState, id: string): boolean {
  return Object.values(state.findings).some((f) => f.boardIssues.some((b) => b.id === id));
}

/** Whether `id` names something in the review now. */
export function exists(state: ReviewState, id: string): boolean {
  const kind = idKind(id);
  if (!kind) return false;
  if (kind === 'boardIssue') return boardIssueExists(state, id);
  const collection = COLLECTION_OF[kind];
  return collection !== undefined && id in (state[collection] as Record<string, unknown>);
}

/** The issue for an id that names nothing (any more). */
export function missing(state: ReviewState, id: string, path: Issue['path']): Issue {
  const kind = idKind(id);
  const fix = kind ? { fix: { kind: 'list' as const, record: kind } } : {};
  const removed = state.removed[id];
  if (removed) {
    return issue(
      'reference-removed',
      path,
      `${id} was removed from review ${state.review.id} (${removed.reason}) and cannot be referred to`,
      { ids: [id], ...fix },
    );
  }
  return issue('reference-unknown', path, `${id} does not exist in review ${state.review.id}`, {
    ids: [id],
    ...fix,
  });
}

export function requireAll(
  state: ReviewState,
  ids: readonly string[],
  path: Issue['path'],
): Issue[] {
  return ids.flatMap((id, i) => (exists(state, id) ? [] : [missing(state, id, [...path, i])]));
}

export function requireOne(
  state: ReviewState,
  id: string | undefined,
  path: Issue['path'],
): Issue[] {
  return id === undefined || exists(state, id) ? [] : [missing(state, id, path)];
}

/** A new stable id must never have been allocated before, even if since removed. */
export function requireFresh(state: ReviewState, id: string, path: Issue['path']): Issue[] {
  if (!exists(state, id) && !state.removed[id]) return [];
  const kind = idKind(id) as IdKind;
  const next = `${id.slice(0, id.lastIndexOf('-'))}-${(state.lastIds[kind] ?? 0) + 1}`;
  const why = state.removed[id] ? 'was used before and removed' : 'is already in use';
  return [
    issue(
      'id-reused',
      path,
      `${id} ${why} in review ${state.review.id}; stable ids are never reused (the next free one is ${next})`,
      { ids: [id], fix: { kind: 'omit-id', next } },
    ),
  ];
}
