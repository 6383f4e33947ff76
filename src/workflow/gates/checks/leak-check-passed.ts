/**
 * `leak-check-passed`: a publication edition of the review as it stands now
 * passed the leak check; any change to the report's content since needs a new one.
 */
import type { Fix } from '../../../domain/fix.ts';
import type { GateCheck } from '../gate-check.ts';

/** Rendering a publication edition runs the leak check. */
const RENDER: Fix = { kind: 'render', edition: 'publication' };

export const leakCheckPassed: GateCheck = ({ state }) => {
  const last = state.leakChecks.at(-1);
  if (last && last.checkedSeq >= state.contentSeq) return [];
  if (!last) {
    return [{ message: 'no publication edition has passed the leak check yet', fix: RENDER }];
  }
  return [
    {
      message: `the review changed after the last passing leak check (${last.file}, ${last.at.slice(0, 10)}); a publication edition of it as it stands must pass`,
      fix: RENDER,
    },
  ];
};
