// Public face of the PDF renderer: its own entry point, so importing the core never loads puppeteer.
export {
  canInstallDebianPackages,
  type EnsureBrowserDeps,
  ensureBrowser,
  findOnPath,
  INSTALL_LOCK_FILE,
  installDebianPackages,
  type Log,
} from './ensure-browser.ts';
export {
  type BrowserFs,
  findBrowser,
  MISSING_BROWSER_FIX,
  requireBrowser,
} from './find-browser.ts';
export {
  type PageRefs,
  PdfRenderer,
  type PdfRendererOptions,
  type RenderInput,
  type RenderResult,
} from './pdf-renderer.ts';
