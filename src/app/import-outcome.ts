/** What importing one agency return did to the review, for a front door to report. */
export interface ImportOutcome {
  reviewId: string;
  agency: { id?: string; name: string; sector?: string; created: boolean };
  /** Ids of the entries added, in record order; empty when nothing was imported. */
  ids: string[];
  skipInvalid: boolean;
  /** True when this import saved the mapping for the agency (new or changed). */
  mappingSaved: boolean;
  /** Entries this agency already has from a file of the same name. */
  earlierFromSameFile: number;
}
