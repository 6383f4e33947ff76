// Turns report HTML into a tagged A4 PDF with headless Chromium, launching one browser and
// reusing it for every render (a launch costs ~1.5 s; a warm render well under one).
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page, type PDFOptions } from 'puppeteer-core';
import { RenderError } from '../../domain/errors.ts';
import { writePrivateFile } from '../../store/private-file.ts';
import { admitOnly, type BlockedRequests } from './closed-page.ts';
import type { Log } from './ensure-browser.ts';
import { requireBrowser } from './find-browser.ts';
import { preloadPdfReader, readLinkTargets } from './read-link-targets.ts';
import { type PdfInfo, setPdfInfo } from './set-pdf-info.ts';

export interface PdfRendererOptions {
  /** A Chrome/Chromium to launch; found (never installed) when omitted. */
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
   * Files in it are the only ones the page may load besides the HTML itself (and data: URLs).
   */
  assetsDir?: string;
  /**
   * A running header drawn in every page's top margin (Puppeteer's `headerTemplate`). It is a
   * separate document: inline styles only, and user text in it must already be escaped. Footers
   * stay with the page's own CSS margin boxes (`@bottom-right { content: counter(page) }`).
   */
  headerTemplate?: string;
  /** Page numbers to fill in, e.g. a table of contents'; see PageRefs. */
  pageRefs?: PageRefs;
  /**
   * Entries for the PDF's document information beyond the title (which comes from `<title>`):
   * Chromium writes no others, so they are added to the printed file.
   */
  info?: PdfInfo;
}

/**
 * Page references: every element with `data-page-of="ID"` shows the page on which the element
 * with id ID begins. ID must be the target of a link in the document (a contents entry is one),
 * since Chromium records where link targets fall and nothing else. The numbers must not move
 * the layout (give them a fixed-width box), so that filling them in cannot change them.
 * The PDF returned always has numbers that match where the targets fell.
 */
export interface PageRefs {
  /** The ids the document refers to. */
  targets: readonly string[];
  /**
   * The numbers the HTML already holds, when they are believed right (from an earlier render of
   * the same document): print once, check, and print again only if any moved. Without them the
   * HTML's numbers are placeholders: a quick layout pass (nothing painted) finds them first.
   */
  known?: Readonly<Record<string, number>>;
}

export interface RenderResult {
  /** Page count read from the PDF, when it could be read. */
  pages?: number;
  ms: number;
  /** With `pageRefs`: the page each referenced target begins on, by id. */
  pageOf?: Record<string, number>;
  /** How many times the document was printed, the layout pass included. */
  passes: number;
  /** What the page tried to load beyond its own document and assets: refused, and counted. */
  blocked: BlockedRequests;
}

/** More than this and the numbers are not settling; something in the layout depends on them. */
const MAX_PASSES = 4;

// Flags for a closed network: nothing in the browser should try to phone home.
// Chromium's own switches (@foreign-syntax).
export const CLOSED_NETWORK_ARGS = [
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
  /** A fresh page opened ahead of the next render (opening one costs 50–100 ms). */
  #spare: Promise<Page> | undefined;

  private constructor(browser: Browser, executablePath: string, tempRoot: string) {
    this.#browser = browser;
    this.executablePath = executablePath;
    this.#tempRoot = tempRoot;
  }

  /** Starts the browser. Call close() when done, or the Chromium process outlives your work. */
  static async launch(options: PdfRendererOptions = {}): Promise<PdfRenderer> {
    const executablePath = options.executablePath ?? requireBrowser();
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
        // Chromium's own switches (@foreign-syntax).
        args: [...(isRoot() ? ['--no-sandbox'] : []), ...CLOSED_NETWORK_ARGS],
      });
      const renderer = new PdfRenderer(browser, executablePath, tempRoot);
      renderer.#openSpare();
      return renderer;
    } catch (error) {
      await rm(tempRoot, { recursive: true, force: true });
      throw new RenderError(
        `Could not start the browser at ${executablePath}: ${messageOf(error)}`,
        {
          cause: error,
          // A command line for the browser itself, to try by hand (@foreign-syntax).
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
    let page: Page | undefined;
    let gate: ReturnType<typeof admitOnly> | undefined;
    try {
      const layoutPass = input.pageRefs !== undefined && input.pageRefs.known === undefined;
      await writePrivateFile(htmlFile, layoutPass ? withLayoutPassStyle(input.html) : input.html);
      page = await this.#takePage();
      const htmlUrl = pathToFileURL(htmlFile).href;
      gate = admitOnly(page, {
        urls: new Set([htmlUrl]),
        dirs: input.assetsDir ? [`${pathToFileURL(resolve(input.assetsDir)).href}/`] : [],
      });
      await page.goto(htmlUrl, { waitUntil: 'load' });
      const final: PDFOptions = {
        ...BASE_PDF,
        tagged: true,
        outline: true,
        ...(input.headerTemplate
          ? {
              displayHeaderFooter: true,
              headerTemplate: input.headerTemplate,
              // An empty element, not an empty string: Chromium would draw its default footer.
              footerTemplate: '<span></span>',
            }
          : {}),
      };
      const printed = input.pageRefs
        ? await printWithPageRefs(page, final, input.pageRefs, layoutPass)
        : { pdf: await page.pdf(final), passes: 1 };
      const pdf = input.info ? setPdfInfo(printed.pdf, input.info) : printed.pdf;
      // Private to its owner, and written aside and renamed so a failed render never leaves a
      // half-written PDF behind.
      await mkdir(dirname(outFile), { recursive: true });
      await writePrivateFile(outFile, pdf);
      return {
        pages: countPages(pdf),
        ms: Math.round(performance.now() - started),
        passes: printed.passes,
        blocked: { ...gate.blocked, urls: [...gate.blocked.urls] },
        ...('pageOf' in printed ? { pageOf: printed.pageOf } : {}),
      };
    } catch (error) {
      if (error instanceof RenderError) throw error;
      throw new RenderError(`Could not render ${outFile}: ${messageOf(error)}`, { cause: error });
    } finally {
      gate?.detach();
      await page?.close().catch(() => {});
      await rm(htmlFile, { force: true });
      this.#openSpare();
    }
  }

  // Each render gets a page never used before (no state carries over between reports): the
  // spare opened ahead when there is one. The next spare opens once this render is done.
  async #takePage(): Promise<Page> {
    const spare = this.#spare;
    this.#spare = undefined;
    return (await spare?.catch(() => undefined)) ?? this.#newPage();
  }

  #openSpare(): void {
    if (this.#closing || this.#spare || !this.#browser.connected) return;
    const spare = this.#newPage();
    // A spare that fails to open is dropped; the render that wanted it opens its own.
    spare.catch(() => {
      if (this.#spare === spare) this.#spare = undefined;
    });
    this.#spare = spare;
  }

  async #newPage(): Promise<Page> {
    const page = await this.#browser.newPage();
    // Reports are static documents; no script in them should ever run, and nothing but their
    // own files may load (admitOnly decides, per render).
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    return page;
  }

  /** Closes the browser and removes its temp folder. Safe to call more than once. */
  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    const spare = this.#spare;
    this.#spare = undefined;
    await (await spare?.catch(() => undefined))?.close().catch(() => {});
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

const BASE_PDF: PDFOptions = {
  format: 'A4',
  preferCSSPageSize: true,
  printBackground: true,
  waitForFonts: true,
};

const LAYOUT_PASS_STYLE_ID = 'tunnelview-layout-pass';

/**
 * The HTML for a layout pass: nothing painted (so Chromium only lays the pages out and records
 * where link targets fall), and no SVG content laid out (an SVG's box comes from its own size).
 * Added to the markup rather than the live page: touching the DOM before the first print would
 * cost a screen layout of the whole report that printing never needs.
 */
function withLayoutPassStyle(html: string): string {
  const style = `<style id="${LAYOUT_PASS_STYLE_ID}">html { visibility: hidden !important; } svg * { display: none !important; }</style>`;
  const at = html.search(/<\/head>/i);
  return at < 0 ? `${style}${html}` : `${html.slice(0, at)}${style}${html.slice(at)}`;
}

/** Writes the numbers into the page (and drops the layout-pass style, if it is there). */
function setPageRefs(page: Page, pageOf: Record<string, number>): Promise<void> {
  // Runs through the DevTools protocol, which works with the page's own script turned off.
  return page.evaluate(
    (numbers: Record<string, number>, styleId: string) => {
      document.getElementById(styleId)?.remove();
      document.querySelectorAll('[data-page-of]').forEach((el) => {
        const n = numbers[el.getAttribute('data-page-of') ?? ''];
        el.textContent = n === undefined ? '' : String(n);
      });
    },
    pageOf,
    LAYOUT_PASS_STYLE_ID,
  );
}

/** Where each target fell in a printed PDF; a target Chromium did not record is an error. */
async function targetPages(
  pdf: Uint8Array,
  targets: readonly string[],
): Promise<Record<string, number>> {
  const found = await readLinkTargets(pdf);
  const missing = targets.filter((t) => !found.has(t));
  if (missing.length > 0) {
    throw new RenderError(
      `Chromium did not record where ${missing.length} page reference target(s) fell: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}.`,
      {
        fix: 'Each data-page-of target must be the id of an element that a link in the document points at (href="#id").',
      },
    );
  }
  return Object.fromEntries(targets.map((t) => [t, found.get(t) as number]));
}

const sameNumbers = (
  targets: readonly string[],
  a: Record<string, number>,
  b: Record<string, number>,
) => targets.every((t) => a[t] === b[t]);

/**
 * Prints a page whose `data-page-of` numbers must match where their targets fall: a layout
 * pass first when the numbers are unknown, then the final print, checked against where the
 * targets fell and repeated (with the numbers found) should anything have moved.
 */
async function printWithPageRefs(
  page: Page,
  final: PDFOptions,
  refs: PageRefs,
  layoutPass: boolean,
): Promise<{ pdf: Uint8Array; passes: number; pageOf: Record<string, number> }> {
  const { targets } = refs;
  // Loads while Chromium prints, instead of after.
  preloadPdfReader().catch(() => {});
  let passes = 0;
  let held: Record<string, number> = { ...refs.known };
  if (layoutPass) {
    const layout = await page.pdf({ ...BASE_PDF, tagged: false, outline: false });
    passes += 1;
    held = await targetPages(layout, targets);
    await setPageRefs(page, held);
  }
  for (;;) {
    const pdf = await page.pdf(final);
    passes += 1;
    const pageOf = await targetPages(pdf, targets);
    if (sameNumbers(targets, held, pageOf)) return { pdf, passes, pageOf };
    if (passes >= MAX_PASSES) {
      throw new RenderError(
        `The page numbers did not settle after ${passes} passes: filling them in keeps moving the pages they refer to.`,
        {
          fix: 'Give the page numbers a fixed-width box in the stylesheet so that their digits cannot move the layout.',
        },
      );
    }
    held = pageOf;
    await setPageRefs(page, held);
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
