import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors.ts';
import { loadModel, loadModelText } from '../../src/model/index.ts';

const modelText = (id: string) =>
  readFileSync(fileURLToPath(new URL(`../../models/${id}.yaml`, import.meta.url)), 'utf8');

describe('model cross-walks', () => {
  it('maps every Learning Together head to SEIPS and all but "other" to the London Protocol', () => {
    const model = loadModel('learning-together');
    const heads = model.factorFramework.levels.flatMap((l) => l.heads.map((h) => h.id));
    const covered = (id: string) =>
      new Set(model.crosswalks.find((c) => c.id === id)?.groups.flatMap((g) => g.heads));
    expect(model.crosswalks.map((c) => [c.id, c.confirmed])).toEqual([
      ['seips', false],
      ['london-protocol', false],
    ]);
    expect(heads.filter((h) => !covered('seips').has(h))).toEqual([]);
    expect(heads.filter((h) => !covered('london-protocol').has(h))).toEqual(['other']);
  });

  it('uses the same London Protocol group ids in both models, and SEIPS head ids as groups', () => {
    const lt = loadModel('learning-together');
    const seips = loadModel('seips');
    const groups = (m: typeof lt, id: string) =>
      m.crosswalks.find((c) => c.id === id)?.groups.map((g) => g.id) ?? [];
    expect(groups(seips, 'london-protocol')).toEqual(groups(lt, 'london-protocol'));
    const seipsHeads = seips.factorFramework.levels.flatMap((l) => l.heads.map((h) => h.id));
    for (const g of groups(lt, 'seips')) expect(seipsHeads).toContain(g);
  });

  it('refuses a cross-walk naming a head the framework does not have, with the place', () => {
    const broken = modelText('seips').replace('heads: [persons] }', 'heads: [person] }');
    let error: unknown;
    try {
      loadModelText(broken, 'models/seips.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const message = (error as ValidationError).issues[0]?.message ?? '';
    expect(message).toMatch(
      /^models\/seips\.yaml:\d+:\d+ crosswalks\[0\]\.groups\[0\]\.heads\[0\]/,
    );
    expect(message).toContain('cross-walk "london-protocol" puts head "person" in group "patient"');
  });
});
