/** Writes a publication edition as PDF with a reused renderer, and reads its text back with pdf.js. */
import type { MethodologyModel } from '../model/methodology-model.ts';
import type { PdfRenderer } from '../report/pdf/pdf-renderer.ts';
import { renderReport } from '../report/render-report.ts';
import { pdfText } from './pdf-text.ts';
import type { EditionWriter } from './publish-edition.ts';

export function pdfEditionWriter(
  renderer: PdfRenderer,
  options: {
    model: MethodologyModel;
    generatedAt: Date;
    sections?: readonly string[];
    keepHtml?: boolean;
  },
): EditionWriter {
  return {
    format: 'pdf',
    async write(state, file) {
      const result = await renderReport(renderer, {
        state,
        model: options.model,
        outFile: file,
        generatedAt: options.generatedAt,
        edition: 'publication',
        // Left-out parts leave no gaps in the publication's numbering ("Appendix C, E").
        ...(options.sections ? { sections: options.sections, renumber: true } : {}),
        ...(options.keepHtml ? { keepHtml: true } : {}),
      });
      return { html: result.html, ...(result.pages !== undefined ? { pages: result.pages } : {}) };
    },
    readText: pdfText,
  };
}
