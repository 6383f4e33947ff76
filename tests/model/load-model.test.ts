// Loading methodology models: the shipped models load and hold what code relies
// on; broken models fail with messages that name file, path, line and fix.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors.ts';
import { nearest } from '../../src/domain/nearest.ts';
import {
  factorHeads,
  findCategory,
  listModels,
  loadModel,
  loadModelFile,
  loadModelText,
  type ModelIssue,
  stageGates,
  typology,
  variant,
  walkOutline,
} from '../../src/model/index.ts';

const fixtures = fileURLToPath(new URL('../fixtures/models', import.meta.url));
const fixture = (name: string) => `${fixtures}/${name}.yaml`;

/** Runs `load` and returns the ValidationError it must throw. */
function validationError(load: () => unknown): ValidationError {
  try {
    load();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError, but the model loaded');
}

function onlyIssue(error: ValidationError): ModelIssue {
  expect(error.issues).toHaveLength(1);
  return error.issues[0] as ModelIssue;
}

describe('the shipped Learning Together model', () => {
  const model = loadModel('learning-together');

  it('runs from the statutory front end through the Learning Together stages', () => {
    expect(model.stages.map((s) => s.id)).toEqual([
      'notification',
      'rapid-review',
      'decision',
      'preparation',
      'data-collection',
      'analysis',
      'findings',
      'report',
      'publication',
      'follow-up',
      'closed',
      'referred-national',
    ]);
    const decision = model.stages.find((s) => s.id === 'decision');
    expect(decision?.next?.map((e) => [e.outcome, e.to])).toEqual([
      ['lcspr', 'preparation'],
      ['no-further-review', 'closed'],
      ['national-review', 'referred-national'],
    ]);
    expect(stageGates(model, 'findings')?.find((g) => g.check === 'findings-supported')).toEqual(
      expect.objectContaining({ params: { minKpes: 2 } }),
    );
  });

  it('holds the nine conversation heads as factor heads, each with a prompt', () => {
    const heads = factorHeads(model);
    expect(heads.map((h) => h.id)).toEqual([
      'family',
      'personal',
      'role',
      'conditions-of-work',
      'own-team',
      'inter-agency-team',
      'organisational-culture-and-management',
      'wider-political-context',
      'other',
    ]);
    for (const head of heads) expect(head.prompt).toBeTruthy();
    expect(heads.filter((h) => !h.confirmed).map((h) => h.levelId)).toEqual([
      'beyond-the-frontline',
      'beyond-the-frontline',
      'beyond-the-frontline',
    ]);
    // The conversation prompts one head at a time, in the practitioner's words.
    const section = model.conversation.sections.find((s) => s.id === 'contributory-factors');
    expect(section?.prompts).toHaveLength(9);
    for (const head of heads) {
      expect(section?.prompts.some((p) => p.endsWith(head.prompt ?? '?'))).toBe(true);
    }
  });

  it('keeps both typologies, the 2008 one as default, later wording unconfirmed', () => {
    expect(model.typologies.map((t) => t.id)).toEqual(['scie-2008', 'scie-later']);
    expect(typology(model)?.id).toBe('scie-2008');
    expect(typology(model, 'scie-2008')?.categories).toHaveLength(6);
    expect(typology(model, 'scie-later')?.categories.every((c) => !c.confirmed)).toBe(true);
    expect(findCategory(model, 'scie-later', 'tools')?.name).toBe('Tools');
  });

  it('offers the five variants, Full by default, Focused with no conversations', () => {
    expect(model.variants.map((v) => v.id)).toEqual([
      'full',
      'mid-range',
      'intensive',
      'speed-plus',
      'focused',
    ]);
    expect(variant(model)?.requires.meetings).toEqual({
      'review-team': 5,
      'joint-meeting-1': 1,
      'joint-meeting-2': 1,
    });
    expect(variant(model, 'mid-range')?.requires.conversations?.max).toBe(6);
    expect(variant(model, 'focused')?.requires.conversations?.max).toBe(0);
  });

  it('declares the statutory clocks as data', () => {
    const clocks = Object.fromEntries(model.clocks.map((c) => [c.id, c]));
    expect(clocks.notification).toMatchObject({
      from: 'became-aware',
      metBy: 'notification',
      rule: { workingDays: 5 },
    });
    expect(clocks['rapid-review']).toMatchObject({ rule: { workingDays: 15 }, statutory: false });
    expect(clocks.lcspr).toMatchObject({ rule: { calendarMonths: 6 }, appliesTo: ['lcspr'] });
    expect(clocks['pre-publication']).toMatchObject({
      from: 'planned-publication',
      direction: 'before',
      rule: { workingDays: 7 },
      confirmed: false,
    });
    expect(clocks.scr).toMatchObject({ rule: { calendarMonths: 6 }, appliesTo: ['scr'] });
  });

  it('outlines the report with the appendices last', () => {
    const entries = walkOutline(model);
    expect(entries.find((e) => e.section.id === 'methodology')).toMatchObject({
      depth: 1,
      ancestors: ['introduction'],
    });
    const firstAppendix = entries.findIndex((e) => e.inAppendix);
    expect(entries.slice(firstAppendix).every((e) => e.inAppendix)).toBe(true);
    expect(model.findingSections.map((f) => f.id)).not.toContain('issues-for-the-board');
  });
});

describe('the shipped SEIPS model', () => {
  it('loads with its own stages, work-system heads and typology', () => {
    const model = loadModel('seips');
    expect(model.stages.map((s) => s.id)).toEqual([
      'scoping',
      'data-collection',
      'analysis',
      'findings',
      'report',
      'closed',
    ]);
    expect(factorHeads(model).map((h) => h.id)).toEqual([
      'persons',
      'tasks',
      'tools-and-technology',
      'organisation',
      'internal-environment',
      'external-environment',
      'other',
    ]);
    expect(typology(model)?.categories.map((c) => c.id)).toEqual([
      'processes',
      'outcomes',
      'adaptation',
    ]);
  });
});

describe('listModels and loadModel', () => {
  it('lists the shipped models by file name', () => {
    expect(listModels()).toEqual(['learning-together', 'seips']);
  });

  it('caches a model per path and freezes it so it can be shared', () => {
    const first = loadModel('learning-together');
    expect(loadModel('learning-together')).toBe(first);
    expect(Object.isFrozen(first.stages[0])).toBe(true);
  });

  it('names the available models when the id is unknown, suggesting the nearest', () => {
    const error = validationError(() => loadModel('lerning-together'));
    expect(onlyIssue(error).code).toBe('unknown-model');
    expect(error.message).toContain('unknown model "lerning-together"');
    expect(error.message).toContain('did you mean "learning-together"?');
    expect(error.message).toContain('available models');
    expect(error.message).toContain('learning-together, seips');
  });

  it('refuses a model whose id does not match its file name', () => {
    const error = validationError(() => loadModel('misnamed', fixtures));
    expect(error.message).toContain('misnamed.yaml');
    expect(error.message).toContain('found id "not-the-file-name", expected "misnamed"');
  });

  it('loads a valid model from another folder', () => {
    expect(loadModel('minimal', fixtures).stages).toHaveLength(2);
  });
});

describe('loading a broken model', () => {
  it('names file, path and line for a misspelt key, and suggests the right key', () => {
    const issue = onlyIssue(validationError(() => loadModelFile(fixture('misspelt-key'))));
    expect(issue).toMatchObject({ code: 'unknown-key', line: 16, column: 5, suggestion: 'gates' });
    expect(issue.message).toMatch(/misspelt-key\.yaml:16:5 stages\[1\]\.gatez: /);
    expect(issue.message).toContain('unknown key "gatez" — did you mean "gates"?');
  });

  it('says what it found and what it expected for a wrong type', () => {
    const issue = onlyIssue(validationError(() => loadModelFile(fixture('wrong-type'))));
    expect(issue.code).toBe('wrong-type');
    expect(issue.message).toContain('wrong-type.yaml:24:26 variants[0].expectedEffortHours:');
    expect(issue.message).toContain('found string "lots", expected number');
  });

  it('names the stage that lists an undeclared gate', () => {
    const error = validationError(() => loadModelFile(fixture('undeclared-gate')));
    const issue = onlyIssue(error);
    expect(issue.message).toContain('undeclared-gate.yaml:16:13 stages[1].gates[0]:');
    expect(issue.message).toContain('stage "analysis" names gate "kpes-explained"');
    expect(issue.message).toContain('declared: questions-agreed');
  });

  it('reports a YAML syntax error with its line, before any schema check', () => {
    // Inline rather than a fixture file: `biome check .` would reject a broken .yaml file.
    const minimal = readFileSync(fixture('minimal'), 'utf8');
    const broken = minimal.replace(
      'check: research-questions-agreed',
      'check: research-questions: agreed',
    );
    const error = validationError(() => loadModelText(broken, 'models/syntax-error.yaml'));
    const issue = onlyIssue(error);
    expect(issue).toMatchObject({ code: 'yaml-syntax', line: 19 });
    expect(issue.message).toContain('models/syntax-error.yaml:19:');
    expect(issue.message).toContain('YAML syntax error');
    expect(issue.message).toContain('check: research-questions: agreed');
  });

  it('lists every problem in file order, under a headline naming the file', () => {
    const text = [
      'id: Broken Model',
      'name: x',
      'version: "1"',
      'description: x',
      'stages: []',
      'variants: [{ id: full, name: Full, description: x }]',
      'defaultVariant: ful',
      'conversation: { sections: [{ id: a, title: A }] }',
      'factorFramework: { name: F, levels: [{ id: l, name: L, heads: [{ id: h, name: H }] }] }',
      'typologies: [{ id: t, name: T, version: "1", categories: [{ id: c, name: C, description: x }] }]',
      'defaultTypology: t',
      'findingSections: [{ id: s, title: S, prompt: x }]',
      'report: { title: R, outline: [{ id: r, heading: R, content: finding }] }',
      'clocks: [{ id: k, name: K, description: x, from: d, rule: { workingDay: 5 } }]',
      'start: { default: a }',
    ].join('\n');
    const error = validationError(() => loadModelText(text, 'models/broken.yaml'));
    const messages = error.issues.map((i) => i.message);
    expect(error.message.split('\n')[0]).toBe(
      'models/broken.yaml is not a valid methodology model (4 problems):',
    );
    expect(messages[0]).toMatch(/^models\/broken\.yaml:1:5 id: found string "Broken Model"/);
    expect(messages[1]).toMatch(/^models\/broken\.yaml:5:9 stages: found empty list, expected/);
    expect(messages[2]).toContain('report.outline[0].content: found string "finding"');
    expect(messages[2]).toContain('did you mean "findings"?');
    expect(messages[3]).toContain(
      'clocks[0].rule.workingDay: unknown key "workingDay" — did you mean "workingDays"?',
    );
  });

  it('says when the file cannot be read', () => {
    const error = validationError(() => loadModelFile(fixture('no-such-model')));
    expect(error.message).toContain('no-such-model.yaml: cannot read the model file (ENOENT)');
  });
});

describe('nearest', () => {
  it('suggests close misspellings and nothing for unrelated words', () => {
    expect(nearest('stagse', ['stages', 'gates'])).toBe('stages');
    expect(nearest('defaultvariant', ['defaultVariant', 'variants'])).toBe('defaultVariant');
    expect(nearest('colour', ['stages', 'gates'])).toBeUndefined();
  });
});

describe('the stage flow of a model', () => {
  const base = readFileSync(fixture('minimal'), 'utf8');

  it('names a stage that no start stage leads to', () => {
    const text = base.replace(
      '    final: true\n',
      '    final: true\n  - id: orphan\n    name: Orphan\n    description: Nothing leads here.\n    final: true\n',
    );
    const error = validationError(() => loadModelText(text, 'models/orphan.yaml'));
    expect(error.issues.map((i) => i.message).join('\n')).toContain(
      'stage "orphan" cannot be reached from any start stage',
    );
  });

  it('names a stage that leads nowhere', () => {
    const text = base.replace('    final: true\n', '');
    const error = validationError(() => loadModelText(text, 'models/dead-end.yaml'));
    expect(error.issues.map((i) => i.message).join('\n')).toContain(
      'stage "analysis" is a dead end: give it next, or mark it final: true',
    );
  });

  it('names an exit to a stage that does not exist, and a choice without outcomes', () => {
    const text = base.replace(
      '    gates: [questions-agreed]\n',
      '    gates: [questions-agreed]\n    next:\n      - to: analysis\n      - to: anaylsis\n',
    );
    const messages = validationError(() => loadModelText(text, 'models/exits.yaml'))
      .issues.map((i) => i.message)
      .join('\n');
    expect(messages).toContain(
      'stage "preparation" leads to "anaylsis", which is not one of the stages',
    );
    expect(messages).toContain('stage "preparation" has several exits, so each needs an outcome');
  });
});
