// The one scanner for characters no text may hold, and the text schemas that use it: NUL, C0
// and C1 controls and bidi overrides are found, named and stripped; tab and line breaks stay.
import { describe, expect, it } from 'vitest';
import {
  controlName,
  findControls,
  isRefusedCharacter,
  stripControls,
} from '../../src/domain/control-characters.ts';
import { LongText, ShortText } from '../../src/domain/primitives.ts';
import { parseOrThrow } from '../../src/domain/zod-issues.ts';
import { refusal } from '../helpers/workspace.ts';

describe('findControls', () => {
  it('finds NUL, C0 and C1 controls, DEL and the bidi embeddings, overrides and isolates', () => {
    const refused = [
      0x00, 0x01, 0x08, 0x0b, 0x0c, 0x0e, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9f, 0x202a, 0x202b,
      0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
    ];
    for (const code of refused) expect(isRefusedCharacter(code), code.toString(16)).toBe(true);
    const kept = [0x09, 0x0a, 0x0d, 0x20, 0x7e, 0xa0, 0xa3, 0x2029, 0x202f, 0x2065, 0x206a, 0x200f];
    for (const code of kept) expect(isRefusedCharacter(code), code.toString(16)).toBe(false);
  });

  it('says where the first is and how many there are', () => {
    expect(findControls('Tab\tand\r\nbreaks')).toBeUndefined();
    expect(findControls('ab\u202Ecd\u0000e\u2066')).toEqual({ at: 3, codePoint: 0x202e, count: 3 });
    expect(controlName(0x202e)).toBe('a right-to-left override (U+202E)');
    expect(controlName(0x00)).toBe('a NUL (null) character (U+0000)');
    expect(controlName(0x07)).toBe('a control character (U+0007)');
    expect(controlName(0x90)).toBe('a C1 control character (U+0090)');
    expect(controlName(0x2068)).toBe('a first strong isolate (U+2068)');
  });

  it('strips them, keeping everything else, and counts what went', () => {
    expect(stripControls('Child\u202E A\u0000\t\n')).toEqual({ text: 'Child A\t\n', stripped: 2 });
    expect(stripControls('clean')).toEqual({ text: 'clean', stripped: 0 });
  });
});

describe('the text schemas', () => {
  it('refuse such characters with the code control-character, naming the field', async () => {
    const error = await refusal(() =>
      parseOrThrow(ShortText('the title'), 'Visit\u2067 one', ['title']),
    );
    expect(error.issues).toEqual([
      {
        code: 'control-character',
        path: ['title'],
        message:
          'the title holds a right-to-left isolate (U+2067) at character 6; remove it (control characters are invisible and bidirectional overrides reorder what a reader sees)',
      },
    ]);
    expect(parseOrThrow(LongText('the text'), ' line one\n\tline two ')).toBe(
      'line one\n\tline two',
    );
  });
});
