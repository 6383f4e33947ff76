/** Small shared pieces for defining commands: the --review and --json options, and result printing. */
import type { Command } from 'commander';
import { ValidationError } from '../domain/errors.ts';
import type { CommandResult, ReviewService } from '../service/review-service.ts';
import { type CliEnvironment, type GlobalOptions, resolveReview, withService } from './context.ts';
import { inFlagTerms } from './flag-terms.ts';
import { printJson } from './output.ts';

export type Options = GlobalOptions & { review?: string } & Record<string, unknown>;

/** Adds `--review` (optional when the workspace holds one review) to a command. */
export function withReviewOption(command: Command): Command {
  return command.option(
    '--review <id>',
    'the review (may be left out when the workspace holds one)',
  );
}

/** All options of a command, including the root program's (--workspace, --actor, --json). */
export function optionsOf(command: Command): Options {
  return command.optsWithGlobals() as Options;
}

/**
 * Runs a command that changes a review and prints what it did: with --json
 * the new ids and sequence numbers; otherwise one line per event.
 */
export async function runChange(
  env: CliEnvironment,
  command: Command,
  change: (service: ReviewService, reviewId: string, options: Options) => Promise<CommandResult>,
  describe: (result: CommandResult) => string,
): Promise<void> {
  const options = optionsOf(command);
  await withService(env, options, { create: false }, async (service) => {
    const reviewId = await resolveReview(service, options.review);
    let result: CommandResult;
    try {
      result = await change(service, reviewId, options);
    } catch (error) {
      throw error instanceof ValidationError ? inFlagTerms(error, command) : error;
    }
    if (options.json) {
      printJson(env.output, {
        review: reviewId,
        ids: result.events.flatMap((e) => {
          const id = (e.payload as { id?: unknown }).id;
          return typeof id === 'string' ? [id] : [];
        }),
        events: result.events.map((e) => ({ seq: e.seq, type: e.type, hash: e.hash })),
        message: describe(result),
      });
    } else {
      env.output.out(describe(result));
    }
  });
}

/** Runs a reading command over one review's state. */
export async function runRead(
  env: CliEnvironment,
  command: Command,
  read: (service: ReviewService, reviewId: string, options: Options) => Promise<void>,
): Promise<void> {
  const options = optionsOf(command);
  await withService(env, options, { create: false }, async (service) => {
    const reviewId = await resolveReview(service, options.review);
    await read(service, reviewId, options);
  });
}

/** The id of the one thing a single-event command created. */
export function createdId(result: CommandResult): string {
  const payload = result.events[0]?.payload as { id?: string } | undefined;
  return payload?.id ?? '';
}
