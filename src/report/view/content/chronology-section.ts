/**
 * The merged chronology (an appendix): every entry in date order, with where it came from;
 * entries reviewers confirmed as one event are one row holding each agency's account.
 */
import { confirmedEvents } from '../../../chronology/confirmed-events.ts';
import type { ChronologyEntry } from '../../../domain/chronology-entry.ts';
import { orderedChronology } from '../../../domain/display-order.ts';
import type { ReviewState } from '../../../domain/review-state.ts';
import type { ChronologyAccountView, ChronologyRowView } from '../report-view.ts';
import { agencyName } from '../view-text.ts';
import { type ContentBuilder, emptyNote } from './content-builder.ts';

function accountOf(state: ReviewState, e: ChronologyEntry): ChronologyAccountView {
  return {
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
  };
}

export const chronologySection: ContentBuilder = ({ state }) => {
  const events = confirmedEvents(state.duplicateDecisions, (id) => id in state.chronology);
  const ordered = orderedChronology(state.chronology);
  const accounts = new Map<string, ChronologyAccountView[]>();
  for (const e of ordered) {
    const event = events.get(e.id);
    if (event) accounts.set(event.key, [...(accounts.get(event.key) ?? []), accountOf(state, e)]);
  }
  const rows: ChronologyRowView[] = [];
  for (const e of ordered) {
    const event = events.get(e.id);
    if (!event) {
      rows.push({ ...accountOf(state, e), accounts: [], eventHeading: '' });
      continue;
    }
    // The event stands where its first account does.
    const all = accounts.get(event.key) as ChronologyAccountView[];
    if (all[0]?.id !== e.id) continue;
    rows.push({
      ...(all[0] as ChronologyAccountView),
      accounts: all,
      eventHeading: `One event, confirmed by the reviewers: ${all.map((a) => `${a.agency} (${a.id})`).join(', ')}`,
    });
  }
  return {
    emptyNote: emptyNote(rows.length === 0, 'No chronology entries have been recorded yet.'),
    chronology: rows,
  };
};
