/**
 * Which outline sections a report prints when a reader asks for some of them
 * (`--sections`): each chosen section with everything inside it, and the
 * headings of the sections it sits in, so the numbering and the heading
 * levels still make sense. The title page and contents are always printed.
 */
import { ValidationError } from '../domain/errors.ts';
import { issue } from '../domain/issue.ts';
import { walkOutline } from '../model/lookups.ts';
import type { MethodologyModel } from '../model/methodology-model.ts';

export interface SectionSelection {
  /** Sections printed in full. */
  full: ReadonlySet<string>;
  /** Sections printed as a heading only: the parents of a chosen subsection. */
  headingOnly: ReadonlySet<string>;
}

/**
 * The sections to print for the ids asked for, or null for the whole report.
 * Ids may come in any order and more than once; the report keeps the outline's order.
 * @throws ValidationError naming every unknown id and listing the valid ones.
 * @example selectSections(model, ['findings', 'appendix-chronology'])
 */
export function selectSections(
  model: MethodologyModel,
  ids: readonly string[] | undefined,
): SectionSelection | null {
  if (ids === undefined) return null;
  const entries = walkOutline(model);
  const valid = entries.map((e) => e.section.id);
  const validList = `valid section ids: ${valid.join(', ')} (the title page and contents are always included)`;
  if (ids.length === 0) {
    throw new ValidationError([
      issue('no-report-sections', ['sections'], `name at least one report section; ${validList}`),
    ]);
  }
  const unknown = [...new Set(ids.filter((id) => !valid.includes(id)))];
  if (unknown.length > 0) {
    const issues = unknown.map((id) =>
      issue(
        'unknown-report-section',
        ['sections', ids.indexOf(id)],
        `"${id}" is not a section of the ${model.name} report outline; ${validList}`,
      ),
    );
    const names = unknown.map((id) => `"${id}"`).join(', ');
    throw new ValidationError(
      issues,
      `unknown report section${unknown.length > 1 ? 's' : ''} ${names}; ${validList}`,
    );
  }
  const chosen = new Set(ids);
  const full = new Set<string>();
  const headingOnly = new Set<string>();
  for (const entry of entries) {
    const id = entry.section.id;
    if (chosen.has(id) || entry.ancestors.some((a) => chosen.has(a))) {
      full.add(id);
      for (const a of entry.ancestors) if (!full.has(a)) headingOnly.add(a);
    }
  }
  return { full, headingOnly };
}
