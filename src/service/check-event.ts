/**
 * The invariants an event must keep before it joins a review's log: every id
 * it refers to exists, every model term (factor head, typology category,
 * section, meeting type) is in the review's model, and no stable id is
 * allocated twice. Used for commands and, event by event, for imported bundles.
 */
import type { EventDraft } from '../domain/events.ts';
import { type Issue, issue } from '../domain/issue.ts';
import { type IdKind, idKind } from '../domain/primitives.ts';
import { linkKey, type ReviewState } from '../domain/review-state.ts';
import { checkFlagAcceptance } from '../language/accept-flag.ts';
import {
  factorHeads,
  findCategory,
  findFactorHead,
  findingSection,
  meetingType,
  typology,
  variant,
  walkOutline,
} from '../model/lookups.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import { defaultWorkflow, type Workflow } from '../workflow/workflow.ts';

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
  timeLog: 'timeLog',
};

const LIST_COMMAND: Partial<Record<IdKind, string>> = {
  person: 'person list',
  agency: 'agency list',
  participant: 'participant list',
  chronology: 'chronology list',
  conversation: 'conversation list',
  excerpt: 'conversation list',
  kpe: 'kpe list',
  factor: 'factor list',
  finding: 'finding list',
  meeting: 'meeting list',
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

function missing(state: ReviewState, id: string, path: Issue['path']): Issue {
  const kind = idKind(id);
  const removed = state.removed[id];
  const list = kind ? LIST_COMMAND[kind] : undefined;
  const hint = list
    ? `; see what there is with: tunnelview ${list} --review ${state.review.id}`
    : '';
  if (removed) {
    return issue(
      'reference-removed',
      path,
      `${id} was removed from review ${state.review.id} (${removed.reason}) and cannot be referred to${hint}`,
      [id],
    );
  }
  return issue(
    'reference-unknown',
    path,
    `${id} does not exist in review ${state.review.id}${hint}`,
    [id],
  );
}

function requireAll(state: ReviewState, ids: readonly string[], path: Issue['path']): Issue[] {
  return ids.flatMap((id, i) => (exists(state, id) ? [] : [missing(state, id, [...path, i])]));
}

function requireOne(state: ReviewState, id: string | undefined, path: Issue['path']): Issue[] {
  return id === undefined || exists(state, id) ? [] : [missing(state, id, path)];
}

/** A new stable id must never have been allocated before, even if since removed. */
function requireFresh(state: ReviewState, id: string, path: Issue['path']): Issue[] {
  if (!exists(state, id) && !state.removed[id]) return [];
  const kind = idKind(id) as IdKind;
  const next = `${id.slice(0, id.lastIndexOf('-'))}-${(state.lastIds[kind] ?? 0) + 1}`;
  const why = state.removed[id] ? 'was used before and removed' : 'is already in use';
  return [
    issue(
      'id-reused',
      path,
      `${id} ${why} in review ${state.review.id}; stable ids are never reused — leave the id out and tunnelview allocates ${next}`,
      [id],
    ),
  ];
}

function oneOf(values: readonly string[]): string {
  return values.length > 0 ? values.join(', ') : '(none defined)';
}

function checkHead(model: MethodologyModel, head: string, path: Issue['path']): Issue[] {
  if (findFactorHead(model, head)) return [];
  return [
    issue(
      'unknown-factor-head',
      path,
      `"${head}" is not a factor head of model ${model.id}; use one of ${oneOf(factorHeads(model).map((h) => h.id))}`,
    ),
  ];
}

function checkCategory(
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

function checkFindingSections(
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

function checkConversationSection(
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
  if (draft.type === 'review.created') {
    if (state) {
      return [issue('review-exists', ['id'], `review ${state.review.id} already exists`)];
    }
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
    return [...checkReviewSettings(model, draft.payload), ...startIssues];
  }
  if (!state) {
    return [issue('review-missing', [], `event ${draft.type} comes before the review was created`)];
  }
  switch (draft.type) {
    case 'review.updated':
      return checkReviewSettings(model, draft.payload.changes);
    case 'review.question-added':
      return requireFresh(state, draft.payload.id, ['id']);
    case 'review.text-set': {
      const sections = walkOutline(model)
        .map((entry) => entry.section)
        .filter((s) => s.content === 'text');
      if (sections.some((s) => s.id === draft.payload.section)) return [];
      return [
        issue(
          'unknown-report-section',
          ['section'],
          `"${draft.payload.section}" is not a written section of model ${model.id}'s report; use one of ${oneOf(sections.map((s) => s.id))}`,
        ),
      ];
    }
    case 'person.added':
    case 'agency.added':
      return requireFresh(state, draft.payload.id, ['id']);
    case 'participant.added':
      return [
        ...requireFresh(state, draft.payload.id, ['id']),
        ...requireOne(state, draft.payload.agencyId, ['agencyId']),
      ];
    case 'chronology.entry-added':
      return [
        ...requireFresh(state, draft.payload.id, ['id']),
        ...requireOne(state, draft.payload.agencyId, ['agencyId']),
      ];
    case 'chronology.mapping-saved':
      return requireOne(state, draft.payload.agencyId, ['agencyId']);
    case 'chronology.duplicates-decided': {
      const ids = draft.payload.entryIds;
      const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
      return [
        ...requireAll(state, ids, ['entryIds']),
        ...(repeated.length > 0
          ? [issue('duplicate-entry-ids', ['entryIds'], `${repeated.join(', ')} listed twice`)]
          : []),
      ];
    }
    case 'conversation.recorded': {
      const sectionIssues = Object.keys(draft.payload.sections).flatMap((id) =>
        checkConversationSection(model, id, ['sections', id]),
      );
      return [
        ...requireFresh(state, draft.payload.id, ['id']),
        ...requireOne(state, draft.payload.participantId, ['participantId']),
        ...requireAll(state, draft.payload.conductedBy, ['conductedBy']),
        ...sectionIssues,
      ];
    }
    case 'excerpt.added': {
      const section = checkConversationSection(model, draft.payload.sectionId, ['sectionId']);
      return [
        ...requireFresh(state, draft.payload.id, ['id']),
        ...requireOne(state, draft.payload.conversationId, ['conversationId']),
        ...section,
      ];
    }
    case 'kpe.added':
      return [
        ...requireFresh(state, draft.payload.id, ['id']),
        ...requireAll(state, draft.payload.agencyIds, ['agencyIds']),
        ...requireAll(state, draft.payload.chronologyRefs, ['chronologyRefs']),
      ];
    case 'kpe.edited':
      return [
        ...requireOne(state, draft.payload.id, ['id']),
        ...requireAll(state, draft.payload.changes.agencyIds ?? [], ['agencyIds']),
        ...requireAll(state, draft.payload.changes.chronologyRefs ?? [], ['chronologyRefs']),
      ];
    case 'kpe.removed':
    case 'factor.removed':
      return requireOne(state, draft.payload.id, ['id']);
    case 'factor.added':
      return [
        ...requireFresh(state, draft.payload.id, ['id']),
        ...checkHead(model, draft.payload.head, ['head']),
      ];
    case 'factor.edited':
      return [
        ...requireOne(state, draft.payload.id, ['id']),
        ...(draft.payload.changes.head
          ? checkHead(model, draft.payload.changes.head, ['head'])
          : []),
      ];
    case 'factor.linked':
      return [
        ...requireOne(state, draft.payload.kpeId, ['kpeId']),
        ...requireOne(state, draft.payload.factorId, ['factorId']),
        ...requireAll(state, draft.payload.evidence, ['evidence']),
      ];
    case 'factor.unlinked': {
      const { kpeId, factorId } = draft.payload;
      if (state.links[linkKey(kpeId, factorId)]) return [];
      return [
        issue('link-unknown', ['factorId'], `${factorId} is not linked to ${kpeId}`, [
          kpeId,
          factorId,
        ]),
      ];
    }
    case 'finding.added':
      return [
        ...requireFresh(state, draft.payload.id, ['id']),
        ...checkCategory(state, model, draft.payload.category, ['category']),
        ...checkFindingSections(model, draft.payload.sections, ['sections']),
        ...requireAll(state, draft.payload.factorIds, ['factorIds']),
        ...draft.payload.boardIssues.flatMap((b, i) =>
          requireFresh(state, b.id, ['boardIssues', i, 'id']),
        ),
      ];
    case 'finding.edited':
      return [
        ...requireOne(state, draft.payload.id, ['id']),
        ...(draft.payload.changes.category
          ? checkCategory(state, model, draft.payload.changes.category, ['category'])
          : []),
        ...checkFindingSections(model, draft.payload.changes.sections, ['sections']),
      ];
    case 'finding.factor-linked':
      return [
        ...requireOne(state, draft.payload.findingId, ['findingId']),
        ...requireOne(state, draft.payload.factorId, ['factorId']),
      ];
    case 'finding.board-issue-added':
      return [
        ...requireOne(state, draft.payload.findingId, ['findingId']),
        ...requireFresh(state, draft.payload.id, ['id']),
      ];
    case 'meeting.recorded': {
      const type = meetingType(model, draft.payload.type)
        ? []
        : [
            issue(
              'unknown-meeting-type',
              ['type'],
              `"${draft.payload.type}" is not a meeting type of model ${model.id}; use one of ${oneOf(model.meetingTypes.map((m) => m.id))}`,
            ),
          ];
      return [
        ...requireFresh(state, draft.payload.id, ['id']),
        ...requireAll(state, draft.payload.attendees, ['attendees']),
        ...type,
      ];
    }
    case 'meeting.updated': {
      const type = draft.payload.changes.type;
      return [
        ...requireOne(state, draft.payload.id, ['id']),
        ...requireAll(state, draft.payload.changes.attendees ?? [], ['attendees']),
        ...(type === undefined || meetingType(model, type)
          ? []
          : [
              issue(
                'unknown-meeting-type',
                ['type'],
                `"${type}" is not a meeting type of model ${model.id}; use one of ${oneOf(model.meetingTypes.map((m) => m.id))}`,
              ),
            ]),
      ];
    }
    case 'conversation.updated':
      return [
        ...requireOne(state, draft.payload.id, ['id']),
        ...requireAll(state, draft.payload.changes.conductedBy ?? [], ['conductedBy']),
        ...Object.keys(draft.payload.changes.sections ?? {}).flatMap((id) =>
          checkConversationSection(model, id, ['sections', id]),
        ),
      ];
    case 'publication.leak-check-passed':
      return draft.payload.checkedSeq <= state.seq
        ? []
        : [
            issue(
              'leak-check-ahead',
              ['checkedSeq'],
              `the check names event ${draft.payload.checkedSeq}, but the review has only ${state.seq} events`,
            ),
          ];
    case 'workflow.advanced':
    case 'workflow.reopened':
      return workflow.checkMove(state, model, draft);
    case 'language.flag-accepted':
      return checkFlagAcceptance(state, model.language, draft.payload);
    case 'time.logged': {
      const stage =
        draft.payload.stage === undefined || model.stages.some((s) => s.id === draft.payload.stage)
          ? []
          : [
              issue(
                'unknown-stage',
                ['stage'],
                `"${draft.payload.stage}" is not a stage of model ${model.id}; use one of ${oneOf(model.stages.map((s) => s.id))}`,
              ),
            ];
      return [
        ...requireFresh(state, draft.payload.id, ['id']),
        ...requireOne(state, draft.payload.participantId, ['participantId']),
        ...stage,
      ];
    }
  }
}
