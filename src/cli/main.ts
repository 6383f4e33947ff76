/**
 * The tunnelview command line: one noun–verb grammar over the review service.
 * Commands parse their arguments, call one use-case and print what it returns.
 */
import { Command, CommanderError } from 'commander';
import { registerAccountCommands } from './commands/account.ts';
import { registerCheckCommand } from './commands/check.ts';
import { registerChronologyCommands } from './commands/chronology.ts';
import { registerChronologyViewCommands } from './commands/chronology-views.ts';
import { registerClockCommand } from './commands/clock.ts';
import { registerConversationCommands } from './commands/conversation.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerFactorCommands } from './commands/factor.ts';
import { registerBoardIssueCommands, registerFindingCommands } from './commands/finding.ts';
import { registerKpeCommands } from './commands/kpe.ts';
import { registerLintCommands } from './commands/lint.ts';
import { registerLogCommands } from './commands/log.ts';
import { registerMapCommand } from './commands/map.ts';
import { registerMeetingCommands, registerTimeCommands } from './commands/meeting.ts';
import { registerModelCommands } from './commands/model.ts';
import { registerPatternsCommand } from './commands/patterns.ts';
import {
  registerAgencyCommands,
  registerParticipantCommands,
  registerPersonCommands,
} from './commands/register.ts';
import { registerRenderCommand } from './commands/render.ts';
import { registerResearchQuestionCommands, registerReviewCommands } from './commands/review.ts';
import { registerSealCommand } from './commands/seal.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerTraceCommand } from './commands/trace.ts';
import { registerWorkflowCommands } from './commands/workflow.ts';
import { registerWorkloadCommand } from './commands/workload.ts';
import type { CliEnvironment } from './context.ts';
import { addMissingExamples } from './examples.ts';
import { EXIT_OK, reportError } from './exit-codes.ts';
import { consoleOutput } from './output.ts';

export function buildProgram(env: CliEnvironment): Command {
  const program = new Command('tunnelview')
    .description(
      'Systems-approach case reviews (Learning Together): KPEs, contributory factors, findings and a findings report.',
    )
    .version('0.1.0')
    .option(
      '--workspace <path>',
      'the workspace file (default: $TUNNELVIEW_WORKSPACE or ./tunnelview.db)',
    )
    .option(
      '--actor <name>',
      'who is making the change (default: $TUNNELVIEW_ACTOR or your user name)',
    )
    .option('--json', 'print machine-readable JSON')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({
      writeOut: (s) => env.output.out(s.trimEnd()),
      writeErr: (s) => env.output.err(s.trimEnd()),
    });
  registerReviewCommands(program, env);
  registerResearchQuestionCommands(program, env);
  registerWorkflowCommands(program, env);
  registerPersonCommands(program, env);
  registerAgencyCommands(program, env);
  registerParticipantCommands(program, env);
  registerChronologyCommands(program, env);
  registerChronologyViewCommands(program, env);
  registerConversationCommands(program, env);
  registerKpeCommands(program, env);
  registerFactorCommands(program, env);
  registerFindingCommands(program, env);
  registerBoardIssueCommands(program, env);
  registerMeetingCommands(program, env);
  registerTimeCommands(program, env);
  registerWorkloadCommand(program, env);
  registerCheckCommand(program, env);
  registerPatternsCommand(program, env);
  registerTraceCommand(program, env);
  registerLogCommands(program, env);
  registerSealCommand(program, env);
  registerServeCommand(program, env);
  registerModelCommands(program, env);
  registerClockCommand(program, env);
  registerMapCommand(program, env);
  registerLintCommands(program, env);
  registerRenderCommand(program, env);
  registerDemoCommand(program, env);
  registerAccountCommands(program, env);
  addMissingExamples(program);
  // Subcommands inherit exit override and output settings.
  for (const command of program.commands) {
    command.exitOverride().configureOutput(program.configureOutput());
  }
  return program;
}

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it in-process. */
export async function main(argv: string[], env?: Partial<CliEnvironment>): Promise<number> {
  const full: CliEnvironment = {
    output: env?.output ?? consoleOutput,
    // Progress shows only on a person's terminal, never where output is captured.
    interactive: env?.interactive ?? (env?.output === undefined && Boolean(process.stderr.isTTY)),
    env: env?.env ?? process.env,
    cwd: env?.cwd ?? process.cwd(),
    ...(env?.clock ? { clock: env.clock } : {}),
    ...(env?.readLine ? { readLine: env.readLine } : {}),
  };
  const previousExitCode = process.exitCode;
  process.exitCode = undefined;
  try {
    await buildProgram(full).parseAsync(argv);
    const code = process.exitCode ?? EXIT_OK;
    return typeof code === 'number' ? code : Number(code);
  } catch (error) {
    if (error instanceof CommanderError && error.exitCode === 0) return EXIT_OK;
    return reportError(error, full.output.err);
  } finally {
    process.exitCode = previousExitCode;
  }
}
