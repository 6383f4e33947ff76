/**
 * Geometry for the map: labels wrapped to fixed column widths (sized so the
 * map is legible at A4 width), then an ELK layered layout with three fixed
 * layers (KPEs, factors, findings) in the order the map graph gives them.
 * ELK decides the vertical placement; columns and edge curves are ours.
 */
import { type ElkExtendedEdge, type ElkNode, elk } from './layout-elk.ts';
import type { MapEdge, MapGraph } from './map-graph.ts';
import { type FontWeight, normaliseSpace, textWidth, wrapText } from './svg-text.ts';

/** Design sizes in px (1 px = 0.75 pt); at 170 mm (A4 text width) the map prints near 1:1. */
export const MAP_GEOMETRY = {
  margin: 8,
  font: 10,
  line: 12.5,
  padX: 6,
  padY: 5,
  /** Extra inset inside a good-practice KPE, for its double border. */
  goodInset: 2.5,
  kpeWidth: 176,
  factorWidth: 196,
  groupPad: 5,
  headFont: 9.5,
  headLine: 11.5,
  findingWidth: 152,
  gap: 44,
  nodeSpacing: 8,
  header: 36,
  legendFont: 9,
} as const;

const G = MAP_GEOMETRY;

export type Tone = 'ink' | 'muted' | 'accent';

export interface TextRun {
  text: string;
  weight: FontWeight;
  tone: Tone;
}

/** One line of a label: runs of text set one after another. */
export type LabelLine = TextRun[];

export type MapNodeKind = 'kpe' | 'factor' | 'finding';

export interface PlacedNode {
  id: string;
  kind: MapNodeKind;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Where the first line starts, inside the box. */
  inset: number;
  lines: LabelLine[];
  /** The whole label, uncut, for the node's tooltip and screen readers. */
  fullText: string;
  truncated: boolean;
  good: boolean;
}

export interface PlacedGroup {
  headId: string;
  name: string;
  nameLines: string[];
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge extends MapEdge {
  start: { x: number; y: number };
  end: { x: number; y: number };
}

export interface ColumnHeading {
  x: number;
  width: number;
  title: string;
  note: string;
}

export interface MapLayout {
  graph: MapGraph;
  width: number;
  /** Height of the content area (nodes and groups), below the column headings. */
  contentHeight: number;
  columns: ColumnHeading[];
  nodes: PlacedNode[];
  groups: PlacedGroup[];
  edges: PlacedEdge[];
}

export interface MapLayoutOptions {
  /**
   * Lines of label text per node before it is cut with "…" (the full text
   * stays in the node's tooltip). Defaults: fewer on the whole map, more on
   * one finding's subgraph.
   */
  maxLines?: Partial<Record<MapNodeKind, number>>;
}

const OVERVIEW_LINES: Record<MapNodeKind, number> = { kpe: 3, factor: 3, finding: 10 };
const FOCUS_LINES: Record<MapNodeKind, number> = { kpe: 5, factor: 9, finding: 14 };

const run = (text: string, weight: FontWeight = 400, tone: Tone = 'ink'): TextRun => ({
  text,
  weight,
  tone,
});

/** A bold id followed by wrapped text on the same first line. */
function idAndText(
  id: string,
  text: string,
  width: number,
  maxLines: number,
  idTone: Tone,
): { lines: LabelLine[]; truncated: boolean } {
  const idRun = run(id, 700, idTone);
  const indent = textWidth(`${id} `, G.font, 700);
  const wrapped = wrapText(text, { width, size: G.font, maxLines, firstLineIndent: indent });
  const lines = wrapped.lines.map(
    (line, i): LabelLine => (i === 0 ? [idRun, run(` ${line}`)] : [run(line)]),
  );
  return { lines: lines.length > 0 ? lines : [[idRun]], truncated: wrapped.truncated };
}

interface Sized {
  id: string;
  kind: MapNodeKind;
  width: number;
  height: number;
  inset: number;
  lines: LabelLine[];
  fullText: string;
  truncated: boolean;
  good: boolean;
}

function boxHeight(lines: number, inset: number): number {
  return inset * 2 + lines * G.line - (G.line - G.font) / 2;
}

function sizeNodes(graph: MapGraph, maxLines: Record<MapNodeKind, number>): Sized[] {
  const kpes = graph.kpes.map((k): Sized => {
    const inset = k.good ? G.padY + G.goodInset : G.padY;
    const insetX = k.good ? G.padX + G.goodInset : G.padX;
    const title = wrapText(k.title, {
      width: G.kpeWidth - insetX * 2,
      size: G.font,
      maxLines: maxLines.kpe,
    });
    const lines: LabelLine[] = [
      [run(k.id, 700), run(` · ${k.when}`, 400, 'muted')],
      ...title.lines.map((l) => [run(l)]),
      ...(k.good ? [[run('Good practice', 700)]] : []),
    ];
    return {
      id: k.id,
      kind: 'kpe',
      width: G.kpeWidth,
      height: boxHeight(lines.length, inset),
      inset,
      lines,
      fullText: `${k.id}, ${k.when}${k.good ? ', good practice' : ''}: ${normaliseSpace(k.title)}`,
      truncated: title.truncated,
      good: k.good,
    };
  });
  const factors = graph.factors.map((f): Sized => {
    const label = idAndText(f.id, f.text, G.factorWidth - G.padX * 2, maxLines.factor, 'ink');
    return {
      id: f.id,
      kind: 'factor',
      width: G.factorWidth,
      height: boxHeight(label.lines.length, G.padY),
      inset: G.padY,
      lines: label.lines,
      fullText: `${f.id}: ${normaliseSpace(f.text)}`,
      truncated: label.truncated,
      good: false,
    };
  });
  const findings = graph.findings.map((f): Sized => {
    // The id leads the statement, as on factors; the ordinal ("Finding 2") is the report's
    // heading, and F-2 is printed beside it there, so readers can pair them.
    const label = idAndText(
      f.id,
      f.statement,
      G.findingWidth - G.padX * 2,
      maxLines.finding,
      'accent',
    );
    return {
      id: f.id,
      kind: 'finding',
      width: G.findingWidth,
      height: boxHeight(label.lines.length, G.padY),
      inset: G.padY,
      lines: label.lines,
      fullText: `${f.id} (finding ${f.number}): ${normaliseSpace(f.statement)}`,
      truncated: label.truncated,
      good: false,
    };
  });
  return [...kpes, ...factors, ...findings];
}

const COLUMN_X = {
  kpe: G.margin,
  group: G.margin + G.kpeWidth + G.gap,
  factor: G.margin + G.kpeWidth + G.gap + G.groupPad,
  finding: G.margin + G.kpeWidth + G.gap + G.factorWidth + G.groupPad * 2 + G.gap,
};
const MAP_WIDTH = COLUMN_X.finding + G.findingWidth + G.margin;

const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  // Layers come from the x we give each node: 0 KPEs, 1 factors, 2 findings.
  'elk.layered.layering.strategy': 'INTERACTIVE',
  // Order within a layer is ours (time, head, rank), so ELK's crossing minimisation is off
  // and the model order forced. The greedy-switch pass would still swap neighbours after it,
  // ignoring the forced order (seen on the demo review), so it is off too.
  'elk.layered.crossingMinimization.strategy': 'NONE',
  'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.separateConnectedComponents': 'false',
  'elk.edgeRouting': 'POLYLINE',
  'elk.spacing.nodeNode': String(G.nodeSpacing),
  'elk.layered.spacing.nodeNodeBetweenLayers': String(G.gap),
  'elk.padding': '[top=0,left=0,bottom=0,right=0]',
  'elk.randomSeed': '1',
};

/** Attachment points spread along a side, ordered by where the other ends are. */
function spread(
  edges: PlacedEdge[],
  nodeOf: (e: PlacedEdge) => PlacedNode,
  otherY: (e: PlacedEdge) => number,
  set: (e: PlacedEdge, y: number) => void,
): void {
  const bySide = new Map<PlacedNode, PlacedEdge[]>();
  for (const e of edges) {
    const node = nodeOf(e);
    bySide.set(node, [...(bySide.get(node) ?? []), e]);
  }
  for (const [node, list] of bySide) {
    list.sort((a, b) => otherY(a) - otherY(b) || a.from.localeCompare(b.from));
    const inset = Math.min(8, node.height / 4);
    const span = node.height - inset * 2;
    list.forEach((e, i) => {
      set(e, node.y + inset + (span * (i + 0.5)) / list.length);
    });
  }
}

/** Lays the map graph out. Asynchronous because ELK is. */
export async function layoutMap(
  graph: MapGraph,
  options: MapLayoutOptions = {},
): Promise<MapLayout> {
  const maxLines = { ...(graph.focus ? FOCUS_LINES : OVERVIEW_LINES), ...options.maxLines };
  const sized = sizeNodes(graph, maxLines);
  const byId = new Map(sized.map((n) => [n.id, n]));

  // A head's name sits in its group box above the first factor, so ELK is given factor
  // boxes grown by that chrome; the group outline is drawn around them afterwards.
  const chromeTop = new Map<string, number>();
  const chromeBottom = new Map<string, number>();
  const headNames = new Map<string, string[]>();
  for (const head of graph.heads) {
    const nameLines = wrapText(head.name, {
      width: G.factorWidth,
      size: G.headFont,
      weight: 700,
      maxLines: 2,
    }).lines;
    headNames.set(head.id, nameLines);
    const first = head.factorIds[0];
    const last = head.factorIds.at(-1);
    if (first) chromeTop.set(first, G.groupPad + nameLines.length * G.headLine + 3);
    if (last) chromeBottom.set(last, G.groupPad);
  }

  const layerX: Record<MapNodeKind, number> = { kpe: 0, factor: 1000, finding: 2000 };
  const children: ElkNode[] = sized.map((n) => ({
    id: n.id,
    x: layerX[n.kind],
    y: 0,
    width: n.kind === 'factor' ? G.factorWidth + G.groupPad * 2 : n.width,
    height: n.height + (chromeTop.get(n.id) ?? 0) + (chromeBottom.get(n.id) ?? 0),
  }));
  const elkEdges: ElkExtendedEdge[] = graph.edges.map((e, i) => ({
    id: `e${i}`,
    sources: [e.from],
    targets: [e.to],
  }));
  const laid =
    children.length === 0
      ? { children: [] as ElkNode[] }
      : await elk().layout({
          id: 'map',
          layoutOptions: LAYOUT_OPTIONS,
          children,
          edges: elkEdges,
        });

  // The content starts at y = 0 whatever padding ELK left above the highest box.
  const ys = (laid.children ?? []).map((c) => c.y ?? 0);
  const top = ys.length > 0 ? Math.min(...ys) : 0;
  const nodes: PlacedNode[] = [];
  const elkBoxes = new Map<string, { y: number; height: number }>();
  for (const c of laid.children ?? []) {
    const n = byId.get(c.id);
    if (!n) continue;
    const y = (c.y ?? 0) - top;
    elkBoxes.set(n.id, { y, height: c.height ?? n.height });
    nodes.push({ ...n, x: COLUMN_X[n.kind], y: y + (chromeTop.get(n.id) ?? 0) });
  }
  // Keep the graph's order (ELK reports children in input order, but do not rely on it).
  const order = new Map(sized.map((n, i) => [n.id, i]));
  nodes.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));

  const groups: PlacedGroup[] = graph.heads.flatMap((head) => {
    const boxes = head.factorIds.flatMap((id) => elkBoxes.get(id) ?? []);
    const first = head.factorIds[0];
    if (boxes.length === 0 || !first) return [];
    const y = Math.min(...boxes.map((b) => b.y));
    const bottom = Math.max(...boxes.map((b) => b.y + b.height));
    return [
      {
        headId: head.id,
        name: head.name,
        nameLines: headNames.get(head.id) ?? [head.name],
        x: COLUMN_X.group,
        y,
        width: G.factorWidth + G.groupPad * 2,
        height: bottom - y,
      },
    ];
  });

  const placed = new Map(nodes.map((n) => [n.id, n]));
  const edges: PlacedEdge[] = graph.edges.flatMap((e) => {
    const from = placed.get(e.from);
    const to = placed.get(e.to);
    if (!from || !to) return [];
    return [
      {
        ...e,
        start: { x: from.x + from.width, y: from.y + from.height / 2 },
        end: { x: to.x, y: to.y + to.height / 2 },
      },
    ];
  });
  const centre = (id: string) => {
    const n = placed.get(id);
    return n ? n.y + n.height / 2 : 0;
  };
  spread(
    edges,
    (e) => placed.get(e.from) as PlacedNode,
    (e) => centre(e.to),
    (e, y) => {
      e.start.y = y;
    },
  );
  spread(
    edges,
    (e) => placed.get(e.to) as PlacedNode,
    (e) => centre(e.from),
    (e, y) => {
      e.end.y = y;
    },
  );

  const contentHeight = Math.max(
    0,
    ...nodes.map((n) => n.y + n.height),
    ...groups.map((g) => g.y + g.height),
  );
  const columns: ColumnHeading[] = [
    { x: COLUMN_X.kpe, width: G.kpeWidth, title: 'Key practice episodes', note: 'in time order' },
    {
      x: COLUMN_X.group,
      width: G.factorWidth + G.groupPad * 2,
      title: 'Contributory factors',
      note: 'grouped by framework head',
    },
    { x: COLUMN_X.finding, width: G.findingWidth, title: 'Findings', note: 'in ranked order' },
  ];
  return { graph, width: MAP_WIDTH, contentHeight, columns, nodes, groups, edges };
}
