// Where each link target of a Chromium PDF fell: Chromium writes a named destination for every
// element an internal link points at (`<a href="#x">` → destination "x"), so a table of contents
// made of links tells us, exactly, the page of each heading it lists. Read with pdf.js, which is
// pure JavaScript: no system tools needed at run time.
import { RenderError } from '../../domain/errors.ts';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

/**
 * Starts loading pdf.js (about a third of a second, once per process) without waiting for it,
 * so that it can load while Chromium prints.
 */
export function preloadPdfReader(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

/** Opens a PDF for reading with pdf.js: no scripts, no fonts installed, no console noise. */
export async function openPdf(data: Uint8Array) {
  const { getDocument } = await preloadPdfReader();
  return getDocument({
    data,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
}

/** The 1-based page of every named destination in the PDF, by name. */
export async function readLinkTargets(pdf: Uint8Array): Promise<Map<string, number>> {
  // pdf.js may take over the buffer it is given; the caller still needs theirs.
  const doc = await openPdf(new Uint8Array(pdf));
  try {
    const destinations = (await doc.getDestinations()) as Record<string, unknown[] | null>;
    const pages = new Map<string, number>();
    for (const [name, dest] of Object.entries(destinations)) {
      const ref = dest?.[0];
      if (ref === null || ref === undefined) continue;
      const index =
        typeof ref === 'number' ? ref : await doc.getPageIndex(ref as { num: number; gen: number });
      pages.set(name, index + 1);
    }
    return pages;
  } catch (cause) {
    throw new RenderError('Could not read the page numbers back from the PDF.', { cause });
  } finally {
    await doc.destroy();
  }
}
