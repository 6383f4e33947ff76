/**
 * Which parts of the outline an edition prints. The chronology appendix and
 * the map are optional; the publication edition leaves the chronology out
 * unless it is asked for — published reports keep family detail to a minimum.
 */
import type { MethodologyModel } from '../model/methodology-model.ts';

export const OPTIONAL_PARTS = ['chronology', 'map'] as const;
export type OptionalPart = (typeof OPTIONAL_PARTS)[number];

export const DEFAULT_PARTS: Record<'confidential' | 'publication', readonly OptionalPart[]> = {
  confidential: ['chronology', 'map'],
  publication: ['map'],
};

/** Top-level outline section ids to print, or undefined for all of them. */
export function editionSections(
  model: MethodologyModel,
  parts: readonly OptionalPart[],
): string[] | undefined {
  const optional: readonly string[] = OPTIONAL_PARTS;
  const kept = model.report.outline.filter(
    (s) => !optional.includes(s.content) || (parts as readonly string[]).includes(s.content),
  );
  return kept.length === model.report.outline.length ? undefined : kept.map((s) => s.id);
}
