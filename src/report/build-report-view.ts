/**
 * The report's view model: a pure function from a review's state and its
 * model to everything the templates show, in display order. Headings,
 * sections and their order come from the model's report outline; each kind of
 * section is built by its own builder (`view/content/`).
 */
import type { ReviewState } from '../domain/review-state.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import { buildSections } from './view/build-sections.ts';
import { buildContents } from './view/contents.ts';
import { reportContext } from './view/report-context.ts';
import type { ReportOptions, ReportView } from './view/report-view.ts';
import { buildTitlePage } from './view/title-page.ts';

export * from './view/report-view.ts';

/**
 * The report's view model.
 * @throws ValidationError when `options.sections` names a section the outline does not have.
 */
export function buildReportView(
  state: ReviewState,
  model: MethodologyModel,
  options: ReportOptions,
): ReportView {
  const context = reportContext(state, model, options);
  const sections = buildSections(context);
  return {
    ...buildTitlePage(context, options.generatedAt),
    contents: buildContents(sections, options.pageNumbers ?? {}),
    sections,
  };
}
