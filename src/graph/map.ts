/**
 * The map of a review's analysis: KPEs → contributory factors → findings,
 * laid out with ELK and written as accessible SVG. `drawMap` is the one call
 * most callers need; the steps are exported for the report and for tests.
 *
 * @example
 *   const text = await drawMap(state, model, { findingId: 'F-2', embedFont: true });
 */
import type { ReviewState } from '../domain/review-state.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';
import { layoutMap, type MapLayoutOptions } from './layout-map.ts';
import { buildMapGraph, type MapGraphOptions } from './map-graph.ts';
import { type MapSvgOptions, renderMapSvg } from './svg-map.ts';

export type DrawMapOptions = MapGraphOptions & MapLayoutOptions & Omit<MapSvgOptions, 'band'>;

/** The whole map, or with `findingId` one finding's subgraph, as SVG text. */
export async function drawMap(
  state: ReviewState,
  model: MethodologyModel,
  options: DrawMapOptions = {},
): Promise<string> {
  const graph = buildMapGraph(state, model, options);
  const layout = await layoutMap(graph, options);
  return renderMapSvg(layout, options);
}

export * from './layout-map.ts';
export { mapBands } from './map-bands.ts';
export * from './map-graph.ts';
export {
  type MapBand,
  type MapSvgOptions,
  mapTitle,
  renderMapSvg,
} from './svg-map.ts';
export { escapeXml, type SvgMarkup, svg } from './svg-markup.ts';
