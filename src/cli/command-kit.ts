/** Small shared pieces for defining commands: the --review option, and running a change or a read. */
import type { Command } from 'commander';
import type { CommandResult, Workspace } from '../app/workspace.ts';
import { ValidationError, WorkflowError } from '../domain/errors.ts';
import { describeLinks, type RecordLink } from '../domain/record-links.ts';
import { type CliEnvironment, type GlobalOptions, withWorkspace } from './context.ts';
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

/** Runs `fn`, restating a refusal in the command's own terms (options rather than fields). */
export async function inCommandTerms<T>(command: Command, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw error instanceof ValidationError || error instanceof WorkflowError
      ? inFlagTerms(error, command)
      : error;
  }
}

async function reviewOf(ws: Workspace, requested: string | undefined): Promise<string> {
  const { resolveReviewId } = await import('../app/reviews.ts');
  return resolveReviewId(ws, requested);
}

/**
 * Runs a command that changes a review and prints what it did: with --json
 * the new ids and sequence numbers; otherwise one line.
 */
export async function runChange(
  env: CliEnvironment,
  command: Command,
  change: (ws: Workspace, reviewId: string, options: Options) => Promise<CommandResult>,
  describe: (result: CommandResult) => string,
): Promise<void> {
  const options = optionsOf(command);
  await withWorkspace(env, options, { create: false }, async (ws) => {
    const result = await inCommandTerms(command, async () =>
      change(ws, await reviewOf(ws, options.review), options),
    );
    if (options.json) {
      printJson(env.output, {
        review: result.state.review.id,
        ids: result.events.flatMap((e) => {
          const id = (e.payload as { id?: unknown }).id;
          return typeof id === 'string' ? [id] : [];
        }),
        events: result.events.map((e) => ({ seq: e.seq, type: e.type, hash: e.hash })),
        ...(result.seals
          ? {
              seals: result.seals.map((s) => ({
                id: s.id,
                seq: s.seq,
                headHash: s.headHash,
                keyFingerprint: s.keyFingerprint,
              })),
            }
          : {}),
        message: describe(result),
      });
    } else {
      env.output.out(describe(result));
      printSeals(env, result);
    }
  });
}

/** One line for each seal a change made of the review's head. */
export function printSeals(env: CliEnvironment, result: CommandResult): void {
  for (const seal of result.seals ?? []) {
    env.output.out(
      `Sealed event ${seal.seq} of review ${seal.reviewId} (head ${seal.headHash}) with key ${seal.keyFingerprint}`,
    );
  }
}

/** Runs a reading command over one review. */
export async function runRead(
  env: CliEnvironment,
  command: Command,
  read: (ws: Workspace, reviewId: string, options: Options) => Promise<void>,
): Promise<void> {
  const options = optionsOf(command);
  await withWorkspace(env, options, { create: false }, async (ws) => {
    await inCommandTerms(command, async () =>
      read(ws, await reviewOf(ws, options.review), options),
    );
  });
}

/** The id of the one thing a single-event command created. */
export function createdId(result: CommandResult): string {
  const payload = result.events[0]?.payload as { id?: string } | undefined;
  return payload?.id ?? '';
}

/** What a removal did, in one line: the record removed and, when forced, what it was detached from. */
export function describeRemoval(noun: string) {
  return (result: CommandResult): string => {
    const payload = result.events[0]?.payload as { id?: string; detached?: RecordLink[] };
    const detached = payload?.detached ?? [];
    const what = `Removed ${noun ? `${noun} ` : ''}${payload?.id ?? ''}`;
    return detached.length > 0 ? `${what}; detached it from ${describeLinks(detached)}` : what;
  };
}

/** A removal as the CLI offers it: the use-case, loaded when the command runs. */
type RemoveUseCase = (
  ws: Workspace,
  reviewId: string,
  id: string,
  reason: unknown,
  options: { force?: boolean },
) => Promise<CommandResult>;

export interface RemoveCommandSpec {
  description: string;
  /** The argument's help: the record, with an example id. */
  argument: string;
  /** The record kind in the line printed ("chronology entry"); '' to print the id alone. */
  noun: string;
  /** Help for `--force`, for records others may name; without it there is no `--force`. */
  force?: string;
  /** Help for `--reason`, when "why it is removed" does not fit ("why they are removed"). */
  reason?: string;
  example?: string;
  load: () => Promise<RemoveUseCase>;
}

/** `<noun> remove <id> --reason "…" [--force]`: the same grammar for every kind of record. */
export function addRemoveCommand(parent: Command, env: CliEnvironment, spec: RemoveCommandSpec) {
  const command = parent
    .command('remove')
    .description(spec.description)
    .argument('<id>', spec.argument)
    .requiredOption('--reason <text>', spec.reason ?? 'why it is removed (kept in the log)');
  if (spec.force) command.option('--force', spec.force);
  if (spec.example) command.addHelpText('after', `\nExample:\n  ${spec.example}`);
  withReviewOption(command).action(async (id: string, _opts, cmd: Command) => {
    const remove = await spec.load();
    await runChange(
      env,
      cmd,
      (ws, reviewId, o) => remove(ws, reviewId, id, o.reason, { force: Boolean(o.force) }),
      describeRemoval(spec.noun),
    );
  });
}
