/** Use-cases for contributory factors and the links that say they helped explain a KPE. */
import { z } from 'zod';
import { byId } from '../domain/display-order.ts';
import { FactorChanges, FactorInput } from '../domain/factor.ts';
import { stableIdInput } from '../domain/primitives.ts';
import { parseOrThrow } from '../domain/zod-issues.ts';
import { factorHeads, findFactorHead } from '../model/lookups.ts';
import { editPlain, type RemoveOptions, removeDetaching } from './record-changes.ts';
import { citeAll } from './references/cite-evidence.ts';
import { requireRecord } from './references/require-record.ts';
import { resolveEvidenceRefs } from './references/resolve-chronology-ref.ts';
import type { CommandResult, Workspace } from './workspace.ts';

export function addFactor(
  ws: Workspace,
  reviewId: string,
  input: unknown,
  id?: string,
): Promise<CommandResult> {
  const parsed = parseOrThrow(FactorInput, input);
  return ws.run(reviewId, (_s, _m, allocate) => [
    { type: 'factor.added', payload: { ...parsed, id: allocate('factor', id) } },
  ]);
}

export function editFactor(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  changes: unknown,
): Promise<CommandResult> {
  return editPlain(
    ws,
    reviewId,
    { type: 'factor.edited', kind: 'factor', changes: FactorChanges },
    id,
    changes,
  );
}

/**
 * Removes a factor, for a reason kept in the log; its id is never used again.
 * Refused while KPEs or findings are linked to it, unless forced (which
 * unlinks them in the same change).
 */
export function removeFactor(
  ws: Workspace,
  reviewId: string,
  id: unknown,
  reason: unknown,
  options: RemoveOptions = {},
): Promise<CommandResult> {
  return removeDetaching(
    ws,
    reviewId,
    { type: 'factor.removed', kind: 'factor' },
    id,
    reason,
    options,
  );
}

/**
 * Links a factor to the KPE it helps explain, with the evidence for saying
 * so: excerpts (EX-4) and chronology entries by id (CH-7), FILE#RECORD
 * (gp-practice.csv#12) or AGENCY#RECORD (AG-2#12).
 */
export function linkFactor(
  ws: Workspace,
  reviewId: string,
  input: unknown,
): Promise<CommandResult> {
  const parsed = parseOrThrow(
    z.strictObject({
      kpeId: stableIdInput('kpe'),
      factorId: stableIdInput('factor'),
      evidence: z.array(z.string().trim().min(1, 'empty; give an id or a citation')).default([]),
    }),
    input,
  );
  return ws.run(reviewId, (state) => [
    {
      type: 'factor.linked',
      payload: { ...parsed, evidence: resolveEvidenceRefs(state, parsed.evidence, ['evidence']) },
    },
  ]);
}

export function unlinkFactor(
  ws: Workspace,
  reviewId: string,
  input: unknown,
): Promise<CommandResult> {
  const payload = parseOrThrow(
    z.strictObject({ kpeId: stableIdInput('kpe'), factorId: stableIdInput('factor') }),
    input,
  );
  return ws.run(reviewId, () => [{ type: 'factor.unlinked', payload }]);
}

/** Factors by id, each with its head's name and level and the KPEs it is linked to. */
export async function listFactors(ws: Workspace, reviewId: string) {
  const state = await ws.load(reviewId);
  const heads = new Map(factorHeads(ws.modelOf(state)).map((h) => [h.id, h]));
  return byId(state.factors).map((f) => ({
    ...f,
    headName: heads.get(f.head)?.name ?? f.head,
    levelName: heads.get(f.head)?.levelName ?? '',
    kpeIds: Object.values(state.links)
      .filter((l) => l.factorId === f.id)
      .map((l) => l.kpeId),
  }));
}

/**
 * One factor with its structured fields: head, text, scope and the framework
 * level the head belongs to in the model; the KPEs it helps explain (with the
 * evidence) and the findings it supports.
 */
export async function showFactor(ws: Workspace, reviewId: string, id: string) {
  const state = await ws.load(reviewId);
  const factor = requireRecord(state, state.factors, id);
  const head = findFactorHead(ws.modelOf(state), factor.head);
  return {
    ...factor,
    headName: head?.name ?? factor.head,
    level: head?.levelId ?? '',
    levelName: head?.levelName ?? '',
    links: Object.values(state.links).filter((l) => l.factorId === factor.id),
    findingIds: byId(state.findings)
      .filter((f) => f.factorIds.includes(factor.id))
      .map((f) => f.id),
  };
}

/**
 * The review's factors grouped as its model's framework is: each level, each head in model
 * order with the factors under it (empty heads included, so a page can offer every head), and
 * any factor whose head the model no longer has, kept apart rather than lost.
 */
export async function factorsByHead(ws: Workspace, reviewId: string) {
  const state = await ws.load(reviewId);
  const model = ws.modelOf(state);
  const factors = byId(state.factors).map((f) => ({
    ...f,
    kpeIds: Object.values(state.links)
      .filter((l) => l.factorId === f.id)
      .map((l) => l.kpeId),
    findingIds: byId(state.findings)
      .filter((finding) => finding.factorIds.includes(f.id))
      .map((finding) => finding.id),
  }));
  const known = new Set(factorHeads(model).map((h) => h.id));
  return {
    framework: model.factorFramework.name,
    levels: model.factorFramework.levels.map((level) => ({
      id: level.id,
      name: level.name,
      heads: level.heads.map((head) => ({
        id: head.id,
        name: head.name,
        aspects: head.aspects,
        factors: factors.filter((f) => f.head === head.id),
      })),
    })),
    outsideModel: factors.filter((f) => !known.has(f.head)),
  };
}

/** The heads a factor may be filed under in this review's model, in model order, with their level. */
export async function factorHeadChoices(ws: Workspace, reviewId: string) {
  const state = await ws.load(reviewId);
  return factorHeads(ws.modelOf(state)).map((h) => ({
    id: h.id,
    name: h.name,
    levelName: h.levelName,
  }));
}

/**
 * One factor as its page shows it: showFactor's fields, each KPE link with the KPE's title and
 * its evidence cited (agency, file and record), and each finding with its statement.
 */
export async function factorDetail(ws: Workspace, reviewId: string, id: string) {
  const shown = await showFactor(ws, reviewId, id);
  const state = await ws.load(reviewId);
  return {
    ...shown,
    links: shown.links.map((l) => ({
      kpeId: l.kpeId,
      kpeTitle: state.kpes[l.kpeId]?.title ?? null,
      evidence: citeAll(state, l.evidence),
    })),
    findings: shown.findingIds.map((fid) => ({
      id: fid,
      statement: state.findings[fid]?.statement ?? '',
    })),
  };
}

/** The KPEs a factor may be linked to, by id, with their titles. */
export async function kpeChoices(ws: Workspace, reviewId: string) {
  const state = await ws.load(reviewId);
  return byId(state.kpes).map((k) => ({ id: k.id, title: k.title }));
}
