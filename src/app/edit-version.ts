/**
 * Optimistic concurrency for edits made in a form: the form carries the version of the record
 * it showed; saving checks, as the change is written, that the record is still that version.
 * If someone else saved first the edit is refused with the record as it now stands, so the
 * page can show both and let the person choose — nothing is overwritten unseen.
 */
import { createHash } from 'node:crypto';
import { EditConflictError } from '../domain/errors.ts';
import { issue } from '../domain/issue.ts';
import { ID_PREFIXES, type IdKind } from '../domain/primitives.ts';
import type { ReviewState } from '../domain/review-state.ts';
import type { Workspace } from './workspace.ts';

/** Where each kind of record lives in a review's state. */
const COLLECTIONS: Partial<Record<IdKind, keyof ReviewState>> = {
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
  meeting: 'meetings',
  timeLog: 'timeLog',
};

const KIND_BY_PREFIX = new Map<string, IdKind>(
  Object.entries(ID_PREFIXES).map(([kind, prefix]) => [prefix, kind as IdKind]),
);

/** The id that stands for the review's own record (its title, subject, key dates). */
export const REVIEW_RECORD = 'review';

/**
 * The record with a stable id (`KPE-3`, `AG-2`) in the state, if it is there; `review` is the
 * review's own record, for its settings.
 */
export function recordIn(state: ReviewState, id: string): object | undefined {
  if (id === REVIEW_RECORD) return state.review;
  const kind = KIND_BY_PREFIX.get(id.slice(0, id.lastIndexOf('-')));
  // An Issue for the Board lives inside its finding: its version is its own, not the finding's.
  if (kind === 'boardIssue') {
    for (const finding of Object.values(state.findings)) {
      const found = finding.boardIssues.find((b) => b.id === id);
      if (found) return found;
    }
    return undefined;
  }
  const collection = kind ? COLLECTIONS[kind] : undefined;
  if (!collection) return undefined;
  return (state[collection] as Record<string, object>)[id];
}

/** A short fingerprint of a record's whole content: any change to any field changes it. */
export function versionOf(record: object | undefined): string {
  if (record === undefined) return 'absent';
  return createHash('sha256').update(stableJson(record)).digest('hex').slice(0, 16);
}

/** The record's version in the review as it stands, for a form to carry. */
export async function recordVersion(ws: Workspace, reviewId: string, id: string): Promise<string> {
  return versionOf(recordIn(await ws.load(reviewId), id));
}

/**
 * The workspace whose changes are refused with an EditConflictError unless record `id` is
 * still at `version` when the change is written.
 */
export function basedOn(ws: Workspace, id: string, version: string): Workspace {
  return ws.onlyIf((state) => {
    const current = recordIn(state, id);
    if (versionOf(current) === version) return;
    throw new EditConflictError(
      [
        issue(
          'edit-conflict',
          ['version'],
          current
            ? `${id === REVIEW_RECORD ? 'the review record' : id} was changed by someone else after this form was opened; compare the two versions and save again`
            : `${id} was removed by someone else after this form was opened`,
          { ids: [id] },
        ),
      ],
      current,
    );
  });
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as object).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
