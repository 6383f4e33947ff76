/** The shape every event family's checks share. */
import type { EventPayload, EventType } from '../../domain/events.ts';
import type { Issue } from '../../domain/issue.ts';
import type { ReviewState } from '../../domain/review-state.ts';
import type { MethodologyModel } from '../../model/methodology-model.ts';
import type { Workflow } from '../../workflow/workflow.ts';

export interface CheckContext {
  state: ReviewState;
  model: MethodologyModel;
  workflow: Workflow;
}

/** Checks one event's payload against the review it would join; empty means it may be appended. */
export type Validator<T extends EventType> = (
  payload: EventPayload<T>,
  ctx: CheckContext,
) => Issue[];

/** The validators of a family of events, by event type. */
export type Validators<T extends EventType> = { [K in T]: Validator<K> };
