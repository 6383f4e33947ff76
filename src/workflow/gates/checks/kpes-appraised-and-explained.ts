/**
 * `kpes-appraised-and-explained`: there are KPEs, and each has an appraisal
 * and an explanation. One shortfall per KPE and field, so each says which
 * record to change.
 */
import { orderedKpes } from '../../../domain/display-order.ts';
import type { Kpe } from '../../../domain/kpe.ts';
import type { GateCheck, Shortfall } from '../gate-check.ts';

const MISSING: { field: 'appraisal' | 'explanation'; has: (k: Kpe) => boolean }[] = [
  { field: 'appraisal', has: (k) => Boolean(k.appraisal) },
  { field: 'explanation', has: (k) => Boolean(k.explanation) },
];

export const kpesAppraisedAndExplained: GateCheck = ({ state }) => {
  const kpes = orderedKpes(state.kpes);
  if (kpes.length === 0) {
    return [
      {
        message: 'no key practice episodes have been recorded',
        fix: { kind: 'add', record: 'kpe' },
      },
    ];
  }
  return MISSING.flatMap(({ field, has }) =>
    kpes
      .filter((k) => !has(k))
      .map(
        (k): Shortfall => ({
          message: `${k.id} has no ${field}`,
          ids: [k.id],
          fix: { kind: 'edit', record: 'kpe', id: k.id, fields: [field] },
        }),
      ),
  );
};
