/**
 * The findings PDF of a large generated review (about 120 pages): renderReport end to end
 * (maps, view, HTML, Chromium, contents page numbers) against Chromium printing the same final
 * HTML, and against WeasyPrint on that HTML when `weasyprint` is on PATH.
 *
 * WeasyPrint is judged against our first render (the browser running, nothing cached); the
 * ratio from a cold start of both is printed beside it.
 *
 * The honest baseline is `page.pdf()` in a warm browser on the final HTML with the same options
 * (tagged, outline, the running header): the least any Chromium-based renderer of this exact PDF
 * must spend. `chromium --print-to-pdf` is also timed, against a cold process of ours (both start
 * a browser); it cannot draw our running header, so it does slightly less work.
 *
 * "First render" clears the map and page-number caches: ELK lays every map out and the contents
 * need a layout pass before the final print (2 passes). "Re-render" is the same review again in
 * the same process: maps and page numbers come from the caches and Chromium prints once.
 * Warm figures are medians of 5 runs taken in turns with the baseline; cold ones the best of 2.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { loadModel } from '../src/model/load-model.ts';
import { findOnPath } from '../src/report/pdf/ensure-browser.ts';
import { largeReview } from '../tests/report/large-review.ts';
import type { BenchResult } from './event-store.bench.ts';

const run = promisify(execFile);
const GENERATED_AT = new Date('2026-11-26T09:00:00Z');
const TARGET_CHROMIUM = 1.3;
const TARGET_WEASYPRINT = 4;
const RUNS = 5;
const THIS_FILE = fileURLToPath(import.meta.url);

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

function pagesOf(file: string): number {
  return (
    readFileSync(file)
      .toString('latin1')
      .match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0
  );
}

/**
 * A fresh Node process that imports the report stack, launches the browser, renders the large
 * review once and closes the browser; the child times itself from before its imports.
 */
function coldProcess(outFile: string): Promise<{ ms: number; pages: number; passes: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, THIS_FILE, '--cold', outFile], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`the cold report render exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}'));
    });
  });
}

async function coldChild(outFile: string): Promise<void> {
  const model = loadModel('learning-together');
  const state = largeReview(model);
  const start = performance.now();
  const { PdfRenderer, renderReport } = await import('../src/report/index.ts');
  // As a command would: the browser starts while the maps are laid out.
  const launching = PdfRenderer.launch();
  let result: Awaited<ReturnType<typeof renderReport>>;
  try {
    result = await renderReport(launching, { state, model, outFile, generatedAt: GENERATED_AT });
  } finally {
    await (await launching).close();
  }
  const ms = performance.now() - start;
  process.stdout.write(`${JSON.stringify({ ms, pages: result.pages, passes: result.passes })}\n`);
}

export async function runReportBench(): Promise<BenchResult[]> {
  const model = loadModel('learning-together');
  const state = largeReview(model);
  const dir = mkdtempSync(join(tmpdir(), 'tunnelview-report-bench-'));
  const {
    clearMapFigureCache,
    clearPageNumberCache,
    PdfRenderer,
    renderReport,
    renderRunningHeader,
  } = await import('../src/report/index.ts');
  const puppeteer = (await import('puppeteer-core')).default;
  try {
    // Cold: a fresh process each, ours and Chromium's own command line.
    const cold = [
      await coldProcess(join(dir, 'cold-1.pdf')),
      await coldProcess(join(dir, 'cold-2.pdf')),
    ];
    const coldMs = Math.min(...cold.map((c) => c.ms));

    // Warm: our renderer and a plain browser for the baseline, side by side, measured in turns
    // so that both see the same load on a shared machine.
    const renderer = await PdfRenderer.launch();
    const executablePath = renderer.executablePath;
    const browser = await puppeteer.launch({
      executablePath,
      headless: true,
      pipe: true,
      userDataDir: join(dir, 'baseline-profile'),
      args: [
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const htmlFile = join(dir, 'final.html');
    const outFile = join(dir, 'report.pdf');
    let finalHtml = '';
    let headerTemplate = '';
    let pages = 0;
    const first: number[] = [];
    const again: number[] = [];
    const baseline: number[] = [];
    const passes = { first: 0, again: 0 };
    const firstRender = async () => {
      clearMapFigureCache();
      clearPageNumberCache();
      const { ms, value } = await timed(() =>
        renderReport(renderer, { state, model, outFile, generatedAt: GENERATED_AT }),
      );
      passes.first = value.passes;
      finalHtml = value.html;
      headerTemplate = renderRunningHeader(value.view);
      pages = value.pages ?? 0;
      return ms;
    };
    const reRender = async () => {
      const { ms, value } = await timed(() =>
        renderReport(renderer, { state, model, outFile, generatedAt: GENERATED_AT }),
      );
      passes.again = value.passes;
      return ms;
    };
    // Chromium printing the final HTML with the same options. The page is opened (and closed)
    // outside the timing, since our renderer opens its next page ahead too: what is timed is
    // loading the HTML and printing it, the least any renderer of this PDF must do.
    const print = async () => {
      const page = await browser.newPage();
      await page.setJavaScriptEnabled(false);
      try {
        const { ms } = await timed(async () => {
          await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
          const pdf = await page.pdf({
            format: 'A4',
            preferCSSPageSize: true,
            printBackground: true,
            waitForFonts: true,
            tagged: true,
            outline: true,
            displayHeaderFooter: true,
            headerTemplate,
            footerTemplate: '<span></span>',
          });
          writeFileSync(join(dir, 'baseline.pdf'), pdf);
        });
        return ms;
      } finally {
        await page.close();
      }
    };
    try {
      // Warm-ups: a small review through ours (ELK, pdf.js, first page), then each side once.
      const small = largeReview(model, { kpes: 3, findings: 1, chronology: 5 }, { seed: 3 });
      await renderReport(renderer, {
        state: small,
        model,
        outFile: join(dir, 'warm-up.pdf'),
        generatedAt: GENERATED_AT,
      });
      await firstRender();
      writeFileSync(htmlFile, finalHtml);
      await print();
      for (let i = 0; i < RUNS; i += 1) {
        first.push(await firstRender());
        baseline.push(await print());
        again.push(await reRender());
      }
    } finally {
      await renderer.close();
      await browser.close();
    }

    const cli: number[] = [];
    for (let i = 0; i < 2; i += 1) {
      const { ms } = await timed(() =>
        run(executablePath, [
          '--headless',
          ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          `--user-data-dir=${join(dir, `cli-profile-${i}`)}`,
          '--no-pdf-header-footer',
          '--generate-pdf-document-outline',
          `--print-to-pdf=${join(dir, 'cli.pdf')}`,
          pathToFileURL(htmlFile).href,
        ]),
      );
      cli.push(ms);
    }
    const cliMs = Math.min(...cli);

    const firstMs = median(first);
    const againMs = median(again);
    const baseMs = median(baseline);
    const ratio = (ms: number, base: number) => ms / base;
    const rows: BenchResult[] = [
      {
        name: `report PDF (${pages} pp), re-render, 1 pass`,
        figure: seconds(againMs),
        target: `≤ ${TARGET_CHROMIUM}× page.pdf (${seconds(baseMs)})`,
        ratio: `${ratio(againMs, baseMs).toFixed(2)}× Chromium`,
        pass: ratio(againMs, baseMs) <= TARGET_CHROMIUM && passes.again === 1,
      },
      {
        name: `report PDF, first render, ${passes.first} passes + maps`,
        figure: seconds(firstMs),
        target: `≤ ${TARGET_CHROMIUM}× page.pdf (${seconds(baseMs)})`,
        ratio: `${ratio(firstMs, baseMs).toFixed(2)}× Chromium`,
        pass: ratio(firstMs, baseMs) <= TARGET_CHROMIUM,
      },
      {
        name: '  cold process (launch, imports, render)',
        figure: seconds(coldMs),
        target: `(vs chromium --print-to-pdf ${seconds(cliMs)})`,
        ratio: `${ratio(coldMs, cliMs).toFixed(2)}× Chromium CLI`,
        pass: true,
      },
    ];

    const weasyprint = findOnPath('weasyprint');
    if (!weasyprint) {
      rows.push({
        name: 'WeasyPrint on the same HTML',
        figure: 'skipped',
        target: `≥ ${TARGET_WEASYPRINT}× slower`,
        ratio: 'not on PATH (apt-get install weasyprint)',
        pass: true,
      });
    } else {
      const weasyPdf = join(dir, 'weasyprint.pdf');
      const { ms: weasyMs } = await timed(() =>
        run(weasyprint, ['--quiet', htmlFile, weasyPdf], { maxBuffer: 64 * 1024 * 1024 }),
      );
      // Judged against our first render of the review (browser running, nothing cached, two
      // passes): WeasyPrint's own start-up is a third of a second, so its command line is
      // nearly all rendering. From a cold start (Node, Chromium launch, ELK start-up) we are
      // slower, and that is printed too.
      const faster = weasyMs / firstMs;
      rows.push({
        name: `WeasyPrint on the same HTML (${pagesOf(weasyPdf)} pp)`,
        figure: seconds(weasyMs),
        target: `≥ ${TARGET_WEASYPRINT}× our first render`,
        ratio: `ours ${faster.toFixed(1)}× faster; ${(weasyMs / coldMs).toFixed(1)}× from cold`,
        pass: faster >= TARGET_WEASYPRINT,
      });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--cold' && process.argv[3]) {
  await coldChild(process.argv[3]);
} else if (process.argv[1] === THIS_FILE) {
  for (const r of await runReportBench()) console.log(r);
}
