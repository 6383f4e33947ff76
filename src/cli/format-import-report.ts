/**
 * The import report a reviewer reads after `chronology import`: how the file
 * was read, which column became which field, what was imported or why
 * nothing was, each problem with its record and fix, the dates kept with
 * their uncertainty, the registered people mentioned and the names the
 * register lacks. Presentation for the command line: it names the options
 * and commands that put things right.
 */
import type { ImportOutcome } from '../app/import-outcome.ts';
import {
  type ImportProblem,
  type ImportProblemJson,
  problemJson,
  problemLocation,
} from '../chronology/import-problem.ts';
import type { ImportPlan } from '../chronology/plan-import.ts';
import { recordList } from '../chronology/record-list.ts';
import type { StrippedControls } from '../chronology/source-table.ts';
import type { EventDate } from '../domain/chronology-entry.ts';
import type { Fix } from '../domain/fix.ts';
import type { Person } from '../domain/person.ts';
import { dateReportLines } from './format-date-report.ts';
import { alreadyImportedLine, formatRevision, idList } from './format-return-revision.ts';
import { wordFix } from './word-fix.ts';

/** Text with the fix worded after it (the option to give, `--map`), the closing full stop kept last. */
function withFix(text: string, fix: Fix | undefined): string {
  if (!fix) return text;
  const stop = /\.$/.test(text);
  return `${text.replace(/\.$/, '')}; ${wordFix(fix)}${stop ? '.' : ''}`;
}

/** A problem's message as the command line prints it: with the option or command that fixes it. */
export function problemMessage(p: ImportProblem): string {
  return withFix(p.message, p.fix);
}

/** A problem as scripts read it from the command line: its message names the option that fixes it. */
export function problemJsonOf(p: ImportProblem): ImportProblemJson {
  return { ...problemJson(p), message: problemMessage(p) };
}

const ukDay = (iso: string) => iso.split('-').reverse().join('/');

/** What --strip-controls removed, in one line. */
export function strippedLine(stripped: StrippedControls): string {
  return `Stripped ${plural(stripped.characters, 'control character')} (NUL, controls or bidi overrides) from ${plural(stripped.cells, 'cell')} (--strip-controls).`;
}

const FIELD_LABELS: [keyof ImportPlanMapping, string][] = [
  ['date', 'date'],
  ['time', 'time'],
  ['text', 'text'],
  ['author', 'author'],
  ['sourceRef', 'source ref'],
];
type ImportPlanMapping = NonNullable<ImportPlan['mapping']>;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** How an uncertain date is kept, in words. */
export function describeUncertainDate(date: EventDate): string {
  const start = date.start ? ukDay(date.start) : '';
  const end = date.end ? ukDay(date.end) : '';
  switch (date.precision) {
    case 'month':
      return `month: ${start} – ${end}`;
    case 'range':
      return `range: ${start} – ${end}`;
    case 'approximate':
      return end ? `approximate: about ${start} – ${end}` : `approximate: about ${start}`;
    case 'unknown':
      return 'unknown: listed after all dated entries';
    default:
      return start;
  }
}

function agencyLabel(outcome: ImportOutcome): string {
  const a = outcome.agency;
  const sector = a.sector ? `, ${a.sector}` : '';
  if (a.created && a.id) return `${a.name} (${a.id}${sector}, added by this import)`;
  if (a.created) return `${a.name} (new${sector}; added only when a return imports)`;
  return a.id ? `${a.name} (${a.id})` : a.name;
}

export function formatImportReport(
  plan: ImportPlan,
  outcome: ImportOutcome,
  persons: readonly Person[],
): string[] {
  const lines: string[] = [];
  const out = (line = '') => lines.push(line);
  const imported = outcome.ids.length;

  out(`Import of ${plan.file} into review ${outcome.reviewId} for ${agencyLabel(outcome)}`);
  out(`Read ${plural(plan.records, 'record')}: ${plan.description}.`);
  if (plan.stripped) out(strippedLine(plan.stripped));
  out();

  if (plan.mapping) {
    const source =
      plan.mappingSource === 'file'
        ? 'from the mapping file'
        : plan.mappingSource === 'saved'
          ? `as saved from ${outcome.agency.name}'s last return`
          : 'matched from the headings';
    out(`Columns (${source}):`);
    for (const [field, label] of FIELD_LABELS) {
      const value = plan.mapping[field];
      if (value === undefined || typeof value === 'boolean') continue;
      const columns = Array.isArray(value) ? value.map((v) => `"${v}"`).join(' + ') : `"${value}"`;
      const note =
        field === 'text' && Array.isArray(value) && value.length > 1
          ? `  (joined as "${value.map((v) => `${v}: …`).join('; ')}")`
          : '';
      out(`  ${label.padEnd(11)}← ${columns}${note}`);
    }
    out(
      `  kept as extra: ${plan.extraColumns.length > 0 ? plan.extraColumns.map((c) => `"${c}"`).join(', ') : '(none; every column is mapped)'}`,
    );
    for (const note of plan.mappingNotes) out(`  Note: ${withFix(note.text, note.fix)}`);
    out();
    if (plan.dates) {
      for (const line of dateReportLines(plan.dates)) out(line);
      out();
    }
  } else {
    for (const note of plan.mappingNotes) out(`Note: ${withFix(note.text, note.fix)}`);
  }

  const fileProblems = plan.problems.filter((p) => p.record === null);
  const valid = plan.entries.length;
  const invalid = plan.invalidRecords.length;
  if (outcome.alreadyImported) {
    out(alreadyImportedLine(plan.file, outcome.alreadyImported));
  } else if (outcome.revision && fileProblems.length === 0) {
    for (const line of formatRevision(outcome.revision, plan.file)) out(line);
    if (!outcome.revision.applied && invalid > 0 && !outcome.skipInvalid) {
      out(
        `${plural(invalid, 'record')} (${recordList(plan.invalidRecords)}) ${invalid === 1 ? 'has' : 'have'} problems: fix them, or leave them out and keep their earlier entries as they are.`,
      );
    }
  } else if (imported > 0) {
    const range = imported > 1 ? `${outcome.ids[0]} … ${outcome.ids.at(-1)}` : outcome.ids[0];
    out(`Imported ${plural(imported, 'entry', 'entries')} (${range}).`);
    if (invalid > 0) {
      out(
        `Left out ${plural(invalid, 'invalid record')} (${recordList(plan.invalidRecords)}) because of --skip-invalid; fix ${invalid === 1 ? 'it' : 'them'} in ${plan.file} and import it again: the records already imported are recognised, and only the corrected ones are added.`,
      );
    }
    if (outcome.mappingSaved) {
      out(
        `Saved the column mapping for ${outcome.agency.name}: its next return imports the same way without questions.`,
      );
    }
  } else if (fileProblems.length > 0) {
    out(
      fileProblems.every((p) => p.code === 'unreadable-dates' || p.code === 'invalid-date-format')
        ? 'Nothing imported: the dates cannot be read. Nothing was changed.'
        : 'Nothing imported: the file cannot be mapped. Nothing was changed.',
    );
  } else if (invalid > 0 && valid > 0) {
    out(
      `Nothing imported: ${invalid} of ${valid + invalid} records have problems (${recordList(plan.invalidRecords)}). Nothing was changed.`,
    );
    out(
      `Fix them and import the file again, or add --skip-invalid to import the ${plural(valid, 'valid record')} now and the rest later.`,
    );
  } else if (invalid > 0) {
    out(
      `Nothing imported: every record has problems (${recordList(plan.invalidRecords)}). Nothing was changed.`,
    );
  } else {
    out('Nothing imported.');
  }
  if (outcome.overlap) {
    const { records, ids, files } = outcome.overlap;
    out(
      `Warning: ${plural(records, 'record')} of ${plan.file} ${records === 1 ? 'matches' : 'match'} ${idList(ids)}, imported from ${files.join(', ') || 'elsewhere'}; ${imported > 0 ? `${records === 1 ? 'it is' : 'they are'} now in the chronology twice` : `${records === 1 ? 'it' : 'they'} would be in the chronology twice`}. If this return corrects ${files.length === 1 ? files[0] : 'an earlier one'}, give it that file's name and import it again to see what changed.`,
    );
  }
  const skipped = plan.skipped.filter((s) => s.reason !== 'blank');
  const blank = plan.skipped.filter((s) => s.reason === 'blank');
  for (const s of skipped) out(`Skipped record ${s.record}: ${s.reason}.`);
  if (blank.length > 0)
    out(
      `Skipped blank ${blank.length === 1 ? 'record' : 'records'} ${recordList(blank.map((s) => s.record))}.`,
    );

  if (plan.problems.length > 0) {
    out();
    out(`Problems (${plan.problems.length}):`);
    for (const p of plan.problems) {
      out(`  - ${problemLocation(p)}: ${p.problem}`);
      out(`    Fix: ${withFix(p.advice, p.fix)}`);
    }
  }
  if (plan.warnings.length > 0) {
    out();
    out(`Warnings (${plan.warnings.length}; these do not stop the import):`);
    for (const w of plan.warnings) {
      out(`  - ${problemLocation(w)}: ${w.problem}`);
      out(`    To do: ${withFix(w.advice, w.fix)}`);
    }
  }

  const uncertain = plan.entries.filter((e) => !['day', 'time'].includes(e.entry.date.precision));
  if (uncertain.length > 0) {
    out();
    out(`Dates kept with their uncertainty (${uncertain.length}):`);
    const width = Math.max(...uncertain.map((e) => e.entry.date.original.length + 2));
    for (const e of uncertain) {
      const original = `"${e.entry.date.original}"`.padEnd(width);
      out(
        `  record ${String(e.record).padEnd(4)}${original}  ${describeUncertainDate(e.entry.date)}`,
      );
    }
    out(
      '  In the merged chronology each sorts at its earliest possible day, after the exact entries of that day and before wider spans.',
    );
  }

  const byPerson = new Map<string, number[]>();
  for (const e of plan.entries) {
    for (const id of e.personIds) byPerson.set(id, [...(byPerson.get(id) ?? []), e.record]);
  }
  out();
  if (byPerson.size > 0) {
    out('Registered people mentioned:');
    for (const person of persons) {
      const records = byPerson.get(person.id);
      if (!records) continue;
      out(
        `  ${person.id} ${person.realName} (${person.publicationLabel}): ${records.length === 1 ? 'record' : 'records'} ${recordList(records)}`,
      );
    }
  } else {
    out(
      persons.length === 0
        ? 'Registered people mentioned: none (the register is empty).'
        : 'Registered people mentioned: none.',
    );
  }
  if (plan.unknownNames.length > 0) {
    out(
      'Names not in the register (add people with tunnelview person add; places and services can be ignored):',
    );
    for (const n of plan.unknownNames) {
      out(
        `  ${n.name}: ${n.records.length === 1 ? 'record' : 'records'} ${recordList(n.records)}${n.occurrences > 1 ? ` (${n.occurrences} times)` : ''}`,
      );
    }
  } else if (plan.entries.length > 0) {
    out('Names not in the register: none found.');
  }
  return lines;
}
