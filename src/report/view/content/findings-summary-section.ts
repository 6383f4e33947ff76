/** The findings by category of the review's typology, each linking to its full text when printed. */
import { typology } from '../../../model/lookups.ts';
import { type ContentBuilder, emptyNote } from './content-builder.ts';

export const findingsSummarySection: ContentBuilder = ({ state, model, findings, prints }) => {
  const linked = prints('findings');
  const categories = typology(model, state.review.typology)?.categories ?? [];
  return {
    emptyNote: emptyNote(findings.length === 0, 'No findings have been recorded yet.'),
    findingsSummary: categories
      .map((c) => ({
        category: c.name,
        findings: findings
          .filter((f) => state.findings[f.id]?.category === c.id)
          .map((f) => ({
            id: f.id,
            anchor: f.anchor,
            href: linked ? `#${f.anchor}` : null,
            statement: f.statement,
          })),
      }))
      .filter((c) => c.findings.length > 0),
  };
};
