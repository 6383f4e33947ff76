/**
 * Factors that help explain both good practice and problematic practice:
 * often the most instructive, because the same condition enabled one episode
 * and hindered another, and the difference is worth finding.
 */
import { compareIds } from '../domain/primitives.ts';
import { attrs, kpesOfFactor, listed, nodesOfKind } from './graph-queries.ts';
import type { ReviewGraph } from './graph-types.ts';

export interface DoubleEdgedFactor {
  id: string;
  label: string;
  head: string;
  headName: string;
  goodKpeIds: string[];
  problematicKpeIds: string[];
  explanation: string;
}

/** Most KPEs first, then lowest id. */
export function findDoubleEdgedFactors(graph: ReviewGraph): DoubleEdgedFactor[] {
  const found: DoubleEdgedFactor[] = [];
  for (const id of nodesOfKind(graph, 'factor')) {
    const kpes = kpesOfFactor(graph, id);
    const good = kpes.filter((k) => attrs(graph, k, 'kpe').rating === 'good');
    const problematic = kpes.filter((k) => attrs(graph, k, 'kpe').rating === 'problematic');
    if (good.length === 0 || problematic.length === 0) continue;
    const f = attrs(graph, id, 'factor');
    found.push({
      id,
      label: f.label,
      head: f.head,
      headName: f.headName,
      goodKpeIds: good,
      problematicKpeIds: problematic,
      explanation: `${id} (${f.headName}) helps explain good practice in ${listed(good)} and problematic practice in ${listed(problematic)}; ask what differed between them — that difference is what the system could make reliable.`,
    });
  }
  return found.sort(
    (a, b) =>
      b.goodKpeIds.length +
        b.problematicKpeIds.length -
        (a.goodKpeIds.length + a.problematicKpeIds.length) || compareIds(a.id, b.id),
  );
}
