/** Each finding in full: its sections, factors, KPEs, Issues for the Board and its part of the map. */
import { type ContentBuilder, emptyNote } from './content-builder.ts';

export const findingsSection: ContentBuilder = ({ findings }) => ({
  emptyNote: emptyNote(findings.length === 0, 'No findings have been recorded yet.'),
  findings,
});
