/**
 * Small pure lookups into a loaded methodology model. Each returns undefined
 * when the id is not in the model: callers know the context and build the
 * user-facing Issue themselves (see `nearest` in domain/nearest.ts for a hint).
 */
import type {
  FactorHead,
  FindingSection,
  Gate,
  MeetingType,
  MethodologyModel,
  ReportSection,
  Stage,
  Typology,
  TypologyCategory,
  Variant,
} from './methodology-model.ts';

/** A factor head with the level it belongs to. */
export interface LevelledFactorHead extends FactorHead {
  levelId: string;
  levelName: string;
}

/** Every factor head in model order, flattened across levels. */
export function factorHeads(model: MethodologyModel): LevelledFactorHead[] {
  return model.factorFramework.levels.flatMap((level) =>
    level.heads.map((head) => ({ ...head, levelId: level.id, levelName: level.name })),
  );
}

export function findFactorHead(
  model: MethodologyModel,
  id: string,
): LevelledFactorHead | undefined {
  return factorHeads(model).find((head) => head.id === id);
}

/** A typology by id; without an id, the model's default typology. */
export function typology(
  model: MethodologyModel,
  id: string = model.defaultTypology,
): Typology | undefined {
  return model.typologies.find((t) => t.id === id);
}

export function findCategory(
  model: MethodologyModel,
  typologyId: string,
  categoryId: string,
): TypologyCategory | undefined {
  return typology(model, typologyId)?.categories.find((c) => c.id === categoryId);
}

/** A variant by id; without an id, the model's default variant. */
export function variant(
  model: MethodologyModel,
  id: string = model.defaultVariant,
): Variant | undefined {
  return model.variants.find((v) => v.id === id);
}

function stage(model: MethodologyModel, id: string): Stage | undefined {
  return model.stages.find((s) => s.id === id);
}

function gate(model: MethodologyModel, id: string): Gate | undefined {
  return model.gates.find((g) => g.id === id);
}

/**
 * The gates a stage must pass, resolved, in the stage's order; undefined for
 * an unknown stage. The schema guarantees every named gate is declared.
 */
export function stageGates(model: MethodologyModel, stageId: string): Gate[] | undefined {
  const found = stage(model, stageId);
  if (!found) return undefined;
  return found.gates.flatMap((id) => gate(model, id) ?? []);
}

export function meetingType(model: MethodologyModel, id: string): MeetingType | undefined {
  return model.meetingTypes.find((m) => m.id === id);
}

export function findingSection(model: MethodologyModel, id: string): FindingSection | undefined {
  return model.findingSections.find((f) => f.id === id);
}

/** One report section met while walking the outline. */
export interface OutlineEntry {
  section: ReportSection;
  /** 0 for a top-level section. */
  depth: number;
  /** Ids from the top-level section down to this one's parent. */
  ancestors: string[];
  /** True for an appendix or anything inside one (children inherit it). */
  inAppendix: boolean;
}

/** The report outline in document order (depth first, parents before children). */
export function walkOutline(model: MethodologyModel): OutlineEntry[] {
  const entries: OutlineEntry[] = [];
  const visit = (sections: ReportSection[], ancestors: string[], inAppendix: boolean) => {
    for (const section of sections) {
      const appendix = inAppendix || section.appendix;
      entries.push({ section, depth: ancestors.length, ancestors, inAppendix: appendix });
      visit(section.children, [...ancestors, section.id], appendix);
    }
  };
  visit(model.report.outline, [], false);
  return entries;
}
