/**
 * How much work a review has taken, from the time people logged: by role, stage, person and
 * activity, against the effort the review's variant expects — evidence for those who plan reviews.
 */
import { InternalError } from '../domain/errors.ts';
import { PARTICIPANT_ROLES, type ParticipantRole } from '../domain/participant.ts';
import { compareIds } from '../domain/primitives.ts';
import type { ReviewState } from '../domain/review-state.ts';
import type { TimeLogEntry } from '../domain/time-log.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';

/** The label of time logged without a stage. */
export const NO_STAGE = '(no stage)';

export interface WorkloadSummary {
  totalMinutes: number;
  /** Total hours, to one decimal place. */
  totalHours: number;
  /** How many time entries were counted. */
  entries: number;
  /** Roles with time logged, in the domain's role order (lead reviewers first). */
  byRole: { role: ParticipantRole; minutes: number }[];
  /**
   * Stages with time logged, in the model's stage order; a stage the model no longer has
   * comes after them, and time logged without a stage last, as `stage: null`.
   */
  byStage: { stage: string | null; stageName: string; minutes: number }[];
  /** Most time first; ties by participant id. */
  byPerson: { participantId: string; name: string; role: ParticipantRole; minutes: number }[];
  /**
   * Most time first. Activities are free text, so spellings differing only in case or spacing
   * are counted together, under the first spelling logged.
   */
  byActivity: { activity: string; minutes: number }[];
  /** The review's variant, or null if the model no longer has it. */
  variant: { id: string; name: string } | null;
  /** What the variant expects across the review team, or null where the model gives no figure. */
  expectedEffortHours: number | null;
  /** Logged time as a whole-number percentage of the expected effort, or null without one. */
  percentOfExpected: number | null;
}

/** Adds `minutes` to the total for `key`. */
function tally<K>(totals: Map<K, number>, key: K, minutes: number): void {
  totals.set(key, (totals.get(key) ?? 0) + minutes);
}

/**
 * Summarises the time logged on a review. Pure: the same state and model give the same summary.
 *
 * @example
 * const summary = summariseWorkload(await service.load('R-7K2M9Q'), model);
 * summary.percentOfExpected; // 38, or null when the variant gives no expected effort
 */
export function summariseWorkload(state: ReviewState, model: MethodologyModel): WorkloadSummary {
  const entries: TimeLogEntry[] = Object.values(state.timeLog).sort((a, b) =>
    compareIds(a.id, b.id),
  );

  const byRole = new Map<ParticipantRole, number>();
  const byStage = new Map<string | null, number>();
  const byPerson = new Map<string, WorkloadSummary['byPerson'][number]>();
  const byActivity = new Map<string, { activity: string; minutes: number }>();
  let totalMinutes = 0;

  for (const entry of entries) {
    const participant = state.participants[entry.participantId];
    if (!participant) {
      // The service refuses time for an unknown participant, so the log itself is inconsistent.
      throw new InternalError(
        `time entry ${entry.id} names participant ${entry.participantId}, who is not in review ${state.review.id}`,
      );
    }
    totalMinutes += entry.minutes;
    tally(byRole, participant.role, entry.minutes);
    tally(byStage, entry.stage ?? null, entry.minutes);
    const person = byPerson.get(participant.id) ?? {
      participantId: participant.id,
      name: participant.name,
      role: participant.role,
      minutes: 0,
    };
    person.minutes += entry.minutes;
    byPerson.set(participant.id, person);
    const key = entry.activity.trim().replace(/\s+/g, ' ').toLowerCase();
    const activity = byActivity.get(key) ?? { activity: entry.activity.trim(), minutes: 0 };
    activity.minutes += entry.minutes;
    byActivity.set(key, activity);
  }

  const stageOrder = new Map(model.stages.map((s, i) => [s.id, i]));
  const stageRank = (id: string | null) =>
    id === null ? Number.POSITIVE_INFINITY : (stageOrder.get(id) ?? model.stages.length);

  const variant = model.variants.find((v) => v.id === state.review.variant);
  const expectedEffortHours = variant?.expectedEffortHours ?? null;

  return {
    totalMinutes,
    totalHours: Math.round((totalMinutes / 60) * 10) / 10,
    entries: entries.length,
    byRole: PARTICIPANT_ROLES.filter((role) => byRole.has(role)).map((role) => ({
      role,
      minutes: byRole.get(role) ?? 0,
    })),
    byStage: [...byStage]
      .sort(([a], [b]) => stageRank(a) - stageRank(b) || (a ?? '').localeCompare(b ?? '', 'en'))
      .map(([stage, minutes]) => ({
        stage,
        stageName:
          stage === null ? NO_STAGE : (model.stages.find((s) => s.id === stage)?.name ?? stage),
        minutes,
      })),
    byPerson: [...byPerson.values()].sort(
      (a, b) => b.minutes - a.minutes || compareIds(a.participantId, b.participantId),
    ),
    // Equal totals keep the order first logged (the sort is stable).
    byActivity: [...byActivity.values()].sort((a, b) => b.minutes - a.minutes),
    variant: variant ? { id: variant.id, name: variant.name } : null,
    expectedEffortHours,
    percentOfExpected:
      expectedEffortHours === null
        ? null
        : Math.round((totalMinutes / (expectedEffortHours * 60)) * 100),
  };
}
