/**
 * A few words on what an event did, for the log, where its type alone says
 * too little: a review entered after the fact, a corrected return applied.
 */
import type { ReviewEvent } from '../domain/events.ts';

export function eventNote(event: ReviewEvent): string {
  switch (event.type) {
    case 'review.created': {
      const entered = event.payload.enteredAfterTheFact;
      if (!entered) return '';
      // The stages not tracked are in the event and in the status; the log keeps to one line.
      const before = entered.notTracked.length > 0 ? '; earlier stages not tracked here' : '';
      return `entered after the fact, at ${event.payload.startStage} since ${entered.since}${before}`;
    }
    case 'chronology.return-revised': {
      const { file, added, changed, removed } = event.payload;
      return `corrected return ${file}: ${added.length} added, ${changed.length} changed, ${removed.length} removed`;
    }
    default:
      return '';
  }
}
