/** The table of contents: sections to two levels, and under the findings section each finding by its statement. */
import type { ContentsEntry, SectionView } from './report-view.ts';

/** `pages` gives each entry's page by its target, from a layout of the same report. */
export function buildContents(
  sections: readonly SectionView[],
  pages: Readonly<Record<string, number>>,
): ContentsEntry[] {
  const page = (target: string) => (pages[target] === undefined ? '' : String(pages[target]));
  const entries: ContentsEntry[] = [];
  for (const s of sections) {
    if (s.level > 3) continue;
    entries.push({
      target: s.headingId,
      number: s.number,
      text: s.heading,
      level: s.level === 2 ? 2 : 3,
      kind: 'section',
      page: page(s.headingId),
    });
    for (const f of s.findings ?? []) {
      entries.push({
        target: f.headingId,
        number: `Finding ${f.number}`,
        text: f.statement,
        level: 3,
        kind: 'finding',
        page: page(f.headingId),
      });
    }
  }
  return entries;
}
