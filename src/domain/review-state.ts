/**
 * The state of one review, as folded from its events. Records are keyed by
 * stable id in creation order; display order is computed where it is shown.
 */
import type { AcceptedFlag } from './accepted-flag.ts';
import type { Agency } from './agency.ts';
import type { ChronologyEntry, ColumnMapping, DuplicateDecision } from './chronology-entry.ts';
import type { Conversation, Excerpt } from './conversation.ts';
import type { EventPayload } from './events.ts';
import type { Factor, KpeFactorLink } from './factor.ts';
import type { Finding } from './finding.ts';
import type { Kpe } from './kpe.ts';
import type {
  ContributionRecord,
  InviteRecord,
  MeetingRoom,
  PromptRecord,
} from './live-meeting.ts';
import type { Meeting } from './meeting.ts';
import type { Participant } from './participant.ts';
import type { Person } from './person.ts';
import type { IdKind } from './primitives.ts';
import type { ResearchQuestion, Review } from './review.ts';
import type { TimeLogEntry } from './time-log.ts';

export interface ReviewState {
  review: Review;
  /** The stage the review is in now. */
  stage: string;
  /** Every stage the review has entered, oldest first, and how. */
  stageHistory: StageEntry[];
  /** Sequence number of the last event folded in. */
  seq: number;
  /** Hash of the last event folded in. */
  head: string;
  researchQuestions: Record<string, ResearchQuestion>;
  /** Prose the reviewers wrote for report sections, by outline section id. */
  texts: Record<string, string>;
  persons: Record<string, Person>;
  agencies: Record<string, Agency>;
  participants: Record<string, Participant>;
  chronology: Record<string, ChronologyEntry>;
  /** Saved column mappings of agencies' returns, by agency id. */
  chronologyMappings: Record<string, ColumnMapping>;
  /** Reviewers' decisions on possible duplicates, latest last; the latest for a set of entries wins. */
  duplicateDecisions: (DuplicateDecision & { seq: number; at: string })[];
  conversations: Record<string, Conversation>;
  excerpts: Record<string, Excerpt>;
  kpes: Record<string, Kpe>;
  factors: Record<string, Factor>;
  /** KPE–factor links, keyed `KPE-n|CF-m`. */
  links: Record<string, KpeFactorLink>;
  findings: Record<string, Finding>;
  meetings: Record<string, Meeting>;
  /** Meetings run live: the room of each, by meeting id. */
  rooms: Record<string, MeetingRoom>;
  invites: Record<string, InviteRecord>;
  /** Invite ids by the SHA-256 of the session token each link was exchanged for. */
  inviteSessions: Record<string, string>;
  prompts: Record<string, PromptRecord>;
  contributions: Record<string, ContributionRecord>;
  timeLog: Record<string, TimeLogEntry>;
  /** The highest number ever allocated per id kind; new ids count on from it. */
  lastIds: Partial<Record<IdKind, number>>;
  /** Ids that were removed, with why; they are never allocated again. */
  removed: Record<string, { reason: string; at: string; seq: number }>;
  /** Flagged sentences reviewers accepted, keyed by `acceptedFlagKey` (field, rule, sentence). */
  acceptedFlags: Record<string, AcceptedFlag>;
  /** The last event that changed what a report shows (not stage moves, checks or time logged). */
  contentSeq: number;
  /** Publication leak checks that passed, oldest first. */
  leakChecks: (EventPayload<'publication.leak-check-passed'> & { seq: number; at: string })[];
}

export interface StageEntry {
  stage: string;
  /** When the review entered it: the day given with the move, else the time it was recorded. */
  at: string;
  seq: number;
  via: 'start' | 'advance' | 'reopen';
  outcome?: string;
  reason?: string;
  /** A review entered after the fact: when its start was recorded here (`at` is the real day). */
  recordedAt?: string;
}

export function linkKey(kpeId: string, factorId: string): string {
  return `${kpeId}|${factorId}`;
}
