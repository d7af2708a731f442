export {
  COURSE_BATCH_SIZE,
  COURSE_COST_EVERY_EPOCHS,
  COURSE_EPOCH_SEED_BASE,
  COURSE_EPOCHS,
  COURSE_INIT_SEED,
  COURSE_LEARNING_RATE,
  OPTIMIZATION_OUT_DIR,
} from './defaults';
export { COURSE_MOONS, loadMoons, type MoonsData } from './load-data';
export { courseNetwork } from './network';
export {
  COURSE_INIT_EXPRESSION,
  COURSE_LAYER_SIZES,
  COURSE_OPTIMIZERS,
  type OptimizationSpec,
  type OptimizerSettings,
  optimizerOf,
} from './plan';
export { PUBLISHED_RESULTS } from './published';
export { type PublishedTally, tallyPublished } from './published-tally';
export {
  type MoonsCall,
  type OptimizationModel,
  type OptimizationPublished,
  type OptimizationRecord,
  optimizationModelSchema,
  optimizationRecordSchema,
} from './record';
export { COMPARISON_RULE, type ComparisonCell, compareWithPublished, printedCost } from './report/comparison';
export { type CourseDifferences, differencesFromCourse } from './report/course-settings';
export { optimizationReportKind } from './report/report-kind';
export { MOONS_WINDOW, type OptimizationExperimentOptions, runOptimizationExperiment } from './run-optimization-experiment';
