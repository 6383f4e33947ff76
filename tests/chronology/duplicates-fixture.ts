// Loads the planted-duplicates fixture (tests/fixtures/duplicates/planted.json) as typed entries,
// with its labelled pairs, and scores predicted clusters against them (precision and recall).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AgencySector } from '../../src/domain/agency.ts';
import type { ChronologyEntry, EventDate } from '../../src/domain/chronology-entry.ts';
import type { Person } from '../../src/domain/person.ts';

interface RawFixture {
  agencies: Record<string, { name: string; sector: AgencySector }>;
  persons: (Omit<Person, 'phones' | 'aliases' | 'initials'> & Partial<Person>)[];
  entries: [string, string, string, string][];
  events: string[][];
  nearMisses: { pair: [string, string]; kind: string }[];
}

export interface DuplicateFixture {
  agencies: Record<string, { name: string; sector: AgencySector }>;
  persons: Person[];
  entries: ChronologyEntry[];
  /** Every duplicate pair, as "a|b" with a < b by id number. */
  positives: Set<string>;
  nearMisses: { key: string; kind: string }[];
}

/** Pair key independent of order: ids sorted by number. */
export function pairOf(a: string, b: string): string {
  const n = (id: string) => Number(id.slice(id.indexOf('-') + 1));
  return n(a) < n(b) ? `${a}|${b}` : `${b}|${a}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The fixture's compact date forms as an EventDate, with the original written the UK way. */
export function fixtureDate(text: string): EventDate {
  let m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}:\d{2})$/.exec(text);
  if (m) {
    return {
      precision: 'time',
      start: `${m[1]}-${m[2]}-${m[3]}`,
      time: m[4] as string,
      original: `${m[3]}/${m[2]}/${m[1]} ${m[4]}`,
    };
  }
  m = /^(~)?(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) {
    return {
      precision: m[1] ? 'approximate' : 'day',
      start: `${m[2]}-${m[3]}-${m[4]}`,
      original: `${m[1] ? 'approx ' : ''}${m[4]}/${m[3]}/${m[2]}`,
    };
  }
  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) {
    const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
    return {
      precision: 'month',
      start: `${m[1]}-${m[2]}-01`,
      end: `${m[1]}-${m[2]}-${pad(last)}`,
      original: `?/${m[2]}/${m[1]}`,
    };
  }
  if (text === '') return { precision: 'unknown', original: '' };
  throw new Error(`fixture date "${text}" is not in a form the fixture uses`);
}

export function loadDuplicateFixture(name = 'planted.json'): DuplicateFixture {
  const path = fileURLToPath(new URL(`../fixtures/duplicates/${name}`, import.meta.url));
  const raw = JSON.parse(readFileSync(path, 'utf8')) as RawFixture;
  const records = new Map<string, number>();
  const entries = raw.entries.map(([id, agencyId, date, text]): ChronologyEntry => {
    const record = (records.get(agencyId) ?? 0) + 1;
    records.set(agencyId, record);
    const file = `${raw.agencies[agencyId]?.name.toLowerCase().replace(/[^a-z]+/g, '-')}.csv`;
    return {
      id,
      agencyId,
      date: fixtureDate(date),
      text,
      provenance: { method: 'import', file, record },
      extra: {},
    };
  });
  const agencyOf = new Map(entries.map((e) => [e.id, e.agencyId]));
  const positives = new Set<string>();
  for (const group of raw.events) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i] as string;
        const b = group[j] as string;
        if (agencyOf.get(a) !== agencyOf.get(b)) positives.add(pairOf(a, b));
      }
    }
  }
  return {
    agencies: raw.agencies,
    persons: raw.persons.map((p) => ({ aliases: [], initials: [], phones: [], ...p })) as Person[],
    entries,
    positives,
    nearMisses: raw.nearMisses.map((n) => ({ key: pairOf(n.pair[0], n.pair[1]), kind: n.kind })),
  };
}

export interface PairQuality {
  predicted: number;
  truePositives: number;
  precision: number;
  recall: number;
  falsePositives: string[];
  missed: string[];
}

/** Precision and recall of the pairs inside predicted clusters against the fixture's duplicate pairs. */
export function pairQuality(
  clusters: { ids: string[] }[],
  positives: ReadonlySet<string>,
): PairQuality {
  const predicted = new Set<string>();
  for (const c of clusters) {
    for (let i = 0; i < c.ids.length; i++) {
      for (let j = i + 1; j < c.ids.length; j++) {
        predicted.add(pairOf(c.ids[i] as string, c.ids[j] as string));
      }
    }
  }
  const truePositives = [...predicted].filter((p) => positives.has(p)).length;
  return {
    predicted: predicted.size,
    truePositives,
    precision: predicted.size === 0 ? 1 : truePositives / predicted.size,
    recall: positives.size === 0 ? 1 : truePositives / positives.size,
    falsePositives: [...predicted].filter((p) => !positives.has(p)).sort(),
    missed: [...positives].filter((p) => !predicted.has(p)).sort(),
  };
}
