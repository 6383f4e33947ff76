/**
 * The model folder's public face: the schema of a methodology model, the
 * loader that reads and validates `models/*.yaml`, and lookups by id.
 */
export {
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
  type LevelledFactorHead,
  meetingType,
  type OutlineEntry,
  stageGates,
  typology,
  variant,
  walkOutline,
} from './lookups.ts';
export * from './methodology-model.ts';
