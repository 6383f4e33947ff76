/**
 * Gaps in a review's analysis: what is missing between KPEs, factors,
 * evidence and findings. Each gap is an `Issue` with a severity, a sentence
 * saying what is missing and why it matters, and (where one record change
 * closes it) the fix; errors block the `no-blocking-gaps` gate.
 */
import type { Fix } from '../domain/fix.ts';
import type { Issue } from '../domain/issue.ts';
import { compareIds } from '../domain/primitives.ts';
import {
  agenciesOfKpes,
  attrs,
  counted,
  factorsOfFinding,
  factorsOfKpe,
  findingsOfFactor,
  kpesOfFactor,
  kpesOfFactors,
  listed,
  nodesOfKind,
} from './graph-queries.ts';
import type { ReviewGraph } from './graph-types.ts';

export const GAP_SEVERITIES = ['error', 'warning', 'info'] as const;
export type GapSeverity = (typeof GAP_SEVERITIES)[number];

/** The kinds of gap, in the order they are reported within a severity. */
export const GAP_CODES = [
  'kpe-not-appraised',
  'kpe-not-explained',
  'kpe-without-factors',
  'good-practice-without-enablers',
  'factor-without-evidence',
  'finding-without-factors',
  'finding-without-board-issues',
  'finding-from-one-kpe',
  'finding-from-one-agency',
  'evidence-unused',
] as const;
export type GapCode = (typeof GAP_CODES)[number];

/** A gap: an `Issue` (code, path, message, ids) with a severity. */
export interface Gap extends Issue {
  code: GapCode;
  severity: GapSeverity;
  ids: string[];
}

function gap(
  severity: GapSeverity,
  code: GapCode,
  path: Issue['path'],
  ids: string[],
  message: string,
  fix?: Fix,
): Gap {
  return { code, severity, path, message, ids, ...(fix ? { fix } : {}) };
}

function kpeGaps(graph: ReviewGraph): Gap[] {
  const gaps: Gap[] = [];
  for (const id of nodesOfKind(graph, 'kpe')) {
    const kpe = attrs(graph, id, 'kpe');
    if (!kpe.appraised) {
      gaps.push(
        gap(
          'error',
          'kpe-not-appraised',
          ['kpes', id, 'appraisal'],
          [id],
          `${id} has no appraisal; rate the practice (good, mixed, problematic or unclear) against the standards of the time.`,
          { kind: 'edit', record: 'kpe', id, fields: ['appraisal'] },
        ),
      );
    }
    if (!kpe.explained) {
      gaps.push(
        gap(
          'error',
          'kpe-not-explained',
          ['kpes', id, 'explanation'],
          [id],
          `${id} has no explanation; record why the practice made sense at the time (the view from the tunnel), kept apart from the appraisal.`,
          { kind: 'edit', record: 'kpe', id, fields: ['explanation'] },
        ),
      );
    }
    if (factorsOfKpe(graph, id).length > 0) continue;
    if (kpe.rating === 'good') {
      gaps.push(
        gap(
          'error',
          'good-practice-without-enablers',
          ['kpes', id, 'factors'],
          [id],
          `${id} is good practice but no factor that enabled it is recorded; link the factors that made it possible, so the system can learn what to keep.`,
          { kind: 'link-factor', kpe: id },
        ),
      );
    } else {
      gaps.push(
        gap(
          'error',
          'kpe-without-factors',
          ['kpes', id, 'factors'],
          [id],
          `${id} is linked to no contributory factor; link the factors that shaped the practice.`,
          { kind: 'link-factor', kpe: id },
        ),
      );
    }
  }
  return gaps;
}

/** Whether any `explained-by` link of the factor cites evidence. */
function factorHasEvidence(graph: ReviewGraph, factorId: string): boolean {
  let found = false;
  graph.forEachInEdge(factorId, (_edge, a) => {
    if (a.kind === 'explained-by' && a.evidence.length > 0) found = true;
  });
  return found;
}

function factorGaps(graph: ReviewGraph): Gap[] {
  const gaps: Gap[] = [];
  for (const id of nodesOfKind(graph, 'factor')) {
    if (factorHasEvidence(graph, id)) continue;
    const findings = findingsOfFactor(graph, id);
    const kpes = kpesOfFactor(graph, id);
    const where =
      kpes.length === 0
        ? 'is linked to no KPE, so nothing shows where it came from'
        : `is linked to ${listed(kpes)} without citing any excerpt or chronology entry`;
    const stake =
      findings.length > 0
        ? ` ${listed(findings)} rests on it, so readers would have to take it on trust.`
        : '';
    gaps.push(
      gap(
        findings.length > 0 ? 'error' : 'warning',
        'factor-without-evidence',
        ['factors', id, 'evidence'],
        [id, ...findings],
        `${id} ${where};${stake} Cite the excerpts or chronology entries that show it.`,
        { kind: 'cite-evidence', factor: id, ...(kpes.length === 1 ? { kpe: kpes[0] } : {}) },
      ),
    );
  }
  return gaps;
}

function findingGaps(graph: ReviewGraph): Gap[] {
  const gaps: Gap[] = [];
  for (const id of nodesOfKind(graph, 'finding')) {
    const factors = factorsOfFinding(graph, id);
    const boardIssues = graph.outNeighbors(id).filter((n) => {
      return graph.getNodeAttribute(n, 'kind') === 'board-issue';
    });
    if (boardIssues.length === 0) {
      gaps.push(
        gap(
          'error',
          'finding-without-board-issues',
          ['findings', id, 'boardIssues'],
          [id],
          `${id} raises no Issues for the Board; add the questions the partnership should answer in its response.`,
          { kind: 'add', record: 'boardIssue', fields: { finding: id } },
        ),
      );
    }
    if (factors.length === 0) {
      gaps.push(
        gap(
          'error',
          'finding-without-factors',
          ['findings', id, 'factorIds'],
          [id],
          `${id} is supported by no contributory factor; link the factors it generalises from, so the working is shown.`,
          { kind: 'support-finding', finding: id },
        ),
      );
      continue;
    }
    const kpes = kpesOfFactors(graph, factors);
    const agencies = agenciesOfKpes(graph, kpes);
    if (kpes.length < 2) {
      gaps.push(
        gap(
          'warning',
          'finding-from-one-kpe',
          ['findings', id],
          [id, ...factors, ...kpes],
          kpes.length === 0
            ? `${id} rests on ${listed(factors)}, which explain no KPE; link them to the episodes they shaped, or test at the second joint meeting whether the pattern is real.`
            : `${id} rests on ${counted(kpes.length, 'KPE')} only (${listed(kpes)}); it may be peculiar to this case — say under "How do we know it is not peculiar to this case?" what shows it is wider, or test it at the second joint meeting.`,
        ),
      );
    }
    if (agencies.length < 2) {
      gaps.push(
        gap(
          'warning',
          'finding-from-one-agency',
          ['findings', id],
          [id, ...agencies],
          agencies.length === 0
            ? `${id} rests on KPEs that name no agency; record the agencies involved in each KPE so the reach of the pattern shows.`
            : `${id} rests on the practice of one agency (${agencies[0]}); it may be peculiar to that agency or this case — say what shows it is a pattern in the multi-agency system, or frame it as a single-agency finding.`,
        ),
      );
    }
  }
  return gaps;
}

function evidenceGaps(graph: ReviewGraph): Gap[] {
  const gaps: Gap[] = [];
  for (const id of nodesOfKind(graph, 'excerpt')) {
    if (graph.outDegree(id) > 0) continue;
    const conversation = attrs(graph, id, 'excerpt').conversationId;
    gaps.push(
      gap(
        'info',
        'evidence-unused',
        ['excerpts', id],
        [id],
        `${id} (from ${conversation}) is cited for no KPE–factor link; cite it where it shows why practice made sense, or leave it if it adds nothing.`,
        { kind: 'cite-evidence', evidence: id },
      ),
    );
  }
  return gaps;
}

const SEVERITY_ORDER = new Map(GAP_SEVERITIES.map((s, i) => [s, i]));
const CODE_ORDER = new Map(GAP_CODES.map((c, i) => [c, i]));

/** Orders gaps: errors first, then by kind, then by the first id. */
export function compareGaps(a: Gap, b: Gap): number {
  return (
    (SEVERITY_ORDER.get(a.severity) ?? 0) - (SEVERITY_ORDER.get(b.severity) ?? 0) ||
    (CODE_ORDER.get(a.code) ?? 0) - (CODE_ORDER.get(b.code) ?? 0) ||
    compareIds(a.ids[0] ?? '', b.ids[0] ?? '')
  );
}

/**
 * Every gap in the review's graph, errors first. Deterministic: the same
 * graph always gives the same list.
 *
 * @example
 * findGaps(projectReview(state, model)).filter((g) => g.severity === 'error');
 */
export function findGaps(graph: ReviewGraph): Gap[] {
  return [
    ...kpeGaps(graph),
    ...factorGaps(graph),
    ...findingGaps(graph),
    ...evidenceGaps(graph),
  ].sort(compareGaps);
}
