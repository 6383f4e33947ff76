/** A record named by a person, by its stable id in any case (`kpe-03` is `KPE-3`), or a refusal. */
import { ValidationError } from '../../domain/errors.ts';
import type { Issue } from '../../domain/issue.ts';
import { normaliseStableId } from '../../domain/primitives.ts';
import type { ReviewState } from '../../domain/review-state.ts';
import { missing } from '../check-event/references.ts';

export function requireRecord<T>(
  state: ReviewState,
  records: Record<string, T>,
  id: string,
  path: Issue['path'] = ['id'],
): T {
  const normalised = normaliseStableId(id) ?? id;
  const found = records[normalised];
  if (found !== undefined) return found;
  throw new ValidationError([missing(state, normalised, path)]);
}
