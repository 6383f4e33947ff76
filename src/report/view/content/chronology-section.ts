/** The merged chronology (an appendix): every entry in date order, with where it came from. */
import { orderedChronology } from '../../../domain/display-order.ts';
import type { ChronologyRowView } from '../report-view.ts';
import { agencyName } from '../view-text.ts';
import { type ContentBuilder, emptyNote } from './content-builder.ts';

export const chronologySection: ContentBuilder = ({ state }) => {
  const rows: ChronologyRowView[] = orderedChronology(state.chronology).map((e) => ({
    id: e.id,
    date:
      e.date.original || (e.date.precision === 'unknown' ? 'Date unknown' : (e.date.start ?? '')),
    agency: agencyName(state, e.agencyId),
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
  return {
    emptyNote: emptyNote(rows.length === 0, 'No chronology entries have been recorded yet.'),
    chronology: rows,
  };
};
