/**
 * The demo scenario file: a whole fictional review in YAML, validated with the
 * domain's own input schemas plus the stable ids that tie its parts together.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { z } from 'zod';
import { problemLocation } from '../../chronology/import-problem.ts';
import { parseEventDate } from '../../chronology/parse-event-date.ts';
import { planImport } from '../../chronology/plan-import.ts';
import { readReturn } from '../../chronology/read-return.ts';
import { isBlankRow, type SourceTable } from '../../chronology/source-table.ts';
import { AgencyInput } from '../../domain/agency.ts';
import { ChronologyEntryInput } from '../../domain/chronology-entry.ts';
import { ConversationInput, ExcerptInput } from '../../domain/conversation.ts';
import { ValidationError } from '../../domain/errors.ts';
import { FactorInput, KpeFactorLink } from '../../domain/factor.ts';
import { FindingInput } from '../../domain/finding.ts';
import { type Issue, issue } from '../../domain/issue.ts';
import { KpeInput } from '../../domain/kpe.ts';
import { MeetingInput } from '../../domain/meeting.ts';
import { ParticipantInput } from '../../domain/participant.ts';
import { Person, PersonInput } from '../../domain/person.ts';
import {
  ID_PREFIXES,
  type IdKind,
  IsoDate,
  idKind,
  LongText,
  ModelId,
  stableId,
} from '../../domain/primitives.ts';
import { ReviewId, ReviewInput } from '../../domain/review.ts';
import { TimeLogInput } from '../../domain/time-log.ts';
import { invalidYamlFile, parseYaml, type YamlPath } from '../../model/parse-yaml.ts';

// Every listed item carries the id the builder will request for it, so the
// file reads like the review it becomes ("see KPE-3") and references are checkable.

export const ScenarioReview = ReviewInput.extend({ id: ReviewId.optional() });

export const ScenarioQuestion = z.strictObject({
  id: stableId('question'),
  text: LongText('the research question'),
});

export const ScenarioPerson = PersonInput.extend({ id: stableId('person') });
export const ScenarioAgency = AgencyInput.extend({ id: stableId('agency') });
export const ScenarioParticipant = ParticipantInput.extend({ id: stableId('participant') });

/** A chronology entry with its date as the agency wrote it; the builder parses it. */
export const ScenarioChronologyEntry = ChronologyEntryInput.omit({
  date: true,
  provenance: true,
}).extend({
  id: stableId('chronology'),
  date: z.string(),
});

export const ScenarioExcerpt = ExcerptInput.omit({ conversationId: true }).extend({
  id: stableId('excerpt'),
});

/** A conversation with the excerpts taken from it, listed under it. */
export const ScenarioConversation = ConversationInput.extend({
  id: stableId('conversation'),
  excerpts: z.array(ScenarioExcerpt).default([]),
});

export const ScenarioKpe = KpeInput.extend({ id: stableId('kpe') });

/** A factor with the KPEs it helps explain, each link with its evidence. */
export const ScenarioFactor = FactorInput.extend({
  id: stableId('factor'),
  links: z.array(KpeFactorLink.omit({ factorId: true })).default([]),
});

/** A finding with the factors behind it and its Issues for the Board, as questions. */
export const ScenarioFinding = FindingInput.extend({
  id: stableId('finding'),
  factorIds: z.array(stableId('factor')).default([]),
  boardQuestions: z.array(LongText('the question for the Board')).default([]),
});

export const ScenarioMeeting = MeetingInput.extend({ id: stableId('meeting') });
export const ScenarioTimeLogEntry = TimeLogInput.extend({ id: stableId('timeLog') });

/** An agency's return, imported as it arrived; `file` is relative to the scenario file. */
export const ScenarioReturn = z.strictObject({
  file: z.string().min(1, 'the return’s file is empty'),
  agency: stableId('agency'),
  sheet: z.string().optional(),
});

export const ScenarioStageMove = z.strictObject({
  /** The stage the move should reach; the build stops if the workflow goes elsewhere. */
  to: ModelId,
  outcome: ModelId.optional(),
  date: IsoDate,
});

export const Scenario = z.strictObject({
  review: ScenarioReview,
  researchQuestions: z.array(ScenarioQuestion).default([]),
  /** Report prose by outline section id (sections whose content is `text`). */
  texts: z.record(ModelId, LongText('the section text')).default({}),
  persons: z.array(ScenarioPerson).default([]),
  agencies: z.array(ScenarioAgency).default([]),
  participants: z.array(ScenarioParticipant).default([]),
  chronology: z.array(ScenarioChronologyEntry).default([]),
  /** Agency returns imported after the entries above; their entries take the next CH ids. */
  chronologyReturns: z.array(ScenarioReturn).default([]),
  conversations: z.array(ScenarioConversation).default([]),
  kpes: z.array(ScenarioKpe).default([]),
  factors: z.array(ScenarioFactor).default([]),
  findings: z.array(ScenarioFinding).default([]),
  meetings: z.array(ScenarioMeeting).default([]),
  timeLog: z.array(ScenarioTimeLogEntry).default([]),
  /** Workflow moves made so far, in order: each advance, its outcome at a decision, its day. */
  stageMoves: z.array(ScenarioStageMove).default([]),
});
export type Scenario = z.infer<typeof Scenario>;

/** A validated scenario and a way to point issues at the place in the file they concern. */
export interface LoadedScenario {
  /** The file as shown in messages (relative to the working folder when inside it). */
  file: string;
  scenario: Scenario;
  /** The agency returns, read and checked, in the order of `chronologyReturns`. */
  returns: SourceTable[];
  /**
   * Re-homes issues found for the item at `at` (by the review service, say)
   * so each names the file, line, column and YAML path.
   */
  place(at: YamlPath, issues: readonly Issue[]): Issue[];
}

function shownName(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function fail(file: string, issues: Issue[]): never {
  throw invalidYamlFile(file, 'demo scenario', issues);
}

/** Reads and validates a scenario file; throws a ValidationError naming every problem and where it is. */
export async function loadScenario(
  scenarioFile: string,
  options: { today?: string } = {},
): Promise<LoadedScenario> {
  const absolute = resolve(scenarioFile);
  const file = shownName(absolute);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
    fail(file, [
      issue('unreadable-scenario', [file], `${file}: cannot read the scenario (${reason})`),
    ]);
  }
  const yaml = parseYaml(text, file);
  if (yaml.problems.length > 0) fail(file, yaml.problems);
  const place = (at: YamlPath, issues: readonly Issue[]): Issue[] =>
    issues.map((found) => yaml.place(found, at));
  const parsed = yaml.safeParse(Scenario);
  if (!parsed.success) fail(file, parsed.issues);
  const returns: SourceTable[] = [];
  for (const [i, r] of parsed.data.chronologyReturns.entries()) {
    try {
      returns.push(
        await readReturn(resolve(dirname(absolute), r.file), r.sheet ? { sheet: r.sheet } : {}),
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      fail(file, place(['chronologyReturns', i, 'file'], error.issues));
    }
  }
  // Check every record of every return now, so a bad return writes nothing.
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const persons = parsed.data.persons.map((p) => Person.parse(p));
  returns.forEach((table, i) => {
    const plan = planImport({ table, agencyName: table.file, today, persons });
    const problems = plan.problems.map((p) => ({
      ...p,
      message: `${p.file}, ${problemLocation(p)}: ${p.message}`,
      path: [],
    }));
    if (problems.length > 0) fail(file, place(['chronologyReturns', i, 'file'], problems));
  });
  const returnedEntries = returns.reduce(
    (n, t) => n + t.rows.filter((r) => !isBlankRow(r)).length,
    0,
  );
  const problems = checkScenario(parsed.data, returnedEntries);
  if (problems.length > 0) fail(file, place([], problems));
  return { file, scenario: parsed.data, returns, place };
}

/**
 * The checks the schema cannot make: ids come in the order the builder will
 * allocate them, every reference names an item of the file, and every
 * chronology date can be read. Returns issues with paths into the YAML.
 */
export function checkScenario(scenario: Scenario, returnedEntries = 0): Issue[] {
  const issues: Issue[] = [];
  const declared = new Map<IdKind, Set<string>>();

  const declare = (
    kind: IdKind,
    items: readonly { id: string }[],
    path: (i: number) => YamlPath,
  ) => {
    const ids = new Set<string>();
    items.forEach((item, i) => {
      // By position, not by count so far, so one wrong id is reported once, not for every item after it.
      const expected = `${ID_PREFIXES[kind]}-${i + 1}`;
      if (item.id !== expected) {
        issues.push(
          issue(
            'id-out-of-order',
            [...path(i), 'id'],
            `found ${item.id}, expected ${expected}: ids are numbered in the order items are listed, starting at 1`,
            [item.id],
          ),
        );
      }
      ids.add(item.id);
    });
    declared.set(kind, ids);
  };

  const refer = (id: string, path: YamlPath) => {
    const kind = idKind(id);
    if (kind && declared.get(kind)?.has(id)) return;
    const known = kind ? [...(declared.get(kind) ?? [])] : [];
    const range = known.length > 0 ? `${known[0]} to ${known[known.length - 1]}` : 'none';
    issues.push(
      issue('reference-unknown', path, `${id} is not defined in this file (defined: ${range})`, [
        id,
      ]),
    );
  };

  declare('question', scenario.researchQuestions, (i) => ['researchQuestions', i]);
  declare('person', scenario.persons, (i) => ['persons', i]);
  declare('agency', scenario.agencies, (i) => ['agencies', i]);
  declare('participant', scenario.participants, (i) => ['participants', i]);
  declare('chronology', scenario.chronology, (i) => ['chronology', i]);
  // Entries from agency returns take the ids after those listed, in file and record order.
  const fromReturns = declared.get('chronology') as Set<string>;
  for (let n = 1; n <= returnedEntries; n++)
    fromReturns.add(`CH-${scenario.chronology.length + n}`);
  for (const [i, r] of scenario.chronologyReturns.entries())
    refer(r.agency, ['chronologyReturns', i, 'agency']);
  declare('conversation', scenario.conversations, (i) => ['conversations', i]);
  // Excerpt ids run on across conversations, in the order they are listed.
  declare(
    'excerpt',
    scenario.conversations.flatMap((c) => c.excerpts),
    (n) => {
      let rest = n;
      for (const [c, conversation] of scenario.conversations.entries()) {
        if (rest < conversation.excerpts.length) return ['conversations', c, 'excerpts', rest];
        rest -= conversation.excerpts.length;
      }
      return ['conversations'];
    },
  );
  declare('kpe', scenario.kpes, (i) => ['kpes', i]);
  declare('factor', scenario.factors, (i) => ['factors', i]);
  declare('finding', scenario.findings, (i) => ['findings', i]);
  declare('meeting', scenario.meetings, (i) => ['meetings', i]);
  declare('timeLog', scenario.timeLog, (i) => ['timeLog', i]);

  /** Checks each id of a list field, e.g. a KPE's `chronologyRefs`. */
  const referAll = (ids: readonly string[], path: YamlPath) => {
    for (const [j, id] of ids.entries()) refer(id, [...path, j]);
  };

  for (const [i, p] of scenario.participants.entries()) {
    if (p.agencyId) refer(p.agencyId, ['participants', i, 'agencyId']);
  }
  for (const [i, entry] of scenario.chronology.entries()) {
    refer(entry.agencyId, ['chronology', i, 'agencyId']);
    const parsed = parseEventDate(entry.date);
    if (!parsed.ok) {
      const message = `chronology entry ${entry.id}: ${parsed.message}`;
      issues.push(issue('invalid-date', ['chronology', i, 'date'], message, [entry.id]));
    }
  }
  for (const [i, c] of scenario.conversations.entries()) {
    refer(c.participantId, ['conversations', i, 'participantId']);
    referAll(c.conductedBy, ['conversations', i, 'conductedBy']);
  }
  for (const [i, kpe] of scenario.kpes.entries()) {
    referAll(kpe.agencyIds, ['kpes', i, 'agencyIds']);
    referAll(kpe.chronologyRefs, ['kpes', i, 'chronologyRefs']);
  }
  for (const [i, factor] of scenario.factors.entries()) {
    for (const [j, link] of factor.links.entries()) {
      refer(link.kpeId, ['factors', i, 'links', j, 'kpeId']);
      referAll(link.evidence, ['factors', i, 'links', j, 'evidence']);
    }
  }
  for (const [i, finding] of scenario.findings.entries()) {
    referAll(finding.factorIds, ['findings', i, 'factorIds']);
  }
  for (const [i, meeting] of scenario.meetings.entries()) {
    referAll(meeting.attendees, ['meetings', i, 'attendees']);
  }
  for (const [i, entry] of scenario.timeLog.entries()) {
    refer(entry.participantId, ['timeLog', i, 'participantId']);
  }
  return issues;
}
