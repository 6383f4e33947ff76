// The one YAML reader: syntax errors and schema problems placed in the file as
// `file:line:col path: message`, and issues found later re-homed at their item.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issue } from '../../src/domain/issue.ts';
import { parseYaml } from '../../src/model/parse-yaml.ts';

const Plan = z.strictObject({
  name: z.string(),
  steps: z.array(z.strictObject({ id: z.string(), hours: z.number() })),
});

const TEXT = [
  'name: Plan',
  'steps:',
  '  - id: a',
  '    hours: 2',
  '  - id: b',
  '    hourz: 3',
  '',
].join('\n');

describe('parseYaml', () => {
  it('places a schema problem at its line and column, an unknown key at the key', () => {
    const result = parseYaml(TEXT, 'plan.yaml').safeParse(Plan);
    expect(result.success).toBe(false);
    if (result.success) return;
    // Not also "missing required key hours": the suggestion already says where it went.
    expect(result.issues.map((i) => i.message)).toEqual([
      'plan.yaml:6:5 steps[1].hourz: unknown key "hourz" — did you mean "hours"?',
    ]);
    expect(result.issues[0]).toMatchObject({
      code: 'unknown-key',
      path: ['plan.yaml', 'steps', 1, 'hourz'],
      file: 'plan.yaml',
      line: 6,
      column: 5,
      suggestion: 'hours',
    });
  });

  it('reports a syntax error with its place and the line as written', () => {
    const yaml = parseYaml('name: a: b\nsteps: []\n', 'plan.yaml');
    expect(yaml.data).toBeUndefined();
    expect(yaml.problems).toHaveLength(1);
    expect(yaml.problems[0]).toMatchObject({ code: 'yaml-syntax', file: 'plan.yaml' });
    expect(yaml.problems[0]?.message).toMatch(
      /^plan\.yaml:1:\d+ YAML syntax error: .*\(line 1 reads: "name: a: b"\)$/,
    );
  });

  it('re-homes an issue found for one item at that item, keeping its code and ids', () => {
    const yaml = parseYaml(TEXT, 'plan.yaml');
    const placed = yaml.place(
      issue('reference-unknown', ['id'], 'b is not a step', { ids: ['b'] }),
      ['steps', 1],
    );
    expect(placed).toMatchObject({
      code: 'reference-unknown',
      path: ['plan.yaml', 'steps', 1, 'id'],
      ids: ['b'],
      message: 'plan.yaml:5:9 steps[1].id: b is not a step',
    });
  });
});
