/** How the KPEs were appraised: a count per rating, and the episodes of good practice. */
import { RATING_LABELS } from '../kpe-views.ts';
import { type ContentBuilder, emptyNote } from './content-builder.ts';

const RATINGS = ['good', 'mixed', 'problematic', 'unclear'] as const;

export const appraisalSummarySection: ContentBuilder = ({ state, kpes, prints }) => {
  const linked = prints('kpe-table');
  return {
    emptyNote: emptyNote(kpes.length === 0, 'No key practice episodes have been recorded yet.'),
    appraisalSummary: {
      counts: RATINGS.map((r) => ({
        label: RATING_LABELS[r],
        count: Object.values(state.kpes).filter((k) => k.appraisal?.rating === r).length,
      })),
      good: kpes
        .filter((k) => k.isGood)
        .map((k) => ({ ...k, href: linked ? `#${k.anchor}` : null })),
    },
  };
};
