/** `clock RULE --from DATE`: when one of the model's statutory clocks falls due; needs no workspace. */
import type { Command } from 'commander';
import { ValidationError } from '../../domain/errors.ts';
import { type Issue, issue } from '../../domain/issue.ts';
import { isoDateProblem } from '../../domain/primitives.ts';
import { loadModel, nearest } from '../../model/load-model.ts';
import { describeRule, dueDate } from '../../workflow/clocks/compute-clocks.ts';
import type { CliEnvironment, GlobalOptions } from '../context.ts';

export function registerClockCommand(program: Command, env: CliEnvironment): void {
  program
    .command('clock')
    .description(
      'when a statutory clock falls due, counting English working days and bank holidays',
    )
    .argument('<rule>', 'the clock, by its id in the model, e.g. rapid-review or lcspr')
    .requiredOption('--from <date>', 'the date the clock runs from (or back from), YYYY-MM-DD')
    .option('--model <id>', 'the methodology model whose clocks to use', 'learning-together')
    .addHelpText('after', '\nExample:\n  tunnelview clock rapid-review --from 2025-12-19')
    .action(async (rule: string, _opts, command: Command) => {
      const o = command.optsWithGlobals() as GlobalOptions & { from: string; model: string };
      const model = loadModel(o.model);
      const clock = model.clocks.find((c) => c.id === rule);
      // Both problems at once, so a user fixes the command in one go.
      const issues: Issue[] = [];
      if (!clock) {
        const ids = model.clocks.map((c) => c.id);
        const guess = nearest(rule, ids);
        issues.push(
          issue(
            'unknown-clock',
            ['RULE'],
            `"${rule}" is not a clock in the ${model.id} model${guess ? ` (did you mean "${guess}"?)` : ''}; its clocks are: ${ids.join(', ') || 'none'}`,
          ),
        );
      }
      const problem = isoDateProblem(o.from);
      if (problem) issues.push(issue('invalid-date', ['--from'], problem));
      if (!clock || issues.length > 0) throw new ValidationError(issues);

      const due = dueDate(clock, o.from);
      if (o.json) {
        // One compact line, the documented shape: {"rule":…,"from":…,"due":…}.
        env.output.out(JSON.stringify({ rule: clock.id, from: o.from, due }));
        return;
      }
      env.output.out(`${clock.name}: due ${due} (${describeRule(clock, o.from)})`);
      if (!clock.confirmed) {
        env.output.out(
          'Note: this rule is unconfirmed in the model; check the guidance before relying on it.',
        );
      }
    });
}
