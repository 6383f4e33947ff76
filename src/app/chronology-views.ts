/**
 * Use-cases that look at a chronology whole: entries that may record the same
 * event in several agencies, and each agency's perspective — the merged
 * chronology and the side-by-side view — as text, HTML, CSV or a workbook.
 */
import { findReviewDuplicates } from '../chronology/find-duplicates.ts';
import { filterOrThrow, mergedView, sideBySideView } from '../chronology/perspectives.ts';
import { mergedCsv, sideBySideCsv } from '../chronology/perspectives-csv.ts';
import { mergedHtml, sideBySideHtml } from '../chronology/perspectives-html.ts';
import { mergedText, sideBySideText } from '../chronology/perspectives-text.ts';
import { findNamedIds } from './references/find-named.ts';
import { gather } from './references/gather.ts';
import { readDay } from './references/read-day.ts';
import type { Workspace } from './workspace.ts';

/** Clusters of entries that may record one event, confirmed ones included. */
export async function findDuplicates(
  ws: Workspace,
  reviewId: string,
  options: { minScore?: number } = {},
) {
  const state = await ws.load(reviewId);
  return findReviewDuplicates(state, options);
}

export type ChronologyFormat = 'text' | 'html' | 'csv' | 'xlsx';

export interface ChronologyViewRequest {
  /** The first and last days, as people write them (14/03/2023 or 2023-03-14). */
  from?: string;
  to?: string;
  /** Agencies by id or name; all when left out. */
  agencies?: string[];
  sideBySide?: boolean;
  format: ChronologyFormat;
}

/**
 * The chronology as asked for: `text`, `html` and `csv` as a string; `xlsx`
 * (both views, one sheet each) as bytes. `view` is the data behind it.
 */
export async function chronologyView(
  ws: Workspace,
  reviewId: string,
  request: ChronologyViewRequest,
) {
  const state = await ws.load(reviewId);
  const [from, to, agencies] = gather(
    () => (request.from === undefined ? undefined : readDay(request.from, ['from'])),
    () => (request.to === undefined ? undefined : readDay(request.to, ['to'])),
    () =>
      request.agencies === undefined
        ? undefined
        : findNamedIds(state, 'agency', request.agencies, ['agencies']),
  );
  const filter = filterOrThrow(state, {
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(agencies === undefined ? {} : { agencies }),
  });
  const merged = mergedView(state, filter);
  const side = request.sideBySide || request.format === 'xlsx' ? sideBySideView(merged) : undefined;
  const view = side ?? merged;
  const entries = merged.rows.length;
  switch (request.format) {
    case 'xlsx': {
      // exceljs loads only for a workbook.
      const { chronologyWorkbook } = await import('../chronology/perspectives-xlsx.ts');
      const workbook = await chronologyWorkbook(merged, side ?? sideBySideView(merged), ws.clock());
      const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
      return { format: 'xlsx' as const, bytes, view, entries };
    }
    case 'csv':
      return {
        format: 'csv' as const,
        text: side ? sideBySideCsv(side) : mergedCsv(merged),
        view,
        entries,
      };
    case 'html':
      return {
        format: 'html' as const,
        text: side ? sideBySideHtml(side) : mergedHtml(merged),
        view,
        entries,
      };
    case 'text':
      return {
        format: 'text' as const,
        text: (side ? sideBySideText(side) : mergedText(merged)).join('\n'),
        view,
        entries,
      };
  }
}
