// Turns report HTML into a tagged A4 PDF with headless Chromium, launching one browser and
// reusing it for every render (a launch costs ~1.5 s; a warm render well under one).
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { RenderError } from '../../domain/errors.ts';
import { ensureBrowser, type Log } from './ensure-browser.ts';

export interface PdfRendererOptions {
  /** A Chrome/Chromium to launch; found (or installed) with ensureBrowser when omitted. */
  executablePath?: string;
  log?: Log;
}

export interface RenderInput {
  html: string;
  /** Where the PDF goes; its folder is created if needed and the file is replaced atomically. */
  outFile: string;
  /**
   * Folder the HTML's relative URLs (fonts, images) resolve against. The HTML is written there
   * for the render and removed afterwards; without it the HTML goes to a private temp folder.
   */
  assetsDir?: string;
}

export interface RenderResult {
  /** Page count read from the PDF, when it could be read. */
  pages?: number;
  ms: number;
}

// Flags for a closed network: nothing in the browser should try to phone home.
const BASE_ARGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export class PdfRenderer {
  readonly executablePath: string;
  readonly #browser: Browser;
  readonly #tempRoot: string;
  #closing: Promise<void> | undefined;

  private constructor(browser: Browser, executablePath: string, tempRoot: string) {
    this.#browser = browser;
    this.executablePath = executablePath;
    this.#tempRoot = tempRoot;
  }

  /** Starts the browser. Call close() when done, or the Chromium process outlives your work. */
  static async launch(options: PdfRendererOptions = {}): Promise<PdfRenderer> {
    const executablePath = options.executablePath ?? (await ensureBrowser({ log: options.log }));
    // One private folder per renderer: the browser profile and the HTML files of each render.
    const tempRoot = await mkdtemp(join(tmpdir(), 'tunnelview-pdf-'));
    try {
      const browser = await puppeteer.launch({
        executablePath,
        headless: true,
        // A pipe instead of a debugging port: no other local user can attach to a browser
        // holding case material.
        pipe: true,
        userDataDir: join(tempRoot, 'profile'),
        args: [...(isRoot() ? ['--no-sandbox'] : []), ...BASE_ARGS],
      });
      return new PdfRenderer(browser, executablePath, tempRoot);
    } catch (error) {
      await rm(tempRoot, { recursive: true, force: true });
      throw new RenderError(
        `Could not start the browser at ${executablePath}: ${messageOf(error)}`,
        {
          cause: error,
          fix: `Check that it runs: ${executablePath} --headless --no-sandbox --dump-dom about:blank. If it does not, reinstall it (Debian/Ubuntu: sudo apt-get install chromium) or set PUPPETEER_EXECUTABLE_PATH=/path/to/chrome.`,
        },
      );
    }
  }

  /** Process id of the browser, for diagnostics and for tests that check reuse. */
  get pid(): number | undefined {
    return this.#browser.process()?.pid;
  }

  /** Renders one HTML document to a PDF file. Safe to call concurrently; each render gets its own page. */
  async render(input: RenderInput): Promise<RenderResult> {
    if (this.#closing) throw new RenderError('The PDF renderer has been closed.');
    if (!this.#browser.connected) {
      throw new RenderError('The browser behind the PDF renderer has exited.', {
        fix: 'Launch a new PdfRenderer; if this keeps happening, check memory and the browser install.',
      });
    }
    const started = performance.now();
    const outFile = resolve(input.outFile);
    const id = randomUUID();
    // Opened with goto, not setContent: setContent leaves the page at about:blank, where
    // relative and file:// fonts and images do not load.
    const htmlFile = input.assetsDir
      ? join(resolve(input.assetsDir), `.tunnelview-render-${id}.html`)
      : join(this.#tempRoot, `render-${id}.html`);
    const partFile = `${outFile}.${id}.part`;
    let page: Page | undefined;
    try {
      await writeFile(htmlFile, input.html, 'utf8');
      page = await this.#browser.newPage();
      // Reports are static documents; no script in them should ever run.
      await page.setJavaScriptEnabled(false);
      await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
      const pdf = await page.pdf({
        format: 'A4',
        preferCSSPageSize: true,
        printBackground: true,
        tagged: true,
        outline: true,
        waitForFonts: true,
      });
      // Written aside and renamed so a failed render never leaves a half-written PDF behind.
      await mkdir(dirname(outFile), { recursive: true });
      await writeFile(partFile, pdf);
      await rename(partFile, outFile);
      return { pages: countPages(pdf), ms: Math.round(performance.now() - started) };
    } catch (error) {
      await rm(partFile, { force: true });
      if (error instanceof RenderError) throw error;
      throw new RenderError(`Could not render ${outFile}: ${messageOf(error)}`, { cause: error });
    } finally {
      await page?.close().catch(() => {});
      await rm(htmlFile, { force: true });
    }
  }

  /** Closes the browser and removes its temp folder. Safe to call more than once. */
  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    try {
      await this.#browser.close();
    } catch {
      // A browser that will not close politely must still not outlive us.
      this.#browser.process()?.kill('SIGKILL');
    } finally {
      await rm(this.#tempRoot, { recursive: true, force: true, maxRetries: 3 });
    }
  }
}

/** Launches a browser, renders one PDF and closes the browser. For one-off use; reuse PdfRenderer for more. */
export async function renderPdfOnce(
  input: RenderInput,
  options: PdfRendererOptions = {},
): Promise<RenderResult> {
  const renderer = await PdfRenderer.launch(options);
  try {
    return await renderer.render(input);
  } finally {
    await renderer.close();
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// Chromium writes page objects as plain dictionaries, so counting them is reliable enough for a
// figure that is only reported; anything odd yields undefined rather than a wrong number.
function countPages(pdf: Uint8Array): number | undefined {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const count = text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
  return count > 0 ? count : undefined;
}
