/** The printed sections, in outline order: each numbered, headed and filled by its content kind. */
import { walkOutline } from '../../model/lookups.ts';
import { NO_CONTENT } from './content/content-builder.ts';
import { numberSections } from './number-sections.ts';
import type { ReportContext } from './report-context.ts';
import type { SectionView } from './report-view.ts';
import { SECTION_CONTENT } from './section-content.ts';

export function buildSections(context: ReportContext): SectionView[] {
  const { selection, isPrinted } = context;
  const outline = walkOutline(context.model);
  const numbers = numberSections(outline, context.renumber ? isPrinted : undefined);
  return outline
    .filter((entry) => isPrinted(entry.section.id))
    .map((entry) => {
      const s = entry.section;
      const headingOnly = selection?.headingOnly.has(s.id) ?? false;
      return {
        id: s.id,
        anchor: `section-${s.id}`,
        headingId: `section-${s.id}-heading`,
        number: numbers.get(s.id) ?? '',
        heading: s.heading,
        headingOnly,
        level: Math.min(entry.depth + 2, 4),
        h2: entry.depth === 0,
        chapter: entry.depth === 0 && s.children.length > 0,
        appendix: entry.inAppendix,
        content: s.content,
        ...NO_CONTENT,
        // A parent printed only to place a chosen subsection: its heading, none of its content.
        ...(headingOnly ? {} : SECTION_CONTENT[s.content](context, s)),
      };
    });
}
