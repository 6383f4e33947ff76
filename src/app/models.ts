/** Use-cases over the methodology models themselves, needing no workspace. */
import { ValidationError } from '../domain/errors.ts';
import { type Issue, issue } from '../domain/issue.ts';
import { nearest } from '../domain/nearest.ts';
import { listModels, loadModel } from '../model/load-model.ts';
import { readDayText } from './references/read-day.ts';

/** The models available, in brief. */
export function availableModels() {
  return listModels().map((id) => {
    const m = loadModel(id);
    return { id: m.id, name: m.name, version: m.version, description: m.description };
  });
}

/** One model in full: stages, variants, factor heads, typologies, sections. */
export function modelNamed(id: string) {
  return loadModel(id);
}

/** The language rules of a model. */
export function languageRulesOf(modelId: string) {
  return loadModel(modelId).language;
}

/**
 * When one of a model's statutory clocks falls due from a day (14/03/2023 or
 * 2023-03-14, returned as `from` in ISO form), counting
 * English working days and bank holidays. Both an unknown clock and a bad
 * date are reported at once, so the request is fixed in one go.
 */
export async function clockDue(modelId: string, rule: string, from: string) {
  const model = loadModel(modelId);
  const clock = model.clocks.find((c) => c.id === rule);
  const issues: Issue[] = [];
  if (!clock) {
    const ids = model.clocks.map((c) => c.id);
    const guess = nearest(rule, ids);
    issues.push(
      issue(
        'unknown-clock',
        ['rule'],
        `"${rule}" is not a clock in the ${model.id} model${guess ? ` (did you mean "${guess}"?)` : ''}; its clocks are: ${ids.join(', ') || 'none'}`,
      ),
    );
  }
  const day = readDayText(from, ['from']);
  if (!day.ok) issues.push(day.issue);
  if (!clock || !day.ok || issues.length > 0) throw new ValidationError(issues);
  // Bank holidays load only for the commands that count working days.
  const { describeRule, dueDate } = await import('../workflow/clocks/compute-clocks.ts');
  return {
    clock,
    from: day.day,
    due: dueDate(clock, day.day),
    rule: describeRule(clock, day.day),
  };
}
