/** Several resolutions refused together: a person fixes every reference at once, not one per try. */
import { ValidationError } from '../../domain/errors.ts';
import type { Issue } from '../../domain/issue.ts';

/**
 * Runs each step and returns their results in order; when any refuses, all
 * the steps' issues are refused together.
 * @example const [agencyIds, refs] = gather(() => findNamedIds(…), () => resolveChronologyRefs(…));
 */
export function gather<T extends unknown[]>(...steps: { [K in keyof T]: () => T[K] }): T {
  const issues: Issue[] = [];
  const results = steps.map((step) => {
    try {
      return step();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.issues);
      return undefined;
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return results as T;
}
