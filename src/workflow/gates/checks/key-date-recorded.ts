/** `key-date-recorded {keyDate}`: the key date has been recorded. */
import type { GateCheck } from '../gate-check.ts';
import { stringParam } from '../gate-check.ts';

export const keyDateRecorded: GateCheck = ({ state, model, gate }) => {
  const keyDate = stringParam(model, gate, 'keyDate');
  if (state.review.keyDates[keyDate]) return [];
  const name = model.keyDates.find((k) => k.id === keyDate)?.name ?? keyDate;
  return [
    {
      message: `the date "${name}" has not been recorded`,
      fix: { kind: 'set-key-date', keyDate },
    },
  ];
};
