// The Word report's page geometry, styles and list definitions. Headings use Word's own
// Heading 1–3 styles (restyled, not replaced) so the navigation pane, a table of contents and
// screen readers see real headings; everything a Board might restyle is a named style.
import {
  AlignmentType,
  BorderStyle,
  type INumberingOptions,
  type IStylesOptions,
  LevelFormat,
  LineRuleType,
} from 'docx';

/** A4 in twentieths of a point, with the PDF's 20 mm side margins. */
export const PAGE = {
  width: 11906,
  height: 16838,
  marginTop: 1247,
  marginBottom: 1361,
  marginSide: 1134,
  headerFooter: 567,
} as const;

/** The width text runs across, in twips and in CSS pixels (96 to the inch) for pictures. */
export const CONTENT_WIDTH_TWIPS = PAGE.width - 2 * PAGE.marginSide;
export const CONTENT_WIDTH_PX = Math.floor(CONTENT_WIDTH_TWIPS / 15);
/** The tallest picture that still leaves room for its caption and the heading above it. */
export const MAX_FIGURE_HEIGHT_PX = 820;

export const COLOURS = {
  ink: '1B1B1B',
  muted: '4A4A4A',
  rule: '9A9A9A',
  accent: '1F4E79',
  good: 'E6F2E6',
  shade: 'F1F3F5',
} as const;

/**
 * Arial rather than the PDF's Atkinson Hyperlegible: a Board's Word has Arial everywhere,
 * and a font Word does not have is silently swapped for one the layout was not made with.
 */
const FONT = 'Arial';

/** Paragraph style ids for the report's own styles (names as Word shows them). */
export const STYLE = {
  editionNotice: 'EditionNotice',
  kind: 'ReviewKind',
  subtitle: 'Subtitle',
  fact: 'TitleFact',
  missing: 'Missing',
  tableText: 'TableText',
  tableHeading: 'TableHeading',
  caption: 'Caption',
  figure: 'Figure',
  contentsHeading: 'TOCHeading',
  header: 'Header',
  footer: 'Footer',
} as const;

/** List references: numbered lists restart for every list through `instance`. */
export const LIST = {
  numbered: 'tv-numbered',
  bullets: 'tv-bullets',
  /** Bullets inside narrow table cells, with a smaller indent. */
  cellBullets: 'tv-cell-bullets',
} as const;

const size = (pt: number) => Math.round(pt * 2);

export const STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: FONT, size: size(10.5), color: COLOURS.ink, language: { value: 'en-GB' } },
      paragraph: { spacing: { after: 120, line: 300, lineRule: LineRuleType.AUTO } },
    },
    title: {
      run: { font: FONT, size: size(26), bold: true, color: COLOURS.accent },
      paragraph: { spacing: { before: 120, after: 120, line: 264, lineRule: LineRuleType.AUTO } },
    },
    heading1: {
      run: { font: FONT, size: size(16), bold: true, color: COLOURS.accent },
      paragraph: {
        keepNext: true,
        keepLines: true,
        spacing: { before: 0, after: 200, line: 264, lineRule: LineRuleType.AUTO },
        border: {
          bottom: { style: BorderStyle.SINGLE, size: 12, color: COLOURS.accent, space: 2 },
        },
      },
    },
    heading2: {
      run: { font: FONT, size: size(12.5), bold: true, color: COLOURS.accent },
      paragraph: {
        keepNext: true,
        keepLines: true,
        spacing: { before: 300, after: 100, line: 264, lineRule: LineRuleType.AUTO },
      },
    },
    heading3: {
      run: { font: FONT, size: size(10.5), bold: true, color: COLOURS.ink },
      paragraph: {
        keepNext: true,
        keepLines: true,
        spacing: { before: 240, after: 80, line: 264, lineRule: LineRuleType.AUTO },
      },
    },
    heading4: {
      run: { font: FONT, size: size(10.5), bold: true, italics: true, color: COLOURS.ink },
      paragraph: {
        keepNext: true,
        keepLines: true,
        spacing: { before: 200, after: 60, line: 264, lineRule: LineRuleType.AUTO },
      },
    },
    caption: {
      run: { font: FONT, size: size(9), italics: true, color: COLOURS.muted },
      paragraph: { spacing: { before: 80, after: 120, line: 264, lineRule: LineRuleType.AUTO } },
    },
    listParagraph: { paragraph: { spacing: { after: 80 } } },
  },
  paragraphStyles: [
    {
      id: STYLE.editionNotice,
      name: 'Edition notice',
      basedOn: 'Normal',
      quickFormat: true,
      run: { bold: true, allCaps: true, characterSpacing: 10, size: size(11) },
      paragraph: {
        spacing: { after: 600 },
        border: {
          top: { style: BorderStyle.SINGLE, size: 12, color: COLOURS.ink, space: 4 },
          bottom: { style: BorderStyle.SINGLE, size: 12, color: COLOURS.ink, space: 4 },
          left: { style: BorderStyle.SINGLE, size: 12, color: COLOURS.ink, space: 4 },
          right: { style: BorderStyle.SINGLE, size: 12, color: COLOURS.ink, space: 4 },
        },
      },
    },
    {
      id: STYLE.kind,
      name: 'Review kind',
      basedOn: 'Normal',
      run: { allCaps: true, characterSpacing: 10, size: size(12), color: COLOURS.muted },
      paragraph: { spacing: { before: 0, after: 0 } },
    },
    {
      id: STYLE.subtitle,
      name: 'Subtitle',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { size: size(15), color: COLOURS.ink },
      paragraph: { spacing: { after: 360 } },
    },
    {
      id: STYLE.fact,
      name: 'Title page fact',
      basedOn: 'Normal',
      paragraph: { spacing: { after: 80 }, indent: { left: 2381, hanging: 2381 } },
    },
    {
      id: STYLE.missing,
      name: 'Not yet written',
      basedOn: 'Normal',
      run: { italics: true, color: COLOURS.muted },
    },
    {
      id: STYLE.tableText,
      name: 'Table text',
      basedOn: 'Normal',
      run: { size: size(9.5) },
      paragraph: { spacing: { before: 20, after: 60, line: 240, lineRule: LineRuleType.AUTO } },
    },
    {
      id: STYLE.tableHeading,
      name: 'Table heading',
      basedOn: STYLE.tableText,
      run: { bold: true },
      paragraph: { keepNext: true },
    },
    {
      id: STYLE.figure,
      name: 'Figure',
      basedOn: 'Normal',
      paragraph: {
        keepNext: true,
        alignment: AlignmentType.CENTER,
        spacing: { before: 120, after: 0 },
      },
    },
    {
      id: STYLE.contentsHeading,
      name: 'TOC Heading',
      basedOn: 'Normal',
      next: 'Normal',
      run: { size: size(16), bold: true, color: COLOURS.accent },
      paragraph: { spacing: { after: 200 } },
    },
    {
      id: STYLE.header,
      name: 'header',
      basedOn: 'Normal',
      run: { size: size(8.5), color: COLOURS.muted },
      paragraph: { spacing: { after: 0 } },
    },
    {
      id: STYLE.footer,
      name: 'footer',
      basedOn: 'Normal',
      run: { size: size(8.5), color: COLOURS.muted },
      paragraph: { spacing: { after: 0 } },
    },
  ],
};

export const NUMBERING: INumberingOptions = {
  config: [
    {
      reference: LIST.numbered,
      levels: [
        {
          level: 0,
          format: LevelFormat.DECIMAL,
          text: '%1.',
          alignment: AlignmentType.START,
          style: { paragraph: { indent: { left: 425, hanging: 425 } } },
        },
      ],
    },
    {
      reference: LIST.bullets,
      levels: [
        {
          level: 0,
          format: LevelFormat.BULLET,
          text: '•',
          alignment: AlignmentType.START,
          style: { paragraph: { indent: { left: 357, hanging: 357 } } },
        },
      ],
    },
    {
      reference: LIST.cellBullets,
      levels: [
        {
          level: 0,
          format: LevelFormat.BULLET,
          text: '•',
          alignment: AlignmentType.START,
          style: { paragraph: { indent: { left: 170, hanging: 170 } } },
        },
      ],
    },
  ],
};
