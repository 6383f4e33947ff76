/**
 * The report's view model: everything the templates (HTML, PDF, DOCX) show,
 * already worded and in display order. Built by `buildReportView`.
 */
import type { ReportContent } from '../../model/methodology-model.ts';
import type { MapFigureView, ReportMaps } from '../build-map-figures.ts';

/** The two editions of a report: the review's own working copy, and the one the partnership publishes. */
export const REPORT_EDITIONS = ['confidential', 'publication'] as const;
export type ReportEdition = (typeof REPORT_EDITIONS)[number];

/** How each edition names itself on the title page and on every page. */
export const EDITION_LABELS: Record<ReportEdition, string> = {
  confidential: 'Confidential draft — not for publication',
  publication: 'Publication edition',
};

export interface FactorView {
  id: string;
  text: string;
  head: string;
  level: string;
  kpeIds: string;
}

export interface ChronologyAccountView {
  id: string;
  date: string;
  agency: string;
  text: string;
  /** Where the entry came from: source file and record, or the agency's reference. */
  source: string;
}

/**
 * A row of the merged chronology: one entry, or one event reviewers confirmed —
 * then its fields are its first account's, `accounts` holds every agency's
 * account in time order and `eventHeading` says so.
 */
export interface ChronologyRowView extends ChronologyAccountView {
  accounts: ChronologyAccountView[];
  eventHeading: string;
}

export interface KpeView {
  id: string;
  anchor: string;
  title: string;
  period: string;
  agencies: string;
  whatHappened: string;
  rating: string | null;
  ratingClass: string;
  isGood: boolean;
  appraisal: string | null;
  standard: string | null;
  explanation: string | null;
  factors: FactorView[];
  /** The chronology entries the episode draws on, e.g. "CH-3, CH-17". */
  chronologyRefs: string;
}

export interface FindingView {
  id: string;
  anchor: string;
  /** The id of the finding's heading, which the contents link to. */
  headingId: string;
  number: number;
  statement: string;
  category: string;
  sections: { title: string; text: string | null }[];
  factors: FactorView[];
  kpeIds: string;
  boardIssues: { id: string; question: string }[];
  /** The finding's subgraph (its factors and their KPEs); empty when it has no factors. */
  mapFigures: MapFigureView[];
}

export interface SectionView extends SectionContent {
  id: string;
  anchor: string;
  /** The id of the section's heading, which the contents link to. */
  headingId: string;
  /** "1", "1.2", "Appendix A"; empty for a section the model leaves unnumbered. */
  number: string;
  heading: string;
  /** Printed as a heading alone: the parent of a subsection chosen with `sections`. */
  headingOnly: boolean;
  /** 2 for top-level sections, 3 for their children. */
  level: number;
  h2: boolean;
  /** A top-level section with subsections: it starts a new page. */
  chapter: boolean;
  appendix: boolean;
  content: ReportContent;
}

/** What a section holds under its heading. Exactly one block is non-null, matching `content`. */
export interface SectionContent {
  text: string[] | null;
  textMissing: boolean;
  /** What to write, shown with a missing text in the confidential edition; null otherwise. */
  prompt: string | null;
  /** Said in place of a data block that has nothing in it yet. */
  emptyNote: string | null;
  researchQuestions: { id: string; text: string }[] | null;
  appraisalSummary: {
    counts: { label: string; count: number }[];
    good: (KpeView & { href: string | null })[];
  } | null;
  kpeTable: KpeView[] | null;
  findingsSummary:
    | {
        category: string;
        findings: { id: string; anchor: string; href: string | null; statement: string }[];
      }[]
    | null;
  findings: FindingView[] | null;
  membership: { role: string; members: { name: string; detail: string }[] }[] | null;
  chronology: ChronologyRowView[] | null;
  /** The whole map of the analysis, in page-sized parts. */
  mapFigures: MapFigureView[] | null;
  /** Each meeting run live and closed: who came and for how long, what was said and decided. */
  liveMeetings: LiveMeetingView[] | null;
}

/** One meeting run live with the case group, counted: no names, no words. */
export interface LiveMeetingView {
  id: string;
  /** "First joint meeting with the case group, 15 January 2026": the model's name for its type. */
  caption: string;
  /** Attendance, contributions and the decisions on them, in order. */
  counts: { label: string; count: number }[];
  /** The contributions by kind, in the order kinds are listed; kinds with none left out. */
  byKind: { label: string; count: number }[];
}

/** One line of the table of contents. */
export interface ContentsEntry {
  /** The heading's id; the entry links to it and the PDF renderer finds its page by it. */
  target: string;
  number: string;
  text: string;
  /** 2 for a top-level section, 3 for a subsection or a finding. */
  level: 2 | 3;
  kind: 'section' | 'finding';
  /** The page the heading falls on, once known; empty before the first layout. */
  page: string;
}

export interface ReportView {
  lang: string;
  edition: ReportEdition;
  /** "Confidential draft — not for publication" or "Publication edition". */
  editionLabel: string;
  documentTitle: string;
  reportTitle: string;
  reviewTitle: string;
  reviewKind: string;
  subjectLabel: string | null;
  modelName: string;
  modelVersion: string;
  typologyName: string;
  generatedOn: string;
  /** When the report was produced, to the second (`2026-11-26T09:00:00Z`): a document's own time. */
  generatedAt: string;
  /** The title page's notice: the edition label. */
  editionNotice: string;
  leadReviewers: string;
  /** The log this report was drawn from, so a reader can check it against the workspace. */
  logRecord: string;
  /**
   * The log's head when the report was drawn, as `REVIEW:SEQ:HASH` with the full hash: printed
   * on the title page and written into the document's metadata, so the log can be checked
   * later to still pass through it.
   */
  headAnchor: string;
  /** The document's keywords (its metadata): the head anchor, marked as tunnelview's. */
  documentKeywords: string;
  /** The table of contents: every printed section to two levels, and each finding. */
  contents: ContentsEntry[];
  sections: SectionView[];
}

export interface ReportOptions {
  /** When the report is produced; printed on the title page. */
  generatedAt: Date;
  /** The map figures (see `buildReportMaps`); without them map sections say when they are drawn. */
  maps?: ReportMaps;
  /**
   * Which edition this is; default confidential. The view does not pseudonymise: a publication
   * edition is built from a state whose text has already been through the pseudonym register.
   */
  edition?: ReportEdition;
  /** Outline section ids to print (see `selectSections`); all when omitted. */
  sections?: readonly string[];
  /**
   * Number the printed sections among themselves (1, 2, … and Appendix A, B, …), for an edition
   * that leaves parts out for good. By default a section keeps its number in the whole outline,
   * so an extract can be read against the full report.
   */
  renumber?: boolean;
  /** Page of each contents entry by its `target`, from a layout of the same report. */
  pageNumbers?: Readonly<Record<string, number>>;
}
