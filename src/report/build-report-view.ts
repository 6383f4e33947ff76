/**
 * The report's view model: a pure function from a review's state and its
 * model to everything the templates show, in display order. Headings,
 * sections and their order come from the model's report outline.
 */

import { byId, orderedChronology, orderedFindings, orderedKpes } from '../domain/display-order.ts';
import type { AppraisalRating } from '../domain/kpe.ts';
import type { Participant, ParticipantRole } from '../domain/participant.ts';
import type { ReviewState } from '../domain/review-state.ts';
import { findCategory, findFactorHead, typology, walkOutline } from '../model/lookups.ts';
import type { MethodologyModel, ReportContent } from '../model/methodology-model.ts';
import type { MapFigureView, ReportMaps } from './build-map-figures.ts';
import { selectSections } from './select-sections.ts';

/** The two editions of a report: the review's own working copy, and the one the partnership publishes. */
export const REPORT_EDITIONS = ['confidential', 'publication'] as const;
export type ReportEdition = (typeof REPORT_EDITIONS)[number];

/** How each edition names itself on the title page and on every page. */
export const EDITION_LABELS: Record<ReportEdition, string> = {
  confidential: 'Confidential draft — not for publication',
  publication: 'Publication edition',
};

const RATING_LABELS: Record<AppraisalRating, string> = {
  good: 'Good practice',
  mixed: 'Mixed',
  problematic: 'Problematic',
  unclear: 'Unclear',
};

const ROLE_LABELS: Record<ParticipantRole, string> = {
  'lead-reviewer': 'Lead reviewers',
  'review-team': 'Review team',
  'case-group': 'Case group',
  family: 'Family members who contributed',
  board: 'Safeguarding partnership',
};

export interface FactorView {
  id: string;
  text: string;
  head: string;
  level: string;
  kpeIds: string;
}

export interface ChronologyRowView {
  id: string;
  date: string;
  agency: string;
  text: string;
  /** Where the entry came from: source file and record, or the agency's reference. */
  source: string;
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

export interface SectionView {
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
  /** Exactly one of these is non-null, matching `content`. */
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
  /** The title page's notice: the edition label. */
  editionNotice: string;
  leadReviewers: string;
  /** The log this report was drawn from, so a reader can check it against the workspace. */
  logRecord: string;
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

const EMPTY_NOTES: Partial<Record<ReportContent, string>> = {
  'research-questions': 'No research questions have been recorded yet.',
  'appraisal-summary': 'No key practice episodes have been recorded yet.',
  'kpe-table': 'No key practice episodes have been recorded yet.',
  'findings-summary': 'No findings have been recorded yet.',
  findings: 'No findings have been recorded yet.',
  membership: 'No participants have been recorded yet.',
  chronology: 'No chronology entries have been recorded yet.',
  map: 'Nothing has been recorded to map yet: no key practice episodes, factors or findings.',
};

const MAP_NOT_DRAWN = 'The map of the analysis is drawn when the report is rendered.';

const KIND_LABELS: Record<string, string> = {
  'rapid-review': 'Rapid review',
  lcspr: 'Local Child Safeguarding Practice Review',
  scr: 'Serious Case Review',
  'learning-review': 'Learning review',
};

function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** Splits prose into paragraphs on blank lines, so reviewers' paragraphs survive. */
function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

function slug(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/** A parent printed only to place a chosen subsection: its heading, none of its content. */
function headingOnlySection(s: SectionView): SectionView {
  return {
    ...s,
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
  };
}

/** Sections to two levels, and under the findings section each finding by its statement. */
function buildContents(
  sections: SectionView[],
  pages: Readonly<Record<string, number>>,
): ContentsEntry[] {
  const page = (target: string) => (pages[target] === undefined ? '' : String(pages[target]));
  const entries: ContentsEntry[] = [];
  for (const s of sections) {
    if (s.level > 3) continue;
    entries.push({
      target: s.headingId,
      number: s.number,
      text: s.heading,
      level: s.level === 2 ? 2 : 3,
      kind: 'section',
      page: page(s.headingId),
    });
    for (const f of s.findings ?? []) {
      entries.push({
        target: f.headingId,
        number: `Finding ${f.number}`,
        text: f.statement,
        level: 3,
        kind: 'finding',
        page: page(f.headingId),
      });
    }
  }
  return entries;
}

/**
 * The report's view model.
 * @throws ValidationError when `options.sections` names a section the outline does not have.
 */
export function buildReportView(
  state: ReviewState,
  model: MethodologyModel,
  options: ReportOptions,
): ReportView {
  const edition = options.edition ?? 'confidential';
  const selection = selectSections(model, options.sections);
  const isPrinted = (id: string) =>
    !selection || selection.full.has(id) || selection.headingOnly.has(id);
  const agencyName = (id: string) => state.agencies[id]?.name ?? id;
  const links = Object.values(state.links);

  const factorView = (id: string): FactorView => {
    const factor = state.factors[id];
    const head = factor ? findFactorHead(model, factor.head) : undefined;
    return {
      id,
      text: factor?.text ?? '',
      head: head?.name ?? factor?.head ?? '',
      level: head?.levelName ?? '',
      kpeIds: links
        .filter((l) => l.factorId === id)
        .map((l) => l.kpeId)
        .join(', '),
    };
  };

  const kpes: KpeView[] = orderedKpes(state.kpes).map((k) => ({
    id: k.id,
    anchor: slug(k.id),
    title: k.title,
    period:
      k.period.to && k.period.to !== k.period.from
        ? `${longDate(k.period.from)} to ${longDate(k.period.to)}`
        : longDate(k.period.from),
    agencies: k.agencyIds.map(agencyName).join('; '),
    whatHappened: k.whatHappened,
    rating: k.appraisal ? RATING_LABELS[k.appraisal.rating] : null,
    ratingClass: k.appraisal ? `rating-${k.appraisal.rating}` : 'rating-none',
    isGood: k.appraisal?.rating === 'good',
    appraisal: k.appraisal?.text ?? null,
    standard: k.appraisal?.standard ?? null,
    explanation: k.explanation?.localRationality ?? null,
    factors: links
      .filter((l) => l.kpeId === k.id)
      .map((l) => factorView(l.factorId))
      .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true })),
    chronologyRefs: k.chronologyRefs.join(', '),
  }));

  const chronology: ChronologyRowView[] = orderedChronology(state.chronology).map((e) => ({
    id: e.id,
    date:
      e.date.original || (e.date.precision === 'unknown' ? 'Date unknown' : (e.date.start ?? '')),
    agency: agencyName(e.agencyId),
    text: e.text,
    source: [
      e.provenance.file && e.provenance.record
        ? `${e.provenance.file}, record ${e.provenance.record}`
        : e.provenance.file,
      e.sourceRef,
    ]
      .filter(Boolean)
      .join('; '),
  }));

  const findings: FindingView[] = orderedFindings(state.findings).map((f, i) => {
    const factorIds = f.factorIds.filter((id) => state.factors[id]);
    const kpeIds = [
      ...new Set(links.filter((l) => factorIds.includes(l.factorId)).map((l) => l.kpeId)),
    ].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    return {
      id: f.id,
      anchor: slug(f.id),
      headingId: `${slug(f.id)}-heading`,
      number: i + 1,
      statement: f.statement,
      category: findCategory(model, state.review.typology, f.category)?.name ?? f.category,
      sections: model.findingSections.map((s) => ({
        title: s.title,
        text: f.sections[s.id] ?? null,
      })),
      factors: factorIds.map(factorView),
      kpeIds: kpeIds.join(', '),
      boardIssues: f.boardIssues,
      mapFigures: options.maps?.byFinding[f.id] ?? [],
    };
  });

  const ratingCounts = (['good', 'mixed', 'problematic', 'unclear'] as const).map((r) => ({
    label: RATING_LABELS[r],
    count: Object.values(state.kpes).filter((k) => k.appraisal?.rating === r).length,
  }));

  const typologyView = typology(model, state.review.typology);
  // Cross-references link only to what this report prints.
  const printed = (content: ReportContent) =>
    walkOutline(model).some((e) => e.section.content === content && isPrinted(e.section.id));
  const findingsHref = printed('findings');
  const kpeHref = printed('kpe-table');
  const findingsSummary = (typologyView?.categories ?? [])
    .map((c) => ({
      category: c.name,
      findings: findings
        .filter((f) => state.findings[f.id]?.category === c.id)
        .map((f) => ({
          id: f.id,
          anchor: f.anchor,
          href: findingsHref ? `#${f.anchor}` : null,
          statement: f.statement,
        })),
    }))
    .filter((c) => c.findings.length > 0);

  const participants = byId(state.participants);
  const member = (p: Participant) => {
    const agency = p.agencyId ? agencyName(p.agencyId) : '';
    // Case-group members appear by profession and agency: the review is about the system, not them.
    if (p.role === 'case-group' || p.role === 'family') {
      return { name: p.publicationLabel ?? p.profession ?? 'Practitioner', detail: agency };
    }
    return { name: p.name, detail: [p.profession, agency].filter(Boolean).join(', ') };
  };
  const membership = (Object.keys(ROLE_LABELS) as ParticipantRole[])
    .map((role) => ({
      role: ROLE_LABELS[role],
      members: participants.filter((p) => p.role === role).map(member),
    }))
    .filter((g) => g.members.length > 0);

  const numbers: number[] = [];
  let appendixIndex = 0;
  const appendixNumbers: number[] = [];
  const unnumbered = new Set<string>();
  // Numbers come from the whole outline, so a section keeps its number when others are left
  // out; with `renumber`, from the printed sections only.
  const allSections: SectionView[] = walkOutline(model).map((entry) => {
    const s = entry.section;
    let number: string;
    if (options.renumber && !isPrinted(s.id)) {
      number = '';
    } else if (s.numbered === false || entry.ancestors.some((a) => unnumbered.has(a))) {
      unnumbered.add(s.id);
      number = '';
    } else if (entry.inAppendix) {
      if (entry.depth === 0) {
        appendixIndex += 1;
        appendixNumbers.length = 0;
      } else {
        appendixNumbers[entry.depth - 1] = (appendixNumbers[entry.depth - 1] ?? 0) + 1;
        appendixNumbers.length = entry.depth;
      }
      const letter = String.fromCharCode(64 + appendixIndex);
      number = entry.depth === 0 ? `Appendix ${letter}` : `${letter}.${appendixNumbers.join('.')}`;
    } else {
      numbers[entry.depth] = (numbers[entry.depth] ?? 0) + 1;
      numbers.length = entry.depth + 1;
      number = numbers.join('.');
    }
    const written = state.texts[s.id] ?? s.defaultText;
    const empty: Partial<Record<ReportContent, boolean>> = {
      'research-questions': Object.keys(state.researchQuestions).length === 0,
      'appraisal-summary': kpes.length === 0,
      'kpe-table': kpes.length === 0,
      'findings-summary': findings.length === 0,
      findings: findings.length === 0,
      membership: participants.length === 0,
      chronology: chronology.length === 0,
      map: options.maps !== undefined && options.maps.whole.length === 0,
    };
    const emptyNote =
      s.content === 'map' && !options.maps
        ? MAP_NOT_DRAWN
        : empty[s.content]
          ? (EMPTY_NOTES[s.content] ?? null)
          : null;
    const textMissing = s.content === 'text' && !written && s.children.length === 0;
    return {
      id: s.id,
      anchor: `section-${s.id}`,
      headingId: `section-${s.id}-heading`,
      number,
      heading: s.heading,
      headingOnly: selection?.headingOnly.has(s.id) ?? false,
      level: Math.min(entry.depth + 2, 4),
      h2: entry.depth === 0,
      chapter: entry.depth === 0 && s.children.length > 0,
      appendix: entry.inAppendix,
      content: s.content,
      text: s.content === 'text' ? paragraphs(written ?? '') : null,
      textMissing,
      prompt: textMissing && edition === 'confidential' ? (s.prompt ?? null) : null,
      emptyNote,
      researchQuestions: s.content === 'research-questions' ? byId(state.researchQuestions) : null,
      appraisalSummary:
        s.content === 'appraisal-summary'
          ? {
              counts: ratingCounts,
              good: kpes
                .filter((k) => k.isGood)
                .map((k) => ({ ...k, href: kpeHref ? `#${k.anchor}` : null })),
            }
          : null,
      kpeTable: s.content === 'kpe-table' ? kpes : null,
      findingsSummary: s.content === 'findings-summary' ? findingsSummary : null,
      findings: s.content === 'findings' ? findings : null,
      membership: s.content === 'membership' ? membership : null,
      chronology: s.content === 'chronology' ? chronology : null,
      mapFigures: s.content === 'map' ? (options.maps?.whole ?? []) : null,
    };
  });
  const sections = allSections
    .filter((s) => isPrinted(s.id))
    .map((s) => (s.headingOnly ? headingOnlySection(s) : s));

  const leads = participants.filter((p) => p.role === 'lead-reviewer').map((p) => p.name);
  return {
    lang: 'en-GB',
    documentTitle: `${state.review.title} — ${model.report.title}`,
    reportTitle: model.report.title,
    reviewTitle: state.review.title,
    reviewKind: KIND_LABELS[state.review.kind] ?? state.review.kind,
    subjectLabel: state.review.subjectLabel ?? null,
    modelName: model.name,
    modelVersion: model.version,
    typologyName: typologyView?.name ?? state.review.typology,
    generatedOn: longDate(options.generatedAt.toISOString().slice(0, 10)),
    edition,
    editionLabel: EDITION_LABELS[edition],
    editionNotice: EDITION_LABELS[edition],
    leadReviewers: leads.join(' and '),
    logRecord: `${state.seq} events; last event hash ${state.head.slice(0, 16)}`,
    contents: buildContents(sections, options.pageNumbers ?? {}),
    sections,
  };
}
