// The language rules are data in the models: each shipped rule holds to its own examples, and
// a faulty rule is refused on load with the file, the YAML path and the line.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors.ts';
import { lintText } from '../../src/language/index.ts';
import { loadModel, loadModelText, type ModelIssue } from '../../src/model/index.ts';

const fixture = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url)), 'utf8');

describe('the shipped language rules', () => {
  for (const modelId of ['learning-together', 'seips']) {
    const model = loadModel(modelId);

    it(`${modelId}: cover the phrasing the systems approach keeps out of reports`, () => {
      const ids = model.language.rules.map((r) => r.id);
      for (const id of [
        'failed-to',
        'should-have',
        'could-have',
        'would-have',
        'if-only',
        'missed-opportunity',
        'obvious',
        'clearly',
        'human-error',
        'lack-of-curiosity',
        'careless',
        'complacent',
        'negligent',
        'inexcusable',
        'should-never',
        'it-was-evident',
      ]) {
        expect(ids).toContain(id);
      }
      for (const rule of model.language.rules) {
        expect(rule.reason.length, rule.id).toBeGreaterThan(40);
        expect(rule.suggestion.length, rule.id).toBeGreaterThan(40);
      }
    });

    for (const rule of model.language.rules) {
      it(`${modelId}: ${rule.id} flags its examples and leaves its counter-examples alone`, () => {
        expect(rule.examples.flagged.length, 'at least one flagged example').toBeGreaterThan(0);
        for (const sentence of rule.examples.flagged) {
          const rules = lintText(sentence, model.language).map((f) => f.rule);
          expect(rules, sentence).toContain(rule.id);
        }
        for (const sentence of rule.examples.notFlagged) {
          expect(lintText(sentence, model.language), sentence).toEqual([]);
        }
      });
    }
  }
});

describe('a model with faulty language rules', () => {
  const text = `${fixture('models/minimal.yaml')}\n${fixture('language/faulty-rules.yaml')}`;
  const offset = fixture('models/minimal.yaml').split('\n').length;

  function issues(): ModelIssue[] {
    try {
      loadModelText(text, 'faulty.yaml');
    } catch (error) {
      if (error instanceof ValidationError) return error.issues as ModelIssue[];
      throw error;
    }
    throw new Error('expected the model to be refused');
  }

  const lineOf = (needle: string) =>
    text.split('\n').findIndex((line) => line.includes(needle)) + 1;

  it('is refused, naming every fault with its file, YAML path and line', () => {
    const found = issues();
    const by = (path: string) => found.find((i) => i.message.includes(` ${path}: `));
    const expectations: [string, string, RegExp][] = [
      ['language.rules[0].patterns[0]', "'should (have'", /not a usable pattern/],
      [
        'language.rules[1].category',
        'counterfactul',
        /"counterfactul", which is not declared under language.categories \(declared: counterfactual\)/,
      ],
      [
        'language.rules[2].patterns[0]',
        "'{device} failed'",
        /fragment \{device\} is not declared under language.fragments \(declared: thing\)/,
      ],
      [
        'language.rules[3].contexts[0]',
        'cites-standards',
        /"cites-standards", which is not declared under language.contexts/,
      ],
      ['language.rules[4].patterns[0]', '(?:obvious)?', /can match empty text/],
      [
        'language.rules[5].exceptions[0]',
        'Nowhere to look',
        /needs at least one of match, before, after or sentence/,
      ],
    ];
    for (const [path, needle, message] of expectations) {
      const issue = by(path);
      expect(issue, path).toBeDefined();
      expect(issue?.message).toMatch(message);
      expect(issue?.file).toBe('faulty.yaml');
      expect(issue?.line, path).toBeGreaterThan(offset);
      // The line is where the faulty value (or the item holding it) starts.
      expect(Math.abs((issue?.line ?? 0) - lineOf(needle)), `${path} line`).toBeLessThanOrEqual(1);
      expect(issue?.message.startsWith(`faulty.yaml:${issue?.line}:`)).toBe(true);
    }
    expect(found).toHaveLength(expectations.length);
  });

  it('says which key was meant when a rule key is misspelt', () => {
    const misspelt = `${fixture('models/minimal.yaml')}
language:
  categories: [{ id: certainty, name: Certainty, description: Too sure. }]
  rules:
    - id: obvious
      category: certainty
      pattern: ['obvious']
      reason: A reason.
      suggestion: A direction.
`;
    try {
      loadModelText(misspelt, 'misspelt.yaml');
      throw new Error('expected a refusal');
    } catch (error) {
      const [issue] = (error as ValidationError).issues as ModelIssue[];
      expect(issue?.message).toMatch(
        /^misspelt\.yaml:\d+:\d+ language\.rules\[0\]\.pattern: unknown key "pattern" — did you mean "patterns"\?/,
      );
    }
  });

  it('gives a model without a language section rules that flag nothing', () => {
    const model = loadModelText(fixture('models/minimal.yaml'), 'minimal.yaml');
    expect(model.language.rules).toEqual([]);
    expect(lintText('The nurse failed to ask, and it was obvious.', model.language)).toEqual([]);
  });
});
