/**
 * One entry in an agency's chronology. Dates carry their precision and the
 * original text, because agencies record "?/04/2023" or "early May" and the
 * review must not pretend to know more than the record says.
 */
import { z } from 'zod';
import { ClockTime, IsoDate, LongText, refuseControls, ShortText, stableId } from './primitives.ts';

export const DATE_PRECISIONS = ['time', 'day', 'month', 'range', 'approximate', 'unknown'] as const;
export const DatePrecision = z.enum(DATE_PRECISIONS);
export type DatePrecision = z.infer<typeof DatePrecision>;

export const EventDate = z
  .strictObject({
    precision: DatePrecision,
    /** The day, or the earliest day it could have been. */
    start: IsoDate.optional(),
    /** The latest day it could have been (month and range precision). */
    end: IsoDate.optional(),
    time: ClockTime.optional(),
    /** The date exactly as the agency recorded it. */
    original: z.string().max(200).superRefine(refuseControls('the date as recorded')),
  })
  .superRefine((d, ctx) => {
    const needsStart = d.precision !== 'unknown';
    const needsEnd = d.precision === 'month' || d.precision === 'range';
    if (needsStart && !d.start) {
      ctx.addIssue({
        code: 'custom',
        path: ['start'],
        message: `a ${d.precision} date needs a start day`,
      });
    }
    if (needsEnd && !d.end) {
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: `a ${d.precision} date needs an end day`,
      });
    }
    if (d.precision === 'time' && !d.time) {
      ctx.addIssue({
        code: 'custom',
        path: ['time'],
        message: 'a date with time precision needs a time',
      });
    }
    if (d.start && d.end && d.end < d.start) {
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: `the end day ${d.end} is before the start day ${d.start}`,
      });
    }
  });
export type EventDate = z.infer<typeof EventDate>;

/** Where an entry came from, so any line in any report traces back to its source row. */
export const Provenance = z.strictObject({
  method: z.enum(['manual', 'import']),
  file: ShortText('the source file name').optional(),
  /** XLSX: the sheet the record was on (one workbook may hold several returns). */
  sheet: ShortText('the sheet name').optional(),
  /** 1-based data record number in the source file (after the header). */
  record: z.number().int().positive().optional(),
});
export type Provenance = z.infer<typeof Provenance>;

export const ChronologyEntryInput = z.strictObject({
  agencyId: stableId('agency'),
  date: EventDate,
  text: LongText('the entry text'),
  /** Who recorded it, by role (e.g. "Health visitor"). */
  author: ShortText('the author').optional(),
  /** The agency's own reference for the record (case note id, record ref). */
  sourceRef: ShortText('the source reference').optional(),
  provenance: Provenance.default({ method: 'manual' }),
  /** Columns the import did not map, kept rather than thrown away. */
  extra: z.record(z.string(), z.string()).default({}),
});
export type ChronologyEntryInput = z.input<typeof ChronologyEntryInput>;

export const ChronologyEntry = ChronologyEntryInput.extend({ id: stableId('chronology') });
export type ChronologyEntry = z.infer<typeof ChronologyEntry>;

/**
 * Fields of an entry an edit may change; `null` clears the author or the
 * reference. Where it came from (provenance, unmapped columns) is not edited.
 */
export const ChronologyEntryChanges = z
  .strictObject({
    agencyId: stableId('agency'),
    date: EventDate,
    text: LongText('the entry text'),
    author: ShortText('the author').nullable(),
    sourceRef: ShortText('the source reference').nullable(),
  })
  .partial();
export type ChronologyEntryChanges = z.infer<typeof ChronologyEntryChanges>;

/**
 * How an agency's return maps onto chronology fields: which columns hold the
 * date, time, text (several are joined), author and reference. Saved per
 * agency, so its next return imports without questions.
 */
export const ColumnMapping = z.strictObject({
  date: z.string().min(1, 'name the date column'),
  time: z.string().optional(),
  text: z.array(z.string().min(1)).min(1, 'name at least one text column'),
  author: z.string().optional(),
  sourceRef: z.string().optional(),
  /** Read 03/04/2023 as 3 April (UK) rather than March 4. */
  dayFirst: z.boolean().default(true),
  /** How the date column writes its dates (`DD-MMM-YYYY HH:mm`; see `chronology/date-format.ts`). */
  dateFormat: z.string().trim().min(1, 'the date format is empty').max(200).optional(),
});
export type ColumnMapping = z.infer<typeof ColumnMapping>;

/** A reviewer's decision on a cluster of entries that may record the same event. */
export const DuplicateDecision = z.strictObject({
  entryIds: z.array(stableId('chronology')).min(2, 'a cluster has at least two entries'),
  decision: z.enum(['confirmed', 'split']),
  note: LongText('the note').optional(),
});
export type DuplicateDecision = z.infer<typeof DuplicateDecision>;
