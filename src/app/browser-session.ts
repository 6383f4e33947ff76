/**
 * The browser a render needs, launched on first use and kept for the next:
 * one Chromium for printing PDFs and, for Word documents, one that draws the
 * maps as pictures. A command opens a session per run; a server keeps one.
 */
import type { SvgRasteriserHandle } from '../report/docx/index.ts';
import type { Log, PdfRenderer } from '../report/pdf/index.ts';

export interface BrowserSessionOptions {
  /** Where to look for a browser (PUPPETEER_EXECUTABLE_PATH); the process environment by default. */
  env?: NodeJS.ProcessEnv;
  /**
   * When no browser is found: install Debian's chromium where that is possible
   * (root on Debian), saying so first, rather than refusing at once. For the
   * quick start only; no other command installs anything.
   */
  install?: boolean;
  log?: Log;
}

export class BrowserSession {
  private executable: Promise<string> | undefined;
  private renderer: Promise<PdfRenderer> | undefined;
  private rasteriser: Promise<SvgRasteriserHandle> | undefined;

  constructor(private readonly options: BrowserSessionOptions = {}) {}

  /** The browser's path, found (or installed) once; refused with what to install when there is none. */
  executablePath(): Promise<string> {
    this.executable ??= (async () => {
      const pdf = await import('../report/pdf/index.ts');
      if (this.options.install) {
        return pdf.ensureBrowser({ ...(this.options.log ? { log: this.options.log } : {}) });
      }
      return pdf.requireBrowser(this.options.env ?? process.env);
    })();
    return this.executable;
  }

  pdfRenderer(): Promise<PdfRenderer> {
    this.renderer ??= (async () => {
      const { PdfRenderer } = await import('../report/pdf/index.ts');
      return PdfRenderer.launch({
        executablePath: await this.executablePath(),
        ...(this.options.log ? { log: this.options.log } : {}),
      });
    })();
    return this.renderer;
  }

  svgRasteriser(): Promise<SvgRasteriserHandle> {
    this.rasteriser ??= (async () => {
      const { launchSvgRasteriser } = await import('../report/docx/index.ts');
      return launchSvgRasteriser({ executablePath: await this.executablePath() });
    })();
    return this.rasteriser;
  }

  /** Closes whatever was launched; safe to call when nothing was. */
  async close(): Promise<void> {
    const launched = [this.renderer, this.rasteriser];
    this.renderer = undefined;
    this.rasteriser = undefined;
    await Promise.all(
      launched.map(async (p) => {
        const handle = await p?.catch(() => undefined);
        await handle?.close();
      }),
    );
  }
}
