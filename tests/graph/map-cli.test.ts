// `tunnelview map`: writes the SVG for the whole review or one finding, refuses an unknown finding.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSampleReview, runCli, tempDir, workspaceWithReview } from '../helpers/workspace.ts';

async function sampleWorkspace() {
  const dir = tempDir();
  const { ws, reviewId, path } = await workspaceWithReview(join(dir, 'tunnelview.db'));
  await buildSampleReview(ws, reviewId);
  return { dir, path, reviewId };
}

describe('tunnelview map', () => {
  it('writes the whole map as an SVG file and says what is on it', async () => {
    const { dir, path, reviewId } = await sampleWorkspace();
    const run = await runCli(
      ['map', '--workspace', path, '--review', reviewId, '--out', 'map.svg'],
      {
        cwd: dir,
      },
    );
    expect(run.code, run.err).toBe(0);
    const file = join(dir, 'map.svg');
    expect(run.out).toBe(`Wrote ${file}: 2 KPEs, 2 factors under 2 heads, 2 findings`);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" role="img"/);
    expect(text).toContain('id="map-KPE-1"');
    expect(text).toContain('id="map-F-2"');
    // A file opened on its own carries the font its labels were wrapped for.
    expect(text).toContain('@font-face{font-family:Atkinson Hyperlegible');
  });

  it('writes one finding’s subgraph with --finding, to a default name, and reports it as JSON', async () => {
    const { dir, path, reviewId } = await sampleWorkspace();
    const run = await runCli(
      ['map', '--workspace', path, '--review', reviewId, '--finding', 'F-1', '--json'],
      { cwd: dir },
    );
    expect(run.code, run.err).toBe(0);
    const file = join(dir, `${reviewId}-map-F-1.svg`);
    expect(run.json()).toEqual({
      review: reviewId,
      finding: 'F-1',
      svg: file,
      kpes: 1,
      factors: 1,
      heads: 1,
      findings: 1,
    });
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('The analysis behind finding 2 (F-1)');
    expect(text).not.toContain('id="map-F-2"');
  });

  it('refuses an unknown finding, naming the option and the findings there are', async () => {
    const { dir, path, reviewId } = await sampleWorkspace();
    const run = await runCli(
      ['map', '--workspace', path, '--review', reviewId, '--finding', 'F-9', '--out', 'x.svg'],
      { cwd: dir },
    );
    expect(run.code).toBe(1);
    expect(run.err).toContain('--finding: there is no finding F-9 in this review');
    expect(run.err).toContain('F-1, F-2');
    expect(existsSync(join(dir, 'x.svg'))).toBe(false);
  });

  it('ends its help with an example', async () => {
    const run = await runCli(['map', '--help']);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/Example:\n {2}tunnelview map --review R-\w+ --out map\.svg/);
  });
});
