/**
 * Section numbers: "1", "1.2" in the body, "Appendix A", "A.1" in the
 * appendices, none for a section the model leaves unnumbered (and its children).
 */
import type { OutlineEntry } from '../../model/lookups.ts';

/**
 * The number of each outline entry, by section id. Entries not `counted` get
 * no number and take none from the sequence: the whole outline is counted by
 * default, so a section keeps its number when others are left out.
 */
export function numberSections(
  outline: readonly OutlineEntry[],
  counted: (sectionId: string) => boolean = () => true,
): Map<string, string> {
  const result = new Map<string, string>();
  const numbers: number[] = [];
  let appendixIndex = 0;
  const appendixNumbers: number[] = [];
  const unnumbered = new Set<string>();
  for (const entry of outline) {
    const s = entry.section;
    let number: string;
    if (!counted(s.id)) {
      number = '';
    } else if (s.numbered === false || entry.ancestors.some((a) => unnumbered.has(a))) {
      unnumbered.add(s.id);
      number = '';
    } else if (entry.inAppendix) {
      if (entry.depth === 0) {
        appendixIndex += 1;
        appendixNumbers.length = 0;
      } else {
        appendixNumbers[entry.depth - 1] = (appendixNumbers[entry.depth - 1] ?? 0) + 1;
        appendixNumbers.length = entry.depth;
      }
      const letter = String.fromCharCode(64 + appendixIndex);
      number = entry.depth === 0 ? `Appendix ${letter}` : `${letter}.${appendixNumbers.join('.')}`;
    } else {
      numbers[entry.depth] = (numbers[entry.depth] ?? 0) + 1;
      numbers.length = entry.depth + 1;
      number = numbers.join('.');
    }
    result.set(s.id, number);
  }
  return result;
}
