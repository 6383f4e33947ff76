/**
 * `language-flags-resolved`: no sentence the language check flags is left
 * open — each is reworded, or accepted by a reviewer with a justification.
 */
import { lintReview } from '../../../language/lint-review.ts';
import type { GateCheck, Shortfall } from '../gate-check.ts';

/** Past this many, the rest are summed up; the language check lists them all. */
const LISTED = 10;

export const languageFlagsResolved: GateCheck = ({ state, model }) => {
  const open = lintReview(state, model.language);
  const shortfalls: Shortfall[] = open.slice(0, LISTED).map((flag) => ({
    message: `${flag.label}, sentence ${flag.flag.sentenceNumber}: "${flag.flag.match}" (${flag.rule}) is flagged; reword it, or accept it with a justification`,
    ...(flag.ids ? { ids: flag.ids } : {}),
    fix: flag.fix,
  }));
  if (open.length > LISTED) {
    const rest = open.slice(LISTED);
    shortfalls.push({
      message: `${rest.length} more flagged sentence${rest.length === 1 ? '' : 's'}`,
      ids: [...new Set(rest.flatMap((f) => f.ids ?? []))],
      fix: { kind: 'see-flags' },
    });
  }
  return shortfalls;
};
