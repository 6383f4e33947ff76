/**
 * The schema of a methodology model (`models/*.yaml`): the method as data.
 * Stages, variants, the conversation structure, the factor framework, finding
 * typologies and sections, the report outline and the statutory clocks all
 * live in the model; code refers to them only by id.
 */
import { z } from 'zod';

import { ModelId } from '../domain/primitives.ts';
import { REVIEW_KINDS } from '../domain/review.ts';
import { LanguageRules, NO_LANGUAGE_RULES } from './language-rules.ts';

export * from './language-rules.ts';
export { ModelId };

const Text = z.string().trim().min(1, 'a non-empty text');

/** A way out of a stage: to another stage, named by its outcome where there is a choice. */
export const StageExit = z.strictObject({
  to: ModelId,
  /** The decision this exit records, e.g. `lcspr`; needed when a stage has several exits. */
  outcome: ModelId.optional(),
  name: Text.optional(),
});
export type StageExit = z.infer<typeof StageExit>;

export const Stage = z.strictObject({
  id: ModelId,
  name: Text,
  description: Text,
  /** Ids of gates (from `gates`) that must hold before the review may leave this stage. */
  gates: z.array(ModelId).default([]),
  /** Where the review goes next; without it, to the stage listed after this one. */
  next: z.array(StageExit).optional(),
  /** A final stage ends the review: there is no way on, only a reopening. */
  final: z.boolean().default(false),
});
export type Stage = z.infer<typeof Stage>;

export const Gate = z.strictObject({
  id: ModelId,
  /** What must be true, in a reviewer's words. */
  description: Text,
  /** The named predicate that decides it (a registry in code owns the logic). */
  check: ModelId,
  /** Parameters for the predicate, e.g. `{ meetingType: joint-meeting-1 }`. */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
});
export type Gate = z.infer<typeof Gate>;

export const Variant = z.strictObject({
  id: ModelId,
  name: Text,
  description: Text,
  /** Typical elapsed time, as prose ("about six months"). */
  duration: Text.optional(),
  /** Expected total effort across the review team, in hours, where the model gives one. */
  expectedEffortHours: z.number().positive().optional(),
  requires: z
    .strictObject({
      /** Structured conversations: at least `min`, at most `max` (either may be absent). */
      conversations: z
        .strictObject({
          min: z.number().int().nonnegative().optional(),
          max: z.number().int().nonnegative().optional(),
        })
        .optional(),
      /** Meeting type id → how many of that type must be held. */
      meetings: z.record(ModelId, z.number().int().nonnegative()).default({}),
    })
    .default({ meetings: {} }),
});
export type Variant = z.infer<typeof Variant>;

export const MeetingType = z.strictObject({
  id: ModelId,
  name: Text,
  description: Text,
});
export type MeetingType = z.infer<typeof MeetingType>;

export const ConversationSection = z.strictObject({
  id: ModelId,
  title: Text,
  prompts: z.array(Text).default([]),
});
export type ConversationSection = z.infer<typeof ConversationSection>;

export const FactorHead = z.strictObject({
  id: ModelId,
  name: Text,
  /** The prompt used in a structured conversation, in the practitioner's terms. */
  prompt: Text.optional(),
  /** The aspects a reviewer looks for under this head. */
  aspects: z.array(Text).default([]),
  /** False where the source wording is not confirmed; the UI can say so. */
  confirmed: z.boolean().default(true),
});
export type FactorHead = z.infer<typeof FactorHead>;

export const FactorLevel = z.strictObject({
  id: ModelId,
  name: Text,
  description: Text.optional(),
  heads: z.array(FactorHead).min(1),
});
export type FactorLevel = z.infer<typeof FactorLevel>;

export const FactorFramework = z.strictObject({
  name: Text,
  source: Text.optional(),
  levels: z.array(FactorLevel).min(1),
});
export type FactorFramework = z.infer<typeof FactorFramework>;

export const TypologyCategory = z.strictObject({
  id: ModelId,
  name: Text,
  description: Text,
  confirmed: z.boolean().default(true),
});
export type TypologyCategory = z.infer<typeof TypologyCategory>;

export const Typology = z.strictObject({
  id: ModelId,
  name: Text,
  version: Text,
  source: Text.optional(),
  categories: z.array(TypologyCategory).min(1),
});
export type Typology = z.infer<typeof Typology>;

export const CrosswalkGroup = z.strictObject({
  id: ModelId,
  name: Text,
  /** Heads of this model's factor framework that fall in the group; a head may be in several. */
  heads: z.array(ModelId).min(1),
});
export type CrosswalkGroup = z.infer<typeof CrosswalkGroup>;

/**
 * A mapping of the framework's heads onto another vocabulary (SEIPS
 * components, London Protocol groups), so patterns can be regrouped and
 * reviews under different models compared. The id names the vocabulary:
 * models mapping to the same vocabulary use the same group ids, and a model
 * whose id is the vocabulary's id needs no cross-walk to it.
 */
export const Crosswalk = z.strictObject({
  id: ModelId,
  name: Text,
  source: Text.optional(),
  /** False where the mapping is tunnelview's judgement, not a published one. */
  confirmed: z.boolean().default(true),
  groups: z.array(CrosswalkGroup).min(1),
});
export type Crosswalk = z.infer<typeof Crosswalk>;

export const FindingSection = z.strictObject({
  id: ModelId,
  title: Text,
  /** What the reviewer should write here. */
  prompt: Text,
});
export type FindingSection = z.infer<typeof FindingSection>;

/**
 * What fills a report section. `text` is prose the reviewers write for this
 * section (falling back to the model's `defaultText`); the others are built
 * from review data by the report view model.
 */
export const ReportContent = z.enum([
  'text',
  'research-questions',
  'appraisal-summary',
  'kpe-table',
  'findings-summary',
  'findings',
  'membership',
  'chronology',
  // The map of the analysis: KPEs, contributory factors by head and findings (src/graph).
  'map',
  // The meetings run live with the case group: attendance, contributions and decisions, counted.
  'live-meetings',
]);
export type ReportContent = z.infer<typeof ReportContent>;

export interface ReportSection {
  id: string;
  heading: string;
  content: ReportContent;
  defaultText?: string | undefined;
  /** For a `text` section: what the reviewers should write there. */
  prompt?: string | undefined;
  /** False for a section printed without a number (an executive summary); default true. */
  numbered?: boolean | undefined;
  appendix: boolean;
  children: ReportSection[];
}

export const ReportSection: z.ZodType<ReportSection, unknown> = z.lazy(() =>
  z.strictObject({
    id: ModelId,
    heading: Text,
    content: ReportContent,
    defaultText: Text.optional(),
    prompt: Text.optional(),
    numbered: z.boolean().optional(),
    appendix: z.boolean().default(false),
    children: z.array(ReportSection).default([]),
  }),
);

export const KeyDate = z.strictObject({
  id: ModelId,
  name: Text,
  description: Text.optional(),
});
export type KeyDate = z.infer<typeof KeyDate>;

export const ClockRule = z.union([
  z.strictObject({ workingDays: z.number().int().positive() }),
  z.strictObject({ calendarMonths: z.number().int().positive() }),
]);
export type ClockRule = z.infer<typeof ClockRule>;

export const Clock = z.strictObject({
  id: ModelId,
  name: Text,
  description: Text,
  /** The key date the clock runs from (or, with `direction: before`, back from). */
  from: ModelId,
  /**
   * The key date whose recording meets the clock (e.g. `notification` meets the
   * notification clock). Without it a clock can show a deadline but never say
   * whether it was met, and code would have to hard-code the pairing.
   */
  metBy: ModelId.optional(),
  rule: ClockRule,
  direction: z.enum(['after', 'before']).default('after'),
  /** Review kinds the clock applies to; empty means all. */
  appliesTo: z.array(z.enum(REVIEW_KINDS)).default([]),
  /** Statutory, or an expectation only; `confirmed: false` where the rule is unconfirmed. */
  statutory: z.boolean().default(true),
  confirmed: z.boolean().default(true),
});
export type Clock = z.infer<typeof Clock>;

export const MethodologyModel = z
  .strictObject({
    id: ModelId,
    name: Text,
    version: Text,
    description: Text,
    sources: z.array(Text).default([]),
    stages: z.array(Stage).min(1),
    /** Where a new review starts: by review kind, else `default`. */
    start: z.strictObject({
      default: ModelId,
      byKind: z.partialRecord(z.enum(REVIEW_KINDS), ModelId).default({}),
    }),
    gates: z.array(Gate).default([]),
    variants: z.array(Variant).min(1),
    defaultVariant: ModelId,
    meetingTypes: z.array(MeetingType).default([]),
    conversation: z.strictObject({ sections: z.array(ConversationSection).min(1) }),
    factorFramework: FactorFramework,
    typologies: z.array(Typology).min(1),
    defaultTypology: ModelId,
    findingSections: z.array(FindingSection).min(1),
    report: z.strictObject({
      title: Text,
      outline: z.array(ReportSection).min(1),
    }),
    keyDates: z.array(KeyDate).default([]),
    clocks: z.array(Clock).default([]),
    /** Hindsight and blame phrasing the language check flags (see language-rules.ts). */
    language: LanguageRules.default(() => structuredClone(NO_LANGUAGE_RULES)),
    /** Cross-walks from the factor framework's heads to other vocabularies. */
    crosswalks: z.array(Crosswalk).default([]),
  })
  .superRefine((model, ctx) => {
    const unique = (items: { id: string }[], path: string) => {
      const seen = new Set<string>();
      items.forEach((item, index) => {
        if (seen.has(item.id)) {
          ctx.addIssue({
            code: 'custom',
            path: [path, index, 'id'],
            message: `duplicate id "${item.id}": each ${path} entry needs its own id`,
          });
        }
        seen.add(item.id);
      });
    };
    unique(model.stages, 'stages');
    unique(model.gates, 'gates');
    unique(model.variants, 'variants');
    unique(model.meetingTypes, 'meetingTypes');
    unique(model.typologies, 'typologies');
    unique(model.findingSections, 'findingSections');
    unique(model.keyDates, 'keyDates');
    unique(model.clocks, 'clocks');
    unique(model.crosswalks, 'crosswalks');

    // Lookups by id (see lookups.ts) assume ids are unique in these lists too.
    const uniqueAt = (items: { id: string }[], path: (string | number)[], what: string) => {
      const seen = new Set<string>();
      items.forEach((item, index) => {
        if (seen.has(item.id)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, index, 'id'],
            message: `duplicate id "${item.id}": each ${what} needs its own id`,
          });
        }
        seen.add(item.id);
      });
    };
    uniqueAt(model.conversation.sections, ['conversation', 'sections'], 'conversation section');
    uniqueAt(model.factorFramework.levels, ['factorFramework', 'levels'], 'factor level');
    model.typologies.forEach((typology, t) => {
      uniqueAt(
        typology.categories,
        ['typologies', t, 'categories'],
        `category of "${typology.id}"`,
      );
    });
    // Report section ids are unique across the whole outline tree, not just among siblings.
    const outlineIds = new Set<string>();
    const walkOutline = (sections: ReportSection[], path: (string | number)[]) => {
      sections.forEach((section, index) => {
        if (outlineIds.has(section.id)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, index, 'id'],
            message: `duplicate report section id "${section.id}": ids must be unique across the whole outline`,
          });
        }
        outlineIds.add(section.id);
        walkOutline(section.children, [...path, index, 'children']);
      });
    };
    walkOutline(model.report.outline, ['report', 'outline']);

    checkStageFlow(model, ctx);

    const gateIds = new Set(model.gates.map((g) => g.id));
    model.stages.forEach((stage, s) => {
      stage.gates.forEach((gate, g) => {
        if (!gateIds.has(gate)) {
          ctx.addIssue({
            code: 'custom',
            path: ['stages', s, 'gates', g],
            message: `stage "${stage.id}" names gate "${gate}", which is not declared under gates (declared: ${[...gateIds].join(', ') || 'none'})`,
          });
        }
      });
    });
    const headIds = new Set<string>();
    model.factorFramework.levels.forEach((level, l) => {
      level.heads.forEach((head, h) => {
        if (headIds.has(head.id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['factorFramework', 'levels', l, 'heads', h, 'id'],
            message: `duplicate factor head "${head.id}": head ids must be unique across levels`,
          });
        }
        headIds.add(head.id);
      });
    });
    model.crosswalks.forEach((crosswalk, c) => {
      uniqueAt(
        crosswalk.groups,
        ['crosswalks', c, 'groups'],
        `group of cross-walk "${crosswalk.id}"`,
      );
      crosswalk.groups.forEach((group, g) => {
        const seen = new Set<string>();
        group.heads.forEach((head, h) => {
          if (!headIds.has(head)) {
            ctx.addIssue({
              code: 'custom',
              path: ['crosswalks', c, 'groups', g, 'heads', h],
              message: `cross-walk "${crosswalk.id}" puts head "${head}" in group "${group.id}", but the factor framework has no such head (heads: ${[...headIds].join(', ')})`,
            });
          } else if (seen.has(head)) {
            ctx.addIssue({
              code: 'custom',
              path: ['crosswalks', c, 'groups', g, 'heads', h],
              message: `cross-walk "${crosswalk.id}" lists head "${head}" twice in group "${group.id}"`,
            });
          }
          seen.add(head);
        });
      });
    });
    if (!model.variants.some((v) => v.id === model.defaultVariant)) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultVariant'],
        message: `defaultVariant "${model.defaultVariant}" is not one of the variants (${model.variants.map((v) => v.id).join(', ')})`,
      });
    }
    if (!model.typologies.some((t) => t.id === model.defaultTypology)) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultTypology'],
        message: `defaultTypology "${model.defaultTypology}" is not one of the typologies (${model.typologies.map((t) => t.id).join(', ')})`,
      });
    }
    const meetingIds = new Set(model.meetingTypes.map((m) => m.id));
    model.variants.forEach((variant, v) => {
      for (const type of Object.keys(variant.requires.meetings)) {
        if (!meetingIds.has(type)) {
          ctx.addIssue({
            code: 'custom',
            path: ['variants', v, 'requires', 'meetings', type],
            message: `variant "${variant.id}" requires meeting type "${type}", which is not declared under meetingTypes`,
          });
        }
      }
    });
    const keyDateIds = new Set(model.keyDates.map((k) => k.id));
    model.clocks.forEach((clock, c) => {
      if (!keyDateIds.has(clock.from)) {
        ctx.addIssue({
          code: 'custom',
          path: ['clocks', c, 'from'],
          message: `clock "${clock.id}" runs from key date "${clock.from}", which is not declared under keyDates`,
        });
      }
      if (clock.metBy !== undefined && !keyDateIds.has(clock.metBy)) {
        ctx.addIssue({
          code: 'custom',
          path: ['clocks', c, 'metBy'],
          message: `clock "${clock.id}" is met by key date "${clock.metBy}", which is not declared under keyDates`,
        });
      }
    });
  });
export type MethodologyModel = z.infer<typeof MethodologyModel>;

/** The exits of a stage: its `next`, or else the stage listed after it. */
export function stageExits(stages: readonly Stage[], index: number): StageExit[] {
  const stage = stages[index] as Stage;
  if (stage.final) return [];
  if (stage.next) return stage.next;
  const following = stages[index + 1];
  return following ? [{ to: following.id }] : [];
}

/**
 * The stages must form a flow: every exit leads to a declared stage, a stage
 * with several exits names an outcome for each, every non-final stage has a
 * way on, and every stage can be reached from a start stage.
 */
function checkStageFlow(
  model: {
    stages: Stage[];
    start: { default: string; byKind: Partial<Record<string, string>> };
  },
  ctx: z.RefinementCtx,
): void {
  const ids = new Set(model.stages.map((s) => s.id));
  const starts = [
    { id: model.start.default, path: ['start', 'default'] },
    ...Object.entries(model.start.byKind).map(([kind, id]) => ({
      id: id as string,
      path: ['start', 'byKind', kind],
    })),
  ];
  for (const start of starts) {
    if (!ids.has(start.id)) {
      ctx.addIssue({
        code: 'custom',
        path: start.path,
        message: `the start stage "${start.id}" is not one of the stages (${[...ids].join(', ')})`,
      });
    }
  }
  model.stages.forEach((stage, s) => {
    const exits = stageExits(model.stages, s);
    if (!stage.final && exits.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['stages', s],
        message: `stage "${stage.id}" is a dead end: give it next, or mark it final: true`,
      });
    }
    exits.forEach((exit, e) => {
      if (!ids.has(exit.to)) {
        ctx.addIssue({
          code: 'custom',
          path: ['stages', s, 'next', e, 'to'],
          message: `stage "${stage.id}" leads to "${exit.to}", which is not one of the stages`,
        });
      }
      if (exits.length > 1 && !exit.outcome) {
        ctx.addIssue({
          code: 'custom',
          path: ['stages', s, 'next', e],
          message: `stage "${stage.id}" has several exits, so each needs an outcome naming the decision`,
        });
      }
    });
  });
  const reached = new Set<string>();
  const queue = starts.map((s) => s.id).filter((id) => ids.has(id));
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (reached.has(id)) continue;
    reached.add(id);
    const index = model.stages.findIndex((st) => st.id === id);
    if (index < 0) continue; // an exit to an undeclared stage, reported above
    for (const exit of stageExits(model.stages, index)) queue.push(exit.to);
  }
  model.stages.forEach((stage, s) => {
    if (!reached.has(stage.id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['stages', s, 'id'],
        message: `stage "${stage.id}" cannot be reached from any start stage; lead to it with next from another stage, or remove it`,
      });
    }
  });
}
