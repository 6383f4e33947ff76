/** The builder for each kind of outline section; the compiler insists every kind has one. */
import type { ReportContent } from '../../model/methodology-model.ts';
import { appraisalSummarySection } from './content/appraisal-summary-section.ts';
import { chronologySection } from './content/chronology-section.ts';
import type { ContentBuilder } from './content/content-builder.ts';
import { findingsSection } from './content/findings-section.ts';
import { findingsSummarySection } from './content/findings-summary-section.ts';
import { kpeTableSection } from './content/kpe-table-section.ts';
import { liveMeetingsSection } from './content/live-meetings-section.ts';
import { mapSection } from './content/map-section.ts';
import { membershipSection } from './content/membership-section.ts';
import { researchQuestionsSection } from './content/research-questions-section.ts';
import { textSection } from './content/text-section.ts';

export const SECTION_CONTENT: Record<ReportContent, ContentBuilder> = {
  text: textSection,
  'research-questions': researchQuestionsSection,
  'appraisal-summary': appraisalSummarySection,
  'kpe-table': kpeTableSection,
  'findings-summary': findingsSummarySection,
  findings: findingsSection,
  membership: membershipSection,
  chronology: chronologySection,
  map: mapSection,
  'live-meetings': liveMeetingsSection,
};
