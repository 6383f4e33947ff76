/**
 * Progress of work that takes more than a moment (render, a large import, the
 * demo), shown as a spinner with the current step on a terminal. Silent with
 * --json, when stderr is not a terminal, and in tests.
 */
import type { Progress } from '../app/progress.ts';
import type { CliEnvironment, GlobalOptions } from './context.ts';

export interface TerminalProgress {
  report: Progress | undefined;
  /** Clears the spinner; safe to call more than once. */
  done: () => void;
}

export function progressOnTerminal(env: CliEnvironment, options: GlobalOptions): TerminalProgress {
  if (!env.interactive || options.json) return { report: undefined, done: () => {} };
  // Loaded only on a terminal: scripts and tests never pay for it.
  let spinner: { text: string; start: () => void; stop: () => void } | undefined;
  let starting = false;
  let stopped = false;
  let latest = '';
  const show = (text: string) => {
    latest = text;
    if (spinner) spinner.text = text;
    if (starting) return;
    starting = true;
    void import('ora').then(({ default: ora }) => {
      if (stopped) return;
      spinner = ora({ text: latest, stream: process.stderr, discardStdin: false });
      spinner.start();
    });
  };
  return {
    report: ({ step, done, total }) =>
      show(total === undefined ? `${step}…` : `${step} (${done ?? 0} of ${total})…`),
    done: () => {
      stopped = true;
      spinner?.stop();
      spinner = undefined;
    },
  };
}
