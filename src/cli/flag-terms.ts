/**
 * Speaks to command-line users in their terms: an issue about the field
 * `period.from` becomes one about `--from`, the option they actually typed.
 */
import type { Command } from 'commander';
import { ValidationError } from '../domain/errors.ts';
import type { Issue } from '../domain/issue.ts';

/** Schema field paths whose option has another name; longest match wins. */
const FIELD_FLAGS: Record<string, string> = {
  'period.from': '--from',
  'period.to': '--to',
  period: '--from',
  agencyIds: '--agency',
  agencyId: '--agency',
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
  sourceRef: '--source-ref',
};

function kebab(field: string): string {
  return `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function flagFor(
  path: Issue['path'],
  flags: Set<string>,
): { flag: string; rest: Issue['path'] } | undefined {
  const names = path.filter((p): p is string => typeof p === 'string');
  for (let n = names.length; n > 0; n--) {
    const key = names.slice(0, n).join('.');
    const flag = FIELD_FLAGS[key] ?? (n === 1 ? kebab(key) : undefined);
    if (flag && flags.has(flag)) return { flag, rest: names.slice(n) };
  }
  return undefined;
}

/** The same error, with each issue's path given as the option that fixes it, where there is one. */
export function inFlagTerms(error: ValidationError, command: Command): ValidationError {
  const flags = new Set(command.options.map((o) => o.long).filter((l): l is string => Boolean(l)));
  const issues = error.issues.map((i) => {
    const found = flagFor(i.path, flags);
    return found ? { ...i, path: [found.flag, ...found.rest] } : i;
  });
  return new ValidationError(issues);
}
