/** The shape every section-content builder shares, and the empty content they start from. */
import type { ReportSection } from '../../../model/methodology-model.ts';
import type { ReportContext } from '../report-context.ts';
import type { SectionContent } from '../report-view.ts';

/** Builds what a section of one content kind holds under its heading. */
export type ContentBuilder = (
  context: ReportContext,
  section: ReportSection,
) => Partial<SectionContent>;

/** No content at all: what a heading-only section holds, and what every builder starts from. */
export const NO_CONTENT: SectionContent = {
  text: null,
  textMissing: false,
  prompt: null,
  emptyNote: null,
  researchQuestions: null,
  appraisalSummary: null,
  kpeTable: null,
  findingsSummary: null,
  findings: null,
  membership: null,
  chronology: null,
  mapFigures: null,
  liveMeetings: null,
};

/** The note said in place of a data block, when there is nothing in it yet. */
export function emptyNote(empty: boolean, note: string): string | null {
  return empty ? note : null;
}
