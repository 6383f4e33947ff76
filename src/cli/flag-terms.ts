/**
 * Speaks to command-line users in their terms: an issue about the field
 * `period.from` becomes one about `--from`, the option they actually typed,
 * and a field named in a fix is named by its option too.
 */
import type { Command } from 'commander';
import { ValidationError, WorkflowError } from '../domain/errors.ts';
import type { Issue } from '../domain/issue.ts';

/**
 * Schema field paths whose option has another name; longest match wins. A field some
 * commands take by one of several options (what a live meeting shows: `--kpe`, `--finding`…)
 * lists them all: the one the user gave is named.
 */
const FIELD_FLAGS: Record<string, string | readonly string[]> = {
  'period.from': '--from',
  'period.to': '--to',
  period: '--from',
  agencyIds: '--agency',
  agencyId: '--agency',
  agencies: '--agency',
  chronologyRefs: '--chronology',
  whatHappened: '--what',
  'appraisal.rating': '--rating',
  'appraisal.text': '--appraisal',
  'appraisal.standard': '--standard',
  appraisal: '--rating',
  'explanation.localRationality': '--explanation',
  realName: '--name',
  publicationLabel: '--label',
  roleInCase: '--role',
  dateOfBirth: '--dob',
  aliases: '--alias',
  phones: '--phone',
  participantId: '--participant',
  conductedBy: '--by',
  sections: '--section',
  sectionId: '--section',
  conversationId: '--conversation',
  factorIds: '--factor',
  boardQuestions: '--question',
  attendees: '--attendee',
  subjectLabel: '--subject',
  keyDates: '--key-date',
  modelId: '--model',
  kpeId: '--kpe',
  factorId: '--factor',
  sourceRef: '--source-ref',
  outFile: '--out',
  mappingPath: '--map',
  maxFileMegabytes: '--max-file-size',
  removalReason: '--reason',
  startStage: '--stage',
  startedOn: '--started',
  password: '--password-stdin',
  'item.id': ['--kpe', '--finding', '--prompt'],
  'item.from': '--period',
  'item.to': '--period',
  item: ['--kpe', '--finding', '--period', '--prompt'],
  options: '--option',
};

/** The first of a field's options (all of them for `optionFor`). */
function firstFlag(flags: string | readonly string[] | undefined): string | undefined {
  return typeof flags === 'string' ? flags : flags?.[0];
}

function kebab(field: string): string {
  return `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * The option a field is given by on the command line, whatever the command:
 * its mapped name or the field in kebab case (`monthFirst` → `--month-first`).
 * A field already given as an option is returned as it is.
 */
export function optionFor(field: string): string {
  return field.startsWith('--') ? field : (firstFlag(FIELD_FLAGS[field]) ?? kebab(field));
}

/** The option (or, for a positional argument, its name in capitals) that a field path is given by. */
function termFor(
  path: Issue['path'],
  command: Command,
): { term: string; rest: Issue['path'] } | undefined {
  const flags = new Set(command.options.map((o) => o.long).filter((l): l is string => Boolean(l)));
  const given = (flag: string) => {
    const option = command.options.find((o) => o.long === flag);
    return option !== undefined && command.getOptionValue(option.attributeName()) !== undefined;
  };
  const args = new Set(command.registeredArguments.map((a) => a.name()));
  const names = path.filter((p): p is string => typeof p === 'string');
  for (let n = names.length; n > 0; n--) {
    const key = names.slice(0, n).join('.');
    const mapped = FIELD_FLAGS[key];
    const candidates = (typeof mapped === 'string' ? [mapped] : (mapped ?? [])).filter((f) =>
      flags.has(f),
    );
    const flag =
      candidates.find(given) ?? candidates[0] ?? (n === 1 && !mapped ? kebab(key) : undefined);
    if (flag && flags.has(flag)) return { term: flag, rest: names.slice(n) };
    if (n === 1 && args.has(key)) return { term: key.toUpperCase(), rest: [] };
  }
  return undefined;
}

/** The option a field is given by on this command, when it has one. */
export function flagOf(field: string, command: Command): string | undefined {
  const found = termFor([field], command);
  return found?.term.startsWith('--') ? found.term : undefined;
}

/** The same error, with each issue's path given as the option that fixes it, where there is one. */
export function inFlagTerms<E extends ValidationError | WorkflowError>(
  error: E,
  command: Command,
): E {
  const issues = error.issues.map((i) => {
    const found = termFor(i.path, command);
    const path = found ? [found.term, ...found.rest] : i.path;
    const fix =
      i.fix?.kind === 'give' || i.fix?.kind === 'omit'
        ? { ...i.fix, field: flagOf(i.fix.field, command) ?? i.fix.field }
        : i.fix;
    return { ...i, path, ...(fix ? { fix } : {}) };
  });
  const restated =
    error instanceof WorkflowError ? new WorkflowError(issues) : new ValidationError(issues);
  restated.cause = error;
  return restated as E;
}
