import { type Environment, RUN_RECORD_VERSION } from '@lab/run-record';
import { LabError } from '@lab/tensor';
import { type Measurements, type MeasurementsConfig, runMeasurements } from './measurements';
import { BATCHNORM_EXPERIMENT_DEFAULTS, type BatchnormExperimentConfig, planBatchnormJobs } from './plan';
import type { BatchnormJob, BatchnormRecord, BatchnormRun } from './record';
import { type ClassificationData, runJob } from './run-job';

/** One finished job and how long it took where it ran. */
export interface JobOutcome {
  readonly run: BatchnormRun;
  readonly seconds: number;
}

/**
 * Runs training jobs and returns their outcomes in the order of `jobs`, wherever it runs them
 * (in this thread, on a pool of workers). Since {@link runJob} is deterministic, every runner
 * gives the same runs.
 */
export type JobRunner = (jobs: readonly BatchnormJob[], data: ClassificationData) => Promise<readonly JobOutcome[]>;

/**
 * Runs parts 1–3 ({@link runMeasurements}) wherever it runs them (here, as a job on a pool beside
 * the trainings); it may have started them before it is called.
 */
export type MeasurementsRunner = (config: MeasurementsConfig) => Promise<Measurements>;

/** The experiment's stages, in the order they start. */
export type BatchnormStage = 'forward statistics' | 'gradient checks' | 'backward speed' | 'trainings';

/** Runs every job here, one after the other. */
export async function runJobsInProcess(
  jobs: readonly BatchnormJob[],
  data: ClassificationData,
  now: () => number = () => performance.now(),
): Promise<JobOutcome[]> {
  return jobs.map((job) => {
    const start = now();
    const run = runJob(job, data);
    return { run, seconds: (now() - start) / 1000 };
  });
}

/**
 * A rough relative cost of a job, for scheduling the longest first: multiply-adds per example
 * through the network (forward and backward for training, forward for the accuracy passes),
 * plus a fixed overhead per iteration and layer that dominates at small batch sizes.
 * @param inputSize - D, features per example
 */
export function estimateJobCost(job: BatchnormJob, inputSize: number): number {
  const widths = [inputSize, ...job.hiddenSizes, 10];
  let macs = 0;
  for (let l = 1; l < widths.length; l++) macs += (widths[l - 1] as number) * (widths[l] as number);
  const iterations = job.numEpochs * Math.ceil(job.trainSize / Math.min(job.batchSize, job.trainSize));
  const examples = job.numEpochs * (3 * job.trainSize + job.trainSize + job.validationSize);
  const PER_LAYER_ITERATION = 20_000;
  return examples * macs + iterations * widths.length * 3 * PER_LAYER_ITERATION;
}

/** What {@link runBatchnormExperiment} needs. */
export interface BatchnormExperimentOptions {
  /** The digits of parts 4–6: at least as many rows as the largest trainSize and validationSize. */
  readonly data: ClassificationData;
  /** Describes the data; sizes are filled in from `data`. */
  readonly dataset: { readonly name: string; readonly description: string; readonly seed: number };
  readonly environment: Environment;
  /** Default {@link BATCHNORM_EXPERIMENT_DEFAULTS}. */
  readonly config?: BatchnormExperimentConfig;
  /** Where the trainings run. Default: here, one after the other ({@link runJobsInProcess}). */
  readonly runJobs?: JobRunner;
  /**
   * Where parts 1–3 run. Default: here, before the trainings. Given, they run at the same time as
   * the trainings (`runJobs` is called at once).
   */
  readonly runMeasurements?: MeasurementsRunner;
  /** Worker threads `runJobs` uses, for the record. Default 1. */
  readonly workers?: number;
  /** Called as each stage starts. */
  readonly onStage?: (stage: BatchnormStage) => void;
  /** Clock in milliseconds. Default performance.now. */
  readonly now?: () => number;
}

/**
 * The batch-normalization experiment: forward statistics, gradient checks, backward speed (in
 * order, here or through `runMeasurements`), and every training of parts 4–6 through `runJobs`,
 * gathered into a run record. Everything but the timings and the speed measurements depends on
 * the config and the data alone.
 * @throws LabError when `runJobs` returns outcomes that do not match the jobs
 */
export async function runBatchnormExperiment(options: BatchnormExperimentOptions): Promise<BatchnormRecord> {
  const { data, dataset, environment } = options;
  const config = options.config ?? BATCHNORM_EXPERIMENT_DEFAULTS;
  const now = options.now ?? (() => performance.now());
  const started = now();
  const seed = config.seed;
  const jobs = planBatchnormJobs(config);
  const runJobs = options.runJobs ?? ((j, d) => runJobsInProcess(j, d, now));
  let measurements: Measurements;
  let outcomes: readonly JobOutcome[];
  let trainingSeconds: number;
  if (options.runMeasurements === undefined) {
    measurements = runMeasurements(config, now, options.onStage);
    options.onStage?.('trainings');
    const trainingStart = now();
    outcomes = await runJobs(jobs, data);
    trainingSeconds = (now() - trainingStart) / 1000;
  } else {
    for (const name of ['forward statistics', 'gradient checks', 'backward speed', 'trainings'] as const) options.onStage?.(name);
    const trainingStart = now();
    const training = runJobs(jobs, data).then((result) => ({ result, seconds: (now() - trainingStart) / 1000 }));
    const [measured, trained] = await Promise.all([options.runMeasurements(config), training]);
    measurements = measured;
    outcomes = trained.result;
    trainingSeconds = trained.seconds;
  }
  const parts = [...measurements.parts, { part: 'trainings', seconds: trainingSeconds }];
  if (outcomes.length !== jobs.length || outcomes.some((o, i) => o.run.job.id !== jobs[i]?.id)) {
    throw new LabError(
      `runBatchnormExperiment: the job runner returned ${outcomes.length} outcomes for ${jobs.length} jobs, or out of order`,
    );
  }
  const runsOf = (part: BatchnormJob['part']): BatchnormRun[] => outcomes.filter((o) => o.run.job.part === part).map((o) => o.run);

  return {
    schemaVersion: RUN_RECORD_VERSION,
    kind: 'batchnorm',
    createdAt: new Date().toISOString(),
    seed,
    dataset: {
      ...dataset,
      trainSize: data.trainX.shape[0] ?? 0,
      validationSize: data.valX.shape[0] ?? 0,
      features: data.trainX.shape[1] ?? 1,
      classes: data.numClasses,
    },
    forwardStatistics: measurements.forwardStatistics,
    gradientChecks: measurements.gradientChecks,
    backwardSpeed: measurements.backwardSpeed,
    deepMlp: { settings: config.deepMlp, runs: runsOf('deep-mlp') },
    weightScaleSweep: { settings: config.weightScaleSweep, runs: runsOf('weight-scale') },
    batchSize: { settings: config.batchSize, runs: runsOf('batch-size') },
    workers: options.workers ?? 1,
    environment,
    timings: {
      parts,
      runs: outcomes.map((o) => ({ id: o.run.job.id, seconds: o.seconds })),
      totalSeconds: (now() - started) / 1000,
    },
  };
}
