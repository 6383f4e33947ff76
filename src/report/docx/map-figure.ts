// A map figure as a Word picture: the SVG our graph code drew, sized to the text width, with
// the figure's title and description as alt text and a PNG for word processors without SVG.
import { crc32, deflateSync } from 'node:zlib';
import { ImageRun, Paragraph, TextRun } from 'docx';
import { RenderError } from '../../domain/errors.ts';
import type { MapFigureView } from '../build-map-figures.ts';
import { cleanText } from './clean-text.ts';
import { COLOURS, CONTENT_WIDTH_PX, MAX_FIGURE_HEIGHT_PX, STYLE } from './docx-styles.ts';

/**
 * Draws an SVG as a PNG of `width` × `height` CSS pixels (or a multiple of it, for sharpness).
 * Word 2016 and later show the SVG itself; the PNG is what older Word, LibreOffice and
 * converters show instead.
 */
export type SvgRasteriser = (
  svg: string,
  size: { width: number; height: number },
) => Promise<Uint8Array>;

interface FigureSize {
  width: number;
  height: number;
}

const XML_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** Undoes XML escaping: `&amp;` → `&`, `&#8217;` → `’`. */
export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X'
          ? Number.parseInt(name.slice(2), 16)
          : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return XML_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The natural size of an SVG from its root `width`/`height`, else its `viewBox`. */
function svgSize(svg: string, figureId: string): FigureSize {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0];
  const attr = (name: string) =>
    root ? new RegExp(`\\s${name}="([^"]*)"`).exec(root)?.[1] : undefined;
  let width = Number.parseFloat(attr('width') ?? '');
  let height = Number.parseFloat(attr('height') ?? '');
  if (!(width > 0 && height > 0)) {
    const box = (attr('viewBox') ?? '').split(/[\s,]+/).map(Number);
    width = box[2] ?? Number.NaN;
    height = box[3] ?? Number.NaN;
  }
  if (!(width > 0 && height > 0)) {
    throw new RenderError(`Map figure ${figureId} has no width and height to size it by.`);
  }
  return { width, height };
}

/** Scaled down (never up) to fit the text width and a page with its caption. */
function fitFigure(size: FigureSize): FigureSize {
  const scale = Math.min(1, CONTENT_WIDTH_PX / size.width, MAX_FIGURE_HEIGHT_PX / size.height);
  return { width: Math.round(size.width * scale), height: Math.round(size.height * scale) };
}

/** The text of the SVG's own `<title>` and `<desc>`, which the graph code writes as its alt text. */
function svgAltText(svg: string): { title: string | undefined; description: string | undefined } {
  const element = (name: string) => {
    const raw = new RegExp(`<${name}\\b[^>]*>([\\s\\S]*?)</${name}>`, 'i').exec(svg)?.[1];
    return raw === undefined ? undefined : cleanText(decodeXmlText(raw.replace(/<[^>]+>/g, '')));
  };
  return { title: element('title'), description: element('desc') };
}

/**
 * A plain panel the size of the figure, for word processors that cannot draw SVG when no
 * rasteriser is given: the caption under it still says what the figure shows.
 */
function placeholderPng(size: FigureSize): Buffer {
  const scale = Math.min(1, 240 / size.width);
  const width = Math.max(2, Math.round(size.width * scale));
  const height = Math.max(2, Math.round(size.height * scale));
  const fill = [0xf1, 0xf3, 0xf5];
  const edge = [0x9a, 0x9a, 0x9a];
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    rows[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const colour = x === 0 || y === 0 || x === width - 1 || y === height - 1 ? edge : fill;
      rows.set(colour, row + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}

/** The figure's picture paragraph and its caption paragraph. */
export async function mapFigureParagraphs(
  figure: MapFigureView,
  rasterise: SvgRasteriser | undefined,
): Promise<Paragraph[]> {
  const natural = svgSize(figure.svg, figure.id);
  const fitted = fitFigure(natural);
  const alt = svgAltText(figure.svg);
  const fallback = rasterise
    ? await rasterise(figure.svg, natural).catch((error: unknown) => {
        throw new RenderError(`Could not draw map figure ${figure.id} as a PNG.`, {
          cause: error,
        });
      })
    : placeholderPng(natural);
  const transformation = { width: fitted.width, height: fitted.height };
  const picture = new ImageRun({
    type: 'svg',
    data: Buffer.from(figure.svg, 'utf8'),
    transformation,
    fallback: { type: 'png', data: fallback },
    altText: {
      name: figure.id,
      title: alt.title ?? cleanText(figure.caption),
      description: alt.description ?? cleanText(figure.caption),
    },
  });
  return [
    new Paragraph({ style: STYLE.figure, children: [picture] }),
    new Paragraph({
      style: STYLE.caption,
      children: [new TextRun({ text: cleanText(figure.caption), color: COLOURS.muted })],
    }),
  ];
}
