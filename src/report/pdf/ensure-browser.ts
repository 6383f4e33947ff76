// Makes sure a browser exists before rendering: on a fresh Debian CI machine running as root it
// installs Debian's chromium; everywhere else it says exactly what to install.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { RenderError } from '../../domain/errors.ts';
import { findBrowser, MISSING_BROWSER_FIX } from './find-browser.ts';

export type Log = (line: string) => void;

/** The effects ensureBrowser needs, so tests can replace them. */
export interface EnsureBrowserDeps {
  find: () => string | null;
  canInstallDebianPackages: () => boolean;
  installDebianPackages: (pkgs: readonly string[], log: Log) => Promise<void>;
}

/**
 * The path of a Chrome/Chromium to launch. When none is found and this is a Debian/Ubuntu
 * machine where we are root (a CI container), installs `chromium` with apt-get first.
 * @throws RenderError with a `fix` naming what to install when there is still no browser.
 */
export async function ensureBrowser(
  { log = () => {} }: { log?: Log } = {},
  deps: EnsureBrowserDeps = {
    find: () => findBrowser(),
    canInstallDebianPackages,
    installDebianPackages,
  },
): Promise<string> {
  const found = deps.find();
  if (found) return found;

  if (deps.canInstallDebianPackages()) {
    log('No Chrome/Chromium found; installing the Debian package chromium with apt-get.');
    await deps.installDebianPackages(['chromium'], log);
    const installed = deps.find();
    if (installed) return installed;
  }
  throw new RenderError('No Chrome/Chromium browser was found, so the PDF cannot be rendered.', {
    fix: MISSING_BROWSER_FIX,
  });
}

/** True when apt-get can be run without asking anyone: Linux, root, Debian-like, apt-get on PATH. */
export function canInstallDebianPackages(env: NodeJS.ProcessEnv = process.env): boolean {
  return (
    process.platform === 'linux' &&
    process.getuid?.() === 0 &&
    existsSync('/etc/debian_version') &&
    findOnPath('apt-get', env) !== null
  );
}

/**
 * Installs Debian packages non-interactively as root
 * (`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq …`).
 * apt's own output is kept back and shown only when it fails, so JSON-speaking callers stay clean.
 * @throws RenderError when apt-get fails or cannot run.
 */
export async function installDebianPackages(pkgs: readonly string[], log: Log): Promise<void> {
  for (const pkg of pkgs) {
    // Names go straight to apt-get's argv, but an option-looking name would still change its meaning.
    if (!/^[a-z0-9][a-z0-9+.-]+$/.test(pkg)) {
      throw new RenderError(`Not a Debian package name: ${JSON.stringify(pkg)}.`);
    }
  }
  const list = pkgs.join(' ');
  log(
    `Running: apt-get update -qq && apt-get install -y -qq ${list} (this can take a minute or two)`,
  );
  const started = Date.now();
  await runApt(['update', '-qq'], list);
  await runApt(['install', '-y', '-qq', ...pkgs], list);
  log(`Installed ${list} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

function runApt(args: string[], list: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    const child = spawn('apt-get', args, {
      // No stdin: CI has none, and a prompt would hang forever.
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const fail = (why: string, cause?: unknown) =>
      reject(
        new RenderError(`Could not install ${list}: apt-get ${args.join(' ')} ${why}.`, {
          cause,
          fix: `Install it by hand: sudo apt-get update && sudo apt-get install ${list}\n${tail(output.join(''))}`,
        }),
      );
    child.on('error', (error) => fail('could not start', error));
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else fail(signal ? `was killed by ${signal}` : `exited with code ${code}`);
    });
  });
}

function tail(text: string, lines = 20): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** The full path of an executable found on PATH, or null. */
export function findOnPath(command: string, env: NodeJS.ProcessEnv = process.env): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here; keep looking.
    }
  }
  return null;
}
