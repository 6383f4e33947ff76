/**
 * Examples for commands whose definition does not carry its own, so that
 * `--help` on every command ends with one (a test checks that none is missing).
 */
import type { Command } from 'commander';

const EXAMPLES: Record<string, string> = {
  'person list': 'tunnelview person list --review R-7K2M9Q --json',
  'agency list': 'tunnelview agency list',
  'participant list': 'tunnelview participant list --json',
  'chronology list': 'tunnelview chronology list --agency AG-2',
  'conversation list': 'tunnelview conversation list',
  'kpe list': 'tunnelview kpe list --json',
  'kpe show': 'tunnelview kpe show KPE-3',
  'kpe remove':
    'tunnelview kpe remove KPE-5 --reason "Merged into KPE-4 at the first joint meeting" --force',
  'factor edit': 'tunnelview factor edit CF-3 --scope generic',
  'factor remove': 'tunnelview factor remove CF-9 --reason "Duplicate of CF-4" --force',
  'factor show': 'tunnelview factor show CF-3',
  'factor unlink': 'tunnelview factor unlink CF-3 --kpe KPE-2',
  'factor list': 'tunnelview factor list --json',
  'finding edit':
    'tunnelview finding edit F-2 --rank 1 --section why-it-matters="…" --clear-section widespread',
  'finding list': 'tunnelview finding list',
  'finding show': 'tunnelview finding show F-2',
  'meeting list': 'tunnelview meeting list --json',
  'time list': 'tunnelview time list',
  'model list': 'tunnelview model list --json',
};

function fullName(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Adds the examples above to the commands that lack their own. */
export function addMissingExamples(program: Command): void {
  const visit = (command: Command) => {
    const example = EXAMPLES[fullName(command)];
    if (example) command.addHelpText('after', `\nExample:\n  ${example}`);
    command.commands.forEach(visit);
  };
  visit(program);
}
