/**
 * Speaks to command-line users in their terms: an issue about the field
 * `period.from` becomes one about `--from`, the option they actually typed,
 * and a field named in a fix is named by its option too.
 */
import type { Command } from 'commander';
import { ValidationError, WorkflowError } from '../domain/errors.ts';
import type { Issue } from '../domain/issue.ts';

/** Schema field paths whose option has another name; longest match wins. */
const FIELD_FLAGS: Record<string, string> = {
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
};

function kebab(field: string): string {
  return `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * The option a field is given by on the command line, whatever the command:
 * its mapped name or the field in kebab case (`monthFirst` → `--month-first`).
 * A field already given as an option is returned as it is.
 */
export function optionFor(field: string): string {
  return field.startsWith('--') ? field : (FIELD_FLAGS[field] ?? kebab(field));
}

/** The option (or, for a positional argument, its name in capitals) that a field path is given by. */
function termFor(
  path: Issue['path'],
  command: Command,
): { term: string; rest: Issue['path'] } | undefined {
  const flags = new Set(command.options.map((o) => o.long).filter((l): l is string => Boolean(l)));
  const args = new Set(command.registeredArguments.map((a) => a.name()));
  const names = path.filter((p): p is string => typeof p === 'string');
  for (let n = names.length; n > 0; n--) {
    const key = names.slice(0, n).join('.');
    const flag = FIELD_FLAGS[key] ?? (n === 1 ? kebab(key) : undefined);
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
