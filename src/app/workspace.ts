/**
 * A workspace as the use-cases see it: the event store, the methodology
 * models, the clock and who is acting. Every change goes through `run`: the
 * use-case decides its events from the current state, each is checked against
 * the review's state and model, and all are appended in one transaction — or
 * none, with every problem named. The command line and the web server share it.
 */
import { ConcurrentChangeError, InternalError, ValidationError } from '../domain/errors.ts';
import type { EventDraft, ReviewEvent } from '../domain/events.ts';
import { type Issue, issue } from '../domain/issue.ts';
import { ID_PREFIXES, type IdKind, idKind, idNumber, stableIdInput } from '../domain/primitives.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import type { AccountStore } from '../store/account-store.ts';
import type { EventStore, ReviewSummary } from '../store/event-store.ts';
import { applyEvent, foldEvents, initialState } from '../store/fold-events.ts';
import type { Seal } from '../store/seal.ts';
import type { Workflow } from '../workflow/workflow.ts';

export interface WorkspaceDeps {
  store: EventStore;
  /** The web workspace's accounts, sessions and sign-ins, kept beside the events. */
  accounts?: AccountStore;
  /** Loads a methodology model by id (throws a ValidationError for an unknown id). */
  loadModel: (id: string) => MethodologyModel;
  /** The time events are recorded at; pinned in tests. */
  clock?: () => Date;
  /** Who is making the changes, recorded on every event. */
  actor: string;
  /** The workflow engine (its gate registry); the built-in one by default. */
  workflow?: Workflow;
  /**
   * A private key file (kept outside the workspace) that seals each review's head when a
   * meeting is closed or a publication written; no seals without one.
   */
  sealKeyFile?: string;
  /**
   * Checked against the state before every change is decided (and again on each retry), so a
   * check of what the change was based on holds at the moment it is written. Throws to refuse.
   */
  precondition?: (state: ReviewState) => void;
  /**
   * The event a read-only view stops at: the review as it was after event `asAtSeq`, every
   * change refused. Unset: the review as it stands.
   */
  asAtSeq?: number;
}

/** What a change returns: the events it appended and the state after them. */
export interface CommandResult {
  events: ReviewEvent[];
  state: ReviewState;
  /** The seals made of the head it left, when the change seals (a meeting closed). */
  seals?: Seal[];
}

/** Told of every batch of events this workspace (or a view of it) appended, after it is written. */
export type AppendListener = (reviewId: string, events: readonly ReviewEvent[]) => void;

/** Allocates stable ids within one change: after the review's last, or as requested. */
export type IdAllocator = (kind: IdKind, requested?: string) => string;

/** Decides a change's events from the review's state; throws a ValidationError to refuse. */
export type Decide = (
  state: ReviewState,
  model: MethodologyModel,
  allocate: IdAllocator,
) => EventDraft[];

/** Whether `id` is one this change allocates: above the last of its kind the review gave. */
function isNewId(state: ReviewState, id: string): boolean {
  const kind = idKind(id);
  return kind !== undefined && idNumber(id) > (state.lastIds[kind] ?? 0);
}

/**
 * How many times a change is decided and tried before giving up because other
 * writers keep getting in first. Four processes writing flat out to one review
 * lose about one attempt in three; ten attempts with a random pause between
 * them make giving up vanishingly rare.
 */
const ATTEMPTS_ON_CONCURRENT_CHANGE = 10;

/** A random pause of up to `attempt` × 10 ms, so writers that collided do not collide again. */
function backOff(attempt: number): Promise<void> {
  return new Promise((done) => setTimeout(done, Math.random() * attempt * 10));
}

/** The event checker and the workflow load on the first change, so reading commands start fast. */
async function checking() {
  const [{ checkEvent }, { defaultWorkflow }] = await Promise.all([
    import('./check-event/check-event.ts'),
    import('../workflow/workflow.ts'),
  ]);
  return { checkEvent, defaultWorkflow };
}

export class Workspace {
  readonly store: EventStore;
  private readonly accountStore: AccountStore | undefined;
  readonly clock: () => Date;
  readonly actor: string;
  readonly sealKeyFile: string | undefined;
  private readonly precondition: ((state: ReviewState) => void) | undefined;
  /** Set on a read-only view of the reviews as they were after this event. */
  readonly asAtSeq: number | undefined;
  private readonly loadModel: (id: string) => MethodologyModel;
  private readonly chosenWorkflow: Workflow | undefined;
  /** Folded states by review id, brought up to date from the log before each use. */
  private readonly states: Map<string, ReviewState>;
  /** Shared by every view of this workspace, so a change made as anyone wakes every listener. */
  private readonly appendListeners: Set<AppendListener>;

  constructor(
    deps: WorkspaceDeps,
    states = new Map<string, ReviewState>(),
    appendListeners = new Set<AppendListener>(),
  ) {
    this.appendListeners = appendListeners;
    this.store = deps.store;
    this.accountStore = deps.accounts;
    this.loadModel = deps.loadModel;
    this.clock = deps.clock ?? (() => new Date());
    this.actor = deps.actor;
    this.chosenWorkflow = deps.workflow;
    this.sealKeyFile = deps.sealKeyFile;
    this.precondition = deps.precondition;
    this.asAtSeq = deps.asAtSeq;
    // A view as at an earlier event keeps its own states: the shared ones stand at the head.
    this.states = deps.asAtSeq === undefined ? states : new Map();
  }

  /** The same workspace acting for someone else (a signed-in user), sharing the cached states. */
  as(actor: string): Workspace {
    return this.with({ actor });
  }

  /** The same workspace whose changes are refused unless `check` passes on the state they start from. */
  onlyIf(check: (state: ReviewState) => void): Workspace {
    return this.with({ precondition: check });
  }

  /**
   * The same workspace, read-only, showing each review as it was after its event `seq`: `load`
   * and `log` stop there, and every change is refused ('read-only-as-at'). A seq past a
   * review's last event is refused when that review is loaded ('as-at-unknown-event').
   */
  asAt(seq: number): Workspace {
    if (!Number.isSafeInteger(seq) || seq < 1) {
      throw new ValidationError([
        issue('as-at-unknown-event', ['at'], `${seq} is not an event number; they start at 1`),
      ]);
    }
    return this.with({ asAtSeq: seq });
  }

  private with(
    changes: Partial<Pick<WorkspaceDeps, 'actor' | 'precondition' | 'asAtSeq'>>,
  ): Workspace {
    const precondition = changes.precondition ?? this.precondition;
    const asAtSeq = changes.asAtSeq ?? this.asAtSeq;
    return new Workspace(
      {
        store: this.store,
        ...(this.accountStore ? { accounts: this.accountStore } : {}),
        loadModel: this.loadModel,
        clock: this.clock,
        actor: changes.actor ?? this.actor,
        ...(this.chosenWorkflow ? { workflow: this.chosenWorkflow } : {}),
        ...(this.sealKeyFile === undefined ? {} : { sealKeyFile: this.sealKeyFile }),
        ...(precondition ? { precondition } : {}),
        ...(asAtSeq === undefined ? {} : { asAtSeq }),
      },
      this.states,
      this.appendListeners,
    );
  }

  /**
   * Calls `listener` after each append made through this workspace (a live meeting's stream
   * wakes on it); returns the call that stops it. Changes made by other processes are not
   * seen here: whoever needs them reads the log.
   */
  onAppended(listener: AppendListener): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  private appended(reviewId: string, events: readonly ReviewEvent[]): void {
    for (const listener of this.appendListeners) {
      try {
        listener(reviewId, events);
      } catch (error) {
        // A listener's fault must not turn a written change into a refusal.
        console.error(error);
      }
    }
  }

  /** The workspace's accounts, roles, sessions and failed sign-ins. */
  get accounts(): AccountStore {
    if (!this.accountStore)
      throw new InternalError('this workspace was opened without its accounts');
    return this.accountStore;
  }

  /** The workflow engine: the one given, or the built-in one. */
  async workflow(): Promise<Workflow> {
    return this.chosenWorkflow ?? (await checking()).defaultWorkflow;
  }

  listReviews(): Promise<ReviewSummary[]> {
    return this.store.listReviews();
  }

  model(id: string): MethodologyModel {
    return this.loadModel(id);
  }

  /** The methodology model a review was created under. */
  modelOf(state: ReviewState): MethodologyModel {
    return this.loadModel(state.review.modelId);
  }

  /** The review's current state, folded from its log. Treat it as read-only. */
  async load(reviewId: string): Promise<ReviewState> {
    const id = normaliseReviewId(reviewId);
    if (this.asAtSeq !== undefined) {
      const cachedAsAt = this.states.get(id);
      if (cachedAsAt) return cachedAsAt;
      const asAt = foldEvents(await this.log(id));
      this.states.set(id, asAt);
      return asAt;
    }
    const cached = this.states.get(id);
    if (cached) {
      catchUp(cached, await this.store.readEvents(id, cached.seq));
      return cached;
    }
    const events = await this.store.readEvents(id);
    if (events.length === 0) throw await this.unknownReview(id);
    const state = foldEvents(events);
    this.states.set(id, state);
    return state;
  }

  /** The review's log, oldest first. */
  async log(reviewId: string): Promise<ReviewEvent[]> {
    const id = normaliseReviewId(reviewId);
    const events = await this.store.readEvents(id);
    if (events.length === 0) throw await this.unknownReview(id);
    if (this.asAtSeq === undefined) return events;
    const last = (events.at(-1) as ReviewEvent).seq;
    if (this.asAtSeq > last) {
      throw new ValidationError([
        issue(
          'as-at-unknown-event',
          ['at'],
          `review ${id} has ${last} events, so there is no event ${this.asAtSeq} to view it as at`,
        ),
      ]);
    }
    return events.filter((e) => e.seq <= (this.asAtSeq as number));
  }

  /** Refuses a change on a read-only view as at an earlier event. */
  private refuseAsAt(): void {
    if (this.asAtSeq === undefined) return;
    throw new ValidationError([
      issue(
        'read-only-as-at',
        ['at'],
        `this is the review as it was after event ${this.asAtSeq}, which cannot be changed; go back to the review as it stands now to make a change`,
      ),
    ]);
  }

  private async unknownReview(reviewId: string): Promise<ValidationError> {
    const known = (await this.store.listReviews()).map((r) => r.id);
    const where = `there is no review ${reviewId} in ${this.store.location}`;
    return new ValidationError([
      known.length > 0
        ? issue(
            'review-unknown',
            ['review'],
            `${where}; the reviews here are ${known.join(', ')}`,
            {
              fix: { kind: 'choose-review', reviews: known },
            },
          )
        : issue('review-unknown', ['review'], `${where}; there are no reviews here yet`, {
            fix: { kind: 'create-review' },
          }),
    ]);
  }

  /** Appends the first event of a new review, checked against its model. */
  async create(draft: EventDraft & { type: 'review.created' }): Promise<CommandResult> {
    this.refuseAsAt();
    const id = draft.payload.id;
    if (await this.store.hasReview(id)) {
      throw new ValidationError([
        issue('review-exists', ['id'], `a review with id ${id} already exists; choose another id`),
      ]);
    }
    const { checkEvent } = await checking();
    const issues = checkEvent(undefined, this.loadModel(draft.payload.modelId), draft);
    if (issues.length > 0) throw new ValidationError(issues);
    const events = await this.store.append(id, 0, [draft], this.meta());
    const state = initialState(structuredClone(draft.payload));
    for (const event of events) applyEvent(state, event);
    this.states.set(id, state);
    this.appended(id, events);
    return { events, state };
  }

  /**
   * Runs one change: `decide` turns the current state into event drafts, each
   * is checked, and all are appended together — or none are. When another
   * writer got in first, the change is decided again on the newer state.
   */
  async run(reviewId: string, decide: Decide): Promise<CommandResult> {
    this.refuseAsAt();
    const { checkEvent } = await checking();
    const workflow = await this.workflow();
    for (let attempt = 1; ; attempt++) {
      const state = await this.load(reviewId);
      const model = this.modelOf(state);
      this.precondition?.(state);
      const drafts = decide(state, model, allocator(state));
      // Checked against a scratch copy, so a refused change leaves the cached state untouched.
      const scratch = drafts.length > 1 ? structuredClone(state) : state;
      const issues: Issue[] = [];
      // Ids a refused draft would have created: a later draft naming one is refused only
      // because of it (a prompt opened and shown together), which is said once, not twice.
      const unmade = new Set<string>();
      drafts.forEach((draft, i) => {
        const found = checkEvent(scratch, model, draft, workflow);
        issues.push(...found.filter((f) => !f.ids?.some((id) => unmade.has(id))));
        if (found.length > 0) {
          const made = (draft.payload as { id?: unknown }).id;
          if (typeof made === 'string' && isNewId(state, made)) unmade.add(made);
        } else if (i < drafts.length - 1) {
          preview(scratch, draft, this.clock().toISOString());
        }
      });
      if (issues.length > 0) throw new ValidationError(issues);
      try {
        const events = await this.store.append(state.review.id, state.seq, drafts, this.meta());
        catchUp(state, events);
        this.appended(state.review.id, events);
        return { events, state };
      } catch (error) {
        if (error instanceof ConcurrentChangeError && attempt < ATTEMPTS_ON_CONCURRENT_CHANGE) {
          await backOff(attempt);
          continue;
        }
        throw error;
      }
    }
  }

  async close(): Promise<void> {
    await this.store.close();
  }

  private meta() {
    return { actor: this.actor, at: this.clock().toISOString() };
  }
}

/**
 * Applies the events the state has not seen yet. A server serves many requests over one cached
 * state: two that read the log at once get the same new events, and each is applied once.
 */
function catchUp(state: ReviewState, events: readonly ReviewEvent[]): void {
  for (const event of events) if (event.seq > state.seq) applyEvent(state, event);
}

/** Review ids are matched without regard to case: `r-7k2m9q` is `R-7K2M9Q`. */
function normaliseReviewId(reviewId: string): string {
  return reviewId.trim().toUpperCase();
}

/** Applies a draft to a scratch state, so the next draft of the same change is checked after it. */
function preview(state: ReviewState, draft: EventDraft, at: string): void {
  const event = { ...draft, reviewId: state.review.id, seq: state.seq + 1, actor: '', at };
  applyEvent(state, { ...event, prevHash: '', hash: '' } as ReviewEvent);
}

function allocator(state: ReviewState): IdAllocator {
  const allocated: Partial<Record<IdKind, number>> = {};
  return (kind, requested) => {
    if (requested !== undefined) return parseOrThrow(stableIdInput(kind), requested, ['id']);
    const next = Math.max(state.lastIds[kind] ?? 0, allocated[kind] ?? 0) + 1;
    allocated[kind] = next;
    return `${ID_PREFIXES[kind]}-${next}`;
  };
}
