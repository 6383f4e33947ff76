// The Word export: the report rendered as a .docx from the PDF's view model, read back with
// mammoth (as another program would) and with our own reader (as the leak check will).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildDemoReview, DEMO_SCENARIO } from '../../src/app/demo/build-demo.ts';
import { addKpe } from '../../src/app/kpes.ts';
import { createReview } from '../../src/app/reviews.ts';
import { Workspace } from '../../src/app/workspace.ts';
import { RenderError } from '../../src/domain/errors.ts';
import type { ReviewState } from '../../src/domain/review-state.ts';
import { loadModel } from '../../src/model/load-model.ts';
import { buildReportMaps } from '../../src/report/build-map-figures.ts';
import {
  buildReportView,
  EDITION_LABELS,
  type ReportView,
  type SectionView,
} from '../../src/report/build-report-view.ts';
import {
  docxText,
  docxTextParts,
  launchSvgRasteriser,
  renderReportDocx,
  type SvgRasteriserHandle,
} from '../../src/report/docx/index.ts';
import { readZip } from '../../src/report/docx/read-zip.ts';
import { openWorkspace } from '../../src/store/sqlite-event-store.ts';
import { pdfText } from '../helpers/pdf-tools.ts';
import { buildSampleReview, newId, pinnedClock } from '../helpers/workspace.ts';

const model = loadModel('learning-together');
const generatedAt = new Date('2026-11-26T09:00:00Z');
const HOSTILE = '<script>alert("x")</script> & <b>bold</b>';

// The workspace helpers tie clean-up to a test; these files build their reviews in beforeAll.
const dirs: string[] = [];
const closers: (() => void)[] = [];
afterAll(() => {
  for (const close of closers) close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tunnelview-docx-'));
  dirs.push(dir);
  return dir;
}

function freshWorkspace(clock = pinnedClock()): Workspace {
  const store = openWorkspace(join(freshDir(), 'tunnelview.db'), { create: true });
  closers.push(() => store.close());
  return new Workspace({
    store,
    loadModel: (id) => loadModel(id),
    clock,
    actor: 'Test Reviewer',
  });
}

async function sampleState(): Promise<ReviewState> {
  const ws = freshWorkspace();
  const { state: created } = await createReview(
    ws,
    { title: 'Learning review: Child A', kind: 'lcspr' },
    'R-TEST01',
  );
  const reviewId = created.review.id;
  await buildSampleReview(ws, reviewId);
  const added = await addKpe(ws, reviewId, {
    title: HOSTILE,
    period: { from: '2023-07-01' },
    whatHappened: 'First line of the account.\nSecond line.\n\nA second paragraph & more.',
  });
  const state = await ws.load(reviewId);
  // Text with a control character is refused on the way in; a review written before that
  // refusal may still hold one, and the renderer must not let it spoil the file.
  const kpe = state.kpes[newId(added) as string];
  if (kpe) kpe.whatHappened = kpe.whatHappened.replace('Second line.', 'Second line.\u0007');
  return state;
}

async function html(docx: Buffer): Promise<string> {
  return (await mammoth.convertToHtml({ buffer: docx })).value;
}

/** A section's heading as printed: its number, an en space, its heading; unnumbered, the heading alone. */
function headingText(s: SectionView): string {
  return s.number ? `${s.number}\u2002${s.heading}` : s.heading;
}

/** Every heading mammoth found, as level and plain text, in document order. */
function headings(markup: string): { level: number; text: string }[] {
  return [...markup.matchAll(/<h([1-6])>(.*?)<\/h\1>/g)].map((m) => ({
    level: Number(m[1]),
    text: decode(m[2] ?? ''),
  }));
}

function decode(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** The HTML of the first table whose text includes `marker`. */
function tableWith(markup: string, marker: string): string | undefined {
  return [...markup.matchAll(/<table>[\s\S]*?<\/table>/g)]
    .map((m) => m[0])
    .find((t) => decode(t).includes(marker));
}

function documentXml(docx: Buffer): string {
  return readZip(docx).get('word/document.xml')?.toString('utf8') ?? '';
}

/** Width and height of a PNG from its header. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('renderReportDocx', () => {
  let state: ReviewState;
  let view: ReportView;
  let docx: Buffer;
  let markup: string;

  beforeAll(async () => {
    state = await sampleState();
    view = buildReportView(state, model, { generatedAt });
    docx = await renderReportDocx(view);
    markup = await html(docx);
  });

  it('writes the outline as real Word headings, Heading 1 and 2, in the outline order', () => {
    const expected = view.sections.map((s) => ({ level: s.level - 1, text: headingText(s) }));
    const found = headings(markup).filter((h) => h.level <= 2 && !h.text.startsWith('Finding '));
    expect(found).toEqual(expected);
    expect(expected.some((h) => h.level === 2)).toBe(true);
  });

  it('gives each finding a Heading 2 with its sections and Issues for the Board as Heading 3', () => {
    const all = headings(markup);
    const findings = view.sections.find((s) => s.content === 'findings')?.findings ?? [];
    expect(findings.length).toBe(2);
    for (const finding of findings) {
      const at = all.findIndex(
        (h) => h.level === 2 && h.text === `Finding ${finding.number}\u2002${finding.statement}`,
      );
      expect(at, `heading of ${finding.id}`).toBeGreaterThan(-1);
      const next = all.findIndex((h, i) => i > at && h.level <= 2);
      const inside = all.slice(at + 1, next < 0 ? undefined : next);
      expect(inside.every((h) => h.level === 3)).toBe(true);
      expect(inside.map((h) => h.text)).toEqual([
        ...model.findingSections.map((s) => s.title),
        'Contributory factors behind this finding',
        'Issues for the Board',
      ]);
    }
    // Issues for the Board are a numbered list, each question an item.
    for (const finding of findings) {
      for (const issue of finding.boardIssues) {
        expect(markup).toContain(`<li>${issue.question}</li>`);
      }
    }
    expect(markup).toMatch(/<ol><li>How does the Board know caseloads are safe\?<\/li><\/ol>/);
  });

  it('puts the KPEs in a Word table with a header row Word repeats on every page', () => {
    const table = tableWith(markup, 'What happened');
    expect(table).toBeDefined();
    const text = decode(table ?? '');
    for (const column of ['What happened', 'Appraisal', 'Explanation', 'Contributory factors']) {
      expect(text).toContain(column);
    }
    expect(text).toContain('KPE-1');
    expect(text).toContain('Home visit after the birth of a sibling');
    expect(text).toContain('Caseloads left no time for a return visit.');
    expect(text).toContain('Not yet appraised.');

    // Every table's first row is a repeating header row.
    const xml = documentXml(docx);
    const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((m) => m[1] ?? '');
    expect(tables.length).toBeGreaterThanOrEqual(5);
    for (const t of tables) {
      const firstRow = /<w:tr\b[\s\S]*?<\/w:tr>/.exec(t)?.[0] ?? '';
      expect(firstRow).toContain('<w:tblHeader/>');
    }
  });

  it('lists research questions as a numbered list and shows the appraisal summary, chronology and membership as tables', () => {
    expect(markup).toContain('<ol><li>How did agencies share concerns about neglect?</li></ol>');
    const summary = decode(tableWith(markup, 'Episodes') ?? '');
    expect(summary).toMatch(/Mixed\s*1/);
    const chronology = decode(tableWith(markup, 'What the record says') ?? '');
    expect(chronology).toContain('Nursery noted bruising to the left arm.');
    expect(chronology).toContain('June 2023');
    const membership = decode(tableWith(markup, 'Profession and agency') ?? '');
    expect(membership).toContain('Dana Reid');
    // Case-group members appear by their label, not their name.
    expect(decode(markup)).toContain('Health Visitor 1');
    expect(decode(markup)).not.toContain('Sam Okafor');
  });

  it('keeps user text literal: markup and ampersands are printed, never interpreted', async () => {
    expect(markup).toContain(
      '&lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;',
    );
    expect(markup).not.toContain('<script>');
    const raw = (await mammoth.extractRawText({ buffer: docx })).value;
    expect(raw).toContain(HOSTILE);
    expect(raw).toContain('A second paragraph & more.');
    // A control character XML cannot carry is dropped, not allowed to spoil the file.
    expect(docxText(docx)).toContain('Second line.');
    expect(documentXml(docx)).not.toContain('\u0007');
  });

  it('marks the edition on the title page and in the header of every page', () => {
    const parts = docxTextParts(docx);
    const body = parts.find((p) => p.source === 'body')?.text ?? '';
    const header = parts.filter((p) => p.source === 'header').map((p) => p.text);
    expect(body.split('\n')[0]).toBe(EDITION_LABELS.confidential);
    expect(header.length).toBeGreaterThan(0);
    for (const h of header) expect(h).toContain('Confidential draft — not for publication');
    expect(parts.find((p) => p.source === 'footer')?.text).toContain('Page');
  });

  it('says "Publication edition" and nothing about a confidential draft in the publication edition', async () => {
    const publicationView = buildReportView(state, model, { generatedAt, edition: 'publication' });
    const publication = await renderReportDocx(publicationView);
    const text = docxText(publication);
    expect(text).toContain('Publication edition');
    expect(text).not.toContain('Confidential draft');
    const header = docxTextParts(publication).find((p) => p.source === 'header');
    expect(header?.text).toContain('Publication edition');
    expect(text).toContain(`${state.review.id}:${state.seq}:${state.head}`);
  });

  it('carries the log’s full head on the title page and in the document’s keywords', () => {
    const anchor = `${state.review.id}:${state.seq}:${state.head}`;
    expect(state.head).toMatch(/^[0-9a-f]{64}$/);
    const body = docxTextParts(docx).find((p) => p.source === 'body')?.text ?? '';
    expect(body).toContain(`${state.seq} events; the log's head (review, event, hash):\n${anchor}`);
    const core = readZip(docx).get('docProps/core.xml')?.toString('utf8') ?? '';
    expect(core).toContain(`<cp:keywords>tunnelview-head ${anchor}</cp:keywords>`);
  });

  it('refuses to label a view built for one edition as the other', async () => {
    await expect(renderReportDocx(view, { edition: 'publication' })).rejects.toThrow(
      /built for the confidential edition, not the publication edition/,
    );
  });

  it('sets the document title and British English as its language', () => {
    const files = readZip(docx);
    const core = files.get('docProps/core.xml')?.toString('utf8') ?? '';
    expect(core).toContain(`<dc:title>${view.documentTitle}</dc:title>`);
    expect(core).toContain('<dc:language>en-GB</dc:language>');
    const styles = files.get('word/styles.xml')?.toString('utf8') ?? '';
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*<w:lang w:val="en-GB"\/>/);
    expect(docxTextParts(docx).find((p) => p.source === 'properties')?.text).toContain(
      view.documentTitle,
    );
  });

  it('opens with a table of contents listing the sections with their page numbers', () => {
    const contents = markup.slice(markup.indexOf('<p>Contents</p>'), markup.indexOf('<h1>'));
    const text = decode(contents);
    for (const s of view.sections.filter((x) => x.level <= 3)) {
      expect(text, s.heading).toContain(`${headingText(s)}\t`);
    }
    // Page numbers are worked out when the file is written, not left for Word to fill in.
    const appendix = view.sections.find((s) => s.appendix) as SectionView;
    expect(text).toMatch(new RegExp(`${headingText(appendix)}\\t\\d+`));
  });
});

describe('renderReportDocx with map figures', () => {
  let raster: SvgRasteriserHandle | undefined;
  afterAll(async () => {
    await raster?.close();
  });

  it('embeds each map as an SVG picture with alt text and its caption under it', async () => {
    const state = await sampleState();
    const maps = await buildReportMaps(state, model);
    const view = buildReportView(state, model, { generatedAt, maps });
    const docx = await renderReportDocx(view);
    const figures = [...maps.whole, ...Object.values(maps.byFinding).flat()];
    expect(figures.length).toBeGreaterThan(1);

    const files = readZip(docx);
    const svgs = [...files.keys()].filter((n) => /^word\/media\/.*\.svg$/.test(n));
    const pngs = [...files.keys()].filter((n) => /^word\/media\/.*\.png$/.test(n));
    expect(svgs.length).toBe(figures.length);
    // Without a rasteriser the fallback for SVG-blind word processors is a small plain panel.
    expect(pngs.length).toBeGreaterThan(0);

    const xml = documentXml(docx);
    expect(xml).toContain('asvg:svgBlip');
    const parts = docxTextParts(docx);
    const alt = parts.find((p) => p.source === 'alt-text')?.text ?? '';
    expect(alt).toContain('Map of the analysis');
    expect(parts.filter((p) => p.source === 'figure').length).toBe(figures.length);

    const raw = (await mammoth.extractRawText({ buffer: docx })).value;
    for (const figure of figures) expect(raw).toContain(figure.caption);
  });

  it('draws the PNG fallback of each map with Chromium when given a rasteriser', async () => {
    const state = await sampleState();
    const maps = await buildReportMaps(state, model);
    const view = buildReportView(state, model, { generatedAt, maps });
    raster = await launchSvgRasteriser();
    const docx = await renderReportDocx(view, { rasteriseSvg: raster.rasterise });
    const files = readZip(docx);
    const pngs = [...files.entries()].filter(([n]) => /^word\/media\/.*\.png$/.test(n));
    const figure = maps.whole[0];
    const natural = /<svg\b[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(figure?.svg ?? '');
    const sizes = pngs.map(([, png]) => pngSize(png));
    expect(sizes).toContainEqual({
      width: Math.ceil(Number(natural?.[1])) * 2,
      height: Math.ceil(Number(natural?.[2])) * 2,
    });
    // A drawn map is far larger than a plain panel.
    expect(Math.min(...pngs.map(([, png]) => png.length))).toBeGreaterThan(5_000);
  });
});

describe('docxText', () => {
  it('refuses a file that is not a .docx with a RenderError that says so', () => {
    expect(() => docxText(Buffer.from('not a zip at all'))).toThrow(RenderError);
    expect(() => docxText(Buffer.from('not a zip at all'))).toThrow(/not a ZIP file/);
  });
});

describe('the demo review as a .docx', () => {
  const execFileAsync = promisify(execFile);
  const libreoffice = ['/usr/bin/libreoffice', '/usr/bin/soffice'].find((p) => existsSync(p));
  let docx: Buffer;
  let view: ReportView;
  let dir: string;
  let renderAgain: () => Promise<Buffer>;

  beforeAll(async () => {
    // The demo's returns run into 2026, and no entry may be dated after the day it is imported.
    const ws = freshWorkspace(pinnedClock('2026-11-26T09:00:00.000Z'));
    const reviewId = await buildDemoReview(ws, DEMO_SCENARIO);
    const state = await ws.load(reviewId);
    const demoModel = loadModel(state.review.modelId);
    const maps = await buildReportMaps(state, demoModel);
    view = buildReportView(state, demoModel, { generatedAt, maps });
    renderAgain = () => renderReportDocx(buildReportView(state, demoModel, { generatedAt, maps }));
    docx = await renderReportDocx(view);
    dir = freshDir();
    writeFileSync(join(dir, 'findings.docx'), docx);
  });

  it('holds every section heading, every finding with its Issues for the Board, and every map', async () => {
    const markup = await html(docx);
    const all = headings(markup);
    for (const s of view.sections) {
      expect(all).toContainEqual({ level: s.level - 1, text: headingText(s) });
    }
    const findings = view.sections.find((s) => s.content === 'findings')?.findings ?? [];
    expect(findings.length).toBeGreaterThan(2);
    expect(all.filter((h) => h.text === 'Issues for the Board').length).toBe(findings.length);
    const figures = view.sections.flatMap((s) => [
      ...(s.mapFigures ?? []),
      ...(s.findings ?? []).flatMap((f) => f.mapFigures),
    ]);
    expect((markup.match(/<img /g) ?? []).length).toBe(figures.length);
  });

  it('renders the same review to the same bytes, whatever the clock and however often', async () => {
    // docx stamps each file with the clock, and numbers bookmarks and drawings on from
    // the renders before it in the process (the ones above).
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2027-03-01T12:00:00Z'));
      const again = await renderAgain();
      vi.setSystemTime(new Date('2031-08-15T18:30:07Z'));
      const later = await renderAgain();
      expect(again.equals(docx)).toBe(true);
      expect(later.equals(docx)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
    // The document's own time is the report's.
    const core = readZip(docx).get('docProps/core.xml')?.toString('utf8') ?? '';
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-26T09:00:00Z<');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-26T09:00:00Z<');
  });

  it.skipIf(!libreoffice)(
    'converts to a PDF with LibreOffice that reads in the outline order',
    async () => {
      await execFileAsync(
        libreoffice as string,
        ['--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'findings.docx')],
        { timeout: 120_000, env: { ...process.env, HOME: dir } },
      );
      const flat = (t: string) => t.replace(/[\s\u2002]+/g, ' ');
      const text = flat(await pdfText(join(dir, 'findings.pdf')));
      const topLevel = view.sections.filter((x) => x.level === 2);
      // Past the contents, which list every heading first.
      const last = topLevel.at(-1) as SectionView;
      let cursor = text.indexOf(flat(headingText(last)), text.indexOf('Contents'));
      expect(cursor).toBeGreaterThan(-1);
      for (const s of topLevel) {
        const at = text.indexOf(flat(headingText(s)), cursor + 1);
        expect(at, `heading "${s.heading}"`).toBeGreaterThan(cursor);
        cursor = at;
      }
      expect(text).toMatch(/Page 3 of \d+/);
    },
    120_000,
  );
});
