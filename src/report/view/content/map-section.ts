/** The whole map of the analysis, in page-sized parts, once the renderer has drawn it. */
import type { ContentBuilder } from './content-builder.ts';

export const mapSection: ContentBuilder = ({ maps }) => ({
  emptyNote: !maps
    ? 'The map of the analysis is drawn when the report is rendered.'
    : maps.whole.length === 0
      ? 'Nothing has been recorded to map yet: no key practice episodes, factors or findings.'
      : null,
  mapFigures: maps?.whole ?? [],
});
