/**
 * A finding: an underlying pattern in the system, not peculiar to this case,
 * with one primary typology category, the model's sections, the factors that
 * support it and the Issues for the Board it raises.
 */
import { z } from 'zod';
import { LongText, ModelId, stableId } from './primitives.ts';

export const BoardIssue = z.strictObject({
  id: stableId('boardIssue'),
  question: LongText('the question for the Board'),
});
export type BoardIssue = z.infer<typeof BoardIssue>;

export const FindingInput = z.strictObject({
  statement: LongText('the finding statement'),
  /** A category of the review's typology, e.g. `multi-agency-longer-term`. */
  category: ModelId,
  /** Text by finding-section id (from the model). */
  sections: z.record(ModelId, LongText('the section text')).default({}),
  /** Position when findings are ranked; lower comes first. */
  rank: z.number().int().positive().optional(),
});
export type FindingInput = z.input<typeof FindingInput>;

export const Finding = FindingInput.extend({
  id: stableId('finding'),
  factorIds: z.array(stableId('factor')).default([]),
  boardIssues: z.array(BoardIssue).default([]),
});
export type Finding = z.infer<typeof Finding>;

/**
 * Fields of a finding an edit may change. Sections are merged in: a section
 * given replaces its text, `null` clears it, and the others keep theirs
 * (without the input's default, so an edit that leaves sections alone carries
 * none). `rank: null` takes the finding out of the ranking.
 */
export const FindingChanges = FindingInput.extend({
  sections: z.record(ModelId, LongText('the section text').nullable()),
  rank: z.number().int().positive().nullable(),
}).partial();
export type FindingChanges = z.infer<typeof FindingChanges>;

/** What an edit of an Issue for the Board may change: its question. */
export const BoardIssueChanges = BoardIssue.omit({ id: true });
export type BoardIssueChanges = z.infer<typeof BoardIssueChanges>;
