/**
 * Heads noted down elsewhere, as people give them back: a hash, `REVIEW:HASH` or
 * `REVIEW:SEQ:HASH`, or the JSON list of heads (`reviewHeads`, as the CLI prints it).
 */
import { z } from 'zod';
import { ValidationError } from '../domain/errors.ts';
import { issue } from '../domain/issue.ts';
import { parseJsonText } from '../domain/json-text.ts';
import { ReviewId } from '../domain/review.ts';
import { issuesFromZod } from '../domain/zod-issues.ts';
import type { ExpectedHead } from '../store/expected-heads.ts';
import { HASH_SCHEME } from '../store/hash-chain.ts';

/** A head hash in hex: all 64 digits, or at least the first 16 (as reports printed before). */
const HeadHash = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[0-9a-f]{16,64}$/,
    'a head hash: 64 hex digits (or, for a head printed before full hashes were, at least the first 16)',
  );

/** One entry of the JSON list of heads. */
export const HeadEntry = z.strictObject({
  review: ReviewId,
  seq: z.number().int().positive(),
  hash: HeadHash,
  hashScheme: z
    .literal(HASH_SCHEME, {
      error: `hash scheme ${HASH_SCHEME}, the one this version knows; the file was written by a newer version`,
    })
    .optional(),
});

const HeadsFile = z.array(HeadEntry).min(1, 'the file lists no heads');

/** Reads heads given as text: `HASH`, `REVIEW:HASH` or `REVIEW:SEQ:HASH`. */
export function readExpectedHeads(values: readonly string[]): ExpectedHead[] {
  return values.map((value, i) => {
    const parts = value.trim().split(':');
    const hash = HeadHash.safeParse(parts.at(-1));
    const review = parts.length > 1 ? ReviewId.safeParse(parts[0]) : undefined;
    const seq = parts.length === 3 ? Number(parts[1]) : undefined;
    const seqOk = seq === undefined || (Number.isInteger(seq) && seq > 0);
    if (!hash.success || parts.length > 3 || review?.success === false || !seqOk) {
      throw new ValidationError([
        issue(
          'invalid-value',
          ['expectHead', i],
          `"${value}" is not a head: give its hash (all 64 hex digits, as the list of heads prints it), or REVIEW:HASH, or REVIEW:SEQ:HASH`,
        ),
      ]);
    }
    return {
      hash: hash.data,
      ...(review?.success ? { reviewId: review.data.toUpperCase() } : {}),
      ...(seq === undefined ? {} : { seq }),
    };
  });
}

/** Reads a JSON list of heads; `fileName` names the file in every message. */
export function readHeadsFile(text: string, fileName: string): ExpectedHead[] {
  const json = parseJsonText(
    text,
    fileName,
    'unreadable-json',
    'give the list of heads as it was written in JSON',
  );
  const parsed = HeadsFile.safeParse(json);
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error, [fileName]));
  return parsed.data.map((h) => ({ reviewId: h.review.toUpperCase(), seq: h.seq, hash: h.hash }));
}
