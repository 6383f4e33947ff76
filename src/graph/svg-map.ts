/**
 * The map as SVG text, written by hand from a layout: every label escaped
 * through the `svg` template, `role="img"` with a title and a description
 * for screen readers, each node's stable id printed on it and used in its
 * element id, and good practice shown by a double border and the words
 * "Good practice" (colour only repeats it). Same layout → same text.
 */
import { InternalError } from '../domain/errors.ts';
import {
  MAP_GEOMETRY as G,
  type MapLayout,
  type PlacedEdge,
  type PlacedGroup,
  type PlacedNode,
  type Tone,
} from './layout-map.ts';
import { joinSvg, type SvgMarkup, svg } from './svg-markup.ts';
import { embeddedFontCss, textWidth, wrapText } from './svg-text.ts';

const COLOURS = {
  ink: '#1b1b1b',
  muted: '#4a4a4a',
  accent: '#1f4e79',
  rule: '#8a8a8a',
  good: '#e6f2e6',
  factor: '#f1f3f5',
  group: '#fafbfc',
  explains: '#7b8794',
} as const;

const FONT_FAMILY = 'Atkinson Hyperlegible, sans-serif';

/** A horizontal slice of the map's content, for printing a tall map over several pages. */
export interface MapBand {
  /** Content y where the slice starts and ends. */
  top: number;
  bottom: number;
  /** 1-based, and how many slices there are. */
  part: number;
  parts: number;
  /** Nodes drawn in this slice (each node is drawn in exactly one). */
  nodeIds: string[];
}

export interface MapSvgOptions {
  /**
   * Prefix of every element id, so several maps can share one HTML page.
   * Letters, digits and hyphens, starting with a letter. Default `map`.
   */
  idPrefix?: string;
  /** Carry the font inside the file, for an SVG opened on its own. Default false. */
  embedFont?: boolean;
  /** Draw only this slice (see `mapBands`); default the whole map. */
  band?: MapBand;
  /**
   * Where each node's record lives: with it, every node is a link (`<a href>`) named by its
   * kind, id and whole label, and the map is a group of links rather than one picture.
   */
  nodeHref?: (kind: PlacedNode['kind'], id: string) => string;
}

const KIND_NAMES: Record<PlacedNode['kind'], string> = {
  kpe: 'Key practice episode',
  factor: 'Contributory factor',
  finding: 'Finding',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function idList(ids: string[]): string {
  if (ids.length <= 1) return ids.join('');
  return `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`;
}

/** The map's accessible name. */
export function mapTitle(layout: MapLayout): string {
  const focus = layout.graph.focus;
  return focus
    ? `The analysis behind finding ${focus.number} (${focus.id})`
    : `Map of the analysis: ${layout.graph.reviewTitle}`;
}

/** What the map shows, in words: the text alternative for screen readers. */
function mapDescription(layout: MapLayout): string {
  const { graph } = layout;
  const good = graph.kpes.filter((k) => k.good).length;
  const goodNote = good > 0 ? ` (${good} of them good practice)` : '';
  if (graph.focus) {
    const f = graph.focus;
    if (graph.factors.length === 0) {
      return `Finding ${f.number} (${f.id}) has no contributory factors linked to it yet.`;
    }
    const kpes =
      graph.kpes.length === 0
        ? 'which are not yet linked to any key practice episode'
        : `which help explain ${plural(graph.kpes.length, 'key practice episode')}${goodNote}: ${idList(graph.kpes.map((k) => k.id))}`;
    return (
      `Finding ${f.number} (${f.id}) is supported by ${plural(graph.factors.length, 'contributory factor')} ` +
      `under ${plural(graph.heads.length, 'framework head')} (${idList(graph.factors.map((x) => x.id))}), ${kpes}.`
    );
  }
  if (layout.nodes.length === 0) {
    return 'No key practice episodes, contributory factors or findings have been recorded yet.';
  }
  return (
    `${plural(graph.kpes.length, 'key practice episode')}${goodNote}, ` +
    `${plural(graph.factors.length, 'contributory factor')} under ${plural(graph.heads.length, 'framework head')}, ` +
    `and ${plural(graph.findings.length, 'finding')}. Episodes are on the left in time order, factors in the ` +
    'middle grouped by head, findings on the right. Lines join each episode to the factors that help ' +
    'explain it, and each factor to the findings it supports.'
  );
}

function bandDescription(layout: MapLayout, band: MapBand): string {
  const shown = new Set(band.nodeIds);
  const of = (kind: PlacedNode['kind']) =>
    layout.nodes.filter((n) => n.kind === kind && shown.has(n.id)).map((n) => n.id);
  const parts = [
    of('kpe').length > 0 ? `key practice episodes ${idList(of('kpe'))}` : '',
    of('factor').length > 0 ? `contributory factors ${idList(of('factor'))}` : '',
    of('finding').length > 0 ? `findings ${idList(of('finding'))}` : '',
  ].filter(Boolean);
  return `Part ${band.part} of ${band.parts} of the map. This part shows ${parts.join('; ') || 'only lines continuing from other parts'}. ${mapDescription(layout)}`;
}

function toneColour(tone: Tone): string {
  return COLOURS[tone];
}

function labelLines(node: PlacedNode, insetX: number): SvgMarkup[] {
  return node.lines.map((line, i) => {
    const y = node.y + node.inset + i * G.line + G.font * 0.82;
    const runs = line.map(
      (r) =>
        svg`<tspan${r.weight === 700 ? svg` font-weight="700"` : ''}${
          r.tone === 'ink' ? '' : svg` fill="${toneColour(r.tone)}"`
        }>${r.text}</tspan>`,
    );
    return svg`<text x="${node.x + insetX}" y="${y}">${runs}</text>`;
  });
}

function drawNode(
  node: PlacedNode,
  prefix: string,
  nodeHref?: MapSvgOptions['nodeHref'],
): SvgMarkup {
  const { x, y, width, height } = node;
  let frame: SvgMarkup;
  let insetX = G.padX;
  if (node.kind === 'kpe' && node.good) {
    // The double border (and the words on the label) mark good practice without colour.
    const i = G.goodInset;
    insetX = G.padX + i;
    frame = svg`<rect x="${x}" y="${y}" width="${width}" height="${height}" rx="3" fill="${COLOURS.good}" stroke="${COLOURS.ink}" stroke-width="1"/><rect x="${x + i}" y="${y + i}" width="${width - 2 * i}" height="${height - 2 * i}" rx="2" fill="none" stroke="${COLOURS.ink}" stroke-width="1"/>`;
  } else if (node.kind === 'kpe') {
    frame = svg`<rect x="${x}" y="${y}" width="${width}" height="${height}" rx="3" fill="#ffffff" stroke="${COLOURS.ink}" stroke-width="0.8"/>`;
  } else if (node.kind === 'factor') {
    frame = svg`<rect x="${x}" y="${y}" width="${width}" height="${height}" rx="2" fill="${COLOURS.factor}" stroke="${COLOURS.rule}" stroke-width="0.8"/>`;
  } else {
    frame = svg`<rect x="${x}" y="${y}" width="${width}" height="${height}" rx="3" fill="#ffffff" stroke="${COLOURS.accent}" stroke-width="2"/>`;
  }
  const cls = node.kind === 'kpe' && node.good ? 'kpe good-practice' : node.kind;
  const drawn = svg`<g id="${prefix}-${node.id}" class="${cls}" data-id="${node.id}"><title>${node.fullText}</title>${frame}${labelLines(node, insetX)}</g>`;
  if (!nodeHref) return drawn;
  const name = `${KIND_NAMES[node.kind]} ${node.id}: ${node.fullText}`;
  return svg`<a href="${nodeHref(node.kind, node.id)}" aria-label="${name}" class="map-link">${drawn}</a>`;
}

function drawGroup(group: PlacedGroup, prefix: string, showName: boolean): SvgMarkup {
  const name = showName
    ? group.nameLines.map(
        (line, i) =>
          svg`<text x="${group.x + G.groupPad}" y="${group.y + G.groupPad + i * G.headLine + G.headFont * 0.85}" font-size="${G.headFont}" font-weight="700" fill="${COLOURS.accent}">${line}</text>`,
      )
    : [];
  return svg`<g id="${prefix}-head-${group.headId}" class="head"><title>Framework head: ${group.name}</title><rect x="${group.x}" y="${group.y}" width="${group.width}" height="${group.height}" rx="4" fill="${COLOURS.group}" stroke="${COLOURS.rule}" stroke-width="0.8" stroke-dasharray="3 2"/>${name}</g>`;
}

function drawEdge(edge: PlacedEdge): SvgMarkup {
  const { start, end } = edge;
  const dx = (end.x - start.x) / 2;
  const supports = edge.kind === 'supports';
  return svg`<path d="M${start.x} ${start.y}C${start.x + dx} ${start.y} ${end.x - dx} ${end.y} ${end.x} ${end.y}" fill="none" stroke="${supports ? COLOURS.accent : COLOURS.explains}" stroke-width="${supports ? 1.2 : 0.8}"${supports ? '' : svg` stroke-opacity="0.8"`} data-from="${edge.from}" data-to="${edge.to}"/>`;
}

/** Column headings; `notes` replaces a column's note (a head continued from the part above). */
function drawHeader(layout: MapLayout, notes: (string | undefined)[] = []): SvgMarkup {
  return joinSvg(
    layout.columns.map((c, i) => {
      const note =
        wrapText(notes[i] ?? c.note, { width: c.width, size: G.legendFont, maxLines: 1 })
          .lines[0] ?? '';
      return svg`<text x="${c.x}" y="14" font-size="11" font-weight="700" fill="${COLOURS.accent}">${c.title}</text><text x="${c.x}" y="27" font-size="${G.legendFont}" fill="${COLOURS.muted}">${note}</text>`;
    }),
    '',
  );
}

/** The key under the map; returns the markup and the height it takes. */
function drawLegend(layout: MapLayout, top: number): { markup: SvgMarkup; height: number } {
  const size = G.legendFont;
  const items: {
    sample: (x: number, y: number) => SvgMarkup;
    sampleWidth: number;
    text: string;
  }[] = [
    {
      sampleWidth: 24,
      text: 'good practice: double border and the words “Good practice”',
      sample: (x, y) =>
        svg`<rect x="${x}" y="${y - 9}" width="24" height="12" rx="2" fill="${COLOURS.good}" stroke="${COLOURS.ink}" stroke-width="1"/><rect x="${x + 2.5}" y="${y - 6.5}" width="19" height="7" rx="1" fill="none" stroke="${COLOURS.ink}" stroke-width="1"/>`,
    },
    {
      sampleWidth: 24,
      text: 'factor helps explain the episode',
      sample: (x, y) =>
        svg`<path d="M${x} ${y - 3}H${x + 24}" stroke="${COLOURS.explains}" stroke-width="0.8"/>`,
    },
    {
      sampleWidth: 24,
      text: 'factor supports the finding',
      sample: (x, y) =>
        svg`<path d="M${x} ${y - 3}H${x + 24}" stroke="${COLOURS.accent}" stroke-width="1.2"/>`,
    },
  ];
  const parts: SvgMarkup[] = [];
  const rowHeight = 16;
  let x = G.margin;
  let row = 0;
  for (const item of items) {
    const width = item.sampleWidth + 5 + textWidth(item.text, size) + 16;
    if (x > G.margin && x + width > layout.width - G.margin) {
      row += 1;
      x = G.margin;
    }
    const y = top + 12 + row * rowHeight;
    parts.push(item.sample(x, y));
    parts.push(
      svg`<text x="${x + item.sampleWidth + 5}" y="${y}" font-size="${size}" fill="${COLOURS.muted}">${item.text}</text>`,
    );
    x += width;
  }
  return { markup: joinSvg(parts, ''), height: 12 + row * rowHeight + 8 };
}

const PREFIX = /^[A-Za-z][A-Za-z0-9-]*$/;

/**
 * The SVG document for a laid-out map (or one band of it).
 *
 * @example
 *   const layout = await layoutMap(buildMapGraph(state, model));
 *   writeFileSync('map.svg', renderMapSvg(layout, { embedFont: true }));
 */
export function renderMapSvg(layout: MapLayout, options: MapSvgOptions = {}): string {
  const prefix = options.idPrefix ?? 'map';
  if (!PREFIX.test(prefix)) {
    throw new InternalError(
      `idPrefix ${JSON.stringify(prefix)} must be letters, digits and hyphens`,
    );
  }
  const band = options.band;
  const top = band?.top ?? 0;
  const bottom = band?.bottom ?? layout.contentHeight;
  const shown = band ? new Set(band.nodeIds) : undefined;
  const nodes = layout.nodes.filter((n) => !shown || shown.has(n.id));
  // A head's outline is drawn in each band holding one of its factors (clipped to the band).
  const headOf = new Map(layout.graph.factors.map((f) => [f.id, f.headId]));
  const headsShown = new Set(nodes.flatMap((n) => headOf.get(n.id) ?? []));
  const groups = layout.groups.filter((g) => headsShown.has(g.headId));
  // In a later part, a head whose outline began above is named in the column heading.
  const continued = band ? groups.find((g) => g.y < top) : undefined;

  const contentTop = G.header;
  const empty = layout.nodes.length === 0;
  const bodyHeight = empty ? 24 : bottom - top;
  const legend = drawLegend(layout, contentTop + bodyHeight + 6);
  const width = layout.width;
  const height = contentTop + bodyHeight + 6 + legend.height;

  const title =
    band && band.parts > 1
      ? `${mapTitle(layout)} (part ${band.part} of ${band.parts})`
      : mapTitle(layout);
  const desc = band && band.parts > 1 ? bandDescription(layout, band) : mapDescription(layout);
  const fontCss = options.embedFont ? embeddedFontCss() : '';
  const clipId = `${prefix}-clip`;

  const body = empty
    ? svg`<text x="${G.margin}" y="${contentTop + 14}" fill="${COLOURS.muted}" font-style="italic">Nothing to map yet: no key practice episodes, factors or findings have been recorded.</text>`
    : svg`<clipPath id="${clipId}"><rect x="0" y="${top}" width="${width}" height="${bottom - top}"/></clipPath><g transform="translate(0 ${contentTop - top})" clip-path="url(#${clipId})"><g class="heads">${groups.map((g) => drawGroup(g, prefix, g.y >= top))}</g><g class="edges">${layout.edges.map(drawEdge)}</g><g class="nodes">${nodes.map((n) => drawNode(n, prefix, options.nodeHref))}</g></g>`;

  // A picture's parts are hidden from screen readers; a map of links is a group they can enter.
  const role = options.nodeHref
    ? svg`role="group" aria-labelledby="${prefix}-title" aria-describedby="${prefix}-desc"`
    : svg`role="img" aria-labelledby="${prefix}-title ${prefix}-desc"`;
  const doc = svg`<svg xmlns="http://www.w3.org/2000/svg" ${role} width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}" font-size="${G.font}" fill="${COLOURS.ink}" class="tunnelview-map">
<title id="${prefix}-title">${title}</title>
<desc id="${prefix}-desc">${desc}</desc>
${fontCss ? svg`<style>${fontCss}</style>` : ''}
${drawHeader(layout, [undefined, continued ? `${continued.name} (continued)` : undefined])}
${body}
${legend.markup}
</svg>`;
  return doc.text;
}
