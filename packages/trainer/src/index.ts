export { isCourseShaped } from '@lab/datasets';
export * from '@lab/run-record';
export { type CompileOptions, compile, type LossName } from './compile/compile';
export { CompiledModel } from './compile/compiled-model';
export {
  type BuildOptions,
  buildNetwork,
  buildNetworkModel,
  COURSE_MASK_SEED,
  type ConfiguredNetwork,
  type ModelBuffer,
  type NetworkModel,
} from './config/build-model';
export { type DataFileField, mapDataFiles } from './config/data-files';
export { formatPath } from './config/format-path';
export { convertLegacyConfig, isLegacyRunConfig, legacyRunConfigSchema } from './config/legacy-config';
export { type LoadRunDataOptions, loadRunData, type RunData } from './config/load-run-data';
export { countParameters, modelIssue } from './config/model-checks';
export {
  type DataSpec,
  MAX_CLASSES,
  MAX_ITERATIONS,
  MAX_LAYER_ENTRIES,
  MAX_LAYER_UNITS,
  MAX_LAYERS,
  MAX_PARAMETERS,
  type ParseRunConfigOptions,
  parseRunConfig,
  type RunConfig,
  type RunConfigInput,
  runConfigSchema,
} from './config/run-config';
export { type RunFromConfigOptions, type RungMetrics, runFromConfig, trainFromData } from './config/run-from-config';
export { MNIST_IMAGES } from './config/schema/data-schema';
export type { InitSpec, LayerSpec, LossKind, ModelSpec } from './config/schema/model-schema';
export type { OptimizerConfig } from './config/schema/optimizer-schema';
export type { ScheduleConfig } from './config/schema/schedule-schema';
export { EPOCH_METRICS, type EpochMetric, type TrainingConfig } from './config/schema/training-schema';
export { MAX_TEST_CURVE_POINTS, type TestPoint, testCurveEvery } from './config/test-curve';
export { type PlaneBounds, predictGrid } from './decision-grid';
export { assertFiniteCost, assertFiniteGradients, DivergenceError } from './divergence';
export { EarlyStopping, type EarlyStoppingOptions, type EarlyStoppingState } from './early-stopping';
export { binaryAccuracy, multiclassAccuracy } from './metrics';
export {
  Adam,
  type AdamOptions,
  createOptimizer,
  type DecayFilter,
  defaultDecayFilter,
  GradientDescent,
  type GradientDescentOptions,
  Momentum,
  type MomentumOptions,
  type Optimizer,
  type OptimizerHyperparameters,
  type OptimizerKind,
  type OptimizerSpec,
  type OptimizerState,
  type ParamMoments,
  RMSProp,
  type RMSPropOptions,
  type WeightDecayOptions,
} from './optimizers';
export {
  type Checkpoint,
  captureCheckpoint,
  type JsonValue,
  type ParamData,
  type RunProgress,
  type RunState,
  restoreCheckpoint,
  restoreParams,
  snapshotParams,
} from './resume';
export {
  ConstantSchedule,
  type ConstantScheduleOptions,
  type CreateScheduleOptions,
  createSchedule,
  EXPRESSION_LIMITS,
  ExponentialDecay,
  type ExponentialDecayOptions,
  type ExpressionParser,
  ExpressionSchedule,
  type ExpressionScheduleOptions,
  InverseTimeDecay,
  type InverseTimeDecayOptions,
  loadExpressionParser,
  loadSchedule,
  type Schedule,
  type ScheduleRun,
  type ScheduleSpec,
  StepDecay,
  type StepDecayOptions,
} from './schedules';
export { canonicalJson } from './sweep/canonical-json';
export { rungScheduleOf, scoreOf, shouldStop } from './sweep/early-termination';
export {
  formatJournalEvent,
  JOURNAL_VERSION,
  type JournalEvent,
  type ParsedJournal,
  parseJournal,
  type ReplaySummary,
  replayJournal,
  resultEvent,
  sweepEvent,
  trialEvent,
} from './sweep/journal';
export { EVERY_ITEM, formatParamPath, getByPath, type ParamPath, type PathSegment, parseParamPath, setByPath } from './sweep/param-path';
export {
  type JournalSink,
  type RunSweepOptions,
  runSweep,
  type SweepProgress,
  type TrialExecutor,
  type TrialHooks,
} from './sweep/run-sweep';
export { drawValue, gridPoint, pointSeed, randomPoint } from './sweep/sampling';
export {
  bestPoint,
  type MetricSpread,
  type PointSummary,
  pointRunConfig,
  spreadOf,
  summarizePoints,
  variedParameters,
} from './sweep/summary';
export {
  applyParameters,
  type EarlyTermination,
  MAX_GRID_VALUES,
  MAX_SWEEP_TRIALS,
  type ParameterDomain,
  type ParseSweepConfigOptions,
  parseSweepConfig,
  type RunConfigValidator,
  type SweepConfig,
  type SweepConfigInput,
  type SweepParameter,
  spaced,
  sweepConfigSchema,
} from './sweep/sweep-config';
export { type AskResult, type RungDecision, SweepStudy } from './sweep/sweep-study';
export { type TpeObservation, type TpeSettings, tpePoint } from './sweep/tpe';
export { type RungReport, type RungSchedule, rungSteps, type TrialOutcome, type TrialResult, type TrialSpec } from './sweep/trial';
export {
  type CostPoint,
  type EpochEnd,
  type EpochEvent,
  type ProgressEvent,
  type TrainOptions,
  type TrainResult,
  train,
} from './train-loop';
export type { TrainingModel } from './training-model';
