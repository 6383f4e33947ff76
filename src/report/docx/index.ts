/**
 * The findings report as a Word document, and its text read back for the leak check. Its own
 * entry point: it loads docx, which the PDF path does not need.
 */
export {
  launchSvgRasteriser,
  type SvgRasteriserHandle,
  type SvgRasteriserOptions,
} from './chromium-rasteriser.ts';
export { type DocxTextPart, type DocxTextSource, docxText, docxTextParts } from './docx-text.ts';
export type { SvgRasteriser } from './map-figure.ts';
export { type DocxOptions, renderReportDocx } from './render-docx.ts';
