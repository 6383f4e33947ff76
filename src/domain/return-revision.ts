/**
 * A corrected agency return applied over the entries an earlier import of the
 * same return made, as one change: the entries it adds (with new ids), the
 * entries it corrects (field by field, old and new, ids kept so KPEs and
 * factor links still point at them), and the entries it no longer holds.
 */
import { z } from 'zod';
import { ChronologyEntry, ColumnMapping, EventDate } from './chronology-entry.ts';
import { LongText, ShortText, stableId } from './primitives.ts';

const change = <T extends z.ZodType>(value: T) => z.strictObject({ from: value, to: value });
/** An optional field's change: a side left out means the entry had (or will have) none. */
const optionalChange = <T extends z.ZodType>(value: T) =>
  z.strictObject({ from: value.optional(), to: value.optional() });
const Cells = z.record(z.string(), z.string());
const RecordNumber = z.number().int().positive();

/** What a revision changes in one entry: each field it touches, as it was and as it becomes. */
export const EntryRevision = z
  .strictObject({
    date: change(EventDate).optional(),
    text: change(LongText('the entry text')).optional(),
    author: optionalChange(ShortText('the author')).optional(),
    sourceRef: optionalChange(ShortText('the source reference')).optional(),
    /** The unmapped columns kept on the entry. */
    extra: change(Cells).optional(),
    /** The entry's record number in the return, when rows above it came or went. */
    record: change(RecordNumber).optional(),
  })
  .refine((c) => Object.keys(c).length > 0, {
    message: 'a changed entry changes at least one field',
  });
export type EntryRevision = z.infer<typeof EntryRevision>;

/** The fields of an entry a revision may change, in the order they are shown. */
export const REVISED_FIELDS = ['date', 'text', 'author', 'sourceRef', 'extra', 'record'] as const;
export type RevisedField = (typeof REVISED_FIELDS)[number];

export const ReturnRevision = z.strictObject({
  agencyId: stableId('agency'),
  /** The return's file name, as the earlier import recorded it. */
  file: ShortText('the file name'),
  /** XLSX: the sheet of the workbook that holds the return. */
  sheet: ShortText('the sheet name').optional(),
  /** Records the corrected return adds, as new entries with their new ids. */
  added: z.array(ChronologyEntry),
  /** Entries the corrected return corrects or renumbers; their ids stay. */
  changed: z.array(z.strictObject({ id: stableId('chronology'), changes: EntryRevision })),
  /** Entries the corrected return no longer holds, each with why it goes. */
  removed: z.array(
    z.strictObject({
      id: stableId('chronology'),
      /** Its record number in the earlier return. */
      record: RecordNumber.optional(),
      reason: LongText('the reason'),
    }),
  ),
  /** The column mapping the corrected return was read with, when it differs from the saved one. */
  mapping: ColumnMapping.optional(),
});
export type ReturnRevision = z.infer<typeof ReturnRevision>;
