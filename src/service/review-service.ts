/**
 * The review service: every change to a review goes through here. A command
 * is parsed (zod), turned into events, checked against the review's state and
 * model, and appended in one transaction — or refused with every problem
 * named and nothing written. The CLI and the web server share it.
 */
import { randomInt } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { AgencyInput } from '../domain/agency.ts';
import {
  ChronologyEntryInput,
  ColumnMapping,
  DuplicateDecision,
} from '../domain/chronology-entry.ts';
import { ConversationChanges, ConversationInput, ExcerptInput } from '../domain/conversation.ts';
import { ValidationError } from '../domain/errors.ts';
import { EVENT_PAYLOADS, type EventDraft, type ReviewEvent } from '../domain/events.ts';
import { EvidenceRef, FactorChanges, FactorInput } from '../domain/factor.ts';
import { FindingChanges, FindingInput } from '../domain/finding.ts';
import { type Issue, issue } from '../domain/issue.ts';
import { KpeChanges, KpeInput } from '../domain/kpe.ts';
import { MeetingChanges, MeetingInput } from '../domain/meeting.ts';
import { ParticipantInput } from '../domain/participant.ts';
import { PersonInput } from '../domain/person.ts';
import {
  ID_PREFIXES,
  type IdKind,
  IsoDate,
  LongText,
  ModelId,
  stableId,
} from '../domain/primitives.ts';
import { ReviewChanges, ReviewId, ReviewInput } from '../domain/review.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { TimeLogInput } from '../domain/time-log.ts';
import { decideFlagAcceptance, FlagAcceptanceRequest } from '../language/accept-flag.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import {
  ConcurrentChangeError,
  type EventStore,
  type ReviewSummary,
} from '../store/event-store.ts';
import { applyEvent, foldEvents, initialState } from '../store/fold-events.ts';
import { defaultWorkflow, type Workflow } from '../workflow/workflow.ts';
import { checkEvent } from './check-event.ts';
import { parseOrThrow } from './zod-issues.ts';

export interface ReviewServiceDeps {
  store: EventStore;
  /** Loads a methodology model by id (throws a ValidationError for an unknown id). */
  loadModel: (id: string) => MethodologyModel;
  /** The time events are recorded at; pinned in tests. */
  clock?: () => Date;
  /** Who is making the changes, recorded on every event. */
  actor: string;
  /** The workflow engine (its gate registry); the built-in one by default. */
  workflow?: Workflow;
}

/** What a command returns: the events it appended and the state after them. */
export interface CommandResult {
  events: ReviewEvent[];
  state: ReviewState;
}

/** Allocates stable ids within one command: after the review's last, or as requested. */
type IdAllocator = (kind: IdKind, requested?: string) => string;

const RETRIES_ON_CONCURRENT_CHANGE = 3;

/** Applies a draft to a scratch state, so the next draft of the same command is checked after it. */
function preview(state: ReviewState, draft: EventDraft, at: string): void {
  const event = { ...draft, reviewId: state.review.id, seq: state.seq + 1, actor: '', at };
  applyEvent(state, { ...event, prevHash: '', hash: '' } as ReviewEvent);
}

/** A review id for a new review: "R-" and six characters that do not look alike. */
function newReviewId(): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
  let id = 'R-';
  for (let i = 0; i < 6; i++) id += alphabet[randomInt(alphabet.length)];
  return id;
}

export class ReviewService {
  private readonly store: EventStore;
  private readonly loadModel: (id: string) => MethodologyModel;
  private readonly clock: () => Date;
  private readonly actor: string;
  readonly workflow: Workflow;
  /** Folded states by review id, brought up to date from the log before each use. */
  private readonly states = new Map<string, ReviewState>();

  constructor(deps: ReviewServiceDeps) {
    this.store = deps.store;
    this.loadModel = deps.loadModel;
    this.clock = deps.clock ?? (() => new Date());
    this.actor = deps.actor;
    this.workflow = deps.workflow ?? defaultWorkflow;
  }

  listReviews(): Promise<ReviewSummary[]> {
    return this.store.listReviews();
  }

  /** The review's current state, folded from its log. */
  async load(reviewId: string): Promise<ReviewState> {
    const cached = this.states.get(reviewId);
    if (cached) {
      for (const event of await this.store.readEvents(reviewId, cached.seq)) {
        applyEvent(cached, event);
      }
      return cached;
    }
    const events = await this.store.readEvents(reviewId);
    if (events.length === 0) throw await this.unknownReview(reviewId);
    const state = foldEvents(events);
    this.states.set(reviewId, state);
    return state;
  }

  /** The methodology model a review was created under. */
  modelOf(state: ReviewState): MethodologyModel {
    return this.loadModel(state.review.modelId);
  }

  private async unknownReview(reviewId: string): Promise<ValidationError> {
    const known = (await this.store.listReviews()).map((r) => r.id);
    const hint =
      known.length > 0
        ? `reviews here: ${known.join(', ')}`
        : 'there are no reviews here yet; create one with tunnelview review create';
    return new ValidationError([
      issue(
        'review-unknown',
        ['review'],
        `there is no review ${reviewId} in ${this.store.location} (${hint})`,
      ),
    ]);
  }

  /** Creates a review; model, variant and typology default from the model. */
  async createReview(input: unknown, requestedId?: string): Promise<CommandResult> {
    const parsed = parseOrThrow(ReviewInput, input);
    const id =
      requestedId === undefined ? newReviewId() : parseOrThrow(ReviewId, requestedId, ['id']);
    if (await this.store.hasReview(id)) {
      throw new ValidationError([
        issue('review-exists', ['id'], `a review with id ${id} already exists; choose another id`),
      ]);
    }
    const model = this.loadModel(parsed.modelId);
    const draft: EventDraft = {
      type: 'review.created',
      payload: {
        id,
        title: parsed.title,
        kind: parsed.kind,
        modelId: model.id,
        variant: parsed.variant ?? model.defaultVariant,
        typology: parsed.typology ?? model.defaultTypology,
        ...(parsed.subjectLabel ? { subjectLabel: parsed.subjectLabel } : {}),
        keyDates: parsed.keyDates,
        ...(parsed.publicationAllow ? { publicationAllow: parsed.publicationAllow } : {}),
        startStage: model.start.byKind[parsed.kind] ?? model.start.default,
        createdAt: this.clock().toISOString(),
      },
    };
    const issues = checkEvent(undefined, model, draft, this.workflow);
    if (issues.length > 0) throw new ValidationError(issues);
    const events = await this.store.append(id, 0, [draft], this.meta());
    const state = initialState(structuredClone(draft.payload));
    for (const event of events) applyEvent(state, event);
    this.states.set(id, state);
    return { events, state };
  }

  private meta() {
    return { actor: this.actor, at: this.clock().toISOString() };
  }

  /**
   * Runs one command: `decide` turns the current state into event drafts,
   * each is checked, and all are appended together — or none are.
   */
  async run(
    reviewId: string,
    decide: (state: ReviewState, model: MethodologyModel, allocate: IdAllocator) => EventDraft[],
  ): Promise<CommandResult> {
    for (let attempt = 1; ; attempt++) {
      const state = await this.load(reviewId);
      const model = this.modelOf(state);
      const drafts = decide(state, model, this.allocator(state));
      // Check against a scratch copy so a refused command leaves the cached state untouched.
      const scratch = drafts.length > 1 ? structuredClone(state) : state;
      const issues: Issue[] = [];
      drafts.forEach((draft, i) => {
        const found = checkEvent(scratch, model, draft, this.workflow);
        issues.push(...found);
        if (found.length === 0 && i < drafts.length - 1)
          preview(scratch, draft, this.clock().toISOString());
      });
      if (issues.length > 0) throw new ValidationError(issues);
      try {
        const events = await this.store.append(reviewId, state.seq, drafts, this.meta());
        for (const event of events) applyEvent(state, event);
        return { events, state };
      } catch (error) {
        if (error instanceof ConcurrentChangeError && attempt < RETRIES_ON_CONCURRENT_CHANGE) {
          continue;
        }
        throw error;
      }
    }
  }

  private allocator(state: ReviewState): IdAllocator {
    const allocated: Partial<Record<IdKind, number>> = {};
    return (kind, requested) => {
      if (requested !== undefined) return parseOrThrow(stableId(kind), requested, ['id']);
      const next = Math.max(state.lastIds[kind] ?? 0, allocated[kind] ?? 0) + 1;
      allocated[kind] = next;
      return `${ID_PREFIXES[kind]}-${next}`;
    };
  }

  // --- Commands. Each parses its input at the edge, then decides its events. ---

  updateReview(reviewId: string, changes: unknown): Promise<CommandResult> {
    const parsed = parseOrThrow(ReviewChanges, changes);
    return this.run(reviewId, () => [{ type: 'review.updated', payload: { changes: parsed } }]);
  }

  addResearchQuestion(reviewId: string, text: unknown, id?: string): Promise<CommandResult> {
    const parsed = parseOrThrow(LongText('the research question'), text, ['text']);
    return this.run(reviewId, (_s, _m, allocate) => [
      { type: 'review.question-added', payload: { id: allocate('question', id), text: parsed } },
    ]);
  }

  setReportText(reviewId: string, section: unknown, text: unknown): Promise<CommandResult> {
    const parsed = parseOrThrow(
      z.strictObject({ section: ModelId, text: LongText('the section text') }),
      { section, text },
    );
    return this.run(reviewId, () => [{ type: 'review.text-set', payload: parsed }]);
  }

  addPerson(reviewId: string, input: unknown, id?: string): Promise<CommandResult> {
    const parsed = parseOrThrow(PersonInput, input);
    return this.run(reviewId, (_s, _m, allocate) => [
      { type: 'person.added', payload: { ...parsed, id: allocate('person', id) } },
    ]);
  }

  /** Adds a whole register in one transaction: every person or none. */
  importPersons(reviewId: string, persons: unknown): Promise<CommandResult> {
    const parsed = parseOrThrow(
      z.array(PersonInput).min(1, 'the register has no people to import'),
      persons,
      ['persons'],
    );
    return this.run(reviewId, (_s, _m, allocate) =>
      parsed.map((person) => ({
        type: 'person.added' as const,
        payload: { ...person, id: allocate('person') },
      })),
    );
  }

  addAgency(reviewId: string, input: unknown, id?: string): Promise<CommandResult> {
    const parsed = parseOrThrow(AgencyInput, input);
    return this.run(reviewId, (_s, _m, allocate) => [
      { type: 'agency.added', payload: { ...parsed, id: allocate('agency', id) } },
    ]);
  }

  addParticipant(reviewId: string, input: unknown, id?: string): Promise<CommandResult> {
    const parsed = parseOrThrow(ParticipantInput, input);
    return this.run(reviewId, (_s, _m, allocate) => [
      { type: 'participant.added', payload: { ...parsed, id: allocate('participant', id) } },
    ]);
  }

  addChronologyEntry(reviewId: string, input: unknown, id?: string): Promise<CommandResult> {
    const parsed = parseOrThrow(ChronologyEntryInput, input);
    return this.run(reviewId, (_s, _m, allocate) => [
      { type: 'chronology.entry-added', payload: { ...parsed, id: allocate('chronology', id) } },
    ]);
  }

  /**
   * Adds a whole agency return in one transaction — every entry or none —
   * and saves the column mapping it used for the agency's next return. With
   * `agency` instead of `agencyId`, the agency is created in the same
   * transaction, so a refused import leaves no empty agency behind.
   */
  importChronology(
    reviewId: string,
    input: { agencyId?: unknown; agency?: unknown; entries: unknown; mapping?: unknown },
  ): Promise<CommandResult> {
    const parsed = parseOrThrow(
      z
        .strictObject({
          agencyId: stableId('agency').optional(),
          agency: AgencyInput.optional(),
          entries: z
            .array(
              ChronologyEntryInput.omit({ agencyId: true }).extend({
                agencyId: stableId('agency').optional(),
              }),
            )
            .min(1, 'the return has no entries to import'),
          mapping: ColumnMapping.optional(),
        })
        .refine((i) => (i.agencyId === undefined) !== (i.agency === undefined), {
          message: 'give either the id of an existing agency or a new agency, not both',
          path: ['agencyId'],
        }),
      input,
    );
    return this.run(reviewId, (state, _m, allocate) => {
      const newAgency = parsed.agency
        ? [{ type: 'agency.added' as const, payload: { ...parsed.agency, id: allocate('agency') } }]
        : [];
      const agencyId = newAgency[0]?.payload.id ?? (parsed.agencyId as string);
      const saved = state.chronologyMappings[agencyId];
      // Key order is not meaning: a mapping read back from the log may list its keys differently.
      const mapping =
        parsed.mapping && !isDeepStrictEqual(saved, parsed.mapping)
          ? [
              {
                type: 'chronology.mapping-saved' as const,
                payload: { agencyId, mapping: parsed.mapping },
              },
            ]
          : [];
      const entries = parsed.entries.map((entry) => ({
        type: 'chronology.entry-added' as const,
        payload: { ...entry, agencyId, id: allocate('chronology') },
      }));
      return [...newAgency, ...mapping, ...entries];
    });
  }

  /** Records a reviewer's decision that entries are one event (confirmed) or not (split). */
  decideDuplicates(reviewId: string, decision: unknown): Promise<CommandResult> {
    const parsed = parseOrThrow(DuplicateDecision, decision);
    return this.run(reviewId, () => [{ type: 'chronology.duplicates-decided', payload: parsed }]);
  }

  recordConversation(reviewId: string, input: unknown, id?: string): Promise<CommandResult> {
    const parsed = parseOrThrow(ConversationInput, input);
    return this.run(reviewId, (_s, _m, allocate) => [
      { type: 'conversation.recorded', payload: { ...parsed, id: allocate('conversation', id) } },
    ]);
  }

  addExcerpt(reviewId: string, input: unknown, id?: string): Promise<CommandResult> {
    const parsed = parseOrThrow(ExcerptInput, input);
    return this.run(reviewId, (_s, _m, allocate) => [
      { type: 'excerpt.added', payload: { ...parsed, id: allocate('excerpt', id) } },
    ]);
  }

  addKpe(reviewId: string, input: unknown, id?: string): Promise<CommandResult> {
    const parsed = parseOrThrow(KpeInput, input);
    return this.run(reviewId, (_s, _m, allocate) => [
      { type: 'kpe.added', payload: { ...parsed, id: allocate('kpe', id) } },
    ]);
  }

  editKpe(reviewId: string, id: unknown, changes: unknown): Promise<CommandResult> {
    const kpeId = parseOrThrow(stableId('kpe'), id, ['id']);
    const parsed = parseOrThrow(KpeChanges, changes);
    return this.run(reviewId, () => [
      { type: 'kpe.edited', payload: { id: kpeId, changes: parsed } },
    ]);
  }

  removeKpe(reviewId: string, id: unknown, reason: unknown): Promise<CommandResult> {
    const payload = parseOrThrow(
      z.strictObject({ id: stableId('kpe'), reason: LongText('the reason') }),
      { id, reason },
    );
    return this.run(reviewId, () => [{ type: 'kpe.removed', payload }]);
  }

  addFactor(reviewId: string, input: unknown, id?: string): Promise<CommandResult> {
    const parsed = parseOrThrow(FactorInput, input);
    return this.run(reviewId, (_s, _m, allocate) => [
      { type: 'factor.added', payload: { ...parsed, id: allocate('factor', id) } },
    ]);
  }

  editFactor(reviewId: string, id: unknown, changes: unknown): Promise<CommandResult> {
    const factorId = parseOrThrow(stableId('factor'), id, ['id']);
    const parsed = parseOrThrow(FactorChanges, changes);
    return this.run(reviewId, () => [
      { type: 'factor.edited', payload: { id: factorId, changes: parsed } },
    ]);
  }

  removeFactor(reviewId: string, id: unknown, reason: unknown): Promise<CommandResult> {
    const payload = parseOrThrow(
      z.strictObject({ id: stableId('factor'), reason: LongText('the reason') }),
      { id, reason },
    );
    return this.run(reviewId, () => [{ type: 'factor.removed', payload }]);
  }

  /** Links a factor to the KPE it helps explain, with the evidence for saying so. */
  linkFactor(reviewId: string, input: unknown): Promise<CommandResult> {
    const payload = parseOrThrow(
      z.strictObject({
        kpeId: stableId('kpe'),
        factorId: stableId('factor'),
        evidence: z.array(EvidenceRef).default([]),
      }),
      input,
    );
    return this.run(reviewId, () => [{ type: 'factor.linked', payload }]);
  }

  unlinkFactor(reviewId: string, input: unknown): Promise<CommandResult> {
    const payload = parseOrThrow(
      z.strictObject({ kpeId: stableId('kpe'), factorId: stableId('factor') }),
      input,
    );
    return this.run(reviewId, () => [{ type: 'factor.unlinked', payload }]);
  }

  /** Adds a finding, optionally with the factors behind it and its Issues for the Board. */
  addFinding(
    reviewId: string,
    input: unknown,
    extras: { id?: string; factorIds?: unknown; boardQuestions?: unknown } = {},
  ): Promise<CommandResult> {
    const parsed = parseOrThrow(FindingInput, input);
    const factorIds = parseOrThrow(z.array(stableId('factor')), extras.factorIds ?? [], [
      'factorIds',
    ]);
    const questions = parseOrThrow(
      z.array(LongText('the question for the Board')),
      extras.boardQuestions ?? [],
      ['boardQuestions'],
    );
    return this.run(reviewId, (_s, _m, allocate) => [
      {
        type: 'finding.added',
        payload: {
          ...parsed,
          id: allocate('finding', extras.id),
          factorIds: [...new Set(factorIds)],
          boardIssues: questions.map((question) => ({ id: allocate('boardIssue'), question })),
        },
      },
    ]);
  }

  editFinding(reviewId: string, id: unknown, changes: unknown): Promise<CommandResult> {
    const findingId = parseOrThrow(stableId('finding'), id, ['id']);
    const parsed = parseOrThrow(FindingChanges, changes);
    return this.run(reviewId, () => [
      { type: 'finding.edited', payload: { id: findingId, changes: parsed } },
    ]);
  }

  /** Records that factors support a finding. */
  linkFindingFactors(
    reviewId: string,
    findingId: unknown,
    factorIds: unknown,
  ): Promise<CommandResult> {
    const parsed = parseOrThrow(
      z.strictObject({
        findingId: stableId('finding'),
        factorIds: z.array(stableId('factor')).min(1, 'give at least one factor'),
      }),
      { findingId, factorIds },
    );
    return this.run(reviewId, () =>
      [...new Set(parsed.factorIds)].map((factorId) => ({
        type: 'finding.factor-linked' as const,
        payload: { findingId: parsed.findingId, factorId },
      })),
    );
  }

  addBoardIssue(reviewId: string, findingId: unknown, question: unknown): Promise<CommandResult> {
    const parsed = parseOrThrow(
      z.strictObject({
        findingId: stableId('finding'),
        question: LongText('the question for the Board'),
      }),
      { findingId, question },
    );
    return this.run(reviewId, (_s, _m, allocate) => [
      {
        type: 'finding.board-issue-added',
        payload: { ...parsed, id: allocate('boardIssue') },
      },
    ]);
  }

  recordMeeting(reviewId: string, input: unknown, id?: string): Promise<CommandResult> {
    const parsed = parseOrThrow(MeetingInput, input);
    return this.run(reviewId, (_s, _m, allocate) => [
      { type: 'meeting.recorded', payload: { ...parsed, id: allocate('meeting', id) } },
    ]);
  }

  /** Moves the review to its next stage; refused with every unmet gate listed. */
  advance(
    reviewId: string,
    options: { outcome?: unknown; date?: unknown } = {},
  ): Promise<CommandResult> {
    const parsed = parseOrThrow(
      z.strictObject({ outcome: ModelId.optional(), date: IsoDate.optional() }),
      options,
    );
    return this.run(reviewId, (state, model) => [
      this.workflow.decideAdvance(state, model, parsed.outcome, parsed.date),
    ]);
  }

  /** Takes the review back to a stage it has been through, for a recorded reason. */
  reopen(
    reviewId: string,
    options: { to: unknown; reason: unknown; date?: unknown },
  ): Promise<CommandResult> {
    const parsed = parseOrThrow(
      z.strictObject({
        to: ModelId,
        reason: LongText('the reason for reopening'),
        date: IsoDate.optional(),
      }),
      options,
    );
    return this.run(reviewId, (state, model) => [
      this.workflow.decideReopen(state, model, parsed.to, parsed.reason, parsed.date),
    ]);
  }

  /** Records that a publication edition passed the leak check (the publication stage's gate). */
  recordLeakCheck(reviewId: string, check: unknown): Promise<CommandResult> {
    const parsed = parseOrThrow(EVENT_PAYLOADS['publication.leak-check-passed'], check);
    return this.run(reviewId, () => [{ type: 'publication.leak-check-passed', payload: parsed }]);
  }

  /**
   * Records what happened at a meeting that was scheduled (or corrects one
   * held). Dissent already recorded is kept: new dissent is added after it.
   */
  updateMeeting(reviewId: string, id: unknown, changes: unknown): Promise<CommandResult> {
    const meetingId = parseOrThrow(stableId('meeting'), id, ['id']);
    const parsed = parseOrThrow(MeetingChanges, changes);
    return this.run(reviewId, (state) => {
      const earlier = state.meetings[meetingId]?.dissent;
      const dissent =
        earlier && parsed.dissent && parsed.dissent !== earlier
          ? `${earlier}\n\n${parsed.dissent}`
          : parsed.dissent;
      return [
        {
          type: 'meeting.updated',
          payload: { id: meetingId, changes: { ...parsed, ...(dissent ? { dissent } : {}) } },
        },
      ];
    });
  }

  /** Records a scheduled conversation as held, or adds to its notes. */
  updateConversation(reviewId: string, id: unknown, changes: unknown): Promise<CommandResult> {
    const conversationId = parseOrThrow(stableId('conversation'), id, ['id']);
    const parsed = parseOrThrow(ConversationChanges, changes);
    return this.run(reviewId, () => [
      { type: 'conversation.updated', payload: { id: conversationId, changes: parsed } },
    ]);
  }

  logTime(reviewId: string, input: unknown, id?: string): Promise<CommandResult> {
    const parsed = parseOrThrow(TimeLogInput, input);
    return this.run(reviewId, (_s, _m, allocate) => [
      { type: 'time.logged', payload: { ...parsed, id: allocate('timeLog', id) } },
    ]);
  }

  /**
   * Accepts a sentence the language check flags, with a recorded
   * justification, so it no longer blocks; `field` is as `lint` shows it
   * (`kpes.KPE-3.appraisal.text`, with `#n` for the sentence where the rule
   * flags several there).
   */
  acceptFlag(reviewId: string, request: unknown): Promise<CommandResult> {
    const parsed = parseOrThrow(FlagAcceptanceRequest, request);
    return this.run(reviewId, (state, model) => [
      decideFlagAcceptance(state, model.language, parsed),
    ]);
  }

  /** The review's log, oldest first. */
  async log(reviewId: string): Promise<ReviewEvent[]> {
    const events = await this.store.readEvents(reviewId);
    if (events.length === 0) throw await this.unknownReview(reviewId);
    return events;
  }
}
