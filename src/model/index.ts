/**
 * The model folder's public face: the schema of a methodology model, the
 * loader that reads and validates `models/*.yaml`, and lookups by id.
 */
export {
  clearModelCache,
  defaultModelsDir,
  listModels,
  loadModel,
  loadModelFile,
  loadModelText,
  type ModelIssue,
} from './load-model.ts';
export {
  factorHeads,
  findCategory,
  findFactorHead,
  findingSection,
  gate,
  type LevelledFactorHead,
  meetingType,
  type OutlineEntry,
  outlineSection,
  stage,
  stageGates,
  typology,
  variant,
  walkOutline,
} from './lookups.ts';
export * from './methodology-model.ts';
