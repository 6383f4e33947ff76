/** `report-sections-written`: every section the reviewers must write has its text. */
import { walkOutline } from '../../../model/lookups.ts';
import type { GateCheck } from '../gate-check.ts';
import { listed } from '../gate-check.ts';

export const reportSectionsWritten: GateCheck = ({ state, model }) => {
  const missing = walkOutline(model)
    .map((e) => e.section)
    .filter((s) => s.content === 'text' && !s.defaultText && s.children.length === 0)
    .filter((s) => !state.texts[s.id])
    .map((s) => `"${s.heading}" (${s.id})`);
  if (missing.length === 0) return [];
  return [
    {
      message: `report sections not yet written: ${listed(missing)}; write them with tunnelview review text SECTION "…"`,
    },
  ];
};
