/**
 * Removing a record from the state: the references to it are detached, the
 * record and what belongs to it go, and its id is kept as removed so it is
 * never allocated again.
 */
import type { ReviewEvent } from '../../domain/events.ts';
import { isOwned, linksTo, type RecordLink } from '../../domain/record-links.ts';
import type { ReviewState } from '../../domain/review-state.ts';

const without = (ids: readonly string[], id: string) => ids.filter((x) => x !== id);

/** Takes `id` out of the field `link` names. */
export function detachLink(state: ReviewState, id: string, link: RecordLink): void {
  switch (link.field) {
    case 'agencyIds': {
      const kpe = state.kpes[link.from];
      if (kpe) state.kpes[kpe.id] = { ...kpe, agencyIds: without(kpe.agencyIds, id) };
      break;
    }
    case 'chronologyRefs': {
      const kpe = state.kpes[link.from];
      if (kpe) state.kpes[kpe.id] = { ...kpe, chronologyRefs: without(kpe.chronologyRefs, id) };
      break;
    }
    case 'agencyId': {
      const participant = state.participants[link.from];
      if (participant?.agencyId === id) {
        const { agencyId: _gone, ...rest } = participant;
        state.participants[participant.id] = rest;
      }
      break;
    }
    case 'kpeId':
    case 'factorId':
      // A KPE–factor link cannot stand without either end: it goes.
      delete state.links[link.from];
      break;
    case 'evidence': {
      const found = state.links[link.from];
      if (found) state.links[link.from] = { ...found, evidence: without(found.evidence, id) };
      break;
    }
    case 'factorIds': {
      const finding = state.findings[link.from];
      if (finding) {
        state.findings[finding.id] = { ...finding, factorIds: without(finding.factorIds, id) };
      }
      break;
    }
    case 'conductedBy': {
      const c = state.conversations[link.from];
      if (c) state.conversations[c.id] = { ...c, conductedBy: without(c.conductedBy, id) };
      break;
    }
    case 'attendees': {
      const m = state.meetings[link.from];
      if (m) state.meetings[m.id] = { ...m, attendees: without(m.attendees, id) };
      break;
    }
    case 'entryIds':
      // A decision about fewer than two entries decides nothing: it goes.
      state.duplicateDecisions = state.duplicateDecisions.flatMap((d) => {
        if (!d.entryIds.includes(id)) return [d];
        const entryIds = without(d.entryIds, id);
        return entryIds.length >= 2 ? [{ ...d, entryIds }] : [];
      });
      break;
    case 'conversationId':
    case 'participantId':
      // These records belong to the one removed; the check refuses the removal while they remain.
      break;
  }
}

/** Acceptances of flagged sentences in the removed record's text lapse with it. */
function dropAcceptances(state: ReviewState, id: string): void {
  for (const [key, accepted] of Object.entries(state.acceptedFlags)) {
    if (accepted.ids.includes(id) || accepted.field[1] === id) delete state.acceptedFlags[key];
  }
}

/** Notes `id` as removed, for `reason`: never allocated again, and named as removed if referred to. */
export function markRemoved(state: ReviewState, id: string, reason: string, event: ReviewEvent) {
  state.removed[id] = { reason, at: event.at, seq: event.seq };
  dropAcceptances(state, id);
}

/**
 * Removes the record `id` from `records`: every reference to it is detached
 * first (a removal is checked to list them, or to find none), then it goes.
 */
export function removeRecord<T>(
  state: ReviewState,
  records: Record<string, T>,
  id: string,
  reason: string,
  event: ReviewEvent,
): void {
  for (const link of linksTo(state, id)) {
    if (!isOwned(link)) detachLink(state, id, link);
  }
  delete records[id];
  markRemoved(state, id, reason, event);
}
