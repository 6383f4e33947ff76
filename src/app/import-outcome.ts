/** What importing one agency return did to the review, for a front door to report. */
import type { ReturnDiff } from '../chronology/diff-return.ts';
import type { ChronologyEntry } from '../domain/chronology-entry.ts';
import type { ChronologyLink } from '../domain/chronology-links.ts';

/**
 * What an import did: imported the records; imported nothing (problems);
 * found them all imported already; showed how a corrected return differs from
 * its earlier import; or applied that as one revision.
 */
export type ImportResult =
  | 'imported'
  | 'nothing-imported'
  | 'already-imported'
  | 'revision-shown'
  | 'revised';

/** A return whose every record matches an entry the review already has. */
export interface AlreadyImported {
  /** Records of the return matched. */
  records: number;
  /** The entries they match, in id order. */
  ids: string[];
  /** The files those entries were imported from. */
  files: string[];
}

/** A corrected return compared with its earlier import, shown or applied. */
export interface RevisionOutcome {
  /** The return's file name as its earlier import recorded it. */
  file: string;
  /** XLSX: the sheet that holds it. */
  sheet?: string;
  diff: ReturnDiff;
  /** The earlier entries the diff names, by id, to show what they said. */
  previous: Record<string, ChronologyEntry>;
  /** What links to each changed or removed entry, by id (only entries with links). */
  links: Record<string, ChronologyLink[]>;
  /** Removed entries still linked: while there are any, the revision cannot be applied. */
  blocked: string[];
  /** True once the revision is in the log. */
  applied: boolean;
  /** The ids the added records were given, in record order, once applied. */
  addedIds: string[];
  /** True when the corrected return was read with another column mapping, saved with it. */
  mappingChanged: boolean;
}

export interface ImportOutcome {
  result: ImportResult;
  reviewId: string;
  agency: { id?: string; name: string; sector?: string; created: boolean };
  /** Ids of the entries added, in record order; empty when nothing was imported. */
  ids: string[];
  skipInvalid: boolean;
  /** True when this import saved the mapping for the agency (new or changed). */
  mappingSaved: boolean;
  /** Set when every record matches an entry the review already has. */
  alreadyImported?: AlreadyImported;
  /** Set when some records (not all) match entries the agency has from other files. */
  overlap?: AlreadyImported;
  /** Set when the return was imported before: how the corrected return differs. */
  revision?: RevisionOutcome;
}
