import { ConfigError } from '@lab/tensor';
import { spaced } from '@lab/trainer';
import type { BackwardSpeedOptions } from './backward-speed';
import type { ForwardStatisticsOptions } from './forward-statistics';
import type { GradientChecksOptions } from './gradient-checks';
import type { BatchnormJob, BatchSizeSettings, DeepMlpSettings, WeightScaleSweepSettings } from './record';

/** Everything that sizes `lab experiment batchnorm`; see {@link BATCHNORM_EXPERIMENT_DEFAULTS}. */
export interface BatchnormExperimentConfig {
  /** Seeds every part: the forward statistics, the checks, and each training job. */
  readonly seed: number;
  readonly forwardStatistics: ForwardStatisticsOptions;
  readonly gradientChecks: GradientChecksOptions;
  readonly backwardSpeed: BackwardSpeedOptions;
  readonly deepMlp: DeepMlpSettings;
  readonly weightScaleSweep: WeightScaleSweepSettings;
  readonly batchSize: BatchSizeSettings;
}

/**
 * `count` scales spaced evenly in log10 from `min` to `max` inclusive, like `np.logspace(log10(min), log10(max), count)`.
 * @throws ConfigError when min or max is not > 0, or count is not a positive integer
 */
export function logSpacedScales(min: number, max: number, count: number): number[] {
  if (!(min > 0) || !(max > 0) || !Number.isFinite(min) || !Number.isFinite(max)) {
    throw new ConfigError(`logSpacedScales: min and max must be finite and > 0, got ${min} and ${max}`);
  }
  if (!Number.isInteger(count) || count < 1) throw new ConfigError(`logSpacedScales: count must be an integer >= 1, got ${count}`);
  return spaced(min, max, count, true);
}

const FIVE_HUNDREDS = [100, 100, 100, 100, 100];
const SEVEN_FIFTIES = [50, 50, 50, 50, 50, 50, 50];

/**
 * The defaults of `lab experiment batchnorm`. Parts 1–4 use CS231n's sizes (part 3 adds
 * (500, 1000) to the course's (100, 500)). Parts 5 and 6 are cut down so that the whole
 * experiment fits in 3 minutes on two shared cores (measured: about 2 minutes under load):
 * - part 4, deep MLP: five hidden layers of 100, weight scale 2e-2, Adam 1e-3, batches of 50,
 *   10 epochs on 1000 training digits, validated on 1000 others;
 * - part 5, weight-scale sweep (40 trainings, most of the experiment's work): 20 scales from
 *   1e-4 to 1, seven hidden layers of 50 (an 8-layer net), Adam 1e-3, batches of 50, 10 epochs
 *   like CS231n, but on 400 training digits validated on 400 (CS231n: 1000 and 1000);
 * - part 6, batch sizes 5, 10, 50 × no normalization, batch norm, layer norm (9 trainings): the
 *   part-4 net with CS231n's learning rate for this part, 10^-3.5, 6 epochs (CS231n: 10) on 500
 *   training digits validated on 500.
 */
export const BATCHNORM_EXPERIMENT_DEFAULTS: BatchnormExperimentConfig = {
  seed: 231,
  forwardStatistics: { n: 200, d1: 50, d2: 60, d3: 3, warmupBatches: 50 },
  gradientChecks: { n: 4, d: 5, agreementN: 100, agreementD: 500 },
  backwardSpeed: {
    shapes: [
      [100, 500],
      [500, 1000],
    ],
  },
  deepMlp: {
    hiddenSizes: FIVE_HUNDREDS,
    weightScale: 2e-2,
    learningRate: 1e-3,
    batchSize: 50,
    numEpochs: 10,
    trainSize: 1000,
    validationSize: 1000,
  },
  weightScaleSweep: {
    hiddenSizes: SEVEN_FIFTIES,
    scales: logSpacedScales(1e-4, 1, 20),
    learningRate: 1e-3,
    batchSize: 50,
    numEpochs: 10,
    trainSize: 400,
    validationSize: 400,
  },
  batchSize: {
    hiddenSizes: FIVE_HUNDREDS,
    weightScale: 2e-2,
    learningRate: 10 ** -3.5,
    batchSizes: [5, 10, 50],
    normalizations: ['none', 'batchnorm', 'layernorm'],
    numEpochs: 6,
    trainSize: 500,
    validationSize: 500,
  },
};

function pad(index: number, total: number): string {
  return String(index).padStart(String(Math.max(0, total - 1)).length, '0');
}

/** Part 4's jobs: the deep MLP without and with batch norm. */
export function deepMlpJobs(settings: DeepMlpSettings, seed: number): BatchnormJob[] {
  return (['none', 'batchnorm'] as const).map((normalization) => ({
    id: `deep-mlp/${normalization}`,
    part: 'deep-mlp',
    normalization,
    hiddenSizes: [...settings.hiddenSizes],
    weightScale: settings.weightScale,
    learningRate: settings.learningRate,
    batchSize: settings.batchSize,
    numEpochs: settings.numEpochs,
    trainSize: settings.trainSize,
    validationSize: settings.validationSize,
    seed,
  }));
}

/** Part 5's jobs: every scale without and with batch norm (scale-major, so each pair is adjacent). */
export function weightScaleJobs(settings: WeightScaleSweepSettings, seed: number): BatchnormJob[] {
  return settings.scales.flatMap((weightScale, k) =>
    (['none', 'batchnorm'] as const).map((normalization) => ({
      id: `weight-scale/${normalization}/${pad(k, settings.scales.length)}`,
      part: 'weight-scale' as const,
      normalization,
      hiddenSizes: [...settings.hiddenSizes],
      weightScale,
      learningRate: settings.learningRate,
      batchSize: settings.batchSize,
      numEpochs: settings.numEpochs,
      trainSize: settings.trainSize,
      validationSize: settings.validationSize,
      seed,
    })),
  );
}

/** Part 6's jobs: every normalization at every batch size. */
export function batchSizeJobs(settings: BatchSizeSettings, seed: number): BatchnormJob[] {
  return settings.normalizations.flatMap((normalization) =>
    settings.batchSizes.map((batchSize) => ({
      id: `batch-size/${normalization}/${batchSize}`,
      part: 'batch-size' as const,
      normalization,
      hiddenSizes: [...settings.hiddenSizes],
      weightScale: settings.weightScale,
      learningRate: settings.learningRate,
      batchSize,
      numEpochs: settings.numEpochs,
      trainSize: settings.trainSize,
      validationSize: settings.validationSize,
      seed,
    })),
  );
}

/**
 * Every training job of the experiment (parts 4, 5, 6), each seeded with `config.seed`, so
 * the runs compared within a part start from the same weights and see the same batches.
 * @throws ConfigError when two jobs would share an id (e.g. a batch size listed twice)
 */
export function planBatchnormJobs(config: BatchnormExperimentConfig): BatchnormJob[] {
  const jobs = [
    ...deepMlpJobs(config.deepMlp, config.seed),
    ...weightScaleJobs(config.weightScaleSweep, config.seed),
    ...batchSizeJobs(config.batchSize, config.seed),
  ];
  const ids = new Set<string>();
  for (const job of jobs) {
    if (ids.has(job.id)) throw new ConfigError(`planBatchnormJobs: two jobs are both named ${job.id}`);
    ids.add(job.id);
  }
  return jobs;
}
