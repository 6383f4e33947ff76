// Every error tunnelview throws is one of the closed set in domain/errors.ts, and each has its
// exit code and wording in the one place the command line maps them: a new error class fails
// here until it is mapped.
import { describe, expect, it } from 'vitest';
import { EXIT_INTERNAL_ERROR, EXIT_USER_ERROR, reportError } from '../../src/cli/exit-codes.ts';
import * as errors from '../../src/domain/errors.ts';
import { issue } from '../../src/domain/issue.ts';

const refusal = [issue('review-unknown', ['review'], 'there is no review R-NOPE')];

/** Each error class, an instance a user could meet, its exit code and the first line printed. */
const MAPPED: Record<string, { error: Error; code: number; first: string }> = {
  ValidationError: {
    error: new errors.ValidationError(refusal),
    code: EXIT_USER_ERROR,
    first: 'Refused; nothing was changed:',
  },
  WorkflowError: {
    error: new errors.WorkflowError(refusal),
    code: EXIT_USER_ERROR,
    first: 'Not allowed now; nothing was changed:',
  },
  EditConflictError: {
    error: new errors.EditConflictError(refusal, { name: 'Brackenmoor Health Centre' }),
    code: EXIT_USER_ERROR,
    first: 'Not saved; someone else changed it first, and nothing was changed:',
  },
  IntegrityError: {
    error: new errors.IntegrityError(refusal),
    code: EXIT_USER_ERROR,
    first: 'The workspace failed its integrity check:',
  },
  ConcurrentChangeError: {
    error: new errors.ConcurrentChangeError('R-1', 4, 5),
    code: EXIT_USER_ERROR,
    first:
      'Not saved: review R-1 changed while this change was being made (expected event 4, found 5), and it kept changing; nothing was changed.',
  },
  RenderError: {
    error: new errors.RenderError('no browser', { fix: 'Install Chromium.' }),
    code: EXIT_USER_ERROR,
    first: 'Could not render: no browser',
  },
  InternalError: {
    error: new errors.InternalError('a fold went wrong'),
    code: EXIT_INTERNAL_ERROR,
    first: 'Internal error in tunnelview: a fold went wrong',
  },
};

describe('reportError', () => {
  it('knows every error class of the closed set', () => {
    const classes = Object.entries(errors)
      .filter(([, value]) => typeof value === 'function' && value.prototype instanceof Error)
      .map(([name]) => name)
      .sort();
    expect(classes).toEqual(Object.keys(MAPPED).sort());
  });

  for (const [name, { error, code, first }] of Object.entries(MAPPED)) {
    it(`gives a ${name} its exit code and says what happened`, () => {
      const lines: string[] = [];
      expect(reportError(error, (line) => lines.push(line))).toBe(code);
      expect(lines[0]).toBe(first);
    });
  }

  it('names the change that got in first when another writer kept changing the review', () => {
    const lines: string[] = [];
    const error = new errors.ConcurrentChangeError('R-1', 4, 6, {
      seq: 5,
      type: 'kpe.added',
      actor: 'Dana Reid',
      at: '2026-02-03T10:00:00.000Z',
    });
    expect(reportError(error, (line) => lines.push(line))).toBe(EXIT_USER_ERROR);
    expect(lines).toEqual([
      'Not saved: review R-1 changed while this change was being made: event 5 (kpe.added, by Dana Reid at 2026-02-03T10:00:00.000Z) was written first (expected event 4, found 6), and it kept changing; nothing was changed.',
      'Run the command again.',
    ]);
  });

  it('words the fix an issue carries after its message', () => {
    const lines: string[] = [];
    reportError(
      new errors.IntegrityError([
        issue('event-unreadable', [], 'event 3 is not valid JSON', { fix: { kind: 'verify' } }),
      ]),
      (line) => lines.push(line),
    );
    expect(lines[1]).toBe(
      '  - event 3 is not valid JSON; check the workspace with: tunnelview verify',
    );
  });
});
