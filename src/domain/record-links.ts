/**
 * What names a record: the references other records hold to it. A removal is
 * refused while any remain, unless it detaches them in the same event (the
 * event lists them, the fold detaches them). A record that belongs to the one
 * removed — a chronology entry to its agency, an excerpt to its conversation —
 * cannot be detached: it must be removed or moved first.
 */
import { z } from 'zod';
import { type IdKind, idKind } from './primitives.ts';
import type { ReviewState } from './review-state.ts';

/** The fields through which one record names another. */
export const LINK_FIELDS = [
  'agencyIds',
  'chronologyRefs',
  'agencyId',
  'kpeId',
  'factorId',
  'evidence',
  'factorIds',
  'conversationId',
  'participantId',
  'conductedBy',
  'attendees',
  'entryIds',
] as const;
export type LinkField = (typeof LINK_FIELDS)[number];

export const RecordLink = z.strictObject({
  /**
   * The record holding the reference: a stable id (`KPE-3`, `PT-4`), a
   * KPE–factor link (`KPE-1|CF-2`), or a duplicate decision by its entries
   * (`CH-3,CH-4`).
   */
  from: z.string().min(1, 'the record holding the reference is empty'),
  /** Its field that holds the reference. */
  field: z.enum(LINK_FIELDS),
});
export type RecordLink = z.infer<typeof RecordLink>;

/** The stable ids in a link's `from`: `KPE-1|CF-2` → KPE-1 and CF-2. */
export function holderIds(link: RecordLink): string[] {
  return link.from.split(/[|,]/);
}

export function sameLink(a: RecordLink, b: RecordLink): boolean {
  return a.from === b.from && a.field === b.field;
}

/** Records of these kinds cannot exist without what these fields name. */
const OWNED: Partial<Record<IdKind, readonly LinkField[]>> = {
  chronology: ['agencyId'],
  excerpt: ['conversationId'],
  conversation: ['participantId'],
  timeLog: ['participantId'],
};

/** Whether the linking record belongs to the one it names, so the link cannot be detached. */
export function isOwned(link: RecordLink): boolean {
  const kind = idKind(link.from);
  return kind !== undefined && (OWNED[kind] ?? []).includes(link.field);
}

/** Every reference to `id` in the review now, in a fixed order. */
export function linksTo(state: ReviewState, id: string): RecordLink[] {
  const links: RecordLink[] = [];
  const add = (from: string, field: LinkField) => {
    if (!links.some((l) => l.from === from && l.field === field)) links.push({ from, field });
  };
  switch (idKind(id)) {
    case 'agency':
      for (const kpe of Object.values(state.kpes)) {
        if (kpe.agencyIds.includes(id)) add(kpe.id, 'agencyIds');
      }
      for (const p of Object.values(state.participants)) {
        if (p.agencyId === id) add(p.id, 'agencyId');
      }
      for (const entry of Object.values(state.chronology)) {
        if (entry.agencyId === id) add(entry.id, 'agencyId');
      }
      break;
    case 'chronology':
      for (const kpe of Object.values(state.kpes)) {
        if (kpe.chronologyRefs.includes(id)) add(kpe.id, 'chronologyRefs');
      }
      for (const [key, link] of Object.entries(state.links)) {
        if (link.evidence.includes(id)) add(key, 'evidence');
      }
      for (const decision of state.duplicateDecisions) {
        if (decision.entryIds.includes(id)) add(decision.entryIds.join(','), 'entryIds');
      }
      break;
    case 'excerpt':
      for (const [key, link] of Object.entries(state.links)) {
        if (link.evidence.includes(id)) add(key, 'evidence');
      }
      break;
    case 'participant':
      for (const c of Object.values(state.conversations)) {
        if (c.participantId === id) add(c.id, 'participantId');
        if (c.conductedBy.includes(id)) add(c.id, 'conductedBy');
      }
      for (const m of Object.values(state.meetings)) {
        if (m.attendees.includes(id)) add(m.id, 'attendees');
      }
      for (const t of Object.values(state.timeLog)) {
        if (t.participantId === id) add(t.id, 'participantId');
      }
      break;
    case 'conversation':
      for (const e of Object.values(state.excerpts)) {
        if (e.conversationId === id) add(e.id, 'conversationId');
      }
      break;
    case 'kpe':
      for (const [key, link] of Object.entries(state.links)) {
        if (link.kpeId === id) add(key, 'kpeId');
      }
      break;
    case 'factor':
      for (const [key, link] of Object.entries(state.links)) {
        if (link.factorId === id) add(key, 'factorId');
      }
      for (const f of Object.values(state.findings)) {
        if (f.factorIds.includes(id)) add(f.id, 'factorIds');
      }
      break;
    default:
      // People in the register, research questions, findings, Board issues,
      // meetings and time entries are named by nothing that outlives them.
      break;
  }
  return links;
}

/** Nouns for the records that hold references, singular and plural; KPEs need none. */
const NOUNS: Partial<Record<IdKind, [string, string]>> = {
  agency: ['agency', 'agencies'],
  participant: ['participant', 'participants'],
  chronology: ['chronology entry', 'chronology entries'],
  conversation: ['conversation', 'conversations'],
  excerpt: ['excerpt', 'excerpts'],
  factor: ['factor', 'factors'],
  finding: ['finding', 'findings'],
  meeting: ['meeting', 'meetings'],
  timeLog: ['time entry', 'time entries'],
};

function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** A KPE–factor link key as people read it: `KPE-1|CF-2` → `KPE-1 → CF-2`. */
function linkName(key: string): string {
  return key.replace('|', ' → ');
}

/**
 * The records holding `links`, in words, grouped by kind:
 * "KPE-3, KPE-5 and participant PT-4"; "the factor link KPE-3 → CF-2".
 */
export function describeLinks(links: readonly RecordLink[]): string {
  const groups = new Map<string, { noun: [string, string] | undefined; items: string[] }>();
  const put = (group: string, noun: [string, string] | undefined, item: string) => {
    const found = groups.get(group) ?? { noun, items: [] };
    if (!found.items.includes(item)) found.items.push(item);
    groups.set(group, found);
  };
  for (const link of links) {
    if (link.field === 'kpeId' || link.field === 'factorId') {
      put('link', ['the factor link', 'the factor links'], linkName(link.from));
    } else if (link.field === 'evidence') {
      put('evidence', ['the evidence for', 'the evidence for'], linkName(link.from));
    } else if (link.field === 'entryIds') {
      put(
        `decision ${link.from}`,
        undefined,
        `the duplicate decision on ${andList(link.from.split(','))}`,
      );
    } else {
      const kind = idKind(link.from);
      put(kind ?? link.from, kind ? NOUNS[kind] : undefined, link.from);
    }
  }
  return andList(
    [...groups.values()].map(({ noun, items }) => {
      const list = andList(items);
      if (!noun) return list;
      return `${items.length === 1 ? noun[0] : noun[1]} ${list}`;
    }),
  );
}
