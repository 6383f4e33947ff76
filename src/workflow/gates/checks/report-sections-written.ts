/**
 * `report-sections-written`: every section the reviewers must write has its
 * text; one shortfall per section not yet written.
 */
import { walkOutline } from '../../../model/lookups.ts';
import type { GateCheck } from '../gate-check.ts';

export const reportSectionsWritten: GateCheck = ({ state, model }) =>
  walkOutline(model)
    .map((e) => e.section)
    .filter((s) => s.content === 'text' && !s.defaultText && s.children.length === 0)
    .filter((s) => !state.texts[s.id])
    .map((s) => ({
      message: `the report section "${s.heading}" (${s.id}) is not yet written`,
      fix: { kind: 'write-section', section: s.id },
    }));
