export { BACKWARD_SPEED_SHAPES, type BackwardSpeedOptions, backwardSpeed } from './backward-speed';
export { type ClassifierNetworkOptions, classifierNetwork } from './classifier-network';
export { BATCHNORM_OUT_DIR } from './defaults';
export { type ForwardStatisticsOptions, forwardStatistics } from './forward-statistics';
export {
  checkNormalizationBackward,
  type GradientChecksOptions,
  type NormalizationKernel,
  normalizationGradientChecks,
} from './gradient-checks';
export { type BatchnormData, loadBatchnormDigits } from './load-digits';
export {
  joinMeasurementGroups,
  type MeasurementGroup,
  type MeasurementGroups,
  type MeasurementStage,
  type Measurements,
  type MeasurementsConfig,
  runMeasurementGroup,
  runMeasurements,
} from './measurements';
export {
  BATCHNORM_EXPERIMENT_DEFAULTS,
  type BatchnormExperimentConfig,
  batchSizeJobs,
  deepMlpJobs,
  logSpacedScales,
  planBatchnormJobs,
  weightScaleJobs,
} from './plan';
export * from './record';
export { batchnormConclusions, TRAINS_THRESHOLD } from './report/conclusions';
export { batchnormReportKind } from './report/report-kind';
export {
  type BatchnormExperimentOptions,
  type BatchnormStage,
  estimateJobCost,
  type JobOutcome,
  type JobRunner,
  type MeasurementsRunner,
  runBatchnormExperiment,
  runJobsInProcess,
} from './run-batchnorm-experiment';
export { type ClassificationData, runJob, type TensorLike } from './run-job';
export { type BatchnormFindings, batchnormFindings, formatBatchnormFindings } from './summary';
