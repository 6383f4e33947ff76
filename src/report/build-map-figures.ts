/**
 * The report's map figures: the whole map of the analysis and each finding's
 * subgraph, as SVG written by src/graph (labels escaped there), sliced into
 * page-sized parts when a map is taller than an A4 page. Asynchronous
 * because ELK lays out asynchronously; computed before the view model.
 */
import type { ReviewState } from '../domain/review-state.ts';
import {
  buildMapGraph,
  layoutMap,
  type MapLayout,
  mapBands,
  mapTitle,
  renderMapSvg,
} from '../graph/map.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import { BoundedCache, contentKey } from './bounded-cache.ts';

/**
 * One figure. `svg` is markup our own code wrote, never user text: the one
 * field the templates triple-stash.
 */
export interface MapFigureView {
  id: string;
  svg: string;
  caption: string;
}

export interface ReportMaps {
  /** The whole map, in one or more page-sized parts; empty when there is nothing to map. */
  whole: MapFigureView[];
  /** Each finding's subgraph by finding id (findings with no factors have none). */
  byFinding: Record<string, MapFigureView[]>;
}

/**
 * The tallest map content (px, 1 px ≈ 0.27 mm at the A4 text width) that
 * fits on a page below a heading, with the map's column headings, key and
 * caption; a taller map is printed in parts.
 */
const MAP_PAGE_CONTENT_HEIGHT = 740;

const slug = (id: string) => id.toLowerCase().replace(/[^a-z0-9]+/g, '-');

// ELK is the slowest step of a report after Chromium (about half a second for a large review),
// and a re-render usually draws the same graphs again: keep the figures of recent graphs.
const figureCache = new BoundedCache<MapFigureView[]>(256);

/** Forgets the cached map figures (for benchmarks that time a first render). */
export function clearMapFigureCache(): void {
  figureCache.clear();
}

async function figures(
  state: ReviewState,
  model: MethodologyModel,
  findingId: string | undefined,
  caption: (layout: MapLayout, part: { part: number; parts: number }) => string,
): Promise<MapFigureView[]> {
  const graph = buildMapGraph(state, model, findingId === undefined ? {} : { findingId });
  const base = findingId === undefined ? 'map' : `map-${slug(findingId)}`;
  // The graph holds every label the figure shows; the caption is keyed by the kind of figure.
  const key = contentKey(base, JSON.stringify(graph));
  const cached = figureCache.get(key);
  if (cached) return cached;
  const layout = await layoutMap(graph);
  const bands = mapBands(layout, MAP_PAGE_CONTENT_HEIGHT);
  const drawn = bands.map((band) => {
    const id = bands.length === 1 ? base : `${base}-part-${band.part}`;
    return {
      id,
      svg: renderMapSvg(layout, { idPrefix: id, ...(bands.length > 1 ? { band } : {}) }),
      caption: caption(layout, band),
    };
  });
  figureCache.set(key, drawn);
  return drawn;
}

/** Every map figure the report can show. */
export async function buildReportMaps(
  state: ReviewState,
  model: MethodologyModel,
): Promise<ReportMaps> {
  const anything =
    Object.keys(state.kpes).length + Object.keys(state.factors).length > 0 ||
    Object.keys(state.findings).length > 0;
  const whole = anything
    ? await figures(state, model, undefined, (_layout, { part, parts }) =>
        part > 1
          ? `Map of the analysis, continued (part ${part} of ${parts}).`
          : `Map of the analysis${parts > 1 ? ` (part 1 of ${parts})` : ''}. Key practice episodes (left, in time order) are joined to the contributory factors that help explain them (middle, grouped by framework head), and factors to the findings they support (right). Episodes of good practice have a double border and say so.`,
      )
    : [];
  const byFinding: Record<string, MapFigureView[]> = {};
  for (const finding of Object.values(state.findings)) {
    if (!finding.factorIds.some((id) => state.factors[id])) continue;
    byFinding[finding.id] = await figures(state, model, finding.id, (layout, { part, parts }) =>
      part > 1
        ? `${mapTitle(layout)}, continued (part ${part} of ${parts}).`
        : `${mapTitle(layout)}${parts > 1 ? ` (part 1 of ${parts})` : ''}: its contributory factors and the key practice episodes they help explain.`,
    );
  }
  return { whole, byFinding };
}
