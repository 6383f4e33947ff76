// vitest globalSetup: before any test runs, make sure a browser and poppler-utils exist, installing
// them with apt-get on a Debian CI machine running as root, so PDF tests fail for real reasons only.
// Imports ensure-browser directly: it is puppeteer-free, so setup does not load the browser driver.
import {
  canInstallDebianPackages,
  ensureBrowser,
  findOnPath,
  installDebianPackages,
} from '../../src/report/pdf/ensure-browser.ts';

const POPPLER_TOOLS = ['pdftotext', 'pdfinfo', 'pdffonts', 'pdftoppm'];

const log = (line: string) => console.log(`[ensure-tools] ${line}`);

export default async function setup(): Promise<void> {
  await ensureBrowser({ log });
  await ensurePoppler();
}

async function ensurePoppler(): Promise<void> {
  if (missingPopplerTools().length === 0) return;
  if (canInstallDebianPackages()) {
    log(
      `Missing ${missingPopplerTools().join(', ')}; installing the Debian package poppler-utils.`,
    );
    await installDebianPackages(['poppler-utils'], log);
  }
  const missing = missingPopplerTools();
  if (missing.length > 0) {
    throw new Error(
      `The PDF tests need ${missing.join(', ')} from poppler-utils, and they are not on PATH. ` +
        'Install them: sudo apt-get install poppler-utils (Debian/Ubuntu), brew install poppler (macOS).',
    );
  }
}

function missingPopplerTools(): string[] {
  return POPPLER_TOOLS.filter((tool) => findOnPath(tool) === null);
}
