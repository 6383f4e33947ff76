/**
 * Use-cases of the language check: hindsight, counterfactual and blame
 * phrasing in a review or in plain lines of text, and accepting a flagged
 * sentence with a recorded justification.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { ValidationError } from '../domain/errors.ts';
import { FIXED_FILE_MEGABYTES, fileSizeIssue } from '../domain/import-limits.ts';
import { issue } from '../domain/issue.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import { decideFlagAcceptance, FlagAcceptanceRequest } from '../language/accept-flag.ts';
import { lintReview, lintText, reviewTextFields, staleAcceptances } from '../language/index.ts';
import { loadModel } from '../model/load-model.ts';
import type { CommandResult, Workspace } from './workspace.ts';

/** Every flag in the review's text, open and accepted, with acceptances that no longer apply. */
export async function reviewLanguage(ws: Workspace, reviewId: string) {
  const state = await ws.load(reviewId);
  const model = ws.modelOf(state);
  const flags = lintReview(state, model.language, { includeAccepted: true });
  return {
    review: state.review.id,
    model: model.id,
    flags,
    open: flags.filter((f) => !f.accepted).length,
    accepted: flags.filter((f) => f.accepted).length,
    fields: reviewTextFields(state).length,
    stale: staleAcceptances(state, model.language),
  };
}

/** The lines of a text file; a final line break does not make an empty last line. */
function readLines(path: string): string[] {
  let text: string;
  try {
    const tooLarge = fileSizeIssue(basename(path), statSync(path).size, FIXED_FILE_MEGABYTES.text, {
      what: 'a text checked line by line',
      fixed: true,
      advice: 'check it in parts',
    });
    if (tooLarge) throw new ValidationError([{ ...tooLarge, path: ['text'] }]);
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    if (cause instanceof ValidationError) throw cause;
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new ValidationError([
      issue('unreadable-file', ['text'], `cannot read ${path} (${reason}); check the path`),
    ]);
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines;
}

/** The flags in each line of a plain text file, by a model's rules; lines are 1-based. */
export function textFileLanguage(path: string, modelId: string) {
  return textLanguage(readLines(path), modelId);
}

/** The flags in each line of a text, by a model's rules; lines are 1-based. */
export function textLanguage(lines: readonly string[], modelId: string) {
  const model = loadModel(modelId);
  return {
    model: model.id,
    results: lines.map((text, i) => ({
      line: i + 1,
      flags: lintText(text, model.language).map((f) => ({
        rule: f.rule,
        category: f.category,
        match: f.match,
        reason: f.reason,
        suggestion: f.suggestion,
        column: f.index + 1,
      })),
    })),
  };
}

/**
 * Accepts a sentence the language check flags, with a recorded
 * justification, so it no longer blocks; `field` is as the check names it
 * (`kpes.KPE-3.appraisal.text`, with `#n` for the sentence where the rule
 * flags several there).
 */
export function acceptFlag(
  ws: Workspace,
  reviewId: string,
  request: unknown,
): Promise<CommandResult> {
  const parsed = parseOrThrow(FlagAcceptanceRequest, request);
  return ws.run(reviewId, (state, model) => [decideFlagAcceptance(state, model.language, parsed)]);
}

/**
 * The open flags in one record's text (a KPE's appraisal and explanation), each with the path
 * of its field inside the record (`['appraisal', 'text']`), for a page to show beside the field.
 */
export async function recordLanguage(ws: Workspace, reviewId: string, id: string) {
  const state = await ws.load(reviewId);
  const model = ws.modelOf(state);
  return lintReview(state, model.language)
    .filter((f) => f.path[1] === id)
    .map((f) => ({
      field: f.path.slice(2),
      rule: f.rule,
      category: f.flag.category,
      match: f.flag.match,
      sentence: f.flag.sentence,
      sentenceNumber: f.flag.sentenceNumber,
      reason: f.flag.reason,
      suggestion: f.flag.suggestion,
    }));
}
