// Draws map figures as PNG with headless Chromium, for the fallback picture a .docx carries
// beside each SVG: LibreOffice, Word 2013 and converters show that PNG, not the SVG. One
// browser per handle, reused for every figure of a document.
import puppeteer, { type Browser } from 'puppeteer-core';
import { RenderError } from '../../domain/errors.ts';
import { embeddedFontCss } from '../../graph/svg-text.ts';
import { admitOnly, type BlockedRequests } from '../pdf/closed-page.ts';
import type { Log } from '../pdf/ensure-browser.ts';
import { requireBrowser } from '../pdf/find-browser.ts';
import { CLOSED_NETWORK_ARGS } from '../pdf/pdf-renderer.ts';
import type { SvgRasteriser } from './map-figure.ts';

export interface SvgRasteriserHandle {
  rasterise: SvgRasteriser;
  /** What the map pages tried to load and were refused since the last call (none, normally). */
  takeBlocked(): BlockedRequests;
  /** Closes the browser. Safe to call more than once. */
  close(): Promise<void>;
}

export interface SvgRasteriserOptions {
  /** A Chrome/Chromium to launch; found (never installed) when omitted. */
  executablePath?: string;
  /** Device pixels per CSS pixel: 2 keeps small map text sharp when printed. Default 2. */
  scale?: number;
  log?: Log;
}

/**
 * Launches a browser that draws SVG as PNG. Call `close()` when the document is written.
 *
 * @example
 * const raster = await launchSvgRasteriser();
 * try {
 *   buffer = await renderReportDocx(view, { edition, rasteriseSvg: raster.rasterise });
 * } finally {
 *   await raster.close();
 * }
 */
export async function launchSvgRasteriser(
  options: SvgRasteriserOptions = {},
): Promise<SvgRasteriserHandle> {
  const executablePath = options.executablePath ?? requireBrowser();
  const scale = options.scale ?? 2;
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      pipe: true,
      // Chromium's own switches (@foreign-syntax).
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ...CLOSED_NETWORK_ARGS],
    });
  } catch (error) {
    throw new RenderError(`Could not start the browser at ${executablePath} to draw the maps.`, {
      cause: error,
      fix: 'Check that it runs, or set PUPPETEER_EXECUTABLE_PATH=/path/to/chrome.',
    });
  }
  // The map's own font, carried as data URLs: a page set from a string cannot load files.
  const fontCss = embeddedFontCss();
  let closing: Promise<void> | undefined;
  let blocked: BlockedRequests = { count: 0, urls: [] };

  const rasterise: SvgRasteriser = async (svg, size) => {
    const width = Math.ceil(size.width);
    const height = Math.ceil(size.height);
    const page = await browser.newPage();
    let gate: ReturnType<typeof admitOnly> | undefined;
    try {
      // The SVG is our own markup, but nothing in a report ever needs to run or load: the page
      // is set from a string, so every request it could make is refused.
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      gate = admitOnly(page, {}, blocked);
      await page.setViewport({ width, height, deviceScaleFactor: scale });
      await page.setContent(
        `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${fontCss}html,body{margin:0;background:#fff}svg{display:block}</style></head><body>${svg}</body></html>`,
        { waitUntil: 'load' },
      );
      return await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width, height } });
    } finally {
      gate?.detach();
      await page.close().catch(() => {});
    }
  };

  return {
    rasterise,
    takeBlocked() {
      const taken = blocked;
      blocked = { count: 0, urls: [] };
      return taken;
    },
    close() {
      closing ??= browser.close().catch(() => {
        browser.process()?.kill('SIGKILL');
      });
      return closing;
    },
  };
}
