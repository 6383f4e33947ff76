// The one zod→Issue translator: the same issue kinds become our codes, worded for someone
// typing input (fields) or for someone editing a YAML file (file), with the likely key or value.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../../src/domain/errors.ts';
import { parseOrThrow, translateZodIssues } from '../../src/domain/zod-issues.ts';
import { issueLines } from '../helpers/workspace.ts';

const Visit = z.strictObject({
  title: z.string(),
  rating: z.enum(['good', 'mixed', 'problematic']),
  hours: z.number().int(),
  agencies: z.array(z.string()).min(1, 'name at least one agency'),
});

function refusal(input: unknown): ValidationError {
  try {
    parseOrThrow(Visit, input);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

function inFile(input: unknown) {
  const result = Visit.safeParse(input);
  if (result.success) throw new Error('expected a refusal');
  return translateZodIssues(result.error.issues, { schema: Visit, input, wording: 'file' });
}

describe('parseOrThrow (input someone typed)', () => {
  it('says what is missing, what was found, and the schema’s own words', () => {
    const error = refusal({ rating: 'good', hours: 1.5, agencies: [] });
    expect(issueLines(error)).toEqual([
      'title: required, but not given',
      'hours: wrong type: found number 1.5, expected whole number',
      'agencies: name at least one agency',
    ]);
    expect(error.issues.map((i) => i.code)).toEqual(['missing-key', 'wrong-type', 'invalid-value']);
  });

  it('suggests the value likely meant', () => {
    const [issue] = refusal({ title: 'T', rating: 'mixd', hours: 1, agencies: ['AG-1'] }).issues;
    expect(issue?.message).toMatch(/\(did you mean "mixed"\?\)$/);
  });

  it('suggests a field likely meant when it is not given, and names the others together', () => {
    const error = refusal({ titel: 'T', rating: 'good', hours: 1, agencies: ['AG-1'], colour: 1 });
    // "title" is not also reported missing: the suggestion already says where it went.
    expect(issueLines(error)).toEqual([
      'titel: unknown field; did you mean "title"?',
      'unknown field "colour"; check the spelling',
    ]);
  });
});

describe('a bound without the schema’s own words', () => {
  it('is worded in ours, never zod’s English', () => {
    const Bare = z.strictObject({
      note: z.string().trim().min(1),
      code: z.string().min(3).max(5),
      tags: z.array(z.string()).min(1),
      count: z.number().max(10),
    });
    const words = (input: unknown) => {
      const result = Bare.safeParse(input);
      if (result.success) throw new Error('expected a refusal');
      return translateZodIssues(result.error.issues, { schema: Bare, input }).map(
        (i) => `${i.path.join('.')}: ${i.message}`,
      );
    };
    const short = words({ note: '  ', code: 'ab', tags: [], count: 11 });
    expect(short).toEqual([
      'note: empty; write at least one character',
      'code: expected at least 3 characters',
      'tags: expected at least 1 item',
      'count: expected a number at most 10',
    ]);
    const long = words({ note: 'x', code: 'abcdef', tags: ['a'], count: 1 });
    expect(long).toEqual(['code: expected at most 5 characters']);
    for (const line of [...short, ...long]) expect(line).not.toMatch(/Too (small|big)/);
  });
});

describe('translateZodIssues for a file', () => {
  it('says what was found and what was expected, in YAML’s words', () => {
    expect(inFile({ title: 'T', rating: 'good', hours: '3', agencies: 'AG-1' })).toEqual([
      { code: 'wrong-type', path: ['hours'], message: 'found string "3", expected number' },
      {
        code: 'wrong-type',
        path: ['agencies'],
        message: 'found string "AG-1", expected list (lines starting "- ")',
      },
    ]);
  });

  it('places each unknown key at the key, with the key likely meant, and drops its echo', () => {
    expect(inFile({ titl: 'T', rating: 'good', hours: 1, agencies: ['AG-1'] })).toEqual([
      {
        code: 'unknown-key',
        path: ['titl'],
        message: 'unknown key "titl" — did you mean "title"?',
        atKey: true,
        suggestion: 'title',
      },
    ]);
  });

  it('names the missing key and what it should hold', () => {
    expect(inFile({ title: 'T', hours: 1, agencies: ['AG-1'] })).toEqual([
      {
        code: 'missing-key',
        path: ['rating'],
        message: 'missing required key "rating" (expected one of "good", "mixed", "problematic")',
      },
    ]);
  });
});
