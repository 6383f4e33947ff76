/**
 * `conversations-held`: structured conversations held with the case-group
 * members the variant requires — each member, up to the variant's maximum,
 * or the variant's own minimum where it sets one. A variant with max 0 (a
 * Focused review) needs none.
 */
import { byId } from '../../../domain/display-order.ts';
import type { GateCheck } from '../gate-check.ts';
import { listed } from '../gate-check.ts';

export const conversationsHeld: GateCheck = ({ state, variant }) => {
  const rule = variant.requires.conversations ?? {};
  if (rule.max === 0) return [];
  const caseGroup = byId(state.participants).filter((p) => p.role === 'case-group');
  const heard = new Set(
    Object.values(state.conversations)
      .filter((c) => c.status === 'held')
      .map((c) => c.participantId),
  );
  const needed = Math.max(
    1,
    rule.min ?? Math.min(caseGroup.length, rule.max ?? Number.POSITIVE_INFINITY),
  );
  const held = caseGroup.filter((p) => heard.has(p.id)).length;
  if (held >= needed) return [];
  if (caseGroup.length === 0) {
    return [
      {
        message: 'no case-group members have been recorded, so no conversations can count',
        fix: { kind: 'add', record: 'participant', fields: { role: 'case-group' } },
      },
    ];
  }
  const waiting = caseGroup.filter((p) => !heard.has(p.id));
  const who = waiting.map((p) => `${p.id} (${p.publicationLabel ?? p.profession ?? p.name})`);
  return [
    {
      message: `conversations held with ${held} of the ${needed} case-group members the ${variant.name} variant needs; none yet with ${listed(who)}`,
      ids: waiting.map((p) => p.id),
    },
  ];
};
