/** `model list|show`: the methodology models and the terms they define. */
import type { Command } from 'commander';
import type { CliEnvironment, GlobalOptions } from '../context.ts';
import { printJson } from '../output.ts';

export function registerModelCommands(program: Command, env: CliEnvironment): void {
  const model = program
    .command('model')
    .description('methodology models: stages, factor heads, typologies');

  model
    .command('list')
    .description('the models available')
    .action(async (_opts, command: Command) => {
      const o = command.optsWithGlobals() as GlobalOptions;
      const { availableModels } = await import('../../app/models.ts');
      const models = availableModels();
      if (o.json) return printJson(env.output, models);
      for (const m of models) env.output.out(`${m.id}  ${m.name} (version ${m.version})`);
    });

  model
    .command('show')
    .description("a model's stages, variants, factor heads, typologies and sections")
    .argument('[id]', 'the model id', 'learning-together')
    .addHelpText('after', '\nExample:\n  tunnelview model show learning-together')
    .action(async (id: string, _opts, command: Command) => {
      const o = command.optsWithGlobals() as GlobalOptions;
      const { modelNamed } = await import('../../app/models.ts');
      const m = modelNamed(id);
      if (o.json) return printJson(env.output, m);
      const out = env.output.out;
      out(`${m.name} (${m.id}, version ${m.version})`);
      out(`\nStages: ${m.stages.map((s) => s.id).join(' → ')}`);
      out(
        `Variants: ${m.variants.map((v) => `${v.id}${v.id === m.defaultVariant ? ' (default)' : ''}`).join(', ')}`,
      );
      out(`Meeting types: ${m.meetingTypes.map((t) => t.id).join(', ')}`);
      out('\nFactor heads (factor add --head):');
      for (const level of m.factorFramework.levels) {
        out(`  ${level.name}`);
        for (const h of level.heads) out(`    ${h.id.padEnd(40)} ${h.name}`);
      }
      for (const t of m.typologies) {
        out(
          `\nTypology ${t.id}${t.id === m.defaultTypology ? ' (default)' : ''} (finding add --category):`,
        );
        for (const c of t.categories) out(`    ${c.id.padEnd(40)} ${c.name}`);
      }
      out(
        `\nFinding sections (finding add --section ID=…): ${m.findingSections.map((s) => s.id).join(', ')}`,
      );
      out(`Conversation sections: ${m.conversation.sections.map((s) => s.id).join(', ')}`);
      out(`Key dates (review create --key-date ID=…): ${m.keyDates.map((k) => k.id).join(', ')}`);
    });
}
