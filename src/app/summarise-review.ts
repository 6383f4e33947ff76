/** A short account of what a review holds, for `review show` and the web app. */
import type { ReviewState } from '../domain/review-state.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';

export function summariseReview(state: ReviewState, model: MethodologyModel) {
  const count = (r: Record<string, unknown>) => Object.keys(r).length;
  return {
    review: state.review,
    model: { id: model.id, name: model.name, version: model.version },
    events: state.seq,
    head: state.head,
    counts: {
      'research questions': count(state.researchQuestions),
      people: count(state.persons),
      agencies: count(state.agencies),
      participants: count(state.participants),
      'chronology entries': count(state.chronology),
      conversations: count(state.conversations),
      excerpts: count(state.excerpts),
      KPEs: count(state.kpes),
      factors: count(state.factors),
      'KPE–factor links': count(state.links),
      findings: count(state.findings),
      meetings: count(state.meetings),
      'time entries': count(state.timeLog),
    },
  };
}
