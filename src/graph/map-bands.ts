/**
 * Slicing a tall map into page-sized bands for print. Each node is drawn in
 * exactly one band (the one its top falls in) and whole, so no label is split
 * across pages; cuts prefer gaps between boxes and parts of even height.
 */
import type { MapLayout } from './layout-map.ts';
import type { MapBand } from './svg-map.ts';

/**
 * Bands of at most `maxHeight` px of map content each; one band when the
 * whole map fits.
 */
export function mapBands(layout: MapLayout, maxHeight: number): MapBand[] {
  const boxes = [
    ...layout.nodes.map((n) => ({ id: n.id as string | null, top: n.y, bottom: n.y + n.height })),
    ...layout.groups.map((g) => ({ id: null, top: g.y, bottom: g.y + g.height })),
  ];
  const nodeBoxes = boxes.filter((b) => b.id !== null);
  const tallest = Math.max(0, ...nodeBoxes.map((b) => b.bottom - b.top));
  const total = layout.contentHeight;
  if (total <= maxHeight || maxHeight <= tallest) {
    return [{ top: 0, bottom: total, part: 1, parts: 1, nodeIds: layout.nodes.map((n) => n.id) }];
  }
  // Nodes whose top is above a cut are drawn (whole) in the band above it; the overhang is
  // how far the lowest of them reaches below the cut. A clean cut has none.
  const overhang = (y: number) =>
    Math.max(0, ...nodeBoxes.filter((b) => b.top < y && b.bottom > y).map((b) => b.bottom - y));
  // Aim for parts of even height (two half pages read better than a full page and a scrap).
  const target = total / Math.ceil(total / maxHeight);
  const slices: { top: number; cut: number }[] = [];
  let top = 0;
  while (total - top > maxHeight) {
    // Candidate cuts are just below a box. Each pixel of overhang (a blank strip at the top of
    // the next part) costs as much as six pixels away from an even split.
    const aim = top + target;
    const score = (y: number) => overhang(y) * 6 + Math.abs(y - aim);
    const candidates = nodeBoxes
      .map((b) => b.bottom + 2)
      .filter((y) => y > top + maxHeight * 0.4 && y + overhang(y) <= top + maxHeight)
      .sort((a, b) => score(a) - score(b) || a - b);
    const cut = candidates[0] ?? top + maxHeight - tallest;
    slices.push({ top, cut });
    top = cut;
  }
  slices.push({ top, cut: total + 1 });

  return slices.map((s, i) => {
    const inBand = layout.nodes.filter((n) => n.y >= s.top && n.y < s.cut);
    const bottom = Math.min(total, Math.max(s.cut, ...inBand.map((n) => n.y + n.height)));
    return {
      top: s.top,
      bottom,
      part: i + 1,
      parts: slices.length,
      nodeIds: inBand.map((n) => n.id),
    };
  });
}
