/**
 * The findings report as an editable Word document, from the same view model as the PDF and
 * in the same order: title page, contents, the outline's sections as Word headings, data as
 * Word tables whose header rows repeat, lists as Word lists, maps as pictures with alt text.
 */
import {
  Bookmark,
  Document,
  Footer,
  Header,
  HeadingLevel,
  InternalHyperlink,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import { estimatePageNumbers } from 'docx/layout';
import { RenderError } from '../../domain/errors.ts';
import {
  EDITION_LABELS,
  type FindingView,
  type KpeView,
  type ReportEdition,
  type ReportView,
  type SectionView,
} from '../build-report-view.ts';
import { cleanText } from './clean-text.ts';
import {
  COLOURS,
  CONTENT_WIDTH_TWIPS,
  LIST,
  NUMBERING,
  PAGE,
  STYLE,
  STYLES,
} from './docx-styles.ts';
import { mapFigureParagraphs, type SvgRasteriser } from './map-figure.ts';
import { settleDocx } from './settle-docx.ts';

export interface DocxOptions {
  /**
   * The edition the caller means to write. The edition line on the title page and in every
   * page's header comes from the view (`view.edition`); when this is given and differs, the
   * render is refused rather than label one edition's text as the other.
   */
  edition?: ReportEdition;
  /**
   * Draws each map figure as a PNG for word processors that cannot show SVG. Without it they
   * show a plain panel above the figure's caption; Word 2016 and later show the SVG either way.
   */
  rasteriseSvg?: SvgRasteriser;
}

type Block = Paragraph | Table | TableOfContents;

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

/** Word heading `level` (1 = Heading 1), capped at Heading 6. */
function headingStyle(level: number) {
  return HEADINGS[Math.min(Math.max(level, 1), HEADINGS.length) - 1] as (typeof HEADINGS)[number];
}

/** Word bookmark names: a letter first, then letters, digits and underscores, at most 40. */
function bookmarkName(anchor: string): string {
  const name = `tv_${anchor.replace(/[^A-Za-z0-9]+/g, '_')}`;
  return name.slice(0, 40);
}

/** Runs for one paragraph of user text: single line breaks kept as Word line breaks. */
function textRuns(text: string, style: { bold?: boolean; italics?: boolean } = {}): TextRun[] {
  return cleanText(text)
    .split(/\r?\n/)
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, ...style }));
}

/** Paragraphs of user text, split on blank lines as the view splits section text. */
function prose(text: string, style?: string): Paragraph[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => new Paragraph({ ...(style ? { style } : {}), children: textRuns(p) }));
}

function missing(text: string, style: string = STYLE.missing): Paragraph {
  return new Paragraph({
    style,
    children: [new TextRun({ text: cleanText(text), italics: true, color: COLOURS.muted })],
  });
}

function heading(level: number, children: ParagraphChild[], anchor?: string): Paragraph {
  return new Paragraph({
    heading: headingStyle(level),
    // Each top-level section starts a page, as in the PDF.
    ...(level === 1 ? { pageBreakBefore: true } : {}),
    children: anchor ? [new Bookmark({ id: bookmarkName(anchor), children })] : children,
  });
}

/** A heading's number (muted, an en space after it) and its text; unnumbered sections have none. */
function numberedText(number: string, text: string): ParagraphChild[] {
  return [
    ...(number ? [new TextRun({ text: `${number}\u2002`, color: COLOURS.muted })] : []),
    ...textRuns(text),
  ];
}

/** A cross-reference: a link when its target is printed in this report, plain text when not. */
function reference(href: string | null, anchor: string, text: string): ParagraphChild {
  const run = new TextRun({ text: cleanText(text), bold: true });
  return href ? new InternalHyperlink({ anchor: bookmarkName(anchor), children: [run] }) : run;
}

/** Lists: each numbered list counts from 1 (a new `instance`); bullets share one. */
class Lists {
  #instance = 0;

  numbered(items: ParagraphChild[][], style?: string): Paragraph[] {
    const instance = ++this.#instance;
    return items.map(
      (children) =>
        new Paragraph({
          ...(style ? { style } : {}),
          numbering: { reference: LIST.numbered, level: 0, instance },
          children,
        }),
    );
  }

  bullets(items: ParagraphChild[][], style?: string): Paragraph[] {
    const reference = style === STYLE.tableText ? LIST.cellBullets : LIST.bullets;
    return items.map(
      (children) =>
        new Paragraph({
          ...(style ? { style } : {}),
          numbering: { reference, level: 0 },
          children,
        }),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Tables

interface Column {
  title: string;
  /** Share of the text width, in per cent. */
  width: number;
}

function columnTwips(columns: Column[]): number[] {
  return columns.map((c) => Math.round((CONTENT_WIDTH_TWIPS * c.width) / 100));
}

const CELL_MARGINS = { top: 60, bottom: 60, left: 100, right: 100 };
const BORDER = { style: 'single', size: 4, color: COLOURS.rule } as const;
const TABLE_BORDERS = {
  top: BORDER,
  bottom: BORDER,
  left: BORDER,
  right: BORDER,
  insideHorizontal: BORDER,
  insideVertical: BORDER,
};

function cell(children: Block[], options: { shade?: string; span?: number; width?: number } = {}) {
  return new TableCell({
    children: children.length > 0 ? (children as (Paragraph | Table)[]) : [new Paragraph({})],
    margins: CELL_MARGINS,
    ...(options.width !== undefined ? { width: { size: options.width, type: WidthType.DXA } } : {}),
    ...(options.span ? { columnSpan: options.span } : {}),
    ...(options.shade
      ? { shading: { type: ShadingType.CLEAR, fill: options.shade, color: 'auto' } }
      : {}),
  });
}

/** A cell's text in the table style; a bold one (a row's label) as a single paragraph. */
function cellText(text: string, options: { bold?: boolean } = {}): Paragraph[] {
  if (!options.bold) return prose(text, STYLE.tableText);
  return text.trim()
    ? [new Paragraph({ style: STYLE.tableText, children: textRuns(text, { bold: true }) })]
    : [];
}

/** A caption above the table, kept with it: Word's Caption style, so it lists in a table of tables. */
function caption(text: string): Paragraph {
  return new Paragraph({
    style: STYLE.caption,
    keepNext: true,
    children: textRuns(text),
  });
}

/** A table with one header row that Word repeats at the top of every page it runs onto. */
function table(columns: Column[], rows: TableRow[]): Table {
  const widths = columnTwips(columns);
  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((c, i) =>
      cell(
        [
          new Paragraph({
            style: STYLE.tableHeading,
            children: [new TextRun({ text: c.title, bold: true })],
          }),
        ],
        { shade: COLOURS.shade, width: widths[i] ?? 0 },
      ),
    ),
  });
  return new Table({
    width: { size: CONTENT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    rows: [headerRow, ...rows],
  });
}

// ---------------------------------------------------------------------------------------------
// Section content, one function per kind of content the outline names

interface Context {
  lists: Lists;
  rasteriseSvg: SvgRasteriser | undefined;
}

function researchQuestions(section: SectionView, ctx: Context): Block[] {
  const questions = section.researchQuestions ?? [];
  if (questions.length === 0) return [];
  return ctx.lists.numbered(questions.map((q) => textRuns(q.text)));
}

function appraisalSummary(section: SectionView, ctx: Context): Block[] {
  const summary = section.appraisalSummary;
  if (!summary) return [];
  const columns: Column[] = [
    { title: 'Appraisal', width: 70 },
    { title: 'Episodes', width: 30 },
  ];
  const widths = columnTwips(columns);
  const rows = summary.counts.map(
    (c) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell(cellText(c.label, { bold: true }), { width: widths[0] ?? 0 }),
          cell(
            [new Paragraph({ style: STYLE.tableText, children: [new TextRun(String(c.count))] })],
            {
              width: widths[1] ?? 0,
            },
          ),
        ],
      }),
  );
  const blocks: Block[] = [caption('Key practice episodes by appraisal'), table(columns, rows)];
  if (summary.good.length > 0) {
    blocks.push(
      new Paragraph({
        spacing: { before: 240 },
        children: [new TextRun('Practice appraised as good, and what supported it:')],
      }),
      ...ctx.lists.bullets(
        summary.good.map((k) => [
          reference(k.href, k.anchor, k.id),
          new TextRun(' '),
          ...textRuns(k.explanation ? `${k.title} — ${k.explanation}` : k.title),
        ]),
      ),
    );
  }
  return blocks;
}

function factorItems(factors: KpeView['factors'], withKpes: boolean): ParagraphChild[][] {
  return factors.map((f) => [
    new TextRun({ text: f.id, bold: true }),
    new TextRun(' '),
    ...textRuns(f.text),
    new TextRun({
      text: ` (${cleanText(f.head)}${withKpes && f.kpeIds ? `; seen in ${cleanText(f.kpeIds)}` : ''})`,
      color: COLOURS.muted,
    }),
  ]);
}

function kpeTable(section: SectionView, ctx: Context): Block[] {
  const kpes = section.kpeTable ?? [];
  if (kpes.length === 0) return [];
  const columns: Column[] = [
    { title: 'What happened', width: 25 },
    { title: 'Appraisal', width: 25 },
    { title: 'Explanation', width: 27 },
    { title: 'Contributory factors', width: 23 },
  ];
  const widths = columnTwips(columns);
  const rows = kpes.flatMap((k) => {
    const meta = [
      k.period,
      k.agencies,
      k.chronologyRefs ? `drawn from ${k.chronologyRefs}` : '',
    ].filter(Boolean);
    const head = new Paragraph({
      style: STYLE.tableText,
      keepNext: true,
      children: [
        new Bookmark({
          id: bookmarkName(k.anchor),
          children: [new TextRun({ text: `${k.id}\u2002`, bold: true, color: COLOURS.accent })],
        }),
        ...textRuns(k.title, { bold: true }),
        new TextRun({ text: cleanText(meta.join(' · ')), break: 1, color: COLOURS.muted }),
        ...(k.rating
          ? [new TextRun({ text: `Appraisal: ${k.rating}`, break: 1, bold: true })]
          : []),
      ],
    });
    const appraisal: Block[] = k.appraisal
      ? [
          ...prose(k.appraisal, STYLE.tableText),
          ...(k.standard
            ? [
                new Paragraph({
                  style: STYLE.tableText,
                  children: [
                    new TextRun({ text: 'Standard: ', bold: true, color: COLOURS.muted }),
                    ...textRuns(k.standard),
                  ],
                }),
              ]
            : []),
        ]
      : [missing('Not yet appraised.', STYLE.tableText)];
    const explanation = k.explanation
      ? prose(k.explanation, STYLE.tableText)
      : [missing('Not yet explained.', STYLE.tableText)];
    const factors =
      k.factors.length > 0
        ? ctx.lists.bullets(factorItems(k.factors, false), STYLE.tableText)
        : [missing('None recorded.', STYLE.tableText)];
    return [
      // The episode's heading row stays on the page with its content row.
      new TableRow({
        cantSplit: true,
        children: [cell([head], { span: 4, shade: k.isGood ? COLOURS.good : COLOURS.shade })],
      }),
      new TableRow({
        children: [
          cell(prose(k.whatHappened, STYLE.tableText), { width: widths[0] ?? 0 }),
          cell(appraisal, { width: widths[1] ?? 0 }),
          cell(explanation, { width: widths[2] ?? 0 }),
          cell(factors, { width: widths[3] ?? 0 }),
        ],
      }),
    ];
  });
  return [
    caption(
      'Key practice episodes: what happened, how practice is appraised, why it made sense at the time, and the contributory factors',
    ),
    table(columns, rows),
  ];
}

function findingsSummary(section: SectionView): Block[] {
  const groups = section.findingsSummary ?? [];
  if (groups.length === 0) return [];
  const columns: Column[] = [
    { title: 'Category', width: 32 },
    { title: 'Findings', width: 68 },
  ];
  const widths = columnTwips(columns);
  const rows = groups.map(
    (g) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell(cellText(g.category, { bold: true }), { width: widths[0] ?? 0 }),
          cell(
            g.findings.map(
              (f) =>
                new Paragraph({
                  style: STYLE.tableText,
                  children: [
                    reference(f.href, f.anchor, f.id),
                    new TextRun(' '),
                    ...textRuns(f.statement),
                  ],
                }),
            ),
            { width: widths[1] ?? 0 },
          ),
        ],
      }),
  );
  return [caption('Findings by category'), table(columns, rows)];
}

async function finding(f: FindingView, level: number, ctx: Context): Promise<Block[]> {
  const blocks: Block[] = [
    heading(level, numberedText(`Finding ${f.number}`, f.statement), f.anchor),
    new Paragraph({
      children: [
        new TextRun({ text: 'Category: ', bold: true, color: COLOURS.muted }),
        ...textRuns(f.category),
        new TextRun({ text: ` (${f.id})`, color: COLOURS.muted }),
      ],
    }),
  ];
  for (const s of f.sections) {
    blocks.push(heading(level + 1, textRuns(s.title)));
    blocks.push(...(s.text ? prose(s.text) : []));
    if (!s.text?.trim()) blocks.push(missing('Not yet written.'));
  }
  if (f.factors.length > 0) {
    blocks.push(heading(level + 1, [new TextRun('Contributory factors behind this finding')]));
    blocks.push(...ctx.lists.bullets(factorItems(f.factors, true)));
  }
  for (const figure of f.mapFigures) {
    blocks.push(...(await mapFigureParagraphs(figure, ctx.rasteriseSvg)));
  }
  blocks.push(heading(level + 1, [new TextRun('Issues for the Board')]));
  blocks.push(
    ...(f.boardIssues.length > 0
      ? ctx.lists.numbered(f.boardIssues.map((i) => textRuns(i.question)))
      : [missing('No Issues for the Board recorded yet.')]),
  );
  return blocks;
}

function membership(section: SectionView): Block[] {
  const columns: Column[] = [
    { title: 'Name or role', width: 40 },
    { title: 'Profession and agency', width: 60 },
  ];
  const widths = columnTwips(columns);
  return (section.membership ?? []).flatMap((group) => [
    caption(group.role),
    table(
      columns,
      group.members.map(
        (m) =>
          new TableRow({
            cantSplit: true,
            children: [
              cell(cellText(m.name), { width: widths[0] ?? 0 }),
              cell(cellText(m.detail), { width: widths[1] ?? 0 }),
            ],
          }),
      ),
    ),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
  ]);
}

/** A two-column table of counts (label, number), as the appraisal summary's. */
function countTable(titles: [string, string], counts: { label: string; count: number }[]) {
  const columns: Column[] = [
    { title: titles[0], width: 70 },
    { title: titles[1], width: 30 },
  ];
  const widths = columnTwips(columns);
  return table(
    columns,
    counts.map(
      (c) =>
        new TableRow({
          cantSplit: true,
          children: [
            cell(cellText(c.label, { bold: true }), { width: widths[0] ?? 0 }),
            cell(
              [
                new Paragraph({
                  style: STYLE.tableText,
                  children: [new TextRun(String(c.count))],
                }),
              ],
              { width: widths[1] ?? 0 },
            ),
          ],
        }),
    ),
  );
}

function liveMeetings(section: SectionView): Block[] {
  return (section.liveMeetings ?? []).flatMap((m) => [
    caption(m.caption),
    countTable(['Attendance and contributions', 'Count'], m.counts),
    ...(m.byKind.length > 0
      ? [
          caption(`${m.caption}: contributions by kind`),
          countTable(['Kind of contribution', 'Contributions'], m.byKind),
        ]
      : []),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
  ]);
}

function chronology(section: SectionView): Block[] {
  const entries = section.chronology ?? [];
  if (entries.length === 0) return [];
  const columns: Column[] = [
    { title: 'Entry', width: 9 },
    { title: 'Date', width: 14 },
    { title: 'Agency', width: 17 },
    { title: 'What the record says', width: 45 },
    { title: 'Source', width: 15 },
  ];
  const widths = columnTwips(columns);
  const bookmarked = (id: string, first: boolean) =>
    new Paragraph({
      style: STYLE.tableText,
      children: [
        new Bookmark({
          id: bookmarkName(id),
          children: [new TextRun({ text: cleanText(id), bold: first })],
        }),
      ],
    });
  // A confirmed event is one row: every account's id bookmarked, each account a paragraph.
  const rows = entries.map((e) => {
    const accounts = e.accounts.length > 0 ? e.accounts : [e];
    const each = (field: 'date' | 'agency' | 'source') =>
      accounts.flatMap((a) => cellText(a[field]));
    const text =
      e.accounts.length > 0
        ? [
            ...cellText(e.eventHeading),
            ...accounts.flatMap((a) => cellText(`${a.agency}: ${a.text}`)),
          ]
        : cellText(e.text);
    return new TableRow({
      children: [
        cell(
          accounts.map((a, i) => bookmarked(a.id, i === 0)),
          { width: widths[0] ?? 0 },
        ),
        cell(each('date'), { width: widths[1] ?? 0 }),
        cell(each('agency'), { width: widths[2] ?? 0 }),
        cell(text, { width: widths[3] ?? 0 }),
        cell(each('source'), { width: widths[4] ?? 0 }),
      ],
    });
  });
  return [
    caption(
      "Entries from every agency's records, merged in time order; dates as each agency recorded them",
    ),
    table(columns, rows),
  ];
}

async function section(s: SectionView, ctx: Context): Promise<Block[]> {
  // Outline levels 2, 3, 4 (the HTML's h2–h4) are Word's Heading 1, 2, 3.
  const level = s.level - 1;
  const blocks: Block[] = [heading(level, numberedText(s.number, s.heading), s.anchor)];
  for (const p of s.text ?? []) blocks.push(...prose(p));
  if (s.emptyNote) blocks.push(missing(s.emptyNote));
  if (s.textMissing) blocks.push(missing('This section has not been written yet.'));
  if (s.prompt) blocks.push(missing(s.prompt));
  blocks.push(...researchQuestions(s, ctx));
  blocks.push(...appraisalSummary(s, ctx));
  blocks.push(...kpeTable(s, ctx));
  blocks.push(...findingsSummary(s));
  for (const f of s.findings ?? []) blocks.push(...(await finding(f, level + 1, ctx)));
  blocks.push(...membership(s));
  blocks.push(...chronology(s));
  for (const figure of s.mapFigures ?? []) {
    blocks.push(...(await mapFigureParagraphs(figure, ctx.rasteriseSvg)));
  }
  blocks.push(...liveMeetings(s));
  return blocks;
}

function titlePage(view: ReportView, editionLine: string): Block[] {
  const fact = (label: string, value: string) =>
    new Paragraph({
      style: STYLE.fact,
      tabStops: [{ type: TabStopType.LEFT, position: 2381 }],
      children: [
        new TextRun({ text: label, bold: true, color: COLOURS.muted }),
        new TextRun({ text: '\t' }),
        ...textRuns(value),
      ],
    });
  return [
    new Paragraph({ style: STYLE.editionNotice, children: textRuns(editionLine) }),
    new Paragraph({ style: STYLE.kind, children: textRuns(view.reviewKind) }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: textRuns(view.reviewTitle) }),
    new Paragraph({ style: STYLE.subtitle, children: textRuns(view.reportTitle) }),
    ...(view.subjectLabel
      ? [
          new Paragraph({
            spacing: { after: 360 },
            children: textRuns(`Concerning ${view.subjectLabel}`),
          }),
        ]
      : []),
    ...(view.leadReviewers ? [fact('Lead reviewers', view.leadReviewers)] : []),
    fact('Method', `${view.modelName} (model version ${view.modelVersion})`),
    fact('Findings typology', view.typologyName),
    fact('Produced', view.generatedOn),
    fact('Review record', view.logRecord),
    new Paragraph({
      style: STYLE.fact,
      indent: { left: 2381 },
      children: textRuns(view.headAnchor),
    }),
  ];
}

function contents(): Block[] {
  return [
    new Paragraph({
      style: STYLE.contentsHeading,
      pageBreakBefore: true,
      children: [new TextRun('Contents')],
    }),
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-2' }),
  ];
}

function escapeXml(text: string): string {
  return cleanText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * The document properties, written here rather than by docx because its options have no
 * language: Word reads the proofing language from the styles, other readers from `dc:language`.
 */
function coreProperties(view: ReportView, editionLine: string): string {
  // The report's own time, not the clock's: the same review renders the same bytes.
  const when = view.generatedAt;
  const element = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    element('dc:title', view.documentTitle),
    element('dc:subject', view.reportTitle),
    element('cp:keywords', view.documentKeywords),
    element('dc:creator', 'tunnelview'),
    element('dc:description', `${editionLine}. ${view.reviewKind}; ${view.modelName}.`),
    element('dc:language', view.lang),
    element('cp:lastModifiedBy', 'tunnelview'),
    element('cp:revision', '1'),
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>`,
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>`,
    '</cp:coreProperties>',
  ].join('');
}

/**
 * Renders the report as a .docx.
 *
 * @example
 * const view = buildReportView(state, model, { generatedAt, maps: await buildReportMaps(state, model) });
 * await writeFile('report.docx', await renderReportDocx(view, { edition: 'confidential' }));
 */
export async function renderReportDocx(
  view: ReportView,
  options: DocxOptions = {},
): Promise<Buffer> {
  // A view is built for one edition (the publication one from pseudonymised state): a
  // different label on it would mark a confidential text as publishable, or the reverse.
  if (options.edition && options.edition !== view.edition) {
    throw new RenderError(
      `The report view was built for the ${view.edition} edition, not the ${options.edition} edition.`,
      { fix: `Build the view with buildReportView(..., { edition: '${options.edition}' }).` },
    );
  }
  const editionLine = EDITION_LABELS[view.edition];
  const ctx: Context = { lists: new Lists(), rasteriseSvg: options.rasteriseSvg };
  const body: Block[] = [...titlePage(view, editionLine), ...contents()];
  for (const s of view.sections) body.push(...(await section(s, ctx)));

  const header = new Header({
    children: [
      new Paragraph({
        style: STYLE.header,
        tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH_TWIPS }],
        children: [
          ...textRuns(view.reviewTitle),
          new TextRun('\t'),
          new TextRun({ text: editionLine, bold: true, color: COLOURS.ink }),
        ],
      }),
    ],
  });
  const footer = new Footer({
    children: [
      new Paragraph({
        style: STYLE.footer,
        tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH_TWIPS }],
        children: [
          ...textRuns(editionLine),
          new TextRun({
            children: ['\tPage ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
          }),
        ],
      }),
    ],
  });

  // Title, subject and language go in docProps/core.xml, written by coreProperties below.
  const document = new Document({
    styles: STYLES,
    numbering: NUMBERING,
    pageNumbers: estimatePageNumbers,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.marginTop,
              bottom: PAGE.marginBottom,
              left: PAGE.marginSide,
              right: PAGE.marginSide,
              header: PAGE.headerFooter,
              footer: PAGE.headerFooter,
            },
          },
        },
        headers: { default: header },
        footers: { default: footer },
        children: body,
      },
    ],
  });
  try {
    const packed = await Packer.toBuffer(document, false, [
      { path: 'docProps/core.xml', data: coreProperties(view, editionLine) },
    ]);
    return settleDocx(packed, new Date(view.generatedAt));
  } catch (error) {
    throw new RenderError(`Could not write the Word document: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
