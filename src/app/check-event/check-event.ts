/**
 * The invariants an event must keep before it joins a review's log: every id
 * it refers to exists, every model term (factor head, typology category,
 * section, meeting type) is in the review's model, and no stable id is
 * allocated twice. Used for changes and, event by event, for imported bundles.
 * Each family of events has its own validators; this module dispatches.
 */
import type { EventDraft, EventPayload, EventType } from '../../domain/events.ts';
import { type Issue, issue } from '../../domain/issue.ts';
import type { ReviewState } from '../../domain/review-state.ts';
import type { MethodologyModel } from '../../model/methodology-model.ts';
import { defaultWorkflow, type Workflow } from '../../workflow/workflow.ts';
import { ukToday } from '../uk-today.ts';
import { chronologyValidators } from './chronology-events.ts';
import { conversationValidators } from './conversation-events.ts';
import { factorValidators } from './factor-events.ts';
import { findingValidators } from './finding-events.ts';
import { kpeValidators } from './kpe-events.ts';
import { liveMeetingValidators } from './live-meeting-events.ts';
import { meetingValidators } from './meeting-events.ts';
import { checkReviewSettings } from './model-terms.ts';
import { registerValidators } from './register-events.ts';
import { reviewValidators } from './review-events.ts';
import type { CheckContext, Validator, Validators } from './validator.ts';
import { workflowValidators } from './workflow-events.ts';

/** Every event type but the first has a validator; the compiler checks none is missing. */
const VALIDATORS: Validators<Exclude<EventType, 'review.created'>> = {
  ...reviewValidators,
  ...registerValidators,
  ...chronologyValidators,
  ...conversationValidators,
  ...kpeValidators,
  ...factorValidators,
  ...findingValidators,
  ...meetingValidators,
  ...liveMeetingValidators,
  ...workflowValidators,
};

function checkCreated(
  state: ReviewState | undefined,
  model: MethodologyModel,
  draft: EventDraft & { type: 'review.created' },
): Issue[] {
  if (state) return [issue('review-exists', ['id'], `review ${state.review.id} already exists`)];
  const start = draft.payload.startStage;
  const startIssues = model.stages.some((s) => s.id === start)
    ? []
    : [
        issue(
          'unknown-stage',
          ['startStage'],
          `the start stage "${start}" is not a stage of model ${model.id}`,
        ),
      ];
  return [
    ...checkReviewSettings(model, draft.payload),
    ...startIssues,
    ...checkAfterTheFact(model, draft.payload),
  ];
}

/** A review entered under way started before it was recorded, and its untracked stages are the model's. */
function checkAfterTheFact(
  model: MethodologyModel,
  review: EventPayload<'review.created'>,
): Issue[] {
  const entered = review.enteredAfterTheFact;
  if (!entered) return [];
  const stages = model.stages.map((s) => s.id);
  const issues = entered.notTracked.flatMap((stage, i) =>
    stages.includes(stage)
      ? []
      : [
          issue(
            'unknown-stage',
            ['enteredAfterTheFact', 'notTracked', i],
            `"${stage}" is not a stage of model ${model.id}; stages: ${stages.join(', ')}`,
          ),
        ],
  );
  const recorded = ukToday(new Date(review.createdAt));
  if (entered.since > recorded) {
    issues.push(
      issue(
        'future-date',
        ['startedOn'],
        `the review cannot have entered its stage on ${entered.since}, after it was recorded here (${recorded})`,
      ),
    );
  }
  return issues;
}

/**
 * Checks one draft against the review's state (undefined before the review
 * exists) and its model. Returns every problem found; empty means it may be
 * appended.
 */
export function checkEvent(
  state: ReviewState | undefined,
  model: MethodologyModel,
  draft: EventDraft,
  workflow: Workflow = defaultWorkflow,
): Issue[] {
  if (draft.type === 'review.created') return checkCreated(state, model, draft);
  if (!state) {
    return [issue('review-missing', [], `event ${draft.type} comes before the review was created`)];
  }
  const ctx: CheckContext = { state, model, workflow };
  const validate = VALIDATORS[draft.type] as Validator<typeof draft.type>;
  return validate(draft.payload as never, ctx);
}
