// Hand-built reviews for the graph tests: events are made and folded in memory (no SQLite),
// so each test reads as the list of things a reviewer recorded, and the events can be replayed.
import type { AgencySector } from '../../src/domain/agency.ts';
import type { EventDraft, ReviewEvent } from '../../src/domain/events.ts';
import type { AppraisalRating } from '../../src/domain/kpe.ts';
import type { Contribution } from '../../src/domain/live-meeting.ts';
import type { ReviewState } from '../../src/domain/review-state.ts';
import { loadModel } from '../../src/model/load-model.ts';
import type { MethodologyModel } from '../../src/model/methodology-model.ts';
import { applyEvent, initialState } from '../../src/store/fold-events.ts';

const AT = '2026-01-15T10:00:00.000Z';

export interface KpeSpec {
  rating?: AppraisalRating;
  explained?: boolean;
  agencies?: string[];
  chronology?: string[];
  from?: string;
  to?: string;
}

export class ReviewBuilder {
  readonly events: ReviewEvent[] = [];
  readonly state: ReviewState;
  readonly model: MethodologyModel;

  constructor(
    readonly id = 'R-GRAPH1',
    options: { modelId?: string; typology?: string; title?: string } = {},
  ) {
    const modelId = options.modelId ?? 'learning-together';
    this.model = loadModel(modelId);
    const created = {
      id,
      title: options.title ?? `Review ${id}`,
      kind: 'lcspr' as const,
      modelId,
      variant: this.model.defaultVariant,
      typology: options.typology ?? this.model.defaultTypology,
      keyDates: {},
      startStage: this.model.start.default,
      createdAt: AT,
    };
    this.state = initialState(structuredClone(created));
    this.add({ type: 'review.created', payload: created });
  }

  /** Folds one event into the state and keeps it for replay. */
  add(draft: EventDraft): this {
    const seq = this.events.length + 1;
    const event = {
      ...draft,
      reviewId: this.id,
      seq,
      actor: 'Test Reviewer',
      at: AT,
      prevHash: '0'.repeat(64),
      hash: seq.toString(16).padStart(64, '0'),
    } as ReviewEvent;
    this.events.push(event);
    applyEvent(this.state, structuredClone(event));
    return this;
  }

  agency(id: string, name: string, sector: AgencySector = 'health'): this {
    return this.add({ type: 'agency.added', payload: { id, name, sector } });
  }

  chronology(
    id: string,
    agencyId: string,
    date: string,
    text: string,
    source?: { file: string; record: number },
  ): this {
    return this.add({
      type: 'chronology.entry-added',
      payload: {
        id,
        agencyId,
        date: { precision: 'day', start: date, original: date.split('-').reverse().join('/') },
        text,
        provenance: source ? { method: 'import', ...source } : { method: 'manual' },
        extra: {},
      },
    });
  }

  participant(id: string, agencyId: string): this {
    return this.add({
      type: 'participant.added',
      payload: { id, name: `Practitioner ${id}`, role: 'case-group', agencyId },
    });
  }

  conversation(id: string, participantId: string): this {
    return this.add({
      type: 'conversation.recorded',
      payload: {
        id,
        participantId,
        date: '2026-01-10',
        status: 'held',
        conductedBy: [],
        sections: {},
      },
    });
  }

  excerpt(id: string, conversationId: string, text: string): this {
    return this.add({
      type: 'excerpt.added',
      payload: { id, conversationId, sectionId: 'overview', text, quotable: true },
    });
  }

  kpe(id: string, spec: KpeSpec = {}): this {
    const rating = spec.rating;
    return this.add({
      type: 'kpe.added',
      payload: {
        id,
        title: `Episode ${id}`,
        period: { from: spec.from ?? '2024-01-01', ...(spec.to ? { to: spec.to } : {}) },
        agencyIds: spec.agencies ?? [],
        chronologyRefs: spec.chronology ?? [],
        whatHappened: `What happened in ${id}.`,
        ...(rating ? { appraisal: { rating, text: `Appraisal of ${id}.` } } : {}),
        ...(spec.explained === false
          ? {}
          : { explanation: { localRationality: `Why ${id} made sense.` } }),
      },
    });
  }

  factor(id: string, head: string, text = `Factor ${id}`): this {
    return this.add({ type: 'factor.added', payload: { id, head, text, scope: 'generic' } });
  }

  link(kpeId: string, factorId: string, evidence: string[] = []): this {
    return this.add({ type: 'factor.linked', payload: { kpeId, factorId, evidence } });
  }

  /** A live meeting (recorded and started) the case group contributes to. */
  meeting(id: string, date = '2026-01-20'): this {
    return this.add({
      type: 'meeting.recorded',
      payload: { id, type: 'joint-meeting-1', date, status: 'scheduled', attendees: [] },
    }).add({ type: 'meeting.started', payload: { id, session: 'all' } });
  }

  /** A contribution by `author` at `meetingId`; `about` as `KPE-n`, `F-n` or a prompt `MP-n`. */
  contribution(
    id: string,
    meetingId: string,
    author: string,
    kind: Contribution['kind'],
    text: string,
    about?: string,
    correction?: Contribution['correction'],
  ): this {
    const item: Contribution['about'] = about?.startsWith('KPE-')
      ? { kind: 'kpe', id: about }
      : about?.startsWith('F-')
        ? { kind: 'finding', id: about }
        : about?.startsWith('MP-')
          ? { kind: 'prompt', id: about }
          : undefined;
    return this.add({
      type: 'meeting.contributed',
      payload: {
        id,
        meetingId,
        kind,
        author,
        session: 'all',
        text,
        ...(item ? { about: item } : {}),
        ...(correction ? { correction } : {}),
      },
    });
  }

  accept(id: string): this {
    return this.add({ type: 'meeting.contribution-accepted', payload: { id } });
  }

  decline(id: string, reason: string): this {
    return this.add({ type: 'meeting.contribution-declined', payload: { id, reason } });
  }

  finding(id: string, category: string, factorIds: string[], questions: string[] = []): this {
    const n = Number(id.slice(2));
    return this.add({
      type: 'finding.added',
      payload: {
        id,
        statement: `Finding ${id}.`,
        category,
        sections: {},
        factorIds,
        boardIssues: questions.map((question, i) => ({ id: `BI-${n * 10 + i}`, question })),
      },
    });
  }
}

/**
 * A review with one of every kind of gap, and one finding (F-1) with none:
 * - KPE-2 is not appraised; KPE-3 is not explained and has no factors;
 *   KPE-4 is good practice with no enabling factors;
 * - CF-2 has no evidence and supports F-2 (an error); CF-3 is linked to nothing (a warning);
 * - F-2 rests on one KPE and raises no Board issue; F-3 has no factors;
 *   F-4 rests on two KPEs of one agency;
 * - EX-2 is cited nowhere.
 */
export function gapReview(): ReviewBuilder {
  return new ReviewBuilder('R-GAPS')
    .agency('AG-1', 'Health visiting', 'health')
    .agency('AG-2', 'Police', 'police')
    .chronology('CH-1', 'AG-1', '2024-01-03', 'Home visit.', { file: 'hv.csv', record: 3 })
    .chronology('CH-2', 'AG-2', '2024-02-07', 'Domestic incident attended.', {
      file: 'police.csv',
      record: 7,
    })
    .participant('PT-1', 'AG-1')
    .conversation('CV-1', 'PT-1')
    .excerpt('EX-1', 'CV-1', 'I had no time to go back.')
    .excerpt('EX-2', 'CV-1', 'The office was cold.')
    .kpe('KPE-1', { rating: 'problematic', agencies: ['AG-1', 'AG-2'], chronology: ['CH-1'] })
    .kpe('KPE-2', { agencies: ['AG-1'], chronology: ['CH-2'], from: '2024-02-07' })
    .kpe('KPE-3', { rating: 'mixed', explained: false, agencies: ['AG-2'] })
    .kpe('KPE-4', { rating: 'good', agencies: ['AG-1'] })
    .kpe('KPE-5', { rating: 'mixed', agencies: ['AG-1'] })
    .kpe('KPE-6', { rating: 'mixed', agencies: ['AG-1'] })
    .factor('CF-1', 'conditions-of-work')
    .factor('CF-2', 'family')
    .factor('CF-3', 'own-team')
    .factor('CF-4', 'organisational-culture-and-management')
    .link('KPE-1', 'CF-1', ['EX-1'])
    .link('KPE-2', 'CF-1', ['CH-2'])
    .link('KPE-1', 'CF-2')
    .link('KPE-5', 'CF-4', ['CH-1'])
    .link('KPE-6', 'CF-4', ['EX-1'])
    .finding('F-1', 'human-management-system-operation', ['CF-1'], ['How does the Board know?'])
    .finding('F-2', 'family-professional-interaction', ['CF-2'])
    .finding('F-3', 'human-tool-operation', [], ['What tools help?'])
    .finding('F-4', 'human-judgement-and-reasoning', ['CF-4'], ['Is this wider?']);
}

/**
 * `gapReview` with a live meeting M-1 where the case group spoke (PT-1 of AG-1, PT-2 of none):
 * - MC-1 context about KPE-1, accepted; MC-2 context about F-1, accepted;
 * - MC-3 dissent about F-1, declined; MC-4 question about KPE-2, not decided;
 * - MC-5 a correction to KPE-2's account written while a period was shown, accepted;
 * - MC-6 a note for the reviewers about KPE-1, accepted; MC-7 an answer to a prompt, accepted.
 */
export function meetingReview(): ReviewBuilder {
  return gapReview()
    .participant('PT-2', 'AG-2')
    .meeting('M-1')
    .contribution(
      'MC-1',
      'M-1',
      'PT-1',
      'context',
      'We had eleven families each that month.',
      'KPE-1',
    )
    .contribution('MC-2', 'M-1', 'PT-1', 'context', 'It still happens across the county.', 'F-1')
    .contribution('MC-3', 'M-1', 'PT-2', 'dissent', 'This is not about handovers.', 'F-1')
    .contribution('MC-4', 'M-1', 'PT-2', 'question', 'Who saw the letter?', 'KPE-2')
    .contribution('MC-5', 'M-1', 'PT-2', 'correction', 'The call came first.', undefined, {
      target: { kind: 'kpe', id: 'KPE-2', field: 'whatHappened' },
      proposed: 'A neighbour called before the visit.',
    })
    .contribution('MC-6', 'M-1', 'PT-1', 'private-note', 'My manager was in the room.', 'KPE-1')
    .add({
      type: 'meeting.prompt-opened',
      payload: {
        id: 'MP-1',
        meetingId: 'M-1',
        session: 'all',
        kind: 'writing',
        text: 'What helped?',
        options: [],
      },
    })
    .contribution('MC-7', 'M-1', 'PT-1', 'response', 'A good supervisor.', 'MP-1')
    .accept('MC-1')
    .accept('MC-2')
    .decline('MC-3', 'The factors show handovers at every stage.')
    .accept('MC-5')
    .accept('MC-6')
    .accept('MC-7');
}
