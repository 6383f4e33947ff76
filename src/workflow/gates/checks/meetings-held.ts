/**
 * `meetings-held {meetingType, default?}`: as many meetings of the type held
 * as the variant requires; where the variant does not name the type, the
 * gate's `default` (1 if absent). A count of 0 waives the gate.
 */
import type { GateCheck } from '../gate-check.ts';
import { stringParam } from '../gate-check.ts';

export const meetingsHeld: GateCheck = ({ state, model, variant, gate }) => {
  const type = stringParam(model, gate, 'meetingType');
  const fallback = typeof gate.params.default === 'number' ? gate.params.default : 1;
  const needed = variant.requires.meetings[type] ?? fallback;
  const held = Object.values(state.meetings).filter((m) => m.type === type && m.status === 'held');
  if (held.length >= needed) return [];
  const name = model.meetingTypes.find((t) => t.id === type)?.name ?? type;
  const scheduled = Object.values(state.meetings).filter(
    (m) => m.type === type && m.status === 'scheduled',
  );
  const plan =
    scheduled.length > 0
      ? `; scheduled: ${scheduled.map((m) => `${m.id} on ${m.date}`).join(', ')}`
      : '';
  const count =
    needed === 1
      ? `no "${name}" has been held yet`
      : `${held.length} of the ${needed} "${name}" meetings the ${variant.name} variant needs ${held.length === 1 ? 'has' : 'have'} been held`;
  return [
    {
      message: `${count}${plan}`,
      ids: scheduled.map((m) => m.id),
      // Once one is scheduled, what remains is to hold it and record that.
      ...(scheduled.length === 0
        ? { fix: { kind: 'add', record: 'meeting', fields: { type } } as const }
        : {}),
    },
  ];
};
