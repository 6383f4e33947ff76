// Adding Keywords and Subject to a PDF's document information, which Chromium leaves at the title:
// an incremental update that pdfinfo reads back, with non-ASCII text, and a refusal for a PDF it
// cannot update safely.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RenderError } from '../../src/domain/errors.ts';
import { setPdfInfo } from '../../src/report/pdf/set-pdf-info.ts';
import { pdfInfo, pdfText } from '../helpers/pdf-tools.ts';
import { tempDir } from '../helpers/workspace.ts';

/** A one-page PDF laid out as Skia writes one: the information dictionary first, a classic xref. */
function classicPdf(info: string): Buffer {
  const content = 'BT /F1 12 Tf 72 720 Td (Hello) Tj ET';
  const objects = [
    `<<${info}>>`,
    '<</Type /Catalog /Pages 3 0 R>>',
    '<</Type /Pages /Kids [4 0 R] /Count 1>>',
    '<</Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources <</Font <</F1 6 0 R>>>>>>',
    `<</Length ${content.length}>>\nstream\n${content}\nendstream`,
    '<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>',
  ];
  let text = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) text += `${String(offset).padStart(10, '0')} 00000 n \n`;
  text += `trailer\n<</Size ${objects.length + 1}\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n${xref}\n%%EOF`;
  return Buffer.from(text, 'latin1');
}

describe('setPdfInfo', () => {
  it('adds Keywords and Subject that pdfinfo reads, keeping the title and the page', async () => {
    const file = join(tempDir(), 'info.pdf');
    const original = classicPdf(
      '/Title (A (nested) title \\) with a bracket) /Producer (Skia/PDF m156)',
    );
    const updated = setPdfInfo(original, {
      Subject: 'Learning Together — case review',
      Keywords: 'tunnelview-head R-7K2M9Q:37:ab(c)',
    });
    expect(Buffer.from(updated).subarray(0, original.length).equals(original)).toBe(true);
    writeFileSync(file, updated);
    const info = await pdfInfo(file);
    expect(info).toMatchObject({
      Title: 'A (nested) title ) with a bracket',
      Subject: 'Learning Together — case review',
      Keywords: 'tunnelview-head R-7K2M9Q:37:ab(c)',
      Producer: 'Skia/PDF m156',
      Pages: '1',
    });
    expect((await pdfText(file)).trim()).toBe('Hello');
  });

  it('refuses a PDF it cannot update safely, saying why', () => {
    expect(() => setPdfInfo(Buffer.from('%PDF-1.7\nno trailer here'), { Keywords: 'k' })).toThrow(
      RenderError,
    );
    const already = classicPdf('/Title (T) /Keywords (old)');
    expect(() => setPdfInfo(already, { Keywords: 'new' })).toThrow(
      /Could not write the document's metadata \(Keywords\): its information dictionary already has Keywords/,
    );
    // A name given as a value is not taken for a key.
    expect(() =>
      setPdfInfo(classicPdf('/Title (T) /Trapped /Keywords'), { Keywords: 'k' }),
    ).not.toThrow();
  });
});
