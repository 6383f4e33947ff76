/** `findings-have-board-issues`: every finding ends with at least one Issue for the Board. */
import { orderedFindings } from '../../../domain/display-order.ts';
import type { GateCheck } from '../gate-check.ts';

export const findingsHaveBoardIssues: GateCheck = ({ state }) => {
  const findings = orderedFindings(state.findings);
  if (findings.length === 0) {
    return [{ message: 'no findings have been recorded', fix: { kind: 'add', record: 'finding' } }];
  }
  return findings
    .filter((f) => f.boardIssues.length === 0)
    .map((f) => ({
      message: `${f.id} has no Issues for the Board`,
      ids: [f.id],
      fix: { kind: 'add', record: 'boardIssue', fields: { finding: f.id } },
    }));
};
