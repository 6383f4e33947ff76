// The browser install the quick start may perform (and nothing else does): on a fresh Debian
// machine running as root it installs Debian's chromium, saying so first, under a lock so that a
// second process waits for the first instead of failing; everywhere else it says what to install.
// Every other path only looks for a browser (findBrowser) and refuses when there is none.
import { spawn } from 'node:child_process';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { RenderError } from '../../domain/errors.ts';
import { findBrowser, MISSING_BROWSER_FIX } from './find-browser.ts';

export type Log = (line: string) => void;

/** The effects ensureBrowser needs, so tests can replace them. */
export interface EnsureBrowserDeps {
  find: () => string | null;
  canInstallDebianPackages: () => boolean;
  installDebianPackages: (pkgs: readonly string[], log: Log) => Promise<void>;
  /** Held while installing; a second process that finds it waits. */
  lockFile?: string;
}

export const INSTALL_LOCK_FILE = join(tmpdir(), 'tunnelview-browser-install.lock');

/** Longer than apt-get takes to fetch and install chromium on a slow line. */
const LOCK_WAIT_MS = 10 * 60_000;
const LOCK_POLL_MS = 250;
/** A lock still without a pid after this was left by a process that died as it took it. */
const LOCK_UNWRITTEN_MS = 10_000;

/**
 * The path of a Chrome/Chromium to launch. When none is found and this is a Debian/Ubuntu
 * machine where we are root (a CI container, a fresh laptop VM), installs `chromium` with
 * apt-get first — only the quick start calls this. One process installs; any other waits for
 * it and then uses what it installed.
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
    const installed = await withInstallLock(deps.lockFile ?? INSTALL_LOCK_FILE, log, async () => {
      // Another process may have installed it while this one waited for the lock.
      const meanwhile = deps.find();
      if (meanwhile) return meanwhile;
      log('No Chrome/Chromium found; installing the Debian package chromium with apt-get.');
      await deps.installDebianPackages(['chromium'], log);
      return deps.find();
    });
    if (installed) return installed;
  }
  throw new RenderError('No Chrome/Chromium browser was found, so the PDF cannot be rendered.', {
    fix: MISSING_BROWSER_FIX,
  });
}

/**
 * Runs `fn` holding `lockFile` (created exclusively, holding our pid). A lock whose process has
 * gone is taken over; a live one is waited for, up to LOCK_WAIT_MS.
 */
async function withInstallLock<T>(lockFile: string, log: Log, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  let said = false;
  for (;;) {
    const fd = tryCreate(lockFile);
    if (fd !== undefined) {
      try {
        writeSync(fd, String(process.pid));
        return await fn();
      } finally {
        closeSync(fd);
        rmSync(lockFile, { force: true });
      }
    }
    const holder = lockHolder(lockFile);
    if (holder === undefined ? olderThan(lockFile, LOCK_UNWRITTEN_MS) : !isAlive(holder)) {
      rmSync(lockFile, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new RenderError(
        `Another process (${holder ?? 'unknown'}) has been installing the browser for ten minutes.`,
        { fix: `If no install is running, remove ${lockFile} and try again.` },
      );
    }
    if (!said) {
      log('Another process is installing the browser; waiting for it to finish.');
      said = true;
    }
    await sleep(LOCK_POLL_MS);
  }
}

function tryCreate(file: string): number | undefined {
  try {
    // Exclusive: fails if the file (or a symlink planted in its place) exists.
    return openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw error;
  }
}

/** The pid in the lock file; undefined while the holder has not written it yet. */
function lockHolder(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function olderThan(file: string, ms: number): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs > ms;
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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
  // apt's own lock, for apt runs that are not ours: wait for it rather than fail.
  const wait = ['-o', 'DPkg::Lock::Timeout=300'];
  await runApt([...wait, 'update', '-qq'], list);
  await runApt([...wait, 'install', '-y', '-qq', ...pkgs], list);
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
