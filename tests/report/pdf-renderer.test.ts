// The PDF renderer end to end in real Chromium, read back with poppler; plus browser discovery.
// Set KEEP_TEST_PDF=1 to keep the rendered PDF and page images for a look (the path is printed).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RenderError } from '../../src/domain/errors.ts';
import {
  type BrowserFs,
  ensureBrowser,
  findBrowser,
  PdfRenderer,
} from '../../src/report/pdf/index.ts';
import {
  pdfFonts,
  pdfHasOutline,
  pdfInfo,
  pdfPageSize,
  pdfText,
  pdfToPng,
} from '../helpers/pdf-tools.ts';

const require = createRequire(import.meta.url);
const fontFile = (weight: 400 | 700) =>
  require.resolve(
    `@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-${weight}-normal.woff2`,
  );

function fontFaces(url: (weight: 400 | 700) => string): string {
  return ([400, 700] as const)
    .map(
      (weight) => `@font-face {
        font-family: 'Atkinson Hyperlegible';
        font-weight: ${weight};
        font-style: normal;
        src: url('${url(weight)}') format('woff2');
      }`,
    )
    .join('\n');
}

function reportHtml({
  fonts,
  title = 'Findings report: Child K',
}: {
  fonts: string;
  title?: string;
}) {
  const rows = Array.from(
    { length: 40 },
    (_, i) =>
      `<tr><th scope="row">F${i + 1}</th><td>Agency ${(i % 5) + 1}</td><td>Information about risk was held by one agency and not shared.</td></tr>`,
  ).join('\n');
  return `<!doctype html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>${title}</title>
  <style>
    ${fonts}
    @page {
      size: A4;
      margin: 20mm 18mm 22mm;
      @bottom-right {
        content: "Page " counter(page) " of " counter(pages);
        font-family: 'Atkinson Hyperlegible';
        font-size: 9pt;
      }
    }
    html { font-family: 'Atkinson Hyperlegible'; font-size: 11pt; }
    h1, h2 { font-weight: 700; }
    h2 { break-before: page; }
    table { border-collapse: collapse; width: 100%; }
    thead { display: table-header-group; }
    th, td { border: 1px solid #888; padding: 4pt; text-align: left; }
    caption { font-weight: 700; text-align: left; padding-bottom: 4pt; }
    .band { background: #dde8f3; padding: 6pt; print-color-adjust: exact; }
  </style>
</head>
<body>
  <h1>Findings of the review</h1>
  <p class="band">This report sets out what the review found about how agencies worked together.</p>
  <h2>Finding 1: Information sharing</h2>
  <p>Practitioners held pieces of the picture that were never put together.</p>
  <table>
    <caption>Table 1. Findings by agency</caption>
    <thead><tr><th scope="col">Id</th><th scope="col">Agency</th><th scope="col">Observation</th></tr></thead>
    <tbody>${rows}</tbody>
  </table>
  <h2>Finding 2: Escalation</h2>
  <p>Concerns were raised but the route to escalate them was unclear.</p>
  <script>document.body.append('SCRIPT RAN')</script>
</body>
</html>`;
}

describe('PdfRenderer', () => {
  let renderer: PdfRenderer;
  let outDir: string;
  let reportPdf: string;
  let firstPid: number | undefined;
  let pagesReported: number | undefined;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'tunnelview-pdf-test-'));
    renderer = await PdfRenderer.launch();
    firstPid = renderer.pid;
    reportPdf = join(outDir, 'report.pdf');
    const result = await renderer.render({
      // Inlined as the report inlines them: files outside assetsDir are refused (closed-renderer.test.ts).
      html: reportHtml({
        fonts: fontFaces(
          (weight) => `data:font/woff2;base64,${readFileSync(fontFile(weight)).toString('base64')}`,
        ),
      }),
      outFile: reportPdf,
    });
    pagesReported = result.pages;
  });

  afterAll(async () => {
    await renderer?.close();
    if (process.env.KEEP_TEST_PDF) console.log(`Kept test output in ${outDir}`);
    else if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('produces a tagged A4 PDF titled from <title>', async () => {
    const info = await pdfInfo(reportPdf);
    expect(info.Tagged).toBe('yes');
    expect(info.Title).toBe('Findings report: Child K');
    expect(Number(info.Pages)).toBeGreaterThanOrEqual(3);
    expect(pagesReported).toBe(Number(info.Pages));
    const { width, height } = await pdfPageSize(reportPdf);
    // A4 is 595.28 x 841.89 pt, but Chromium rounds the media box to its own units: 594.96 wide
    // with CSS `size: A4`, 595.92 with `format: 'A4'` alone. Either is A4 to a reader.
    expect(Math.abs(width - 595.28)).toBeLessThan(1.5);
    expect(Math.abs(height - 841.89)).toBeLessThan(1.5);
    expect(info['Page size']).toContain('(A4)');
  });

  it('keeps the headings, table and "Page N of M" margin box in the text', async () => {
    const text = await pdfText(reportPdf, { layout: true });
    const pages = Number((await pdfInfo(reportPdf)).Pages);
    expect(text).toContain('Findings of the review');
    expect(text).toContain('Finding 1: Information sharing');
    expect(text).toContain('Finding 2: Escalation');
    expect(text).toContain('Table 1. Findings by agency');
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
  });

  it('never runs scripts in the report', async () => {
    expect(await pdfText(reportPdf)).not.toContain('SCRIPT RAN');
  });

  it('adds an outline built from the headings', async () => {
    expect(await pdfHasOutline(reportPdf)).toBe(true);
  });

  it('embeds Atkinson Hyperlegible and no fallback font', async () => {
    const fonts = await pdfFonts(reportPdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.name).toMatch(/^AtkinsonHyperlegible/);
      expect(font.embedded).toBe(true);
    }
  });

  it('rasterises to one PNG per page', async () => {
    const pngs = await pdfToPng(reportPdf, join(outDir, 'page'), 60);
    expect(pngs).toHaveLength(Number((await pdfInfo(reportPdf)).Pages));
  });

  it('reuses one browser across renders', async () => {
    const second = join(outDir, 'second.pdf');
    const result = await renderer.render({
      html: reportHtml({ fonts: '', title: 'Second' }),
      outFile: second,
    });
    expect(renderer.pid).toBeDefined();
    expect(renderer.pid).toBe(firstPid);
    expect(result.ms).toBeGreaterThan(0);
    expect((await pdfInfo(second)).Title).toBe('Second');
  });

  it('renders concurrently on separate pages', async () => {
    const files = ['a', 'b', 'c'].map((name) => join(outDir, 'concurrent', `${name}.pdf`));
    await Promise.all(
      files.map((outFile, i) =>
        renderer.render({ html: reportHtml({ fonts: '', title: `Doc ${i}` }), outFile }),
      ),
    );
    const titles = await Promise.all(files.map(async (file) => (await pdfInfo(file)).Title));
    expect(titles).toEqual(['Doc 0', 'Doc 1', 'Doc 2']);
  });

  it('resolves relative URLs against assetsDir and leaves no HTML behind', async () => {
    const assetsDir = join(outDir, 'assets');
    await mkdir(join(assetsDir, 'fonts'), { recursive: true });
    for (const weight of [400, 700] as const) {
      await copyFile(fontFile(weight), join(assetsDir, 'fonts', `atkinson-${weight}.woff2`));
    }
    await writeFile(join(assetsDir, 'keep.txt'), 'x');
    const outFile = join(outDir, 'relative.pdf');
    await renderer.render({
      html: reportHtml({ fonts: fontFaces((weight) => `fonts/atkinson-${weight}.woff2`) }),
      outFile,
      assetsDir,
    });
    const fonts = await pdfFonts(outFile);
    expect(fonts.every((font) => font.name.startsWith('AtkinsonHyperlegible'))).toBe(true);
    expect((await readdir(assetsDir)).sort()).toEqual(['fonts', 'keep.txt']);
  });

  it('refuses to render once closed', async () => {
    const own = await PdfRenderer.launch({ executablePath: renderer.executablePath });
    await own.close();
    await own.close();
    await expect(
      own.render({ html: '<p>x</p>', outFile: join(outDir, 'closed.pdf') }),
    ).rejects.toBeInstanceOf(RenderError);
  });
});

/** A contents list linking to three headings that start pages 2, 3 and 5, with numbers `held`. */
const TARGETS = ['one', 'two', 'three'];
function pageRefsHtml(held: string[]) {
  const toc = TARGETS.map(
    (t, i) =>
      `<li><a href="#${t}">${t}</a> <span class="n" data-page-of="${t}">${held[i] ?? ''}</span></li>`,
  ).join('');
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Refs</title>
  <style>
    @page { size: A4; margin: 20mm; }
    h2 { break-before: page; }
    .n { display: inline-block; width: 3em; text-align: right; }
    .tall { height: 300mm; }
  </style></head><body>
  <h1>Contents</h1><ol>${toc}</ol>
  <h2 id="one">One</h2><p>Text.</p>
  <h2 id="two">Two</h2><div class="tall"></div>
  <h2 id="three">Three</h2><p>Text.</p>
  </body></html>`;
}

describe('PdfRenderer page references', () => {
  let renderer: PdfRenderer;
  let outDir: string;
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'tunnelview-refs-test-'));
    renderer = await PdfRenderer.launch();
  });
  afterAll(async () => {
    await renderer?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  const printedNumbers = async (file: string) => {
    const contents = (await pdfText(file, { layout: true })).split('\f')[0] ?? '';
    return [...contents.matchAll(/\b(one|two|three)\s+(\d+)/g)].map((m) => `${m[1]} ${m[2]}`);
  };

  it('finds where each target falls with a layout pass, then prints the numbers', async () => {
    const outFile = join(outDir, 'fill.pdf');
    const result = await renderer.render({
      html: pageRefsHtml([]),
      outFile,
      pageRefs: { targets: TARGETS },
    });
    expect(result.pageOf).toEqual({ one: 2, two: 3, three: 5 });
    expect(result.passes).toBe(2);
    expect(await printedNumbers(outFile)).toEqual(['one 2', 'two 3', 'three 5']);
  });

  it('prints once when the numbers it is given are right, and corrects them when not', async () => {
    const right = await renderer.render({
      html: pageRefsHtml(['2', '3', '5']),
      outFile: join(outDir, 'right.pdf'),
      pageRefs: { targets: TARGETS, known: { one: 2, two: 3, three: 5 } },
    });
    expect(right.passes).toBe(1);
    const wrongFile = join(outDir, 'wrong.pdf');
    const wrong = await renderer.render({
      html: pageRefsHtml(['9', '3', '1']),
      outFile: wrongFile,
      pageRefs: { targets: TARGETS, known: { one: 9, two: 3, three: 1 } },
    });
    expect(wrong.passes).toBe(2);
    expect(await printedNumbers(wrongFile)).toEqual(['one 2', 'two 3', 'three 5']);
  });

  it('refuses a page reference to something no link points at', async () => {
    const html = pageRefsHtml([]).replace('href="#two"', 'href="#elsewhere"');
    await expect(
      renderer.render({
        html,
        outFile: join(outDir, 'unlinked.pdf'),
        pageRefs: { targets: TARGETS },
      }),
    ).rejects.toThrow(/did not record where 1 page reference target\(s\) fell: two/);
  });
});

describe('findBrowser', () => {
  const fakeFs = (files: string[], dirs: Record<string, string[]> = {}): BrowserFs => ({
    exists: (path) => files.includes(path),
    list: (dir) => dirs[dir] ?? [],
  });

  it('honours PUPPETEER_EXECUTABLE_PATH before anything else', () => {
    const fs = fakeFs(['/opt/my/chrome', '/usr/bin/chromium']);
    expect(findBrowser({ PUPPETEER_EXECUTABLE_PATH: '/opt/my/chrome', HOME: '/h' }, fs)).toBe(
      '/opt/my/chrome',
    );
  });

  it('works with the real filesystem when PUPPETEER_EXECUTABLE_PATH names this browser', async () => {
    const path = await ensureBrowser();
    expect(findBrowser({ ...process.env, PUPPETEER_EXECUTABLE_PATH: path })).toBe(path);
  });

  it('throws a RenderError naming a missing PUPPETEER_EXECUTABLE_PATH and the fix', () => {
    const fs = fakeFs(['/usr/bin/chromium']);
    let error: unknown;
    try {
      findBrowser({ PUPPETEER_EXECUTABLE_PATH: '/nowhere/chrome', HOME: '/h' }, fs);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RenderError);
    expect((error as RenderError).message).toContain('/nowhere/chrome');
    expect((error as RenderError).fix).toContain('PUPPETEER_EXECUTABLE_PATH');
    expect((error as RenderError).fix).toContain('sudo apt-get install chromium');
  });

  it("prefers Puppeteer's cache, newest build first, then system paths", () => {
    const cache = '/h/.cache/puppeteer/chrome';
    const fs = fakeFs(
      [
        `${cache}/linux-99.0.1.0/chrome-linux64/chrome`,
        `${cache}/linux-148.0.7778.0/chrome-linux64/chrome`,
        '/usr/bin/chromium',
      ],
      { [cache]: ['linux-99.0.1.0', 'linux-148.0.7778.0'] },
    );
    expect(findBrowser({ HOME: '/h' }, fs)).toBe(
      `${cache}/linux-148.0.7778.0/chrome-linux64/chrome`,
    );
  });

  it('looks in PUPPETEER_CACHE_DIR', () => {
    const fs = fakeFs(['/ci/pptr/chrome/linux-148.0.7778.0/chrome-linux64/chrome'], {
      '/ci/pptr/chrome': ['linux-148.0.7778.0'],
    });
    expect(findBrowser({ HOME: '/h', PUPPETEER_CACHE_DIR: '/ci/pptr' }, fs)).toBe(
      '/ci/pptr/chrome/linux-148.0.7778.0/chrome-linux64/chrome',
    );
  });

  it('falls back to system paths in order, and to null', () => {
    expect(
      findBrowser({ HOME: '/h' }, fakeFs(['/usr/bin/google-chrome', '/opt/google/chrome/chrome'])),
    ).toBe('/usr/bin/google-chrome');
    expect(findBrowser({ HOME: '/h' }, fakeFs([]))).toBeNull();
  });
});

describe('ensureBrowser', () => {
  it('says what to install when there is no browser and it cannot install one', async () => {
    const attempt = ensureBrowser(
      {},
      {
        find: () => null,
        canInstallDebianPackages: () => false,
        installDebianPackages: async () => {
          throw new Error('must not install');
        },
      },
    );
    await expect(attempt).rejects.toBeInstanceOf(RenderError);
    await expect(attempt).rejects.toThrow(/No Chrome\/Chromium/);
    await expect(attempt).rejects.toMatchObject({
      fix: expect.stringMatching(/sudo apt-get install chromium.*PUPPETEER_EXECUTABLE_PATH=/s),
    });
  });

  it('installs chromium as root on Debian, logs it, then finds it', async () => {
    let installed: readonly string[] = [];
    const lines: string[] = [];
    const path = await ensureBrowser(
      { log: (line) => lines.push(line) },
      {
        find: () => (installed.length > 0 ? '/usr/bin/chromium' : null),
        canInstallDebianPackages: () => true,
        installDebianPackages: async (pkgs) => {
          installed = pkgs;
        },
      },
    );
    expect(path).toBe('/usr/bin/chromium');
    expect(installed).toEqual(['chromium']);
    expect(lines.join('\n')).toMatch(/installing.*chromium/);
  });
});

describe('ensureBrowser under its install lock', () => {
  /** Fake effects: a browser appears once an install has run; installs take a moment and are counted. */
  function machine(lockFile: string) {
    let installs = 0;
    let installed = false;
    const deps = {
      find: () => (installed ? '/usr/bin/chromium' : null),
      canInstallDebianPackages: () => true,
      installDebianPackages: async () => {
        installs += 1;
        await new Promise((resolve) => setTimeout(resolve, 600));
        installed = true;
      },
      lockFile,
    };
    return { deps, installs: () => installs };
  }

  it('lets one process install while a second waits, then both use the browser it installed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tunnelview-lock-'));
    const m = machine(join(dir, 'install.lock'));
    const first: string[] = [];
    const second: string[] = [];
    const [a, b] = await Promise.all([
      ensureBrowser({ log: (line) => first.push(line) }, m.deps),
      new Promise((resolve) => setTimeout(resolve, 100)).then(() =>
        ensureBrowser({ log: (line) => second.push(line) }, m.deps),
      ),
    ]);
    expect([a, b]).toEqual(['/usr/bin/chromium', '/usr/bin/chromium']);
    expect(m.installs()).toBe(1);
    expect(first.join('\n')).toMatch(/installing the Debian package chromium/);
    expect(second).toEqual([
      'Another process is installing the browser; waiting for it to finish.',
    ]);
    expect(await readdir(dir)).toEqual([]);
    await rm(dir, { recursive: true, force: true });
  });

  it('takes over a lock left by a process that has gone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tunnelview-lock-'));
    const lockFile = join(dir, 'install.lock');
    const gone = spawnSync(process.execPath, ['-e', '0']).pid as number;
    await writeFile(lockFile, String(gone));
    const m = machine(lockFile);
    await expect(ensureBrowser({}, m.deps)).resolves.toBe('/usr/bin/chromium');
    expect(m.installs()).toBe(1);
    await rm(dir, { recursive: true, force: true });
  });
});
