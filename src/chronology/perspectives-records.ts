/**
 * The merged and side-by-side chronology as rows of cells: what both the CSV
 * files and the XLSX workbook write, each in its own way.
 */
import {
  type ChronologyRow,
  eventNote,
  type MergedRow,
  type SideBySideView,
  sourceOf,
  whenInPeriod,
} from './perspectives.ts';

export const MERGED_COLUMNS = [
  'id',
  'date',
  'time',
  'precision',
  'date_as_recorded',
  'date_described',
  'agency',
  'text',
  'author',
  'source_ref',
  'source_file',
  'source_record',
  'event',
] as const;

/**
 * The records of one merged row, each in the order of `MERGED_COLUMNS`: one
 * for an entry; one per account for a confirmed event, side by side, each
 * naming the event (its entries' ids joined, "CH-3+CH-9") in `event`.
 */
export function mergedRecords(row: MergedRow): (string | number)[][] {
  return (row.accounts.length > 0 ? row.accounts : [row]).map(mergedRecord);
}

/** One entry of the merged chronology, in the order of `MERGED_COLUMNS`. */
export function mergedRecord(r: ChronologyRow): (string | number)[] {
  return [
    r.id,
    r.date.start ?? '',
    r.date.time ?? '',
    r.date.precision,
    r.date.original,
    r.when,
    r.agency,
    r.text,
    r.author ?? '',
    r.sourceRef ?? '',
    r.file ?? '',
    r.record ?? '',
    r.event?.key ?? '',
  ];
}

/** One agency's entries in one period of the side-by-side view, as the text of one cell. */
export function sideBySideCell(
  rows: readonly ChronologyRow[],
  period: SideBySideView['rows'][number]['period'],
): string {
  return rows
    .map((r) => {
      const note = eventNote(r);
      return `${whenInPeriod(r, period)}  ${r.text}  [${r.id}, ${sourceOf(r)}${note ? `; ${note}` : ''}]`;
    })
    .join('\n\n');
}
