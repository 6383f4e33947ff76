/** The title page: what the report is, of which review, which edition, when, and from which log. */
import { byId } from '../../domain/display-order.ts';
import { typology } from '../../model/lookups.ts';
import type { ReportContext } from './report-context.ts';
import { EDITION_LABELS, type ReportView } from './report-view.ts';
import { longDate } from './view-text.ts';

const KIND_LABELS: Record<string, string> = {
  'rapid-review': 'Rapid review',
  lcspr: 'Local Child Safeguarding Practice Review',
  scr: 'Serious Case Review',
  'learning-review': 'Learning review',
};

export type TitlePageView = Omit<ReportView, 'contents' | 'sections'>;

/** The review's head as `REVIEW:SEQ:HASH`, the form a head is given back in to check the log. */
export function headAnchorOf(state: ReportContext['state']): string {
  return `${state.review.id}:${state.seq}:${state.head}`;
}

export function buildTitlePage(
  { state, model, edition }: ReportContext,
  generatedAt: Date,
): TitlePageView {
  const leads = byId(state.participants)
    .filter((p) => p.role === 'lead-reviewer')
    .map((p) => p.name);
  return {
    lang: 'en-GB',
    documentTitle: `${state.review.title} — ${model.report.title}`,
    reportTitle: model.report.title,
    reviewTitle: state.review.title,
    reviewKind: KIND_LABELS[state.review.kind] ?? state.review.kind,
    subjectLabel: state.review.subjectLabel ?? null,
    modelName: model.name,
    modelVersion: model.version,
    typologyName: typology(model, state.review.typology)?.name ?? state.review.typology,
    generatedOn: longDate(generatedAt.toISOString().slice(0, 10)),
    generatedAt: generatedAt.toISOString().replace(/\.\d+Z$/, 'Z'),
    edition,
    editionLabel: EDITION_LABELS[edition],
    editionNotice: EDITION_LABELS[edition],
    leadReviewers: leads.join(' and '),
    logRecord: `${state.seq} events; the log's head (review, event, hash):`,
    headAnchor: headAnchorOf(state),
    documentKeywords: `tunnelview-head ${headAnchorOf(state)}`,
  };
}
