// Text given on the command line may not carry NUL, control characters or bidirectional
// overrides: each is refused naming the option, the character and where it is, and nothing
// is written. Tabs and line breaks are text, and stay.
import { describe, expect, it } from 'vitest';
import { logPosition, runCli, tempDir, workspaceWithReview } from '../helpers/workspace.ts';

async function reviewOnDisk() {
  const h = await workspaceWithReview();
  const cwd = tempDir();
  const run = (...args: string[]) => runCli([...args, '--workspace', h.path], { cwd });
  return { ...h, run };
}

const KPE = ['kpe', 'add', '--from', '2023-03-14', '--what', 'The health visitor called.'];

describe('text options with control characters', () => {
  it('refuses a KPE title holding a right-to-left override, naming --title and the character', async () => {
    const h = await reviewOnDisk();
    const before = await logPosition(h.store, h.reviewId);
    const result = await h.run(...KPE, '--title', 'Home visit \u202Eevah ton');
    expect(result.code).toBe(1);
    expect(result.err).toContain('Refused; nothing was changed:');
    expect(result.err).toContain(
      '--title: the KPE title holds a right-to-left override (U+202E) at character 12; remove it',
    );
    expect(await logPosition(h.store, h.reviewId)).toEqual(before);
  });

  it('refuses NUL and other controls in prose, counting them, and bidi isolates in names', async () => {
    const h = await reviewOnDisk();
    const before = await logPosition(h.store, h.reviewId);
    const nul = await h.run(
      'kpe',
      'add',
      '--title',
      'Home visit',
      '--from',
      '2023-03-14',
      '--what',
      'Called\u0000 twice\u0007\u001B.',
    );
    expect(nul.code).toBe(1);
    expect(nul.err).toContain(
      '--what: what happened holds a NUL (null) character (U+0000) at character 7 (and 2 more such characters); remove them',
    );
    const isolate = await h.run(
      'agency',
      'add',
      '--name',
      'Fenwick \u2067Vale',
      '--sector',
      'health',
    );
    expect(isolate.code).toBe(1);
    expect(isolate.err).toContain('a right-to-left isolate (U+2067) at character 9');
    const c1 = await h.run(
      'chronology',
      'add',
      '--agency',
      'Fenwick\u0085',
      '--date',
      '14/03/2023',
      '--text',
      'Visit.',
    );
    expect(c1.code).toBe(1);
    expect(c1.err).toContain('--agency: the name holds a C1 control character (U+0085)');
    expect(await logPosition(h.store, h.reviewId)).toEqual(before);
  });

  it('refuses a date or an actor holding them before reading it, without echoing it back', async () => {
    const h = await reviewOnDisk();
    expect(
      (await h.run('agency', 'add', '--name', 'Fenwick Vale Health', '--sector', 'health')).code,
    ).toBe(0);
    const before = await logPosition(h.store, h.reviewId);
    const date = await h.run(
      'chronology',
      'add',
      '--agency',
      'AG-1',
      '--date',
      '14/03/2023\u202E',
      '--text',
      'Visit.',
    );
    expect(date.code).toBe(1);
    expect(date.err).toContain(
      '--date: the date holds a right-to-left override (U+202E) at character 11',
    );
    expect(date.err).not.toContain('\u202E');
    const actor = await h.run(...KPE, '--title', 'Home visit', '--actor', 'Ann\u2066 Reviewer');
    expect(actor.code).toBe(1);
    expect(actor.err).toContain(
      'actor: the actor holds a left-to-right isolate (U+2066) at character 4',
    );
    expect(await logPosition(h.store, h.reviewId)).toEqual(before);
  });

  it('keeps tabs and line breaks, which are text', async () => {
    const h = await reviewOnDisk();
    const result = await h.run(...KPE, '--title', 'Home\tvisit', '--json');
    expect(result.code, result.err).toBe(0);
    const prose = await h.run(
      'kpe',
      'add',
      '--title',
      'Second visit',
      '--from',
      '2023-03-15',
      '--what',
      'First line.\r\nSecond line.\nThird.',
    );
    expect(prose.code, prose.err).toBe(0);
  });
});
