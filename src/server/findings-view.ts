/**
 * What the factor and finding pages need beyond the use-cases: the typed text of a form turned
 * into a use-case's input (citations, questions one per line, a rank), and a refusal's issues
 * laid out against the form's own fields, each with the web's words for its fix.
 */
import { InternalError } from '../domain/errors.ts';
import type { Issue } from '../domain/issue.ts';
import { caseGroupView } from './case-group-view.ts';
import { type FormProblems, fieldProblems } from './form-problems.ts';
import { recordHref, reviewHref } from './review-frame.ts';

/** Evidence as typed: `EX-4, CH-7 gp-practice.csv#12` → each citation, in order. */
export function citationsOf(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}

/** Questions for the Board typed one a line; blank lines are not questions. */
export function questionsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((q) => q.trim())
    .filter((q) => q.length > 0);
}

/**
 * A rank as typed: blank is no rank (`blank`: undefined when adding, null — out of the
 * ranking — when editing), a whole number is that number, anything else goes on as typed so
 * the use-case refuses it by name.
 */
export function rankOf(text: string, blank: undefined | null): number | string | undefined | null {
  const trimmed = text.trim();
  if (trimmed === '') return blank;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** The form field for a section's text. */
export function sectionField(sectionId: string): string {
  return `section-${sectionId}`;
}

/** The section texts of a form, by section id; blank sections left out when adding, cleared (null) when editing. */
export function sectionsOf(
  body: Record<string, unknown>,
  sectionIds: readonly string[],
  blank: 'omit' | 'clear',
): Record<string, string | null> {
  const sections: Record<string, string | null> = {};
  for (const id of sectionIds) {
    const raw = body[sectionField(id)];
    const text = typeof raw === 'string' ? raw.slice(0, 50_001) : '';
    if (text.trim() !== '') sections[id] = text;
    else if (blank === 'clear') sections[id] = null;
  }
  return sections;
}

/** The ticked values of a checkbox group (one value or several). */
export function tickedOf(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === 'string' && v.length <= 100);
}

/**
 * A refusal's issues against a form: each issue's path mapped to the form field it belongs to
 * (`sections.introduction` → `section-introduction`; `fields` maps the others, e.g. `id` to the
 * removal's reason), and each message followed by the web's words for its fix.
 */
export function formProblems(
  issues: readonly Issue[],
  fields: readonly string[],
  reviewId: string,
  rename: Record<string, string> = {},
): FormProblems {
  const mapped = issues.map((i) => {
    const [first, second] = i.path;
    const field =
      first === 'sections' && typeof second === 'string'
        ? sectionField(second)
        : (rename[String(first ?? '')] ?? String(first ?? ''));
    return { ...i, path: [field] };
  });
  return fieldProblems(mapped, fields, reviewId);
}

/** A status line after a save, from the query (`?saved=CF-3`): only a record id is echoed. */
export function statusOf(query: unknown): string | null {
  const q = (query ?? {}) as Record<string, unknown>;
  const id = (v: unknown) => (typeof v === 'string' && /^[A-Z]{1,3}-\d{1,9}$/.test(v) ? v : null);
  const saved = id(q.saved);
  if (saved) return `${saved} saved.`;
  const removed = id(q.removed);
  if (removed) return `${removed} removed.`;
  const unlinked = id(q.unlinked);
  if (unlinked) return `${unlinked} unlinked.`;
  return null;
}

type FactorsByHead = Awaited<ReturnType<typeof import('../app/factors.ts').factorsByHead>>;
type FactorDetail = Awaited<ReturnType<typeof import('../app/factors.ts').factorDetail>>;

/** The factors page: every level and head of the model, each factor linked to its page, KPEs and findings. */
export function factorsListView(data: FactorsByHead, reviewId: string, canAnalyse: boolean) {
  const row = (f: FactorsByHead['outsideModel'][number]) => ({
    id: f.id,
    text: f.text,
    scope: f.scope,
    href: recordHref(reviewId, 'factor', f.id),
    kpes: f.kpeIds.map((id) => ({ id, href: recordHref(reviewId, 'kpe', id) })),
    findings: f.findingIds.map((id) => ({ id, href: recordHref(reviewId, 'finding', id) })),
  });
  const count = data.levels.flatMap((l) => l.heads).reduce((n, h) => n + h.factors.length, 0);
  return {
    framework: data.framework,
    total: count + data.outsideModel.length,
    levels: data.levels.map((level) => ({
      id: level.id,
      name: level.name,
      heads: level.heads.map((head) => ({
        id: head.id,
        name: head.name,
        // A level whose one head shares its name ("Other"): the level's heading says it once.
        repeatsLevel: head.name === level.name,
        factors: head.factors.map(row),
      })),
    })),
    outsideModel: data.outsideModel.map((f) => ({ ...row(f), head: f.head })),
    canAnalyse,
    newHref: reviewHref(reviewId, '/factors/new'),
  };
}

/** The heads to choose from on the factor form: "Level: head", or the head alone when they are one name. */
export function headChoices(
  heads: readonly { id: string; name: string; levelName: string }[],
  selected: string,
) {
  return heads.map((h) => ({
    ...h,
    label: h.levelName && h.levelName !== h.name ? `${h.levelName}: ${h.name}` : h.name,
    selected: h.id === selected,
  }));
}

/** One factor's page: its KPEs with evidence (each a link to its own page) and its findings. */
export function factorView(detail: FactorDetail, reviewId: string, canAnalyse: boolean) {
  const href = recordHref(reviewId, 'factor', detail.id);
  return {
    factor: {
      id: detail.id,
      text: detail.text,
      scope: detail.scope,
      headName: detail.headName,
      levelName: detail.levelName || null,
    },
    links: detail.links.map((l) => ({
      kpeId: l.kpeId,
      kpeTitle: l.kpeTitle,
      kpeHref: recordHref(reviewId, 'kpe', l.kpeId),
      unlinkAction: `${href}/links/${encodeURIComponent(l.kpeId)}/remove`,
      evidence: l.evidence.map((e) => ({
        id: e.id,
        href: recordHref(reviewId, e.kind, e.id),
        source: [e.kind === 'chronology' ? e.citation : e.conversationId, e.agencyName]
          .filter(Boolean)
          .join(', '),
      })),
    })),
    findings: detail.findings.map((f) => ({
      ...f,
      href: recordHref(reviewId, 'finding', f.id),
    })),
    canAnalyse,
    editHref: `${href}/edit`,
    linkHref: `${href}/link`,
    removeAction: `${href}/remove`,
  };
}

type FindingChoices = Awaited<ReturnType<typeof import('../app/findings.ts').findingChoices>>;
type FindingDetail = Awaited<ReturnType<typeof import('../app/findings.ts').findingDetail>>;
type FindingSummaries = Awaited<ReturnType<typeof import('../app/findings.ts').findingSummaries>>;

/** The findings page: ranked, each linked to its page, its factors and its Issues for the Board. */
export function findingsListView(
  findings: FindingSummaries,
  reviewId: string,
  canAnalyse: boolean,
) {
  return {
    findings: findings.map((f) => ({
      id: f.id,
      statement: f.statement,
      categoryName: f.categoryName,
      rank: f.rank ?? null,
      href: recordHref(reviewId, 'finding', f.id),
      factors: f.factorIds.map((id) => ({ id, href: recordHref(reviewId, 'factor', id) })),
      boardIssues: f.boardIssues.map((b) => ({
        id: b.id,
        question: b.question,
        href: recordHref(reviewId, 'boardIssue', b.id),
      })),
    })),
    canAnalyse,
    newHref: reviewHref(reviewId, '/findings/new'),
  };
}

/** A finding's form as typed (every field a string, the ticked factors a list). */
export interface FindingFormValues {
  statement: string;
  category: string;
  rank: string;
  questions: string;
  version: string;
  factorIds: string[];
  sections: Record<string, string>;
}

/** The choices of a finding's form, each marked as the form stands. */
export function findingFormChoices(choices: FindingChoices, form: FindingFormValues) {
  return {
    typology: choices.typology,
    categories: choices.categories.map((c) => ({ ...c, selected: c.id === form.category })),
    sections: choices.sections.map((s) => ({
      ...s,
      field: sectionField(s.id),
      text: form.sections[s.id] ?? '',
    })),
    factors: choices.factors.map((f) => ({
      ...f,
      checked: form.factorIds.map((id) => id.toUpperCase()).includes(f.id),
    })),
  };
}

/** One finding's page: sections, supporting factors (each with an unlink), Issues for the Board. */
export function findingView(
  detail: FindingDetail,
  choices: FindingChoices,
  reviewId: string,
  canAnalyse: boolean,
) {
  const f = detail.finding;
  const href = recordHref(reviewId, 'finding', f.id);
  return {
    finding: { id: f.id, statement: f.statement, rank: f.rank ?? null },
    categoryName: detail.categoryName,
    sections: detail.sections,
    factors: detail.factors.map((factor) => ({
      ...factor,
      href: recordHref(reviewId, 'factor', factor.id),
      unlinkAction: `${href}/factors/${encodeURIComponent(factor.id)}/remove`,
    })),
    unlinkedFactors: choices.factors.filter((c) => !f.factorIds.includes(c.id)),
    boardIssues: f.boardIssues.map((b) => ({
      id: b.id,
      question: b.question,
      href: recordHref(reviewId, 'boardIssue', b.id),
      editHref: `${recordHref(reviewId, 'boardIssue', b.id)}/edit`,
    })),
    caseGroup: caseGroupView(detail.caseGroup, canAnalyse),
    canAnalyse,
    editHref: `${href}/edit`,
    linkAction: `${href}/factors`,
    boardIssueAction: `${href}/board-issues`,
    removeAction: `${href}/remove`,
    factorsHref: reviewHref(reviewId, '/factors'),
  };
}

/** The payload of the first event a change appended (the record it made or changed). */
export function firstPayload<T>(result: { events: readonly { payload: unknown }[] }): T {
  const event = result.events[0];
  if (!event) throw new InternalError('the change appended no event');
  return event.payload as T;
}
