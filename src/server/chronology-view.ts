/**
 * The chronology's pages as view models: the merged timeline (filtered by text and paged here,
 * by days and agencies in the use-case), one entry, the side-by-side perspectives, an import's
 * report and its column-mapping form, and the duplicate clusters. Pure: data in, fields out,
 * every field present (the templates are strict).
 */
import type { ImportOutcome } from '../app/import-outcome.ts';
import {
  dateOrderSentence,
  formName,
  twoDigitYearWarning,
} from '../chronology/describe-date-column.ts';
import {
  type ChronologyRow,
  eventHeading,
  eventNote,
  type MergedRow,
  type MergedView,
  type SideBySideView,
} from '../chronology/perspectives.ts';
import type { ImportPlan } from '../chronology/plan-import.ts';
import type { DateCell, DateColumnReport } from '../chronology/read-date-column.ts';
import type { ChronologyLink } from '../domain/chronology-links.ts';
import type { Issue } from '../domain/issue.ts';
import type { Person } from '../domain/person.ts';
import { ID_PREFIXES, type IdKind } from '../domain/primitives.ts';
import { fieldProblems } from './form-problems.ts';
import { recordHref, reviewHref } from './review-frame.ts';
import { webFix } from './web-fix.ts';

export const TIMELINE_PAGE_SIZE = 100;

export interface TimelineFilter {
  agency: string;
  from: string;
  to: string;
  q: string;
  page: number;
}

function sourceOf(row: Pick<ChronologyRow, 'file' | 'record'>): string {
  if (!row.file) return 'entered by hand';
  return row.record ? `${row.file}#${row.record}` : row.file;
}

function accountRow(reviewId: string, r: ChronologyRow) {
  return {
    id: r.id,
    href: recordHref(reviewId, 'chronology', r.id),
    agency: r.agency,
    written: r.date.original || '—',
    read: r.when,
    text: r.text,
    author: r.author,
    source: sourceOf(r),
  };
}

/** A timeline row: one entry, or a confirmed event with each agency's account (`event` set). */
function entryRow(reviewId: string, r: MergedRow) {
  return {
    ...accountRow(reviewId, r),
    event:
      r.accounts.length > 0
        ? {
            heading: eventHeading(r),
            accounts: r.accounts.map((a) => accountRow(reviewId, a)),
          }
        : null,
  };
}

/** The timeline's query string for `page`, the filter kept. */
function timelineQuery(filter: TimelineFilter, page: number): string {
  const params = new URLSearchParams();
  for (const key of ['agency', 'from', 'to', 'q'] as const) {
    if (filter[key]) params.set(key, filter[key]);
  }
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The merged timeline: entries whose text, author or reference contains `q`, one page of them. */
export function timelinePage(
  reviewId: string,
  merged: MergedView,
  agencies: readonly { id: string; name: string }[],
  filter: TimelineFilter,
) {
  const q = filter.q.trim().toLocaleLowerCase('en-GB');
  // A confirmed event matches when any agency's account does.
  const rows = q
    ? merged.rows.filter((row) =>
        (row.accounts.length > 0 ? row.accounts : [row]).some((r) =>
          [r.text, r.author ?? '', r.sourceRef ?? ''].some((t) =>
            t.toLocaleLowerCase('en-GB').includes(q),
          ),
        ),
      )
    : merged.rows;
  const pages = Math.max(1, Math.ceil(rows.length / TIMELINE_PAGE_SIZE));
  const page = Math.min(Math.max(1, filter.page), pages);
  const shown = rows.slice((page - 1) * TIMELINE_PAGE_SIZE, page * TIMELINE_PAGE_SIZE);
  const base = reviewHref(reviewId, '/chronology');
  return {
    filter: { agency: filter.agency, from: filter.from, to: filter.to, q: filter.q },
    agencies: agencies.map((a) => ({ ...a, selected: a.id === filter.agency })),
    filtered: Boolean(filter.agency || filter.from || filter.to || q),
    clearHref: base,
    total: rows.length,
    first: shown.length > 0 ? (page - 1) * TIMELINE_PAGE_SIZE + 1 : 0,
    last: (page - 1) * TIMELINE_PAGE_SIZE + shown.length,
    entries: shown.map((r) => entryRow(reviewId, r)),
    paging:
      pages > 1
        ? {
            page,
            pages,
            previous: page > 1 ? `${base}${timelineQuery(filter, page - 1)}` : null,
            next: page < pages ? `${base}${timelineQuery(filter, page + 1)}` : null,
          }
        : null,
    importHref: reviewHref(reviewId, '/chronology/import'),
    perspectivesHref: reviewHref(reviewId, '/chronology/perspectives'),
    duplicatesHref: reviewHref(reviewId, '/chronology/duplicates'),
  };
}

/** The kind of record an id names, by its prefix (`CF-2` is a factor). */
function kindOf(id: string): IdKind {
  const prefix = id.slice(0, id.lastIndexOf('-'));
  return (
    (Object.keys(ID_PREFIXES) as IdKind[]).find((k) => ID_PREFIXES[k] === prefix) ?? 'chronology'
  );
}

/** One entry's page: what it says, where it came from, and what links to it. */
export function entryPage(
  reviewId: string,
  view: {
    entry: {
      id: string;
      text: string;
      author?: string;
      sourceRef?: string;
      date: { original: string };
    };
    agency: string;
    when: string;
    citation: string | null;
    links: ChronologyLink[];
  },
) {
  return {
    id: view.entry.id,
    agency: view.agency,
    written: view.entry.date.original || '—',
    read: view.when,
    text: view.entry.text,
    author: view.entry.author ?? null,
    sourceRef: view.entry.sourceRef ?? null,
    source: view.citation ?? 'entered by hand',
    links: view.links.map((l) => ({
      description: l.description,
      records: l.ids.map((id) => ({
        id,
        href: recordHref(reviewId, kindOf(id), id),
      })),
    })),
    backHref: reviewHref(reviewId, '/chronology'),
  };
}

/** Agencies as columns, periods as rows; each cell the agency's entries in that period. */
export function perspectivesPage(
  reviewId: string,
  view: SideBySideView,
  filter: { from: string; to: string },
) {
  return {
    filter,
    scope: view.scope || null,
    agencies: view.agencies,
    rows: view.rows.map((row) => ({
      label: row.period.label,
      cells: view.agencies.map((a) => ({
        agency: a.name,
        entries: (row.cells[a.id] ?? []).map((r) => ({
          id: r.id,
          href: recordHref(reviewId, 'chronology', r.id),
          time:
            row.period.kind === 'day' && r.date.start === row.period.start
              ? (r.date.time ?? null)
              : r.when,
          text: r.text,
          /** "confirmed as one event with CH-9 (Police)", or null. */
          event: eventNote(r) || null,
        })),
      })),
    })),
    backHref: reviewHref(reviewId, '/chronology'),
  };
}

/** The upload form's fields, as the person gave them (all strings: a form's values). */
export interface UploadForm {
  agency: string;
  sector: string;
  sheet: string;
  /** Word: the table to read, as typed (a number counting from 1). */
  table: string;
  skipInvalid: string;
  monthFirst: string;
  /** How the date column writes its dates (`DD-MMM-YYYY HH:mm`); empty for any usual form. */
  dateFormat: string;
  apply: string;
  reason: string;
  mapDate: string;
  mapTime: string;
  mapText1: string;
  mapText2: string;
  mapText3: string;
  mapAuthor: string;
  mapSourceRef: string;
}

export const UPLOAD_FIELDS = [
  'file',
  'agency',
  'sector',
  'sheet',
  'table',
  'skipInvalid',
  'monthFirst',
  'dateFormat',
  'apply',
  'reason',
  'mapping',
] as const;

const MAP_KEYS = [
  'mapDate',
  'mapTime',
  'mapText1',
  'mapText2',
  'mapText3',
  'mapAuthor',
  'mapSourceRef',
] as const;

/** The column mapping the form chose, or undefined when it chose none (the headings decide). */
export function mappingOf(form: UploadForm): Record<string, unknown> | undefined {
  if (MAP_KEYS.every((k) => !form[k])) return undefined;
  const text = [form.mapText1, form.mapText2, form.mapText3].filter(Boolean);
  return {
    date: form.mapDate,
    text,
    ...(form.mapTime ? { time: form.mapTime } : {}),
    ...(form.mapAuthor ? { author: form.mapAuthor } : {}),
    ...(form.mapSourceRef ? { sourceRef: form.mapSourceRef } : {}),
    dayFirst: form.monthFirst !== 'on',
  };
}

/** Where an issue of an upload belongs on the form: its own field, or the file (a cell, the file). */
export function uploadProblems(issues: readonly Issue[], reviewId: string) {
  const known = new Set<string>(UPLOAD_FIELDS);
  const named: Record<string, string> = { removalReason: 'reason' };
  return fieldProblems(
    issues.map((i) => {
      const first = String(i.path[0] ?? '');
      const field = named[first] ?? (known.has(first) ? first : 'file');
      return { ...i, path: [field] };
    }),
    UPLOAD_FIELDS,
    reviewId,
  );
}

/** The upload form, filled as given, with the sectors and agencies to choose from. */
export function uploadPage(
  reviewId: string,
  form: UploadForm,
  sectors: readonly string[],
  agencies: readonly { id: string; name: string }[],
  limitMegabytes: number,
) {
  return {
    form: {
      ...form,
      skipInvalid: form.skipInvalid === 'on',
      monthFirst: form.monthFirst === 'on',
      apply: form.apply === 'on',
    },
    sectors: sectors.map((s) => ({ id: s, selected: s === form.sector })),
    agencies,
    limitMegabytes,
    action: reviewHref(reviewId, '/chronology/import'),
  };
}

/** The fix a problem's front door words; choosing the columns is on this page. */
function problemFix(fix: Issue['fix'], reviewId: string) {
  if (!fix) return null;
  if (fix.kind === 'give' && fix.field === 'mappingPath') {
    return { text: 'Choose the columns on the form below', href: '#mapping' };
  }
  if (fix.kind === 'give' && fix.field === 'dateFormat') {
    // The example is quoted for a shell; a form field takes it as it is.
    const example = fix.example?.replace(/^'(.*)'$/, '$1');
    return {
      text: `Give the date format on the form below${example ? ` (e.g. ${example})` : ''}`,
      href: '#field-dateFormat',
    };
  }
  return webFix(fix, reviewId);
}

const RESULT_WORDS: Record<ImportOutcome['result'], string> = {
  imported: 'Imported',
  'nothing-imported': 'Nothing was imported',
  'already-imported': 'Already imported: nothing new',
  'revision-shown': 'A corrected return: its differences, not yet applied',
  revised: 'The corrected return was applied',
};

/** What an import did, record by record: problems, entries made, records skipped, people found. */
export function importReport(
  reviewId: string,
  plan: ImportPlan,
  outcome: ImportOutcome,
  persons: readonly Person[],
  form: UploadForm,
) {
  const mentions = new Map<string, number[]>();
  for (const e of plan.entries) {
    for (const id of e.personIds) mentions.set(id, [...(mentions.get(id) ?? []), e.record]);
  }
  const byId = new Map(persons.map((p) => [p.id, p]));
  const needsMapping = !plan.mapping && plan.headings.length > 0;
  const option = (chosen: string) => [
    { value: '', label: '(none)', selected: chosen === '' },
    ...plan.headings.map((h) => ({ value: h, label: h, selected: h === chosen })),
  ];
  const revision = outcome.revision;
  return {
    heading: RESULT_WORDS[outcome.result],
    file: plan.file,
    read: plan.description,
    records: plan.records,
    agency: outcome.agency.name,
    agencyId: outcome.agency.id ?? null,
    agencyCreated: outcome.agency.created && outcome.ids.length > 0,
    mapping: plan.mapping
      ? {
          source: plan.mappingSource ?? 'detected',
          date: plan.mapping.date,
          time: plan.mapping.time ?? null,
          text: plan.mapping.text.join(', '),
          joined:
            plan.mapping.text.length > 1
              ? `“${plan.mapping.text.map((c) => `${c}: …`).join('; ')}”`
              : null,
          author: plan.mapping.author ?? null,
          sourceRef: plan.mapping.sourceRef ?? null,
          extra: plan.extraColumns.join(', ') || null,
        }
      : null,
    notes: plan.mappingNotes.map((n) => n.text),
    dates: plan.dates ? datesView(plan.dates) : null,
    problems: plan.problems.map((p) => ({
      where: p.record === null ? p.file : `${p.file}#${p.record}`,
      line: p.where ?? null,
      column: p.column,
      problem: p.problem,
      advice: p.advice,
      fix: problemFix(p.fix, reviewId),
    })),
    warnings: plan.warnings.map((w) => ({
      where: w.record === null ? w.file : `${w.file}#${w.record}`,
      line: w.where ?? null,
      column: w.column,
      problem: w.problem,
      advice: w.advice,
    })),
    anyProblems: plan.problems.length > 0,
    // Records with problems (the file itself read): skipping them would import the others.
    refusedForProblems:
      outcome.result === 'nothing-imported' &&
      !outcome.skipInvalid &&
      plan.problems.some((p) => p.record !== null) &&
      !plan.problems.some((p) => p.record === null),
    imported: outcome.ids.map((id) => ({ id, href: recordHref(reviewId, 'chronology', id) })),
    skipped: plan.skipped,
    people: [...mentions].map(([id, records]) => ({
      id,
      label: byId.get(id)?.publicationLabel ?? id,
      href: recordHref(reviewId, 'person', id),
      records: records.join(', '),
    })),
    unknownNames: plan.unknownNames.map((u) => ({ ...u, records: u.records.join(', ') })),
    alreadyImported: outcome.alreadyImported
      ? { records: outcome.alreadyImported.records, ids: outcome.alreadyImported.ids.join(', ') }
      : null,
    revision: revision
      ? {
          applied: revision.applied,
          added: revision.diff.added.length,
          changed: revision.diff.changed.length,
          moved: revision.diff.moved.length,
          removed: revision.diff.removed.length,
          blocked: revision.blocked.join(', ') || null,
        }
      : null,
    needsMapping,
    mappingForm: needsMapping
      ? {
          headings: plan.headings.join(', '),
          date: option(form.mapDate),
          time: option(form.mapTime),
          text1: option(form.mapText1),
          text2: option(form.mapText2),
          text3: option(form.mapText3),
          author: option(form.mapAuthor),
          sourceRef: option(form.mapSourceRef),
        }
      : null,
    timelineHref: reviewHref(reviewId, '/chronology'),
  };
}

/** Each cluster with its entries side by side, and what a decision form needs. */
export function duplicatesPage(
  reviewId: string,
  clusters: readonly {
    ids: string[];
    entries: {
      id: string;
      agency: string;
      file: string | null;
      record: number | null;
      date: { original: string };
      text: string;
    }[];
    score: number;
    confirmed: boolean;
    reasons: string[];
    conflicts: { message: string }[];
  }[],
) {
  return {
    clusters: clusters.map((c, i) => ({
      n: i + 1,
      ids: c.ids.join(', '),
      entryIds: c.ids.join(','),
      score: c.score.toFixed(2),
      confirmed: c.confirmed,
      reasons: c.reasons,
      conflicts: c.conflicts.map((x) => x.message),
      entries: c.entries.map((e) => ({
        id: e.id,
        href: recordHref(reviewId, 'chronology', e.id),
        agency: e.agency,
        written: e.date.original || '—',
        text: e.text,
        source: sourceOf(e),
      })),
    })),
    action: reviewHref(reviewId, '/chronology/duplicates'),
    backHref: reviewHref(reviewId, '/chronology'),
  };
}

/** The date column as the import page shows it: each form with a sample, the order, warnings. */
function datesView(dates: DateColumnReport) {
  const cell = (c: DateCell) => ({ text: c.text, record: c.record });
  const order = dates.order ? dateOrderSentence(dates.order, dates.stated) : null;
  return {
    column: dates.column,
    read: dates.read,
    cells: dates.cells,
    stated: dates.stated ? formName(dates.stated) : null,
    forms: dates.forms.map((f) => ({ form: formName(f.form), count: f.count, ...cell(f.sample) })),
    uncertain: dates.uncertain,
    unreadable:
      dates.unreadable.count > 0 && dates.unreadable.sample
        ? { count: dates.unreadable.count, ...cell(dates.unreadable.sample) }
        : null,
    order: order
      ? `${order}${dates.order?.basis === 'assumed' && dates.order.dayFirst ? ' (the “month first” choice reads it as March 4)' : ''}.`
      : null,
    warnings: dates.twoDigitYears.map(twoDigitYearWarning),
  };
}
