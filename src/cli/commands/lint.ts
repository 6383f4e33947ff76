/**
 * `lint`, `lint accept`, `lint rules`: the language check. Flags hindsight,
 * counterfactual and blame phrasing in a review (or in a plain text file,
 * line by line) with the reason and a direction for rewording; a reviewer
 * accepts a flagged sentence with a recorded justification.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ValidationError } from '../../domain/errors.ts';
import { issue } from '../../domain/issue.ts';
import {
  type LanguageIssue,
  lintReview,
  lintText,
  reviewTextFields,
  staleAcceptances,
} from '../../language/index.ts';
import { loadModel } from '../../model/load-model.ts';
import type { MethodologyModel } from '../../model/methodology-model.ts';
import { optionsOf, runChange, runRead, withReviewOption } from '../command-kit.ts';
import type { CliEnvironment } from '../context.ts';
import { printJson, printTable } from '../output.ts';

const DEFAULT_MODEL = 'learning-together';

function acceptCommand(reviewId: string, flag: LanguageIssue): string {
  return `tunnelview lint accept --review ${reviewId} --field ${flag.handle} --rule ${flag.code} --justification "…"`;
}

/** A flag as `lint --json` prints it. */
function flagJson(reviewId: string, flag: LanguageIssue) {
  return {
    handle: flag.handle,
    field: flag.field,
    path: flag.path,
    ids: flag.ids ?? [],
    label: flag.label,
    rule: flag.code,
    category: flag.flag.category,
    match: flag.flag.match,
    index: flag.flag.index,
    sentenceNumber: flag.flag.sentenceNumber,
    sentence: flag.flag.sentence,
    reason: flag.flag.reason,
    suggestion: flag.flag.suggestion,
    status: flag.accepted ? 'accepted' : 'open',
    ...(flag.accepted
      ? {
          acceptance: {
            justification: flag.accepted.justification,
            by: flag.accepted.by,
            at: flag.accepted.at,
            seq: flag.accepted.seq,
          },
        }
      : { accept: acceptCommand(reviewId, flag) }),
  };
}

/** The lines of a text file, 1-based; a final line break does not make an empty last line. */
function readLines(env: CliEnvironment, file: string): string[] {
  let text: string;
  try {
    text = readFileSync(resolve(env.cwd, file), 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new ValidationError([
      issue('unreadable-file', ['--text'], `cannot read ${file} (${reason}); check the path`),
    ]);
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines;
}

function lintFile(env: CliEnvironment, file: string, model: MethodologyModel, json: boolean): void {
  const results = readLines(env, file).map((text, i) => ({
    line: i + 1,
    flags: lintText(text, model.language).map((f) => ({
      rule: f.rule,
      category: f.category,
      match: f.match,
      reason: f.reason,
      suggestion: f.suggestion,
      column: f.index + 1,
    })),
  }));
  if (json) {
    printJson(env.output, { results });
    return;
  }
  const out = env.output.out;
  let count = 0;
  for (const result of results) {
    for (const f of result.flags) {
      count++;
      out(`${file}:${result.line}:${f.column} ${f.rule} (${f.category}): "${f.match}"`);
      out(`    Why: ${f.reason}`);
      out(`    Direction: ${f.suggestion}`);
    }
  }
  const flagged = results.filter((r) => r.flags.length > 0).length;
  out(
    `${count} flag${count === 1 ? '' : 's'} on ${flagged} of ${results.length} line${results.length === 1 ? '' : 's'} (rules of model ${model.id})`,
  );
}

export function registerLintCommands(program: Command, env: CliEnvironment): void {
  const lint = withReviewOption(
    program
      .command('lint')
      .description(
        'flag hindsight, counterfactual and blame phrasing in a review (or a text file), with reasons and a direction for rewording',
      )
      .option('--text <file>', 'check each line of a plain text file instead of a review')
      .option(
        '--model <id>',
        `the model whose language rules check --text (default: ${DEFAULT_MODEL})`,
      )
      .addHelpText(
        'after',
        '\nA flag stays open until the sentence is reworded or a reviewer accepts it with\n`tunnelview lint accept`; open flags block the move from the findings stage.\n\nExample:\n  tunnelview lint --review R-7K2M9Q\n  tunnelview lint --text draft.txt --json',
      ),
  ).action(async (_opts, command: Command) => {
    const o = optionsOf(command);
    if (o.text !== undefined) {
      if (o.review !== undefined) {
        throw new ValidationError([
          issue(
            'conflicting-options',
            ['--text'],
            'give --review or --text, not both: a review is checked with its own model, a file line by line',
          ),
        ]);
      }
      const model = loadModel(String(o.model ?? DEFAULT_MODEL));
      return lintFile(env, String(o.text), model, Boolean(o.json));
    }
    if (o.model !== undefined) {
      throw new ValidationError([
        issue(
          'conflicting-options',
          ['--model'],
          "--model goes with --text; a review is checked with its own model's rules",
        ),
      ]);
    }
    await runRead(env, command, async (service, reviewId, options) => {
      const state = await service.load(reviewId);
      const model = service.modelOf(state);
      const flags = lintReview(state, model.language, { includeAccepted: true });
      const open = flags.filter((f) => !f.accepted);
      const accepted = flags.filter((f) => f.accepted);
      const stale = staleAcceptances(state, model.language);
      if (options.json) {
        return printJson(env.output, {
          review: reviewId,
          model: model.id,
          open: open.length,
          accepted: accepted.length,
          flags: flags.map((f) => flagJson(reviewId, f)),
          staleAcceptances: stale,
        });
      }
      const out = env.output.out;
      const fields = reviewTextFields(state);
      out(
        `Language check of ${reviewId} (rules of model ${model.id}): ${open.length} open, ${accepted.length} accepted, in ${fields.length} text field${fields.length === 1 ? '' : 's'}`,
      );
      let field = '';
      for (const f of flags) {
        if (f.field !== field) {
          field = f.field;
          out('');
          out(`${f.field} (${f.label})`);
        }
        out(
          `  [${f.accepted ? 'accepted' : 'open'}] sentence ${f.flag.sentenceNumber}, ${f.code} (${f.flag.category}): "${f.flag.match}"`,
        );
        out(`      "${f.flag.sentence.replace(/\s+/g, ' ')}"`);
        out(`      Why: ${f.flag.reason}`);
        out(`      Direction: ${f.flag.suggestion}`);
        if (f.accepted) {
          out(
            `      Accepted by ${f.accepted.by} (${f.accepted.at.slice(0, 10)}): ${f.accepted.justification}`,
          );
        } else {
          out(`      Handle: ${f.handle} ${f.code}`);
          out(`      Accept: ${acceptCommand(reviewId, f)}`);
        }
      }
      if (stale.length > 0) {
        out('');
        out(
          `${stale.length} earlier acceptance${stale.length === 1 ? ' no longer applies' : 's no longer apply'}: the sentence was reworded or removed.`,
        );
      }
    });
  });

  withReviewOption(
    lint
      .command('accept')
      .description(
        'accept a flagged sentence with a recorded justification, so it no longer blocks (until the sentence changes)',
      )
      .requiredOption(
        '--field <path>',
        'the field as lint shows it, e.g. kpes.KPE-3.appraisal.text; add #N for sentence N where the rule flags several there',
      )
      .requiredOption('--rule <id>', 'the rule whose flag is accepted, e.g. failed-to')
      .requiredOption(
        '--justification <text>',
        'why the sentence stands as written (kept in the log)',
      )
      .addHelpText(
        'after',
        '\nExample:\n  tunnelview lint accept --review R-7K2M9Q --field kpes.KPE-3.appraisal.text#2 --rule should-have \\\n    --justification "Quotes the standard the protocol sets; the source is cited in the standard field"',
      ),
  ).action(async (_opts, command: Command) => {
    await runChange(
      env,
      command,
      (service, reviewId, o) =>
        service.acceptFlag(reviewId, {
          field: o.field,
          rule: o.rule,
          justification: o.justification,
        }),
      (result) => {
        const event = result.events[0];
        if (event?.type !== 'language.flag-accepted') return 'Accepted';
        const { field, rule, sentence } = event.payload;
        return `Accepted ${rule} in ${field.join('.')}: "${sentence.replace(/\s+/g, ' ')}"`;
      },
    );
  });

  lint
    .command('rules')
    .description('the language rules of a model: what the check flags, and why')
    .option('--model <id>', `the model (default: ${DEFAULT_MODEL})`)
    .addHelpText('after', '\nExample:\n  tunnelview lint rules --model seips --json')
    .action((_opts, command: Command) => {
      const o = optionsOf(command);
      const model = loadModel(String(o.model ?? DEFAULT_MODEL));
      if (o.json) return printJson(env.output, model.language);
      printTable(env.output, model.language.rules, [
        { header: 'RULE', value: (r) => r.id },
        { header: 'CATEGORY', value: (r) => r.category },
        { header: 'WHY', value: (r) => r.reason, max: 90 },
      ]);
    });
}
