// `tunnelview chronology duplicates|confirm|split` over a workspace holding the planted fixture:
// the JSON shape, the text view with entries side by side, reasons and conflicts, and
// decisions recorded as events only on valid input.
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addChronologyEntry } from '../../src/app/chronology.ts';
import { addAgency, addPerson } from '../../src/app/register.ts';
import { createReview } from '../../src/app/reviews.ts';
import { logPosition, openTestWorkspace, runCli } from '../helpers/workspace.ts';
import { loadDuplicateFixture } from './duplicates-fixture.ts';

const REVIEW = 'R-DUPS01';

/** A workspace holding the fixture's agencies, register and entries, with a CLI runner over it. */
async function fixtureWorkspace() {
  const fixture = loadDuplicateFixture();
  const handle = openTestWorkspace();
  const { ws } = handle;
  await createReview(ws, { title: 'Learning review: Child A', kind: 'lcspr' }, REVIEW);
  for (const [id, agency] of Object.entries(fixture.agencies)) {
    await addAgency(ws, REVIEW, agency, id);
  }
  for (const { id, ...person } of fixture.persons) await addPerson(ws, REVIEW, person, id);
  for (const { id, ...entry } of fixture.entries) {
    await addChronologyEntry(ws, REVIEW, entry, id);
  }
  const run = (...args: string[]) =>
    runCli([...args, '--workspace', handle.path], { cwd: dirname(handle.path) });
  return { ...handle, fixture, run };
}

interface ClustersJson {
  clusters: {
    entries: { agency: string; file: string | null; record: number | null; id: string }[];
    confirmed: boolean;
    score: number;
    ids: string[];
    reasons: string[];
    conflicts: { kind: string; message: string }[];
  }[];
}

describe('tunnelview chronology duplicates', () => {
  it('--json prints clusters of entries with agency, file and record, confirmed and score', async () => {
    const { run } = await fixtureWorkspace();
    const result = await run('chronology', 'duplicates', '--review', REVIEW, '--json');
    expect(result.code, result.err).toBe(0);
    const { clusters } = result.json<ClustersJson>();
    expect(clusters.length).toBeGreaterThanOrEqual(15);
    const first = clusters[0];
    expect(Object.keys(first ?? {}).slice(0, 3)).toEqual(['entries', 'confirmed', 'score']);
    expect(first).toMatchObject({
      confirmed: false,
      ids: ['CH-1', 'CH-2'],
      entries: [
        { agency: 'Fenwick Vale Police', file: 'fenwick-vale-police.csv', record: 1, id: 'CH-1' },
        { agency: 'Ambulance Service', file: 'ambulance-service.csv', record: 1, id: 'CH-2' },
      ],
    });
    expect(first?.score).toBeGreaterThanOrEqual(0.5);
    expect(first?.score).toBeLessThanOrEqual(1);
    expect(Object.keys(first?.entries[0] ?? {}).slice(0, 3)).toEqual(['agency', 'file', 'record']);
  });

  it('--min-score lowers or raises the bar', async () => {
    const { run } = await fixtureWorkspace();
    const count = async (score: string) =>
      (await run('chronology', 'duplicates', '--min-score', score, '--json')).json<ClustersJson>()
        .clusters.length;
    const loose = await count('0.3');
    const normal = await count('0.5');
    const strict = await count('0.8');
    expect(loose).toBeGreaterThan(normal);
    expect(strict).toBeLessThan(normal);
    const bad = await run('chronology', 'duplicates', '--min-score', 'high');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('expected a score between 0 and 1, e.g. 0.4; found "high"');
  });

  it('shows each cluster with its entries side by side, why it was suggested and the conflicts', async () => {
    const { run } = await fixtureWorkspace();
    const result = await run('chronology', 'duplicates');
    expect(result.code, result.err).toBe(0);
    const block = result.out.slice(
      result.out.indexOf('Cluster 1:'),
      result.out.indexOf('Cluster 2:'),
    );
    expect(block).toContain('Cluster 1: CH-1 + CH-2 — score 0.');
    // The two entries' headers share a line: side by side, not one under the other.
    expect(block).toMatch(/CH-1 · Fenwick Vale Police\s+CH-2 · Ambulance Service/);
    expect(block).toMatch(/14\/03\/2023 22:40\s+14\/03\/2023 23:20/);
    expect(block).toMatch(/fenwick-vale-police\.csv #1\s+ambulance-service\.csv #1/);
    expect(block).toContain('Why suggested:');
    expect(block).toContain('CH-1 + CH-2: 0.');
    expect(block).toContain('Conflicting details (kept, not resolved):');
    expect(block).toContain('recorded times differ by 40 min');
    expect(block).toContain('Decide: tunnelview chronology confirm CH-1 CH-2');
  });
});

describe('tunnelview chronology confirm and split', () => {
  it('records a confirmation as an event, and the cluster then shows confirmed: true', async () => {
    const { run } = await fixtureWorkspace();
    const confirmed = await run(
      'chronology',
      'confirm',
      'CH-1',
      'CH-2',
      '--note',
      'Same incident',
      '--json',
    );
    expect(confirmed.code, confirmed.err).toBe(0);
    expect(confirmed.json<{ events: { type: string }[]; message: string }>()).toMatchObject({
      events: [{ type: 'chronology.duplicates-decided' }],
      message: 'Confirmed CH-1 + CH-2 as one event',
    });
    const { clusters } = (await run('chronology', 'duplicates', '--json')).json<ClustersJson>();
    expect(clusters.find((c) => c.ids.includes('CH-1'))).toMatchObject({
      ids: ['CH-1', 'CH-2'],
      confirmed: true,
    });
    const text = await run('chronology', 'duplicates');
    expect(text.out).toContain('CH-1 + CH-2 — score');
    expect(text.out).toContain('CONFIRMED by a reviewer');
  });

  it('records a split, after which the entries are not suggested together', async () => {
    const { run } = await fixtureWorkspace();
    const split = await run('chronology', 'split', 'CH-13', 'CH-14', '--note', 'Different calls');
    expect(split.code, split.err).toBe(0);
    expect(split.out).toBe('Split CH-13, CH-14: not one event');
    const { clusters } = (await run('chronology', 'duplicates', '--json')).json<ClustersJson>();
    expect(clusters.some((c) => c.ids.includes('CH-13') && c.ids.includes('CH-14'))).toBe(false);
  });

  it('refuses an unknown entry id, naming it, and changes nothing', async () => {
    const { run, store } = await fixtureWorkspace();
    const before = await logPosition(store, REVIEW);
    const refused = await run('chronology', 'confirm', 'CH-1', 'CH-999');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Refused; nothing was changed:');
    expect(refused.err).toContain('CH-999 does not exist in review R-DUPS01');
    expect(await logPosition(store, REVIEW)).toEqual(before);
  });

  it('refuses a single entry and a repeated entry, and changes nothing', async () => {
    const { run, store } = await fixtureWorkspace();
    const before = await logPosition(store, REVIEW);
    const one = await run('chronology', 'split', 'CH-1');
    expect(one.code).toBe(1);
    expect(one.err).toContain('a cluster has at least two entries');
    const twice = await run('chronology', 'confirm', 'CH-1', 'CH-1');
    expect(twice.code).toBe(1);
    expect(twice.err).toContain('CH-1 listed twice');
    expect(await logPosition(store, REVIEW)).toEqual(before);
  });
});

describe('help', () => {
  it('ends every new chronology command’s --help with an Example', async () => {
    for (const command of ['duplicates', 'confirm', 'split', 'show']) {
      const help = await runCli(['chronology', command, '--help']);
      expect(help.code, command).toBe(0);
      expect(help.out, command).toMatch(/Example:\n {2}tunnelview chronology /);
    }
  });
});
