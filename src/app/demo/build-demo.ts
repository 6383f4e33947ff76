/**
 * Builds the fictional demo review from its scenario file by replaying every
 * item through the use-cases, exactly as a reviewer's commands would.
 */
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseEventDate } from '../../chronology/parse-event-date.ts';
import type { SourceTable } from '../../chronology/source-table.ts';
import { InternalError, ValidationError, WorkflowError } from '../../domain/errors.ts';
import { issue } from '../../domain/issue.ts';
import type { YamlPath } from '../../model/parse-yaml.ts';
import { addChronologyEntry } from '../chronology.ts';
import { addExcerpt, recordConversation } from '../conversations.ts';
import { addFactor, linkFactor } from '../factors.ts';
import { addFinding } from '../findings.ts';
import { applyReturn } from '../import-return.ts';
import { addKpe } from '../kpes.ts';
import { recordMeeting } from '../meetings.ts';
import { addAgency, addParticipant, addPerson } from '../register.ts';
import { addResearchQuestion, createReview, setReportText } from '../reviews.ts';
import { logTime } from '../time-log.ts';
import { advance } from '../workflow.ts';
import type { Workspace } from '../workspace.ts';
import { type LoadedScenario, loadScenario } from './scenario.ts';

/** The shipped demo: a wholly fictional LCSPR set in the invented town of Fenwick Vale. */
export const DEMO_SCENARIO = fileURLToPath(
  new URL('../../../examples/fenwick-vale/review.yaml', import.meta.url),
);

/**
 * Reads and validates `scenarioFile`, creates the review and replays the
 * scenario into it; returns the review id. Every problem — in the file or
 * refused by a use-case — names the file and the YAML path. The file is
 * checked whole before anything is written; a refusal by a use-case (an
 * unknown factor head, say) stops the build part-way, leaving the review as
 * far as it got, which is why the demo command starts from a fresh workspace.
 * @example const reviewId = await buildDemoReview(ws, DEMO_SCENARIO);
 */
export async function buildDemoReview(ws: Workspace, scenarioFile: string): Promise<string> {
  const loaded = await loadScenario(scenarioFile);
  const { scenario } = loaded;
  const step = stepper(loaded);

  const { id: requestedReviewId, ...reviewInput } = scenario.review;
  const created = await step(['review'], () => createReview(ws, reviewInput, requestedReviewId));
  const reviewId = created.state.review.id;

  // Order follows the references: agencies before the people and entries that
  // name them, evidence before the KPEs and factors that cite it.
  for (const [i, q] of scenario.researchQuestions.entries()) {
    await step(['researchQuestions', i], () => addResearchQuestion(ws, reviewId, q.text, q.id));
  }
  for (const [section, text] of Object.entries(scenario.texts)) {
    await step(['texts', section], () => setReportText(ws, reviewId, section, text));
  }
  for (const [i, { id, ...person }] of scenario.persons.entries()) {
    await step(['persons', i], () => addPerson(ws, reviewId, person, id));
  }
  for (const [i, { id, ...agency }] of scenario.agencies.entries()) {
    await step(['agencies', i], () => addAgency(ws, reviewId, agency, id));
  }
  for (const [i, { id, ...participant }] of scenario.participants.entries()) {
    await step(['participants', i], () => addParticipant(ws, reviewId, participant, id));
  }
  const source = basename(scenarioFile);
  for (const [i, { id, date, ...entry }] of scenario.chronology.entries()) {
    const parsed = parseEventDate(date);
    // loadScenario has already refused unreadable dates, naming the entry.
    if (!parsed.ok) throw new InternalError(`chronology entry ${id}: ${parsed.message}`);
    const input = {
      ...entry,
      date: parsed.date,
      // Record number = position in the file's chronology list, so each row traces back.
      provenance: { method: 'import' as const, file: source, record: i + 1 },
    };
    await step(['chronology', i], () => addChronologyEntry(ws, reviewId, input, id));
  }
  for (const [i, r] of scenario.chronologyReturns.entries()) {
    const table = loaded.returns[i] as SourceTable;
    const { plan, outcome } = await step(['chronologyReturns', i], () =>
      applyReturn(ws, reviewId, { table, agency: r.agency }),
    );
    if (outcome.ids.length !== plan.entries.length || plan.problems.length > 0) {
      throw new ValidationError(
        loaded.place(
          ['chronologyReturns', i, 'file'],
          plan.problems.length > 0
            ? plan.problems
            : [issue('return-not-imported', [], `${plan.file} was not imported`)],
        ),
      );
    }
  }
  for (const [i, { id, excerpts, ...conversation }] of scenario.conversations.entries()) {
    await step(['conversations', i], () => recordConversation(ws, reviewId, conversation, id));
    for (const [j, { id: excerptId, ...excerpt }] of excerpts.entries()) {
      await step(['conversations', i, 'excerpts', j], () =>
        addExcerpt(ws, reviewId, { ...excerpt, conversationId: id }, excerptId),
      );
    }
  }
  for (const [i, { id, ...kpe }] of scenario.kpes.entries()) {
    await step(['kpes', i], () => addKpe(ws, reviewId, kpe, id));
  }
  for (const [i, { id, links: _links, ...factor }] of scenario.factors.entries()) {
    await step(['factors', i], () => addFactor(ws, reviewId, factor, id));
  }
  for (const [i, factor] of scenario.factors.entries()) {
    for (const [j, link] of factor.links.entries()) {
      await step(['factors', i, 'links', j], () =>
        linkFactor(ws, reviewId, { ...link, factorId: factor.id }),
      );
    }
  }
  for (const [i, { id, factorIds, boardQuestions, ...finding }] of scenario.findings.entries()) {
    await step(['findings', i], () =>
      addFinding(ws, reviewId, finding, { id, factorIds, boardQuestions }),
    );
  }
  for (const [i, { id, ...meeting }] of scenario.meetings.entries()) {
    await step(['meetings', i], () => recordMeeting(ws, reviewId, meeting, id));
  }
  for (const [i, { id, ...entry }] of scenario.timeLog.entries()) {
    await step(['timeLog', i], () => logTime(ws, reviewId, entry, id));
  }
  for (const [i, move] of scenario.stageMoves.entries()) {
    const moved = await step(['stageMoves', i], () =>
      advance(ws, reviewId, {
        date: move.date,
        ...(move.outcome ? { outcome: move.outcome } : {}),
      }),
    );
    if (moved.state.stage !== move.to) {
      throw new ValidationError(
        loaded.place(
          ['stageMoves', i, 'to'],
          [
            issue(
              'stage-move-elsewhere',
              ['stageMoves', i, 'to'],
              `the workflow moved the review to "${moved.state.stage}", not "${move.to}"`,
            ),
          ],
        ),
      );
    }
  }
  return reviewId;
}

/** Runs one use-case for the item at `at`, re-homing any refusal onto the scenario file. */
function stepper(loaded: LoadedScenario) {
  return async <T>(at: YamlPath, command: () => Promise<T>): Promise<T> => {
    try {
      return await command();
    } catch (error) {
      if (!(error instanceof ValidationError || error instanceof WorkflowError)) throw error;
      const issues = loaded.place(at, error.issues);
      const summary = [
        `${loaded.file}: an item of the demo scenario was refused:`,
        ...issues.map((i) => i.message),
      ].join('\n  ');
      const refused = new ValidationError(issues, summary);
      refused.cause = error;
      throw refused;
    }
  };
}
