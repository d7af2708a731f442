export { COURSE_COST_EVERY, COURSE_INIT_SEED, COURSE_ITERATIONS, COURSE_LEARNING_RATE, INITIALIZATION_OUT_DIR } from './defaults';
export { type CirclesData, COURSE_CIRCLES, loadCircles } from './load-data';
export { courseNetwork } from './network';
export { COURSE_INITIALIZATIONS, COURSE_LAYER_SIZES, type InitializationInit, type InitializationSpec, initializerOf } from './plan';
export { PUBLISHED_RESULTS } from './published';
export { type PublishedTally, tallyPublished } from './published-tally';
export {
  type CirclesCall,
  type InitializationModel,
  type InitializationPublished,
  type InitializationRecord,
  initializationModelSchema,
  initializationRecordSchema,
} from './record';
export { COMPARISON_TOLERANCE, type ComparisonCell, compareWithPublished } from './report/comparison';
export { type CourseDifferences, differencesFromCourse } from './report/course-settings';
export { initializationReportKind } from './report/report-kind';
export { CIRCLES_WINDOW, type InitializationExperimentOptions, runInitializationExperiment } from './run-initialization-experiment';
