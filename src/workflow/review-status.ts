/**
 * Where a review stands: its stage and how long it has been there, what
 * blocks the next move and why, where it can go, its statutory clocks and
 * its next meeting. One pure function, shared by the CLI and the web app.
 */
import type { Issue } from '../domain/issue.ts';
import type { ReviewState, StageEntry } from '../domain/review-state.ts';
import { stageGates } from '../model/lookups.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import { type ClockStatus, clockStatuses } from './clocks/compute-clocks.ts';
import { exitsOf, hasBeenIn, stageById, stagesBefore } from './stage-flow.ts';
import type { Workflow } from './workflow.ts';

export interface GateStatus {
  id: string;
  description: string;
  met: boolean;
  /** What is missing, in a reviewer's words, with the ids concerned. */
  shortfalls: Issue[];
}

export interface ReviewStatus {
  review: { id: string; title: string; kind: string; variant: string; model: string };
  today: string;
  stage: {
    id: string;
    name: string;
    description: string;
    final: boolean;
    since: string;
    entered: StageEntry['via'];
  };
  gates: GateStatus[];
  canAdvance: boolean;
  exits: { to: string; toName: string; outcome: string | null; name: string | null }[];
  reopenTo: string[];
  clocks: ClockStatus[];
  /**
   * Set when the review was entered after the fact, already under way: the
   * stage it was entered at and since when, the day it was recorded here, and
   * the stages before, which were not tracked here (none is taken as met).
   */
  enteredAfterTheFact: {
    stage: string;
    stageName: string;
    since: string;
    recordedOn: string;
    notTracked: { id: string; name: string }[];
  } | null;
  nextMeeting: { id: string; type: string; typeName: string; date: string } | null;
  history: StageEntry[];
}

function afterTheFact(
  state: ReviewState,
  model: MethodologyModel,
): ReviewStatus['enteredAfterTheFact'] {
  const entered = state.review.enteredAfterTheFact;
  if (!entered) return null;
  const stage = state.review.startStage;
  return {
    stage,
    stageName: stageById(model, stage)?.name ?? stage,
    since: entered.since,
    recordedOn: state.review.createdAt.slice(0, 10),
    notTracked: entered.notTracked.map((id) => ({ id, name: stageById(model, id)?.name ?? id })),
  };
}

export function reviewStatus(
  state: ReviewState,
  model: MethodologyModel,
  workflow: Workflow,
  today: string,
): ReviewStatus {
  const stage = stageById(model, state.stage);
  const unmet = workflow.unmetGates(state, model);
  const gates = (stageGates(model, state.stage) ?? []).map((gate) => {
    const shortfalls = unmet.filter((i) => i.path[1] === gate.id);
    return { id: gate.id, description: gate.description, met: shortfalls.length === 0, shortfalls };
  });
  const entry = state.stageHistory.at(-1) as StageEntry;
  const upcoming = Object.values(state.meetings)
    .filter((m) => m.status === 'scheduled' && m.date >= today)
    .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id))[0];
  return {
    review: {
      id: state.review.id,
      title: state.review.title,
      kind: state.review.kind,
      variant: state.review.variant,
      model: model.id,
    },
    today,
    stage: {
      id: state.stage,
      name: stage?.name ?? state.stage,
      description: stage?.description ?? '',
      final: stage?.final ?? false,
      since: entry.at.slice(0, 10),
      entered: entry.via,
    },
    gates,
    canAdvance: !stage?.final && unmet.length === 0,
    exits: exitsOf(model, state.stage).map((e) => ({
      to: e.to,
      toName: stageById(model, e.to)?.name ?? e.to,
      outcome: e.outcome ?? null,
      name: e.name ?? null,
    })),
    reopenTo: stagesBefore(model, state.stage).filter((id) => hasBeenIn(state, id)),
    clocks: clockStatuses(state, model, today),
    enteredAfterTheFact: afterTheFact(state, model),
    nextMeeting: upcoming
      ? {
          id: upcoming.id,
          type: upcoming.type,
          typeName: model.meetingTypes.find((t) => t.id === upcoming.type)?.name ?? upcoming.type,
          date: upcoming.date,
        }
      : null,
    history: state.stageHistory,
  };
}
