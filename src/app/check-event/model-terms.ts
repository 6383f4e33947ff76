/**
 * Checks that the terms an event uses — factor heads, typology categories,
 * sections, meeting types, stages — are terms of the review's model.
 */
import { type Issue, issue } from '../../domain/issue.ts';
import type { ReviewState } from '../../domain/review-state.ts';
import {
  factorHeads,
  findCategory,
  findFactorHead,
  findingSection,
  meetingType,
  typology,
  variant,
} from '../../model/lookups.ts';
import type { MethodologyModel } from '../../model/methodology-model.ts';

export function oneOf(values: readonly string[]): string {
  return values.length > 0 ? values.join(', ') : '(none defined)';
}

export function checkHead(model: MethodologyModel, head: string, path: Issue['path']): Issue[] {
  if (findFactorHead(model, head)) return [];
  return [
    issue(
      'unknown-factor-head',
      path,
      `"${head}" is not a factor head of model ${model.id}; use one of ${oneOf(factorHeads(model).map((h) => h.id))}`,
    ),
  ];
}

export function checkCategory(
  state: ReviewState,
  model: MethodologyModel,
  category: string,
  path: Issue['path'],
): Issue[] {
  const typologyId = state.review.typology;
  if (findCategory(model, typologyId, category)) return [];
  const categories = typology(model, typologyId)?.categories.map((c) => c.id) ?? [];
  return [
    issue(
      'unknown-typology-category',
      path,
      `"${category}" is not a category of typology ${typologyId} (model ${model.id}); use one of ${oneOf(categories)}`,
    ),
  ];
}

export function checkFindingSections(
  model: MethodologyModel,
  sections: Record<string, unknown> | undefined,
  path: Issue['path'],
): Issue[] {
  return Object.keys(sections ?? {}).flatMap((id) =>
    findingSection(model, id)
      ? []
      : [
          issue(
            'unknown-finding-section',
            [...path, id],
            `"${id}" is not a finding section of model ${model.id}; use one of ${oneOf(model.findingSections.map((s) => s.id))}`,
          ),
        ],
  );
}

export function checkConversationSection(
  model: MethodologyModel,
  id: string,
  path: Issue['path'],
): Issue[] {
  if (model.conversation.sections.some((s) => s.id === id)) return [];
  return [
    issue(
      'unknown-conversation-section',
      path,
      `"${id}" is not a conversation section of model ${model.id}; use one of ${oneOf(model.conversation.sections.map((s) => s.id))}`,
    ),
  ];
}

export function checkMeetingType(
  model: MethodologyModel,
  type: string | undefined,
  path: Issue['path'],
): Issue[] {
  if (type === undefined || meetingType(model, type)) return [];
  return [
    issue(
      'unknown-meeting-type',
      path,
      `"${type}" is not a meeting type of model ${model.id}; use one of ${oneOf(model.meetingTypes.map((m) => m.id))}`,
    ),
  ];
}

export function checkStage(
  model: MethodologyModel,
  stage: string | undefined,
  path: Issue['path'],
): Issue[] {
  if (stage === undefined || model.stages.some((s) => s.id === stage)) return [];
  return [
    issue(
      'unknown-stage',
      path,
      `"${stage}" is not a stage of model ${model.id}; use one of ${oneOf(model.stages.map((s) => s.id))}`,
    ),
  ];
}

/** The model checks for a review's own settings: variant, typology, key dates. */
export function checkReviewSettings(
  model: MethodologyModel,
  settings: { variant?: string; typology?: string; keyDates?: Record<string, string> },
): Issue[] {
  const issues: Issue[] = [];
  if (settings.variant !== undefined && !variant(model, settings.variant)) {
    issues.push(
      issue(
        'unknown-variant',
        ['variant'],
        `"${settings.variant}" is not a variant of model ${model.id}; use one of ${oneOf(model.variants.map((v) => v.id))}`,
      ),
    );
  }
  if (settings.typology !== undefined && !typology(model, settings.typology)) {
    issues.push(
      issue(
        'unknown-typology',
        ['typology'],
        `"${settings.typology}" is not a typology of model ${model.id}; use one of ${oneOf(model.typologies.map((t) => t.id))}`,
      ),
    );
  }
  for (const key of Object.keys(settings.keyDates ?? {})) {
    if (!model.keyDates.some((k) => k.id === key)) {
      issues.push(
        issue(
          'unknown-key-date',
          ['keyDates', key],
          `"${key}" is not a key date of model ${model.id}; use one of ${oneOf(model.keyDates.map((k) => k.id))}`,
        ),
      );
    }
  }
  return issues;
}
