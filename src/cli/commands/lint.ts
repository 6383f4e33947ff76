/**
 * `lint`, `lint accept`, `lint rules`: the language check. Flags hindsight,
 * counterfactual and blame phrasing in a review (or in a plain text file,
 * line by line) with the reason and a direction for rewording; a reviewer
 * accepts a flagged sentence with a recorded justification.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ValidationError } from '../../domain/errors.ts';
import { issue } from '../../domain/issue.ts';
import type { LanguageIssue } from '../../language/lint-review.ts';
import { inCommandTerms, optionsOf, runChange, runRead, withReviewOption } from '../command-kit.ts';
import type { CliEnvironment } from '../context.ts';
import { printJson, printTable } from '../output.ts';
import { fixCommand } from '../word-fix.ts';

const DEFAULT_MODEL = 'learning-together';

/** The command that accepts the flag, from the fix the language check gives it. */
function acceptCommand(reviewId: string, flag: LanguageIssue): string | undefined {
  return flag.fix ? fixCommand(flag.fix, { review: reviewId }) : undefined;
}

/** A flag as `lint --json` prints it. */
function flagJson(reviewId: string, flag: LanguageIssue) {
  return {
    handle: flag.handle,
    field: flag.field,
    path: flag.path,
    ids: flag.ids ?? [],
    label: flag.label,
    rule: flag.rule,
    category: flag.flag.category,
    match: flag.flag.match,
    index: flag.flag.index,
    sentenceNumber: flag.flag.sentenceNumber,
    sentence: flag.flag.sentence,
    reason: flag.flag.reason,
    suggestion: flag.flag.suggestion,
    status: flag.accepted ? 'accepted' : 'open',
    ...(flag.fix ? { fix: flag.fix } : {}),
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

async function lintFile(env: CliEnvironment, file: string, modelId: string, json: boolean) {
  const { textFileLanguage } = await import('../../app/language.ts');
  const { results, model } = textFileLanguage(resolve(env.cwd, file), modelId);
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
    `${count} flag${count === 1 ? '' : 's'} on ${flagged} of ${results.length} line${results.length === 1 ? '' : 's'} (rules of model ${model})`,
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
      return inCommandTerms(command, () =>
        lintFile(env, String(o.text), String(o.model ?? DEFAULT_MODEL), Boolean(o.json)),
      );
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
    const { reviewLanguage } = await import('../../app/language.ts');
    await runRead(env, command, async (ws, reviewId, options) => {
      const { flags, open, accepted, fields, stale, model } = await reviewLanguage(ws, reviewId);
      if (options.json) {
        return printJson(env.output, {
          review: reviewId,
          model,
          open,
          accepted,
          flags: flags.map((f) => flagJson(reviewId, f)),
          staleAcceptances: stale,
        });
      }
      const out = env.output.out;
      out(
        `Language check of ${reviewId} (rules of model ${model}): ${open} open, ${accepted} accepted, in ${fields} text field${fields === 1 ? '' : 's'}`,
      );
      let field = '';
      for (const f of flags) {
        if (f.field !== field) {
          field = f.field;
          out('');
          out(`${f.field} (${f.label})`);
        }
        out(
          `  [${f.accepted ? 'accepted' : 'open'}] sentence ${f.flag.sentenceNumber}, ${f.rule} (${f.flag.category}): "${f.flag.match}"`,
        );
        out(`      "${f.flag.sentence.replace(/\s+/g, ' ')}"`);
        out(`      Why: ${f.flag.reason}`);
        out(`      Direction: ${f.flag.suggestion}`);
        if (f.accepted) {
          out(
            `      Accepted by ${f.accepted.by} (${f.accepted.at.slice(0, 10)}): ${f.accepted.justification}`,
          );
        } else {
          out(`      Handle: ${f.handle} ${f.rule}`);
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
    const { acceptFlag } = await import('../../app/language.ts');
    await runChange(
      env,
      command,
      (ws, reviewId, o) =>
        acceptFlag(ws, reviewId, {
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
    .action(async (_opts, command: Command) => {
      const o = optionsOf(command);
      const { languageRulesOf } = await import('../../app/models.ts');
      const rules = languageRulesOf(String(o.model ?? DEFAULT_MODEL));
      if (o.json) return printJson(env.output, rules);
      printTable(env.output, rules.rules, [
        { header: 'RULE', value: (r) => r.id },
        { header: 'CATEGORY', value: (r) => r.category },
        { header: 'WHY', value: (r) => r.reason, max: 90 },
      ]);
    });
}
