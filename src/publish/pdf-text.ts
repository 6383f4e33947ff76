/**
 * The text of a PDF, page by page, read with pdf.js — no system tools needed,
 * so the leak check reads back exactly what a reader of the file would see.
 */
import { readFile } from 'node:fs/promises';
import { openPdf } from '../report/pdf/read-link-targets.ts';

export async function pdfText(file: string): Promise<string> {
  const doc = await openPdf(new Uint8Array(await readFile(file)));
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      // Runs of text are separate items; a space between them keeps words apart
      // ("Appendix A" and "Methodology" must not read as "AMethodology").
      pages.push(
        content.items
          .map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ' '}` : ''))
          .join('')
          .replace(/ +/g, ' '),
      );
    }
    return pages.join('\n\f');
  } finally {
    await doc.destroy();
  }
}
