// Finds a Chrome/Chromium executable for the PDF renderer without downloading anything,
// because Puppeteer's own download is blocked on the closed networks tunnelview runs on.
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { RenderError } from '../../domain/errors.ts';

/** The only filesystem access discovery needs; tests pass a fake. */
export interface BrowserFs {
  exists(path: string): boolean;
  /** Entry names of a directory, or [] when it does not exist. */
  list(dir: string): string[];
}

export const realBrowserFs: BrowserFs = {
  exists: (path) => existsSync(path),
  list: (dir) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
};

/** Well-known install locations, in order of preference. */
const SYSTEM_BROWSER_PATHS: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

// Where a Chrome for Testing build keeps its binary inside `<cache>/chrome/<platform>-<version>/`.
const CACHE_BINARIES: readonly string[] = [
  'chrome-linux64/chrome',
  'chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
  'chrome-mac-x64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
];

export const MISSING_BROWSER_FIX =
  'Install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`), ' +
  'or set PUPPETEER_EXECUTABLE_PATH=/path/to/chrome.';

/**
 * The path of a usable Chrome/Chromium, or null when there is none.
 * Order: PUPPETEER_EXECUTABLE_PATH, Puppeteer's cache (PUPPETEER_CACHE_DIR, then
 * ~/.cache/puppeteer; newest version first), then system paths.
 * Throws a RenderError when PUPPETEER_EXECUTABLE_PATH names a file that does not exist,
 * because silently using another browser would hide the misconfiguration.
 */
export function findBrowser(
  env: NodeJS.ProcessEnv = process.env,
  fs: BrowserFs = realBrowserFs,
): string | null {
  const explicit = env.PUPPETEER_EXECUTABLE_PATH?.trim();
  if (explicit) {
    if (fs.exists(explicit)) return explicit;
    throw new RenderError(
      `PUPPETEER_EXECUTABLE_PATH is set to ${explicit}, but no file exists there.`,
      {
        fix: `Point PUPPETEER_EXECUTABLE_PATH at an installed Chrome/Chromium (for example /usr/bin/chromium), or unset it so that the usual places are searched. ${MISSING_BROWSER_FIX}`,
      },
    );
  }
  for (const candidate of [...cachedBrowsers(env, fs), ...SYSTEM_BROWSER_PATHS]) {
    if (fs.exists(candidate)) return candidate;
  }
  return null;
}

/**
 * The browser to launch, found and never installed: installing is the quick start's to offer
 * (ensureBrowser), not something a render does behind the user's back.
 * @throws RenderError naming what to install when there is none.
 */
export function requireBrowser(env: NodeJS.ProcessEnv = process.env): string {
  const found = findBrowser(env);
  if (found) return found;
  throw new RenderError('no Chrome or Chromium was found, so the report cannot be rendered', {
    fix: MISSING_BROWSER_FIX,
  });
}

function cachedBrowsers(env: NodeJS.ProcessEnv, fs: BrowserFs): string[] {
  const home = env.HOME || homedir();
  const cacheDirs = [env.PUPPETEER_CACHE_DIR?.trim(), home ? join(home, '.cache', 'puppeteer') : '']
    .filter((dir): dir is string => Boolean(dir))
    .filter((dir, i, all) => all.indexOf(dir) === i);
  const found: string[] = [];
  for (const cacheDir of cacheDirs) {
    const chromeDir = join(cacheDir, 'chrome');
    const builds = fs.list(chromeDir).sort(byVersionDescending);
    for (const build of builds) {
      for (const binary of CACHE_BINARIES) found.push(join(chromeDir, build, binary));
    }
  }
  return found;
}

// Build folders are named like `linux-148.0.7778.0`; a plain string sort would put 99 after 148.
function byVersionDescending(a: string, b: string): number {
  const va = versionParts(a);
  const vb = versionParts(b);
  for (let i = 0; i < Math.max(va.length, vb.length); i++) {
    const diff = (vb[i] ?? 0) - (va[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return b.localeCompare(a);
}

function versionParts(name: string): number[] {
  // The version follows the last dash (`mac_arm-148.0.7778.0`); anything else sorts as 0.
  return name
    .slice(name.lastIndexOf('-') + 1)
    .split('.')
    .map((part) => Number.parseInt(part, 10) || 0);
}
