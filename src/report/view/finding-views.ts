/** The findings as the report shows them: numbered in display order, each with its factors and map. */
import { orderedFindings } from '../../domain/display-order.ts';
import type { ReviewState } from '../../domain/review-state.ts';
import { findCategory } from '../../model/lookups.ts';
import type { MethodologyModel } from '../../model/methodology-model.ts';
import type { ReportMaps } from '../build-map-figures.ts';
import { factorViews } from './factor-view.ts';
import type { FindingView } from './report-view.ts';
import { slug } from './view-text.ts';

export function buildFindingViews(
  state: ReviewState,
  model: MethodologyModel,
  maps: ReportMaps | undefined,
): FindingView[] {
  const links = Object.values(state.links);
  const factorView = factorViews(state, model, links);
  return orderedFindings(state.findings).map((f, i) => {
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
      mapFigures: maps?.byFinding[f.id] ?? [],
    };
  });
}
