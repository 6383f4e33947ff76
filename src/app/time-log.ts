/** Use-cases for the time spent on a review: logging it, listing it, and the workload it adds up to. */
import { byId } from '../domain/display-order.ts';
import { TimeLogChanges, TimeLogInput } from '../domain/time-log.ts';
import { summariseWorkload } from '../workflow/workload.ts';
import { recordId, removalReason, requireChanges } from './record-changes.ts';
import { findNamed, TypedName } from './references/find-named.ts';
import { parseWithDays } from './references/read-day.ts';
import type { CommandResult, Workspace } from './workspace.ts';

export function logTime(
  ws: Workspace,
  reviewId: string,
  input: unknown,
  id?: string,
): Promise<CommandResult> {
  // The participant by id or name; the date as people write it.
  const parsed = parseWithDays(TimeLogInput.extend({ participantId: TypedName }), input, [
    ['date'],
  ]);
  return ws.run(reviewId, (state, _m, allocate) => [
    {
      type: 'time.logged',
      payload: {
        ...parsed,
        participantId: findNamed(state, 'participant', parsed.participantId, ['participantId']).id,
        id: allocate('timeLog', id),
      },
    },
  ]);
}

/** Corrects a time entry; `stage: null` clears its stage. */
export function editTime(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  changes: unknown,
): Promise<CommandResult> {
  const entryId = recordId('timeLog', id);
  const typed = parseWithDays(
    TimeLogChanges.extend({ participantId: TypedName }).partial(),
    changes,
    [['date']],
  );
  requireChanges(entryId, typed);
  return ws.run(reviewId, (state) => {
    const participant =
      typed.participantId &&
      findNamed(state, 'participant', typed.participantId, ['participantId']);
    const parsed = { ...typed, ...(participant ? { participantId: participant.id } : {}) };
    return [{ type: 'time.edited', payload: { id: entryId, changes: parsed } }];
  });
}

/** Removes a time entry logged by mistake, for a reason kept in the log. */
export function removeTime(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  reason: unknown,
): Promise<CommandResult> {
  const payload = { id: recordId('timeLog', id), reason: removalReason(reason) };
  return ws.run(reviewId, () => [{ type: 'time.removed', payload }]);
}

/** Time entries by date, each with the participant's name. */
export async function listTime(ws: Workspace, reviewId: string) {
  const state = await ws.load(reviewId);
  return byId(state.timeLog)
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((t) => ({
      ...t,
      participantName: state.participants[t.participantId]?.name ?? t.participantId,
    }));
}

/** The time logged by role, stage, person and activity, against the variant's expected effort. */
export async function workload(ws: Workspace, reviewId: string) {
  const state = await ws.load(reviewId);
  return {
    review: { id: state.review.id, title: state.review.title, modelId: state.review.modelId },
    summary: summariseWorkload(state, ws.modelOf(state)),
  };
}
