/** `clock RULE --from DATE`: when one of the model's statutory clocks falls due; needs no workspace. */
import type { Command } from 'commander';
import { inCommandTerms } from '../command-kit.ts';
import type { CliEnvironment, GlobalOptions } from '../context.ts';

export function registerClockCommand(program: Command, env: CliEnvironment): void {
  program
    .command('clock')
    .description(
      'when a statutory clock falls due, counting English working days and bank holidays',
    )
    .argument('<rule>', 'the clock, by its id in the model, e.g. rapid-review or lcspr')
    .requiredOption(
      '--from <date>',
      'the day the clock runs from (or back from), e.g. 19/12/2025 or 2025-12-19',
    )
    .option('--model <id>', 'the methodology model whose clocks to use', 'learning-together')
    .addHelpText('after', '\nExample:\n  tunnelview clock rapid-review --from 2025-12-19')
    .action(async (rule: string, _opts, command: Command) => {
      const o = command.optsWithGlobals() as GlobalOptions & { from: string; model: string };
      const { clockDue } = await import('../../app/models.ts');
      const {
        clock,
        from,
        due,
        rule: described,
      } = await inCommandTerms(command, () => clockDue(o.model, rule, o.from));
      if (o.json) {
        // One compact line, the documented shape: {"rule":…,"from":…,"due":…}.
        env.output.out(JSON.stringify({ rule: clock.id, from, due }));
        return;
      }
      env.output.out(`${clock.name}: due ${due} (${described})`);
      if (!clock.confirmed) {
        env.output.out(
          'Note: this rule is unconfirmed in the model; check the guidance before relying on it.',
        );
      }
    });
}
