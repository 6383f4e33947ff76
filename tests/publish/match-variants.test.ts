// The matcher: word boundaries, letter case, apostrophes, spacing and longest-first, on the
// invented register; and a report-sized text scanned in one pass.
import { describe, expect, it } from 'vitest';
import { compileVariants, deriveVariants, matchVariants } from '../../src/publish/index.ts';
import { loadRegister } from './register-fixture.ts';

const list = deriveVariants(loadRegister());
const found = (text: string) => matchVariants(text, list).map((m) => m.text);

describe('matchVariants', () => {
  it('matches on word boundaries only: "Jo" not in "Jordan", "Lee" not in "Leeds", "Kay" not in "kayak"', () => {
    expect(found('Jordan and Jo went to Leeds with Ms Lee by kayak; Kay stayed.')).toEqual([
      'Jo',
      'Lee',
      'Kay',
    ]);
    expect(found('Jolee, Leeanne, Jaylene and Reeces')).toEqual([]);
  });

  it('ignores letter case, except for capitalised-only words and initials', () => {
    expect(found('JAYLEN, jaylen and Jaylen')).toEqual(['JAYLEN', 'jaylen', 'Jaylen']);
    expect(found('we hope that Hope and HOPE')).toEqual(['Hope', 'HOPE']);
    expect(found('kc and KC and k.c.')).toEqual(['KC']);
  });

  it('prefers the longest match at a place, so a possessive full name is one match', () => {
    const [m] = matchVariants("Kayleigh Carrow's flat", list);
    expect(m?.text).toBe("Kayleigh Carrow's");
    expect(m?.variant.replacement).toBe("Mother's");
  });

  it('finds possessives with straight and curly apostrophes and picks the variant written as found', () => {
    const matches = matchVariants("Jaylen's cot, Jaylen’s cot, Jones' car, Jones’ car", list);
    expect(matches.map((m) => m.variant.replacement)).toEqual([
      "Child B's",
      'Child B’s',
      "Father's",
      'Father’s',
    ]);
  });

  it('matches initials written with dots, spaces or neither', () => {
    expect(found('K.C. said, then K. C. and K C and KC.')).toEqual(['K.C.', 'K. C.', 'K C', 'KC']);
  });

  it('matches across line breaks, non-breaking spaces and soft hyphens, and through accents', () => {
    expect(found('Kayleigh\n  Carrow')).toEqual(['Kayleigh\n  Carrow']);
    expect(found('Kayleigh\u00A0Carrow')).toEqual(['Kayleigh\u00A0Carrow']);
    expect(found('Jay\u00ADlen')).toEqual(['Jay\u00ADlen']);
    expect(found('Jaylén')).toEqual(['Jaylén']);
  });

  it('does not match digits inside a longer number', () => {
    expect(found('ref 105/08/2021 and 05/08/20215')).toEqual([]);
    expect(found('on 05/08/2021.')).toEqual(['05/08/2021']);
  });

  it('reports offsets that slice back to the found text', () => {
    const text = 'Seen: Reece Jones, then 27 Tanner Rd.';
    for (const m of matchVariants(text, list)) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('scans a report-sized text (about 120 pages) in one pass', () => {
    const matcher = compileVariants(list.variants);
    const paragraph =
      'The health visitor recorded that Kayleigh Carrow’s flat at 27 Tanner Rd was cold and that ' +
      'Jaylen had a cough; the practitioners discussed the plan at the strategy meeting and agreed ' +
      'to review it within four weeks, noting what was known at the time and what shaped it.\n';
    const text = paragraph.repeat(2000); // about 560,000 characters
    const started = performance.now();
    const matches = matcher.match(text);
    const elapsed = performance.now() - started;
    expect(matches).toHaveLength(6000);
    expect(elapsed).toBeLessThan(5000);
  });
});
