// The map: graph (what is shown, in which order), layout (columns, order kept, no overlaps),
// SVG (escaped, accessible, deterministic, good practice marked without colour) and bands.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors.ts';
import {
  buildMapGraph,
  drawMap,
  escapeXml,
  layoutMap,
  MAP_GEOMETRY,
  mapBands,
  renderMapSvg,
  svg,
} from '../../src/graph/map.ts';
import { normaliseSpace, textWidth, wrapText } from '../../src/graph/svg-text.ts';
import { loadModel } from '../../src/model/load-model.ts';
import { generatedReview, HOSTILE_TITLE, smallReview } from './map-fixtures.ts';

const model = loadModel('learning-together');

/** Element ids and visible text runs, read back from the SVG without a browser. */
function elementIds(text: string): string[] {
  return [...text.matchAll(/<g id="([^"]+)" class="(?:kpe|factor|finding)[^"]*"/g)].map(
    (m) => m[1] as string,
  );
}

function visibleText(text: string): string {
  return [...text.matchAll(/<text[^>]*>(.*?)<\/text>/g)]
    .map((m) => (m[1] ?? '').replace(/<[^>]+>/g, ''))
    .join('\n');
}

describe('escapeXml and the svg template', () => {
  it('escapes markup, ampersands and quotes, and drops characters XML cannot carry', () => {
    expect(escapeXml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
    expect(escapeXml('a\u0000b\u001Fc\tok\uD800!\uFFFF')).toBe('abc\tok!');
    expect(escapeXml('emoji 🙂 stays')).toBe('emoji 🙂 stays');
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
  });

  it('escapes interpolated strings but keeps nested svg fragments and rounds numbers', () => {
    const inner = svg`<tspan>${'<b>'}</tspan>`;
    const out = svg`<text x="${1 / 3}" data-t="${'"quoted"'}">${inner}${[svg`<a/>`, '&']}${null}</text>`;
    expect(out.text).toBe(
      '<text x="0.33" data-t="&quot;quoted&quot;"><tspan>&lt;b&gt;</tspan><a/>&amp;</text>',
    );
  });

  it('refuses to write a coordinate that is not a number', () => {
    expect(() => svg`<rect x="${Number.NaN}"/>`).toThrow(RangeError);
  });
});

describe('wrapText', () => {
  it('wraps at word boundaries within the width, and cuts with an ellipsis past maxLines', () => {
    const text =
      'Police notifications reach universal and early help services in inboxes with no named owner and no acknowledgement';
    const wrapped = wrapText(text, { width: 120, size: 10, maxLines: 3 });
    expect(wrapped.lines).toHaveLength(3);
    expect(wrapped.truncated).toBe(true);
    expect(wrapped.lines.at(-1)).toMatch(/…$/);
    for (const line of wrapped.lines) expect(textWidth(line, 10)).toBeLessThanOrEqual(120);
    const all = wrapText(text, { width: 120, size: 10, maxLines: 20 });
    expect(all.truncated).toBe(false);
    expect(all.lines.join(' ')).toBe(normaliseSpace(text));
  });

  it('breaks a word longer than a line', () => {
    const wrapped = wrapText('x'.repeat(80), { width: 60, size: 10, maxLines: 10 });
    expect(wrapped.lines.length).toBeGreaterThan(1);
    expect(wrapped.lines.join('')).toBe('x'.repeat(80));
  });
});

describe('buildMapGraph', () => {
  it('puts KPEs in time order, factors by head in model order, findings by rank', () => {
    const graph = buildMapGraph(smallReview(), model);
    expect(graph.kpes.map((k) => k.id)).toEqual(['KPE-4', 'KPE-1', 'KPE-2', 'KPE-3']);
    // Model order of heads: family (frontline) … conditions-of-work … inter-agency-team.
    expect(graph.heads.map((h) => h.id)).toEqual([
      'family',
      'conditions-of-work',
      'inter-agency-team',
    ]);
    expect(graph.factors.map((f) => f.id)).toEqual(['CF-3', 'CF-4', 'CF-1', 'CF-2']);
    expect(graph.findings.map((f) => [f.id, f.number])).toEqual([
      ['F-1', 1],
      ['F-2', 2],
    ]);
    expect(graph.edges).toContainEqual({ from: 'KPE-4', to: 'CF-1', kind: 'explains' });
    expect(graph.edges).toContainEqual({ from: 'CF-2', to: 'F-1', kind: 'supports' });
    expect(graph.edges).toHaveLength(8);
  });

  it('narrows to one finding: exactly its factors and the KPEs they explain', () => {
    const state = smallReview();
    const f1 = buildMapGraph(state, model, { findingId: 'F-1' });
    expect(f1.focus?.id).toBe('F-1');
    expect(f1.findings.map((f) => f.id)).toEqual(['F-1']);
    expect(f1.factors.map((f) => f.id).sort()).toEqual(['CF-1', 'CF-2']);
    expect(f1.kpes.map((k) => k.id)).toEqual(['KPE-4', 'KPE-1', 'KPE-2']);
    // KPE-1 → CF-3 and CF-3 → F-2 are outside this finding and are not drawn.
    expect(f1.edges.every((e) => ['CF-1', 'CF-2', 'F-1'].includes(e.to))).toBe(true);

    const f2 = buildMapGraph(state, model, { findingId: 'F-2' });
    expect(f2.factors.map((f) => f.id)).toEqual(['CF-3']);
    expect(f2.kpes.map((k) => k.id)).toEqual(['KPE-1', 'KPE-2']);
  });

  it('matches the generated review’s finding subgraphs against the links, finding by finding', () => {
    const state = generatedReview(model, 40);
    for (const finding of Object.values(state.findings)) {
      const graph = buildMapGraph(state, model, { findingId: finding.id });
      const factors = [...new Set(finding.factorIds)].sort();
      const kpes = new Set(
        Object.values(state.links)
          .filter((l) => factors.includes(l.factorId))
          .map((l) => l.kpeId),
      );
      expect(graph.factors.map((f) => f.id).sort()).toEqual(factors);
      expect(new Set(graph.kpes.map((k) => k.id))).toEqual(kpes);
    }
  });

  it('refuses an unknown finding with a message that lists the real ones', () => {
    try {
      buildMapGraph(smallReview(), model, { findingId: 'F-9' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]?.message).toContain('F-1, F-2');
    }
  });
});

describe('layoutMap', () => {
  it('keeps three fixed columns, the graph’s order within each, and no overlapping boxes', async () => {
    const graph = buildMapGraph(generatedReview(model, 40), model);
    const layout = await layoutMap(graph);
    for (const kind of ['kpe', 'factor', 'finding'] as const) {
      const column = layout.nodes.filter((n) => n.kind === kind);
      expect(new Set(column.map((n) => n.x)).size).toBe(1);
      const byY = [...column].sort((a, b) => a.y - b.y).map((n) => n.id);
      const expected = {
        kpe: graph.kpes.map((k) => k.id),
        factor: graph.factors.map((f) => f.id),
        finding: graph.findings.map((f) => f.id),
      }[kind];
      expect(byY).toEqual(expected);
      for (let i = 1; i < column.length; i += 1) {
        const above = [...column].sort((a, b) => a.y - b.y)[i - 1];
        const below = [...column].sort((a, b) => a.y - b.y)[i];
        if (above && below) expect(below.y).toBeGreaterThanOrEqual(above.y + above.height);
      }
    }
    // Head groups do not overlap one another and each contains its factors.
    const groups = [...layout.groups].sort((a, b) => a.y - b.y);
    for (let i = 1; i < groups.length; i += 1) {
      const a = groups[i - 1];
      const b = groups[i];
      if (a && b) expect(b.y).toBeGreaterThanOrEqual(a.y + a.height);
    }
    // At A4 text width (170 mm ≈ 642 px) the map prints at 1:1 or larger: 10 px ≈ 7.5 pt.
    expect(layout.width).toBeLessThanOrEqual(642);
    expect(MAP_GEOMETRY.font).toBeGreaterThanOrEqual(10);
  });
});

describe('renderMapSvg', () => {
  it('writes the same SVG text for the same review, every time', async () => {
    const first = await drawMap(smallReview(), model);
    const second = await drawMap(smallReview(), model);
    expect(second).toBe(first);
    const big1 = await drawMap(generatedReview(model, 40), model);
    const big2 = await drawMap(generatedReview(model, 40), model);
    expect(big2).toBe(big1);
  });

  it('escapes every label, so markup in a KPE title is printed, never parsed', async () => {
    const text = await drawMap(smallReview(), model);
    expect(text).not.toContain('<script');
    expect(text).not.toContain('<b>');
    expect(text).toContain('&lt;script&gt;');
    expect(text).toContain('&amp;');
    // The full hostile title is in the node's <title>, escaped.
    expect(text).toContain(escapeXml(HOSTILE_TITLE));
    // The review title (with & and <) is escaped in the SVG's title.
    expect(text).toContain('Review of Child A &amp; &lt;siblings&gt;');
    // Every & in the document starts an entity: nothing raw slipped through.
    expect(text.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
  });

  it('is an image for screen readers with a title and a description of what it shows', async () => {
    const text = await drawMap(smallReview(), model, { idPrefix: 'm1' });
    expect(text).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="m1-title m1-desc"/);
    expect(text).toContain('<title id="m1-title">Map of the analysis: Review of Child A');
    const desc = text.match(/<desc id="m1-desc">(.*?)<\/desc>/)?.[1] ?? '';
    expect(desc).toContain(
      '4 key practice episodes (1 of them good practice), 4 contributory factors under 3 framework heads, and 2 findings.',
    );
  });

  it('shows every node’s stable id on it and in its element id', async () => {
    const text = await drawMap(smallReview(), model);
    const ids = ['KPE-1', 'KPE-2', 'KPE-3', 'KPE-4', 'CF-1', 'CF-2', 'CF-3', 'CF-4', 'F-1', 'F-2'];
    expect(elementIds(text).sort()).toEqual(ids.map((id) => `map-${id}`).sort());
    const shown = visibleText(text);
    for (const id of ids) expect(shown).toMatch(new RegExp(`(^|\\n)${id}\\b`));
  });

  it('marks good practice with a double border and the words, not colour alone', async () => {
    const text = await drawMap(smallReview(), model);
    const good = text.match(/<g id="map-KPE-2" class="kpe good-practice"[\s\S]*?<\/g>/)?.[0] ?? '';
    expect(good).not.toBe('');
    expect(good.match(/<rect /g)).toHaveLength(2);
    expect(visibleText(good)).toContain('Good practice');
    const plain = text.match(/<g id="map-KPE-1" class="kpe"[\s\S]*?<\/g>/)?.[0] ?? '';
    expect(plain.match(/<rect /g)).toHaveLength(1);
    expect(visibleText(plain)).not.toContain('Good practice');
  });

  it('keeps each label’s full text in its tooltip when the visible label is cut', async () => {
    const state = generatedReview(model, 40);
    const layout = await layoutMap(buildMapGraph(state, model));
    const cut = layout.nodes.find((n) => n.truncated);
    expect(cut).toBeDefined();
    const text = renderMapSvg(layout);
    const factor = state.factors[cut?.id ?? ''];
    if (factor) expect(text).toContain(escapeXml(normaliseSpace(factor.text)));
  });

  it('draws one finding’s subgraph with a description naming its factors and KPEs', async () => {
    const text = await drawMap(smallReview(), model, { findingId: 'F-1', idPrefix: 'f1' });
    expect(elementIds(text).sort()).toEqual(
      ['f1-CF-1', 'f1-CF-2', 'f1-F-1', 'f1-KPE-1', 'f1-KPE-2', 'f1-KPE-4'].sort(),
    );
    expect(text).toContain('<title id="f1-title">The analysis behind finding 1 (F-1)</title>');
    expect(text).toContain(
      'is supported by 2 contributory factors under 2 framework heads (CF-1 and CF-2), which help explain 3 key practice episodes (1 of them good practice): KPE-4, KPE-1 and KPE-2.',
    );
  });

  it('lays out and draws a generated 40-KPE review', async () => {
    const state = generatedReview(model, 40);
    const text = await drawMap(state, model);
    expect(elementIds(text)).toHaveLength(40 + 60 + 8);
    expect(text.match(/<path d="M/g)?.length).toBeGreaterThan(100);
  });

  it('says so when there is nothing to map', async () => {
    const state = smallReview();
    const empty = { ...state, kpes: {}, factors: {}, links: {}, findings: {} };
    const text = await drawMap(empty, model);
    expect(text).toContain('No key practice episodes, contributory factors or findings');
    expect(elementIds(text)).toEqual([]);
  });
});

describe('mapBands', () => {
  it('slices a tall map into parts that each fit, drawing every node exactly once and whole', async () => {
    const layout = await layoutMap(buildMapGraph(generatedReview(model, 40), model));
    const max = 740;
    const bands = mapBands(layout, max);
    expect(bands.length).toBeGreaterThan(1);
    expect(bands.map((b) => b.part)).toEqual(bands.map((_, i) => i + 1));
    const drawn = bands.flatMap((b) => b.nodeIds);
    expect(drawn.sort()).toEqual(layout.nodes.map((n) => n.id).sort());
    for (const band of bands) {
      expect(band.bottom - band.top).toBeLessThanOrEqual(max);
      for (const id of band.nodeIds) {
        const node = layout.nodes.find((n) => n.id === id);
        expect(node && node.y >= band.top && node.y + node.height <= band.bottom).toBe(true);
      }
      const text = renderMapSvg(layout, { band, idPrefix: `p${band.part}` });
      expect(elementIds(text)).toHaveLength(band.nodeIds.length);
      expect(text).toContain(`(part ${band.part} of ${bands.length})`);
    }
  });

  it('keeps a map that fits as one part', async () => {
    const layout = await layoutMap(buildMapGraph(smallReview(), model));
    expect(mapBands(layout, 2000)).toHaveLength(1);
  });
});
