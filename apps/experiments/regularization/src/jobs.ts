import type { DatasetInfo } from '@lab/run-record';
import { COURSE_ITERATIONS, COURSE_LEARNING_RATE, COURSE_MODELS, COURSE_SEED, type RegularizationModelSpec } from './defaults';
import type { DropoutMasks } from './plan';

/**
 * What decides the experiment's models, besides the data: a module of plain values (no training
 * code), so that the CLI can hand the jobs to its threads before the rest of the experiment loads.
 */
export interface RegularizationPlanOptions {
  /** Describes the data; sizes are filled in from `data`. */
  readonly dataset: Omit<DatasetInfo, 'trainSize' | 'testSize' | 'features'>;
  /** Seeds each model's RandomState (initialization, fresh dropout masks). Default 3, the course's. */
  readonly seed?: number;
  readonly numIterations?: number;
  readonly learningRate?: number;
  /** Record the cost every k iterations. Default 1000, as the course. */
  readonly costEvery?: number;
  /** Default: `course` on the course's data (to reproduce it), `fresh` elsewhere. */
  readonly dropoutMasks?: DropoutMasks;
  readonly models?: readonly RegularizationModelSpec[];
  /** Cells per side of each decision-boundary grid. Default 60. */
  readonly gridSize?: number;
}

/**
 * One model's training and everything it depends on besides the data: the same job on the same
 * data gives the same model, bit for bit, whichever thread runs it (JSON-like, so it can cross to
 * a worker thread).
 */
export interface RegularizationModelJob {
  readonly spec: RegularizationModelSpec;
  /** Its place in the experiment (0 = first model). */
  readonly index: number;
  readonly seed: number;
  readonly numIterations: number;
  readonly learningRate: number;
  readonly costEvery: number;
  readonly dropoutMasks: DropoutMasks;
  readonly gridSize: number;
  /** The data is the course's file: the model's published numbers go beside its results. */
  readonly isCourseData: boolean;
}

/** The settings every model shares, every default resolved. */
export function sharedSettings(options: RegularizationPlanOptions): Omit<RegularizationModelJob, 'spec' | 'index'> {
  const isCourseData = options.dataset.isCourseData === true;
  return {
    seed: options.seed ?? COURSE_SEED,
    numIterations: options.numIterations ?? COURSE_ITERATIONS,
    learningRate: options.learningRate ?? COURSE_LEARNING_RATE,
    costEvery: options.costEvery ?? 1000,
    dropoutMasks: options.dropoutMasks ?? (isCourseData ? 'course' : 'fresh'),
    gridSize: options.gridSize ?? 60,
    isCourseData,
  };
}

/** The experiment's models as independent jobs, in the experiment's order, every default resolved. */
export function planRegularizationModels(options: RegularizationPlanOptions): RegularizationModelJob[] {
  const settings = sharedSettings(options);
  return (options.models ?? COURSE_MODELS).map((spec, index) => ({ spec, index, ...settings }));
}
