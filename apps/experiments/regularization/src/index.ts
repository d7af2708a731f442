export {
  BUILTIN_FOOTBALL_SEED,
  COURSE_ITERATIONS,
  COURSE_LEARNING_RATE,
  COURSE_SEED,
  REGULARIZATION_OUT_DIR,
} from './defaults';
export { planRegularizationModels, type RegularizationModelJob, type RegularizationPlanOptions } from './jobs';
export { loadRegularizationData, type RegularizationData } from './load-data';
export {
  COURSE_DROPOUT_SEED,
  COURSE_LAYER_SIZES,
  COURSE_MODELS,
  courseNetwork,
  type DropoutMasks,
  type RegularizationModelSpec,
} from './plan';
export { PUBLISHED_RESULTS } from './published';
export { type PublishedTally, tallyPublished } from './published-tally';
export {
  type PublishedResult,
  publishedResultSchema,
  type RegularizationModel,
  type RegularizationRecord,
  regularizationModelSchema,
  regularizationRecordSchema,
} from './record';
export { COMPARISON_TOLERANCE, type ComparisonCell, compareWithPublished, PUBLISHED_SETTINGS } from './report/comparison';
export { prerenderModelFigure } from './report/prerender-figure';
export { regularizationReportKind } from './report/report-kind';
export {
  type RegularizationExperimentOptions,
  recordedData,
  runRegularizationExperiment,
  runRegularizationExperimentWith,
  trainRegularizationModel,
} from './run-regularization-experiment';
