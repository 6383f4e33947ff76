// The renderer is closed: a report page loads its own document and data: URLs and nothing else.
// Requests for anything else — a web address, a file elsewhere on the machine — are aborted or
// refused by the page's Content-Security-Policy before they leave, and counted in what the render
// reports. A local HTTP server stands in for the outside world and counts what reaches it.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../../src/app/browser-session.ts';
import { addChronologyEntry } from '../../src/app/chronology.ts';
import { addAgency } from '../../src/app/register.ts';
import { renderEdition } from '../../src/app/render-edition.ts';
import { launchSvgRasteriser } from '../../src/report/docx/index.ts';
import { PdfRenderer } from '../../src/report/pdf/index.ts';
import { pdfText } from '../helpers/pdf-tools.ts';
import { workspaceWithReview } from '../helpers/workspace.ts';

let server: Server;
let hits: string[];
let origin: string;
let renderer: PdfRenderer;
let outDir: string;

beforeAll(async () => {
  hits = [];
  outDir = await mkdtemp(join(tmpdir(), 'tunnelview-closed-'));
  server = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.end('');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  renderer = await PdfRenderer.launch();
}, 60_000);

afterAll(async () => {
  await renderer?.close();
  await rm(outDir, { recursive: true, force: true });
  await new Promise((resolve) => server?.close(resolve));
});

const page = (head: string, body: string) =>
  `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Closed</title>${head}</head><body><p>Report</p>${body}</body></html>`;

describe('the PDF page', () => {
  it('aborts every request beyond its own document and counts each one', async () => {
    hits.length = 0;
    const result = await renderer.render({
      html: page(
        `<link rel="stylesheet" href="${origin}/style.css">`,
        `<img src="${origin}/pixel.png" alt=""><img src="file:///etc/hostname" alt=""><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">`,
      ),
      outFile: join(outDir, 'aborted.pdf'),
    });
    expect(hits).toEqual([]);
    expect(result.blocked.count).toBe(3);
    expect(result.blocked.urls.sort()).toEqual(
      [`${origin}/pixel.png`, `${origin}/style.css`, 'file:///etc/hostname'].sort(),
    );
  });

  it("counts what the report's own Content-Security-Policy refuses before it becomes a request", async () => {
    hits.length = 0;
    const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:">`;
    const result = await renderer.render({
      html: page(
        csp,
        `<img src="${origin}/csp.png" alt=""><img src="file:///etc/hostname" alt="">`,
      ),
      outFile: join(outDir, 'csp.pdf'),
    });
    expect(hits).toEqual([]);
    expect(result.blocked.count).toBe(2);
    expect(result.blocked.urls).toEqual(
      expect.arrayContaining([`${origin}/csp.png`, 'file:///etc/hostname']),
    );
  });
});

describe('the page that draws map pictures for Word', () => {
  it('refuses an outside image in the SVG and counts it', async () => {
    hits.length = 0;
    const raster = await launchSvgRasteriser({ executablePath: renderer.executablePath });
    try {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><image href="${origin}/map.png" width="40" height="20"/><rect width="10" height="10"/></svg>`;
      const png = await raster.rasterise(svg, { width: 40, height: 20 });
      expect(png.length).toBeGreaterThan(0);
      expect(hits).toEqual([]);
      expect(raster.takeBlocked()).toEqual({ count: 1, urls: [`${origin}/map.png`] });
      expect(raster.takeBlocked().count).toBe(0);
    } finally {
      await raster.close();
    }
  });
});

describe('a rendered report', () => {
  it('prints a web address and a file: URL written in the record as text, and requests neither', async () => {
    hits.length = 0;
    const { ws, reviewId } = await workspaceWithReview();
    await addAgency(ws, reviewId, { name: 'Marlow Heath Police', sector: 'police' });
    const planted = `Photo at <img src="${origin}/leak.png"> and file:///etc/passwd, see url(${origin}/font.woff2)`;
    await addChronologyEntry(ws, reviewId, {
      agencyId: 'Marlow Heath Police',
      date: '14/03/2023',
      text: planted,
    });
    const browser = new BrowserSession();
    try {
      const outFile = join(outDir, 'report.pdf');
      const rendered = await renderEdition(
        ws,
        reviewId,
        { edition: 'confidential', outFile, keepHtml: true },
        browser,
      );
      expect(hits).toEqual([]);
      expect(rendered.blocked).toEqual({ count: 0, urls: [] });
      const text = (await pdfText(outFile)).replace(/\s+/g, ' ');
      expect(text).toContain(`<img src="${origin}/leak.png">`);
      expect(text).toContain('file:///etc/passwd');
      // The page itself allows nothing outside the document: no file: or web source, no <link>.
      const html = await readFile(join(outDir, 'report.html'), 'utf8');
      const policy = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
      expect(policy).toBe(
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; base-uri 'none'; form-action 'none'",
      );
      expect(html).not.toMatch(/<link\b/i);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
