/**
 * The merged and side-by-side chronology as rows of cells: what both the CSV
 * files and the XLSX workbook write, each in its own way.
 */
import { type ChronologyRow, type SideBySideView, sourceOf, whenInPeriod } from './perspectives.ts';

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
] as const;

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
  ];
}

/** One agency's entries in one period of the side-by-side view, as the text of one cell. */
export function sideBySideCell(
  rows: readonly ChronologyRow[],
  period: SideBySideView['rows'][number]['period'],
): string {
  return rows
    .map((r) => `${whenInPeriod(r, period)}  ${r.text}  [${r.id}, ${sourceOf(r)}]`)
    .join('\n\n');
}
