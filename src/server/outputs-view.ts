/**
 * View-models of the review's outputs on the web: the map's text alternative, a finding's
 * trace, and the check page (gaps, unmet gates, patterns, language flags), each item linked to
 * the place that holds it and worded with its fix.
 */
import { CONTRIBUTION_LABELS } from '../domain/contribution-evidence.ts';
import type { Issue } from '../domain/issue.ts';
import { ID_PREFIXES, type IdKind } from '../domain/primitives.ts';
import type { FindingTrace, ReviewPatterns, TraceEvidence } from '../graph/index.ts';
import type { MapGraph } from '../graph/map-graph.ts';
import type { LanguageIssue } from '../language/lint-review.ts';
import { recordHref, reviewHref } from './review-frame.ts';
import { type WebFix, webFix } from './web-fix.ts';

/** The kind of record an id names (`KPE-3` → kpe), when it names one. */
export function kindOfId(id: string): IdKind | undefined {
  const prefix = id.slice(0, id.lastIndexOf('-'));
  return (Object.keys(ID_PREFIXES) as IdKind[]).find((k) => ID_PREFIXES[k] === prefix);
}

/** A link to each id that names a record. */
export function placesOf(reviewId: string, ids: readonly string[]) {
  return ids.flatMap((id) => {
    const kind = kindOfId(id);
    return kind ? [{ id, href: recordHref(reviewId, kind, id) }] : [];
  });
}

/** Where an issue stands: its ids, or failing them the record its path names. */
export function placesOfIssue(reviewId: string, found: Pick<Issue, 'ids' | 'path'>) {
  const ids = found.ids && found.ids.length > 0 ? found.ids : found.path.map(String);
  return placesOf(reviewId, [...new Set(ids)]);
}

function fixOf(reviewId: string, found: Pick<Issue, 'fix'>): WebFix | null {
  return found.fix ? webFix(found.fix, reviewId) : null;
}

const NODE_NAMES = { kpe: 'Key practice episode', factor: 'Factor', finding: 'Finding' } as const;

/** The map in words: every node with its link, and the nodes each one is joined to. */
export function mapOutline(reviewId: string, graph: MapGraph) {
  const labels = new Map<string, string>([
    ...graph.kpes.map((k) => [k.id, `${k.title} (${k.when})`] as const),
    ...graph.factors.map((f) => [f.id, f.text] as const),
    ...graph.findings.map((f) => [f.id, `Finding ${f.number}: ${f.statement}`] as const),
  ]);
  const link = (id: string) => ({
    id,
    label: labels.get(id) ?? id,
    href: recordHref(reviewId, kindOfId(id) ?? 'kpe', id),
  });
  const joined = (id: string, kind: 'explains' | 'supports', side: 'from' | 'to') =>
    graph.edges
      .filter((e) => e.kind === kind && e[side] === id)
      .map((e) => link(side === 'from' ? e.to : e.from));
  const group = (kind: keyof typeof NODE_NAMES, ids: string[], plural: string) => ({
    heading: plural,
    nodes: ids.map((id) => ({
      ...link(id),
      kind: NODE_NAMES[kind],
      good: kind === 'kpe' && graph.kpes.some((k) => k.id === id && k.good),
      // KPE → its factors; factor → its KPEs and findings; finding → its factors.
      explains: kind === 'factor' ? joined(id, 'explains', 'to') : [],
      explainedBy: kind === 'kpe' ? joined(id, 'explains', 'from') : [],
      supports: kind === 'factor' ? joined(id, 'supports', 'from') : [],
      supportedBy: kind === 'finding' ? joined(id, 'supports', 'to') : [],
      // A finding's trace: every path from it to the evidence behind it.
      trace:
        kind === 'finding'
          ? reviewHref(reviewId, `/findings/${encodeURIComponent(id)}/trace`)
          : null,
    })),
  });
  return [
    group(
      'kpe',
      graph.kpes.map((k) => k.id),
      'Key practice episodes',
    ),
    group(
      'factor',
      graph.factors.map((f) => f.id),
      'Contributory factors',
    ),
    group(
      'finding',
      graph.findings.map((f) => f.id),
      'Findings',
    ),
  ].filter((g) => g.nodes.length > 0);
}

const WHY: Record<TraceEvidence['relation'], string> = {
  'link-evidence': 'cited for the link',
  'drawn-on': 'drawn on by the episode',
  'case-group': 'accepted from the case group',
};

const EVIDENCE_KIND: Record<TraceEvidence['kind'], IdKind> = {
  excerpt: 'excerpt',
  chronology: 'chronology',
  contribution: 'contribution',
};

/** Where a piece of evidence came from, in a few words. */
function sourceOf(e: TraceEvidence): string {
  if (e.kind === 'chronology') {
    return [e.agencyName, e.dateText ?? e.date, e.citation].filter(Boolean).join(', ');
  }
  if (e.kind === 'contribution') {
    const kind = e.contributionKind ? CONTRIBUTION_LABELS[e.contributionKind] : '';
    return [kind, e.participantId, e.agencyName, e.meetingId && `at ${e.meetingId}`]
      .filter(Boolean)
      .join(', ');
  }
  return [e.conversationId, e.participantId].filter(Boolean).join(', ');
}

/**
 * A finding's trace: the finding, each factor, each KPE under it, each piece of evidence. A
 * note a participant wrote for the reviewers is left out unless `notesForReviewers` (the
 * account analyses the review), and so are the paths to it.
 */
export function traceView(
  reviewId: string,
  trace: FindingTrace,
  options: { notesForReviewers: boolean },
) {
  const href = (kind: IdKind, id: string) => recordHref(reviewId, kind, id);
  const hidden = new Set<string>();
  const shown = (e: TraceEvidence) => {
    const note = e.contributionKind === 'private-note' && !options.notesForReviewers;
    if (note) hidden.add(e.id);
    return !note;
  };
  const evidence = (e: TraceEvidence) => ({
    id: e.id,
    label: e.label,
    href: href(EVIDENCE_KIND[e.kind], e.id),
    why: WHY[e.relation],
    source: sourceOf(e),
  });
  const view = {
    finding: { ...trace.finding, href: href('finding', trace.finding.id) },
    boardIssues: trace.boardIssues.map((b) => ({ ...b, href: href('boardIssue', b.id) })),
    caseGroup: trace.caseGroup.filter(shown).map(evidence),
    factors: trace.factors.map((f) => ({
      id: f.id,
      label: f.label,
      headName: f.headName,
      href: href('factor', f.id),
      kpes: f.kpes.map((k) => ({
        id: k.id,
        label: k.label,
        period:
          k.periodTo && k.periodTo !== k.periodFrom
            ? `${k.periodFrom} to ${k.periodTo}`
            : k.periodFrom,
        rating: k.rating ?? null,
        href: href('kpe', k.id),
        agencies: k.agencies.map((a) => ({ name: a.name, href: href('agency', a.id) })),
        evidence: k.evidence.filter(shown).map(evidence),
      })),
    })),
  };
  const paths = trace.paths.filter((p) => !p.evidenceId || !hidden.has(p.evidenceId)).length;
  return { ...view, paths: `${paths} path${paths === 1 ? '' : 's'}` };
}

type Gate = { description: string; met: boolean; shortfalls: readonly Issue[] };

/** The check page: gaps by severity, the stage's unmet gates, patterns, the language flags. */
export function checkView(
  reviewId: string,
  input: {
    gaps: readonly (Issue & { severity: 'error' | 'warning' | 'info' })[];
    gates: readonly Gate[];
    patterns: ReviewPatterns;
    flags: readonly LanguageIssue[];
  },
) {
  const item = (found: Issue) => ({
    code: found.code,
    message: found.message,
    places: placesOfIssue(reviewId, found),
    fix: fixOf(reviewId, found),
  });
  const severities = [
    ['error', 'Errors (they block the no-blocking-gaps gate)'],
    ['warning', 'Warnings'],
    ['info', 'For information'],
  ] as const;
  return {
    gapGroups: severities
      .map(([severity, heading]) => ({
        severity,
        heading,
        gaps: input.gaps.filter((g) => g.severity === severity).map(item),
      }))
      .filter((g) => g.gaps.length > 0),
    anyGaps: input.gaps.length > 0,
    unmetGates: input.gates
      .filter((g) => !g.met)
      .map((g) => ({ description: g.description, shortfalls: g.shortfalls.map(item) })),
    patterns: {
      heads: input.patterns.heads.slice(0, 10).map((h) => ({
        name: h.headName,
        factors: h.factorIds.length,
        kpes: h.kpeIds.length,
        agencies: h.agencyIds.length,
      })),
      candidates: input.patterns.candidates.map((c) => ({
        number: c.number,
        explanation: c.explanation,
        kpes: placesOf(reviewId, c.kpeIds),
        factors: placesOf(
          reviewId,
          c.factors.map((f) => f.id),
        ),
      })),
      doubleEdged: input.patterns.doubleEdged.map((d) => ({
        id: d.id,
        href: recordHref(reviewId, 'factor', d.id),
        label: d.label,
        explanation: d.explanation,
      })),
    },
    flags: input.flags.map((f, i) => ({
      formId: `flag-${i + 1}`,
      field: f.field,
      handle: f.handle,
      label: f.label,
      rule: f.rule,
      category: f.flag.category,
      match: f.flag.match,
      sentence: f.flag.sentence.replace(/\s+/g, ' '),
      reason: f.flag.reason,
      suggestion: f.flag.suggestion,
      places: placesOfIssue(reviewId, f),
      accepted: f.accepted
        ? {
            by: f.accepted.by,
            at: f.accepted.at.slice(0, 10),
            justification: f.accepted.justification,
          }
        : null,
    })),
    openFlags: ((n) => `${n} open flag${n === 1 ? '' : 's'}`)(
      input.flags.filter((f) => !f.accepted).length,
    ),
  };
}
