/**
 * Evidence as views show it: beside each id, the agency and — for an
 * imported chronology entry — the file and record it came from, so a
 * reviewer reads `CH-7` as "GP record 12" without looking it up.
 */
import { chronologyCitation } from '../../domain/chronology-citation.ts';
import { idKind } from '../../domain/primitives.ts';
import type { ReviewState } from '../../domain/review-state.ts';

export interface CitedEvidence {
  id: string;
  kind: 'chronology' | 'excerpt';
  agencyId?: string;
  agencyName?: string;
  /** Chronology entries from a return: `gp-practice.csv#12`. */
  citation?: string;
  /** Excerpts: the conversation they come from. */
  conversationId?: string;
}

/** The chronology entry or excerpt `id`, with where it came from; undefined when it names neither. */
export function citeEvidence(state: ReviewState, id: string): CitedEvidence | undefined {
  const entry = state.chronology[id];
  if (entry) {
    const citation = chronologyCitation(entry.provenance);
    const agencyName = state.agencies[entry.agencyId]?.name;
    return {
      id,
      kind: 'chronology',
      agencyId: entry.agencyId,
      ...(agencyName ? { agencyName } : {}),
      ...(citation ? { citation } : {}),
    };
  }
  const excerpt = idKind(id) === 'excerpt' ? state.excerpts[id] : undefined;
  if (!excerpt) return undefined;
  const conversation = state.conversations[excerpt.conversationId];
  const agencyId = conversation
    ? state.participants[conversation.participantId]?.agencyId
    : undefined;
  const agencyName = agencyId ? state.agencies[agencyId]?.name : undefined;
  return {
    id,
    kind: 'excerpt',
    conversationId: excerpt.conversationId,
    ...(agencyId ? { agencyId } : {}),
    ...(agencyName ? { agencyName } : {}),
  };
}

/** Each id cited, in order; ids that name nothing now are shown as the bare id. */
export function citeAll(state: ReviewState, ids: readonly string[]): CitedEvidence[] {
  return ids.map(
    (id) =>
      citeEvidence(state, id) ?? {
        id,
        kind: idKind(id) === 'excerpt' ? 'excerpt' : 'chronology',
      },
  );
}
