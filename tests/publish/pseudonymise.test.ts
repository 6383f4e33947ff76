// Pseudonymisation: the publication text and its list of substitutions, on planted case notes
// and on small texts for each rule (titles, possessives, addresses, sentence starts).
import { describe, expect, it } from 'vitest';
import { deriveVariants, findLeaks, pseudonymiseText } from '../../src/publish/index.ts';
import { fixtureText, loadRegister } from './register-fixture.ts';

const list = deriveVariants(loadRegister());
const publish = (text: string) => pseudonymiseText(text, list).text;

describe('pseudonymiseText', () => {
  it('replaces people by their labels, keeping the possessive and its apostrophe', () => {
    expect(publish("Kayleigh Carrow's partner")).toBe("Mother's partner");
    expect(publish("Jaylen’s cot and Jaylen's cough")).toBe("Child B’s cot and Child B's cough");
    expect(publish("Jones' car")).toBe("Father's car");
  });

  it('maps participants’ names to their publication labels', () => {
    expect(publish('Priya Ramsden visited; Tomasz wrote to Priya.')).toBe(
      'Health Visitor 1 visited; Social Worker 1 wrote to Health Visitor 1.',
    );
  });

  it('takes a title with the name it introduces', () => {
    expect(publish('Mrs Kayleigh Carrow and Mr. Jones spoke to Dr Ramsden')).toBe(
      'Mother and Father spoke to Health Visitor 1',
    );
    expect(pseudonymiseText('Mr Jones', list, { keepTitles: true }).text).toBe('Mr Father');
  });

  it('removes dates of birth in any format, including ones not derived as variants', () => {
    expect(
      publish('born 05/08/2021, 5/8/21, 05.08.21, 5 August 2021, 2021-08-05 or 5th of Aug. 2021'),
    ).toBe(
      'born [date of birth removed], [date of birth removed], [date of birth removed], ' +
        '[date of birth removed], [date of birth removed] or [date of birth removed]',
    );
    expect(publish('seen on 05/08/2022')).toBe('seen on 05/08/2022');
  });

  it('removes registered phone numbers however they are spaced', () => {
    expect(publish('rang 07700 900123, 0770 090 0123 and +44 (0)1632 960 518')).toBe(
      'rang [phone number removed], [phone number removed] and [phone number removed]',
    );
  });

  it('generalises an address and joins its pieces into one replacement', () => {
    expect(publish('moved to 27 Tanner Rd, Holmbridge, QX7 2LN last May')).toBe(
      'moved to the family home last May',
    );
    expect(publish('a flat on Tanner Road')).toBe('a flat on [address removed]');
    expect(publish('then 12 Birchwood Gdns')).toBe("then Father's home");
    expect(publish('postcode qx7 2ln')).toBe('postcode [postcode removed]');
  });

  it('capitalises a lower-case replacement that opens a sentence', () => {
    expect(publish('Cold. 27 Tanner Road was damp.')).toBe('Cold. The family home was damp.');
  });

  it('lists each substitution with where it was, where it went and whom it concerns', () => {
    const input = 'Seen: Jaylen at 27 Tanner Rd.';
    const { text, substitutions } = pseudonymiseText(input, list);
    expect(substitutions).toEqual([
      expect.objectContaining({
        original: 'Jaylen',
        replacement: 'Child B',
        kind: 'name',
        personIds: ['P-1'],
      }),
      expect.objectContaining({
        original: '27 Tanner Rd',
        replacement: 'the family home',
        kind: 'address',
      }),
    ]);
    for (const s of substitutions) {
      expect(input.slice(s.start, s.end)).toBe(s.original);
      expect(text.slice(s.outputStart, s.outputEnd)).toBe(s.replacement);
    }
  });

  it('leaves a text with nothing registered unchanged', () => {
    const text = 'The strategy meeting agreed a plan; we hope it helped.';
    expect(pseudonymiseText(text, list)).toEqual({ text, substitutions: [] });
  });

  it('leaves no leak in the planted case notes', () => {
    const notes = fixtureText('case-notes.txt');
    const published = pseudonymiseText(notes, list);
    const before = findLeaks(notes, list, { source: 'case notes' });
    const after = findLeaks(published.text, list, {
      source: 'case notes (publication)',
      knownTerms: ['Leeds'],
    });
    expect(new Set(before.leaks.map((l) => l.kind))).toEqual(
      new Set(['name', 'alias', 'initials', 'dob', 'address', 'postcode', 'phone']),
    );
    expect(before.leaks.filter((l) => l.kind === 'dob')).toHaveLength(9);
    expect(after.leaks).toEqual([]);
    expect(after.warnings.map((w) => w.text)).toEqual(['Jordan']);
    expect(published.text).toMatchSnapshot();
  });

  it('handles a report-sized text quickly and leaves nothing behind', () => {
    const paragraph =
      'On 12/03/2023 the health visitor saw Kayleigh Carrow’s flat at 27 Tanner Rd, Holmbridge ' +
      'QX7 2LN, where Jaylen (05/08/2021) was unwell; K.C. asked that Mr Jones’ number, ' +
      '01632 960518, be used. The practitioners agreed a plan and recorded why it made sense.\n';
    const text = paragraph.repeat(1500); // about 120 pages of prose
    const started = performance.now();
    const published = pseudonymiseText(text, list);
    const report = findLeaks(published.text, list, { source: 'large' });
    const elapsed = performance.now() - started;
    expect(published.substitutions).toHaveLength(1500 * 7);
    expect(report.leaks).toEqual([]);
    expect(elapsed).toBeLessThan(10_000);
  });
});
