/**
 * `leak-check-passed`: a publication edition of the review as it stands now
 * passed the leak check; any change to the report's content since needs a new one.
 */
import type { GateCheck } from '../gate-check.ts';

export const leakCheckPassed: GateCheck = ({ state }) => {
  const last = state.leakChecks.at(-1);
  if (last && last.checkedSeq >= state.contentSeq) return [];
  const how = 'render it with tunnelview render --edition publication';
  if (!last) return [{ message: `no publication edition has passed the leak check yet; ${how}` }];
  return [
    {
      message: `the review changed after the last passing leak check (${last.file}, ${last.at.slice(0, 10)}); ${how} again`,
    },
  ];
};
