/**
 * Use-cases that look at a chronology whole: entries that may record the same
 * event in several agencies, and each agency's perspective — the merged
 * chronology and the side-by-side view — as text, HTML, CSV or a workbook, in
 * the confidential edition or the publication edition, which goes through the
 * pseudonym register and is given only if the leak check finds nothing in it.
 */
import { findReviewDuplicates } from '../chronology/find-duplicates.ts';
import {
  describeDate,
  filterOrThrow,
  mergedView,
  sideBySideView,
} from '../chronology/perspectives.ts';
import { mergedCsv, sideBySideCsv } from '../chronology/perspectives-csv.ts';
import { mergedHtml, sideBySideHtml } from '../chronology/perspectives-html.ts';
import { mergedText, sideBySideText } from '../chronology/perspectives-text.ts';
import { chronologyCitation } from '../domain/chronology-citation.ts';
import { chronologyLinks } from '../domain/chronology-links.ts';
import { ValidationError } from '../domain/errors.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { checkPublication, type PublishedText } from '../publish/check-publication.ts';
import { type PublicationState, publicationState } from '../publish/publication-state.ts';
import { findNamedIds } from './references/find-named.ts';
import { gather } from './references/gather.ts';
import { readDay } from './references/read-day.ts';
import { requireRecord } from './references/require-record.ts';
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
export type ChronologyEdition = 'confidential' | 'publication';

export interface ChronologyViewRequest {
  /** The first and last days, as people write them (14/03/2023 or 2023-03-14). */
  from?: string;
  to?: string;
  /** Agencies by id or name; all when left out. */
  agencies?: string[];
  sideBySide?: boolean;
  format: ChronologyFormat;
  /** `publication`: through the pseudonym register, refused if anything registered is left. */
  edition?: ChronologyEdition;
}

/**
 * The chronology as asked for: `text`, `html` and `csv` as a string; `xlsx`
 * (both views, one sheet each) as bytes. `view` is the data behind it. The
 * publication edition throws a ValidationError naming every leak, where it
 * stands, when the export would publish a registered identifier.
 */
export async function chronologyView(
  ws: Workspace,
  reviewId: string,
  request: ChronologyViewRequest,
) {
  const confidential = await ws.load(reviewId);
  const publication =
    request.edition === 'publication' ? publicationState(confidential) : undefined;
  const state = publication?.state ?? confidential;
  const shown = await render(ws, state, request);
  if (!publication) return shown;
  const check = await checkExport(publication, shown);
  return {
    ...shown,
    publication: {
      substitutions: publication.substitutions.filter((s) => isChronologyField(s.field)).length,
      warnings: [...new Set(check.warnings.map((w) => w.text))],
    },
  };
}

/** The filter asked for, read (days as people write them, agencies by id or name) and checked. */
function filterOf(
  state: ReviewState,
  request: Pick<ChronologyViewRequest, 'from' | 'to' | 'agencies'>,
) {
  const [from, to, agencies] = gather(
    () => (request.from === undefined ? undefined : readDay(request.from, ['from'])),
    () => (request.to === undefined ? undefined : readDay(request.to, ['to'])),
    () =>
      request.agencies === undefined
        ? undefined
        : findNamedIds(state, 'agency', request.agencies, ['agencies']),
  );
  return filterOrThrow(state, {
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(agencies === undefined ? {} : { agencies }),
  });
}

/**
 * The merged chronology and the side-by-side view as data, for a page to lay out: filtered by
 * days (as people write them) and agencies (by id or name), and every agency of the review, for
 * a filter to choose from. A bad filter throws a ValidationError naming `from`, `to` or `agencies`.
 */
export async function chronologyPerspectives(
  ws: Workspace,
  reviewId: string,
  request: Pick<ChronologyViewRequest, 'from' | 'to' | 'agencies'> = {},
) {
  const state = await ws.load(reviewId);
  const merged = mergedView(state, filterOf(state, request));
  return {
    review: { id: state.review.id, title: state.review.title },
    agencies: Object.values(state.agencies).map((a) => ({ id: a.id, name: a.name })),
    merged,
    /** Built when first asked for: the timeline does not need it. */
    get sideBySide() {
      return sideBySideView(merged);
    },
  };
}

/** One chronology entry as read: its agency, date, source, and what in the review links to it. */
export async function chronologyEntryView(ws: Workspace, reviewId: string, id: string) {
  const state = await ws.load(reviewId);
  const entry = requireRecord(state, state.chronology, id);
  return {
    review: { id: state.review.id, title: state.review.title },
    entry,
    agency: state.agencies[entry.agencyId]?.name ?? entry.agencyId,
    when: describeDate(entry.date),
    citation: chronologyCitation(entry.provenance) ?? null,
    links: chronologyLinks(state, entry.id),
  };
}

async function render(ws: Workspace, state: ReviewState, request: ChronologyViewRequest) {
  const merged = mergedView(state, filterOf(state, request));
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

/** The fields a chronology export shows: its entries and the review's title. */
function isChronologyField(field: string): boolean {
  return /^CH-\d+ /.test(field) || field === 'review.title';
}

/**
 * The leak check over an export: the chronology's fields, then the export as
 * written (a workbook read back from its bytes, properties apart) and the data
 * behind it, which `--json` prints.
 */
async function checkExport(
  publication: PublicationState,
  shown: Awaited<ReturnType<typeof render>>,
) {
  const name = `publication chronology (${shown.format.toUpperCase()})`;
  const outputs: PublishedText[] = [];
  if (shown.format === 'xlsx') {
    const { xlsxText } = await import('../publish/xlsx-text.ts');
    const read = xlsxText(shown.bytes);
    outputs.push(
      { source: name, text: read.text },
      { source: `${name} properties`, text: read.properties },
    );
  } else {
    outputs.push({
      source: name,
      text: shown.text,
      ...(shown.format === 'html' ? { format: 'html' as const } : {}),
    });
  }
  outputs.push({
    source: 'publication chronology data',
    text: JSON.stringify(shown.view, null, 1),
  });
  const check = checkPublication(publication, outputs, {
    fields: (f) => isChronologyField(f.field),
  });
  if (check.leaks.length > 0) {
    throw new ValidationError(
      check.leaks.map((leak) => ({ ...leak, path: [leak.source] })),
      `The publication edition of the chronology was not given: ${check.leaks.length} identifier${check.leaks.length === 1 ? '' : 's'} would be published`,
    );
  }
  return check;
}
