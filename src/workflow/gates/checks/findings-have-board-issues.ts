/** `findings-have-board-issues`: every finding ends with at least one Issue for the Board. */
import { orderedFindings } from '../../../domain/display-order.ts';
import type { GateCheck } from '../gate-check.ts';
import { listed } from '../gate-check.ts';

export const findingsHaveBoardIssues: GateCheck = ({ state }) => {
  const findings = orderedFindings(state.findings);
  if (findings.length === 0) {
    return [{ message: 'no findings have been recorded; add them with tunnelview finding add' }];
  }
  const missing = findings.filter((f) => f.boardIssues.length === 0).map((f) => f.id);
  if (missing.length === 0) return [];
  return [
    {
      message: `${listed(missing)} ${missing.length === 1 ? 'has' : 'have'} no Issues for the Board; add them with tunnelview finding question ID "…?"`,
      ids: missing,
    },
  ];
};
