/**
 * What every section builder reads: the review, its model, the choices made
 * for this report, and the episode and finding views that several sections show.
 */
import type { ReviewState } from '../../domain/review-state.ts';
import { walkOutline } from '../../model/lookups.ts';
import type { MethodologyModel, ReportContent } from '../../model/methodology-model.ts';
import type { ReportMaps } from '../build-map-figures.ts';
import { type SectionSelection, selectSections } from '../select-sections.ts';
import { buildFindingViews } from './finding-views.ts';
import { buildKpeViews } from './kpe-views.ts';
import type { FindingView, KpeView, ReportEdition, ReportOptions } from './report-view.ts';

export interface ReportContext {
  state: ReviewState;
  model: MethodologyModel;
  edition: ReportEdition;
  /** The map figures; undefined when the report is built without them. */
  maps: ReportMaps | undefined;
  /** The sections asked for, or null for the whole report. */
  selection: SectionSelection | null;
  /** Number the printed sections among themselves (see `ReportOptions.renumber`). */
  renumber: boolean;
  isPrinted(sectionId: string): boolean;
  /** Whether a section of this kind is printed: cross-references link only to what is. */
  prints(content: ReportContent): boolean;
  /** Every KPE in display order: the appraisal summary and the KPE table show them. */
  kpes: KpeView[];
  /** Every finding, numbered in display order: the summary and the findings show them. */
  findings: FindingView[];
}

/** @throws ValidationError when `options.sections` names a section the outline does not have. */
export function reportContext(
  state: ReviewState,
  model: MethodologyModel,
  options: ReportOptions,
): ReportContext {
  const selection = selectSections(model, options.sections);
  const isPrinted = (id: string) =>
    !selection || selection.full.has(id) || selection.headingOnly.has(id);
  const outline = walkOutline(model);
  return {
    state,
    model,
    edition: options.edition ?? 'confidential',
    maps: options.maps,
    selection,
    renumber: options.renumber ?? false,
    isPrinted,
    prints: (content) =>
      outline.some((e) => e.section.content === content && isPrinted(e.section.id)),
    kpes: buildKpeViews(state, model),
    findings: buildFindingViews(state, model, options.maps),
  };
}
