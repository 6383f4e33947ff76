/** `kpes-appraised-and-explained`: there are KPEs, and each has an appraisal and an explanation. */
import { orderedKpes } from '../../../domain/display-order.ts';
import type { GateCheck, Shortfall } from '../gate-check.ts';
import { listed } from '../gate-check.ts';

export const kpesAppraisedAndExplained: GateCheck = ({ state }) => {
  const kpes = orderedKpes(state.kpes);
  if (kpes.length === 0) {
    return [
      { message: 'no key practice episodes have been recorded; add them with tunnelview kpe add' },
    ];
  }
  const shortfalls: Shortfall[] = [];
  const unappraised = kpes.filter((k) => !k.appraisal).map((k) => k.id);
  const unexplained = kpes.filter((k) => !k.explanation).map((k) => k.id);
  if (unappraised.length > 0) {
    shortfalls.push({
      message: `${listed(unappraised)} ${unappraised.length === 1 ? 'has' : 'have'} no appraisal; add one with tunnelview kpe edit ID --rating … --appraisal …`,
      ids: unappraised,
    });
  }
  if (unexplained.length > 0) {
    shortfalls.push({
      message: `${listed(unexplained)} ${unexplained.length === 1 ? 'has' : 'have'} no explanation; add one with tunnelview kpe edit ID --explanation …`,
      ids: unexplained,
    });
  }
  return shortfalls;
};
