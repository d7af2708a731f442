import { readFileSync } from 'node:fs';
import { RUN_RECORD_VERSION } from '@lab/run-record';
import { ConfigError, RandomState } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import {
  BATCHNORM_EXPERIMENT_DEFAULTS,
  type BatchnormExperimentConfig,
  type BatchnormJob,
  type BatchnormRecord,
  backwardSpeed,
  batchnormRecordSchema,
  classifierNetwork,
  forwardStatistics,
  type JobOutcome,
  logSpacedScales,
  type Measurements,
  normalizationGradientChecks,
  planBatchnormJobs,
  runBatchnormExperiment,
  runJob,
  runJobsInProcess,
  runMeasurements,
} from '../src/index';
import { syntheticClasses } from './fixtures/synthetic-classes';
import { GRADIENT_CHECK, SAME_FORMULA } from './tolerances';

/** NumPy's values for part 1 at the notebook's sizes (test/fixtures/batchnorm_forward_statistics.py). */
const NUMPY = JSON.parse(readFileSync(new URL('./fixtures/batchnorm-forward-statistics.json', import.meta.url), 'utf8')) as Record<
  string,
  { means: number[]; stds: number[] }
>;

/** Batch norm output statistics are exact up to eps in the variance: std = γ·√(var/(var + eps)) ≈ γ·(1 − eps/(2·var)). */
const BN_STATISTICS = 1e-6;

function expectClose(actual: readonly number[], expected: readonly number[], relative: number, what: string): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i] ?? Number.NaN;
    expect(Math.abs(a - e), `${what}[${i}]: ${a} vs ${e}`).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(e)));
  });
}

describe('part 1: forwardStatistics', () => {
  it("reproduces NumPy's means and stds at the notebook's sizes, stage by stage", () => {
    const { stages } = forwardStatistics();
    expect(stages.map((s) => s.stage)).toEqual(['before', 'train', 'train-scaled', 'test']);
    for (const stage of stages) {
      const reference = NUMPY[stage.stage];
      if (reference === undefined) throw new Error(`no NumPy values for ${stage.stage}`);
      // Means after batch norm are ~1e-17: compared absolutely (scale 1), everything else relatively.
      expectClose(stage.means, reference.means, SAME_FORMULA, `${stage.stage} means`);
      expectClose(stage.stds, reference.stds, SAME_FORMULA, `${stage.stage} stds`);
    }
  });

  it('in training mode gives each feature the mean β and the std γ (to 1e-6 at the notebook sizes)', () => {
    for (const stage of forwardStatistics().stages.filter((s) => s.stage === 'train' || s.stage === 'train-scaled')) {
      expectClose(stage.means, stage.beta ?? [], BN_STATISTICS, `${stage.stage} means vs β`);
      expectClose(stage.stds, stage.gamma ?? [], BN_STATISTICS, `${stage.stage} stds vs γ`);
    }
  });

  it('at a reduced size too: means β, stds exactly γ·σ/√(σ² + eps) for the raw std σ', () => {
    const result = forwardStatistics({ seed: 5, n: 16, d1: 4, d2: 7, d3: 5, warmupBatches: 3 });
    const before = result.stages.find((s) => s.stage === 'before');
    expect(before?.gamma).toBeNull();
    const sigma = before?.stds ?? [];
    expect(sigma).toHaveLength(5);
    for (const stage of result.stages.filter((s) => s.stage === 'train' || s.stage === 'train-scaled')) {
      const gamma = stage.gamma ?? [];
      expectClose(stage.means, stage.beta ?? [], BN_STATISTICS, `${stage.stage} means vs β`);
      expectClose(
        stage.stds,
        gamma.map((g, j) => (g * (sigma[j] ?? 0)) / Math.sqrt((sigma[j] ?? 0) ** 2 + 1e-5)),
        SAME_FORMULA,
        `${stage.stage} stds`,
      );
    }
    const scaled = result.stages.find((s) => s.stage === 'train-scaled');
    expect(scaled?.gamma).toEqual([1, 2, 3, 4, 5]);
    expect(scaled?.beta).toEqual([11, 12, 13, 14, 15]);
    expect(result.stages.at(-1)).toMatchObject({ stage: 'test', gamma: [1, 1, 1, 1, 1], beta: [0, 0, 0, 0, 0] });
  });
});

describe('part 2: normalizationGradientChecks', () => {
  it('finds every backward within the gradient-check bound, and the two batch-norm backwards equal', () => {
    const result = normalizationGradientChecks({ seed: 1, n: 3, d: 4, agreementN: 10, agreementD: 20 });
    expect(result.checks.map((c) => c.kernel)).toEqual(['batchnormBackward', 'batchnormBackwardAlt', 'layernormBackward']);
    for (const check of result.checks) {
      for (const key of ['dx', 'dgamma', 'dbeta'] as const) expect(check[key], `${check.kernel} ${key}`).toBeLessThan(GRADIENT_CHECK);
    }
    expect(result.agreement).toMatchObject({ n: 10, d: 20 });
    expect(Math.max(result.agreement.dx, result.agreement.dgamma, result.agreement.dbeta)).toBeLessThan(SAME_FORMULA);
  });
});

describe('part 3: backwardSpeed', () => {
  it('times both backwards at each shape (a measurement: only its form is tested)', () => {
    const { timings } = backwardSpeed({
      shapes: [
        [6, 9],
        [4, 3],
      ],
      minRepeats: 2,
      minMillis: 0,
    });
    expect(timings.map((t) => [t.n, t.d])).toEqual([
      [6, 9],
      [4, 3],
    ]);
    for (const t of timings) {
      expect(t.repeats).toBeGreaterThanOrEqual(2);
      expect(t.stagedMs).toBeGreaterThanOrEqual(0);
      expect(t.altMs).toBeGreaterThanOrEqual(0);
      expect(Number.isFinite(t.speedup) && t.speedup > 0).toBe(true);
    }
  });

  it('stops on a frozen clock and rejects an empty shape list', () => {
    const { timings } = backwardSpeed({ shapes: [[3, 2]], now: () => 0 });
    expect(timings[0]?.speedup).toBe(1);
    expect(() => backwardSpeed({ shapes: [] })).toThrow(ConfigError);
  });
});

const DATA = syntheticClasses({ train: 40, validation: 20, features: 12, classes: 3 });

function job(overrides: Partial<BatchnormJob> = {}): BatchnormJob {
  return {
    id: 'test/job',
    part: 'weight-scale',
    normalization: 'batchnorm',
    hiddenSizes: [16, 16, 16],
    weightScale: 0.1,
    learningRate: 1e-2,
    batchSize: 10,
    numEpochs: 2,
    trainSize: 40,
    validationSize: 20,
    seed: 11,
    ...overrides,
  };
}

describe('parts 4–6: runJob', () => {
  it('is deterministic: the same job twice gives identical results', () => {
    expect(runJob(job(), DATA)).toEqual(runJob(job(), DATA));
    expect(runJob(job({ normalization: 'layernorm' }), DATA)).toEqual(runJob(job({ normalization: 'layernorm' }), DATA));
  });

  it('records a loss per iteration and the accuracies before training and after every epoch', () => {
    const run = runJob(job({ numEpochs: 3, batchSize: 8 }), DATA);
    expect(run.losses).toHaveLength(3 * 5);
    expect(run.epochs.map((e) => e.epoch)).toEqual([0, 1, 2, 3]);
    expect(run.diverged).toBeNull();
    expect(run.bestTrainAccuracy).toBe(Math.max(...run.epochs.slice(1).map((e) => e.trainAccuracy)));
    expect(run.bestValAccuracy).toBe(Math.max(...run.epochs.slice(1).map((e) => e.valAccuracy)));
    // The final training loss averages the last epoch: its 5 iterations.
    expect(run.finalTrainLoss).toBeCloseTo(run.losses.slice(-5).reduce((a, b) => a + b, 0) / 5, 12);
    // Three classes: the first loss is near log 3, and training lowers it.
    expect(run.losses[0]).toBeGreaterThan(0.5);
    expect(run.losses.at(-1)).toBeLessThan(run.losses[0] ?? 0);
  });

  it('depends on the seed, and a different seed gives a different run', () => {
    expect(runJob(job({ seed: 12 }), DATA).losses).not.toEqual(runJob(job(), DATA).losses);
  });

  it('starts networks with and without normalization from the same weights', () => {
    const build = (normalization: 'none' | 'batchnorm' | 'layernorm') =>
      classifierNetwork({
        inputSize: 12,
        hiddenSizes: [5, 4],
        numClasses: 3,
        normalization,
        weightScale: 0.3,
        rng: new RandomState(4),
      }).params();
    const weights = (params: ReturnType<typeof build>) => params.filter((p) => p.name.startsWith('W')).map((p) => Array.from(p.value.data));
    expect(weights(build('batchnorm'))).toEqual(weights(build('none')));
    expect(weights(build('layernorm'))).toEqual(weights(build('none')));
    expect(build('batchnorm').map((p) => p.name)).toEqual(['W1', 'b1', 'gamma1', 'beta1', 'W2', 'b2', 'gamma2', 'beta2', 'W3', 'b3']);
  });

  it('shows batch norm rescuing a tiny initialization that leaves the plain net at chance', () => {
    const tiny = { weightScale: 1e-4, numEpochs: 4, learningRate: 1e-2, hiddenSizes: [16, 16, 16, 16] };
    const plain = runJob(job({ ...tiny, normalization: 'none' }), DATA);
    const normalized = runJob(job({ ...tiny, normalization: 'batchnorm' }), DATA);
    // The plain net's scores are ~0: its loss stays at log 3 and it predicts one class.
    expect(plain.finalTrainLoss).toBeCloseTo(Math.log(3), 3);
    expect(plain.bestTrainAccuracy).toBeLessThan(0.5);
    expect(normalized.bestTrainAccuracy).toBeGreaterThan(0.9);
  });

  it('says what is wrong with a job that does not fit the data', () => {
    expect(() => runJob(job({ trainSize: 42 }), DATA)).toThrow(/trainX has 40 rows, the job needs 42/);
    expect(() => runJob(job({ trainSize: 31, batchSize: 10 }), DATA)).toThrow(/leave a last batch of 1, which batch norm cannot normalize/);
  });
});

describe('the plan', () => {
  it('spaces the scales evenly in log10 from min to max', () => {
    const scales = logSpacedScales(1e-4, 1, 20);
    expect(scales).toHaveLength(20);
    expect(scales[0]).toBeCloseTo(1e-4, 18);
    expect(scales[19]).toBe(1);
    for (let k = 1; k < 20; k++) expect(Math.log10((scales[k] ?? 0) / (scales[k - 1] ?? 1))).toBeCloseTo(4 / 19, 12);
    expect(() => logSpacedScales(0, 1, 3)).toThrow(ConfigError);
  });

  it('has the experiment’s jobs by default: 2 deep MLPs, 20 scales × 2, 3 batch sizes × 3 normalizations, ids unique', () => {
    const jobs = planBatchnormJobs(BATCHNORM_EXPERIMENT_DEFAULTS);
    const count = (part: string) => jobs.filter((j) => j.part === part).length;
    expect([count('deep-mlp'), count('weight-scale'), count('batch-size')]).toEqual([2, 40, 9]);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(jobs.length);
    expect(jobs.every((j) => j.seed === BATCHNORM_EXPERIMENT_DEFAULTS.seed)).toBe(true);
    expect(BATCHNORM_EXPERIMENT_DEFAULTS.deepMlp).toMatchObject({
      hiddenSizes: [100, 100, 100, 100, 100],
      learningRate: 1e-3,
      batchSize: 50,
      numEpochs: 10,
    });
    expect(BATCHNORM_EXPERIMENT_DEFAULTS.weightScaleSweep.hiddenSizes).toHaveLength(7);
  });
});

/** A reduced experiment: every part, few scales, one or two epochs, the synthetic data. */
export const TINY_CONFIG: BatchnormExperimentConfig = {
  seed: 3,
  forwardStatistics: { n: 12, d1: 4, d2: 5, d3: 3, warmupBatches: 2 },
  gradientChecks: { n: 3, d: 4, agreementN: 6, agreementD: 5 },
  backwardSpeed: { shapes: [[4, 6]], minRepeats: 1, minMillis: 0 },
  deepMlp: { hiddenSizes: [8, 8], weightScale: 0.1, learningRate: 1e-2, batchSize: 10, numEpochs: 1, trainSize: 40, validationSize: 20 },
  weightScaleSweep: {
    hiddenSizes: [8, 8],
    scales: logSpacedScales(1e-3, 1, 3),
    learningRate: 1e-2,
    batchSize: 10,
    numEpochs: 1,
    trainSize: 30,
    validationSize: 20,
  },
  batchSize: {
    hiddenSizes: [8],
    weightScale: 0.1,
    learningRate: 1e-2,
    batchSizes: [4, 20],
    normalizations: ['none', 'batchnorm', 'layernorm'],
    numEpochs: 1,
    trainSize: 40,
    validationSize: 20,
  },
};

function withoutTimes(record: BatchnormRecord) {
  const { createdAt: _c, timings: _t, backwardSpeed: _b, ...rest } = record;
  return rest;
}

describe('runBatchnormExperiment', () => {
  const environment = { node: 'v20', platform: 'linux', arch: 'x64', cpu: 'test', cores: 2, packages: {} };
  const dataset = { name: 'synthetic', description: 'three noisy prototypes', seed: 7 };

  it('gathers every part into a record that validates', async () => {
    const record = await runBatchnormExperiment({ data: DATA, dataset, environment, config: TINY_CONFIG });
    expect(batchnormRecordSchema.parse(JSON.parse(JSON.stringify(record)))).toEqual(record);
    expect(batchnormRecordSchema.parse(record).kind).toBe('batchnorm');
    expect(record.schemaVersion).toBe(RUN_RECORD_VERSION);
    expect(record.dataset).toMatchObject({ trainSize: 40, validationSize: 20, features: 12, classes: 3 });
    expect(record.deepMlp.runs.map((r) => r.job.normalization)).toEqual(['none', 'batchnorm']);
    expect(record.weightScaleSweep.runs).toHaveLength(6);
    expect(record.batchSize.runs.map((r) => r.job.id)).toEqual([
      'batch-size/none/4',
      'batch-size/none/20',
      'batch-size/batchnorm/4',
      'batch-size/batchnorm/20',
      'batch-size/layernorm/4',
      'batch-size/layernorm/20',
    ]);
    expect(record.timings.parts.map((p) => p.part)).toEqual(['forward statistics', 'gradient checks', 'backward speed', 'trainings']);
    expect(record.timings.runs).toHaveLength(14);
  });

  it('gives the same record whatever order a runner runs the jobs in', async () => {
    const reversed = async (jobs: readonly BatchnormJob[], data: typeof DATA): Promise<JobOutcome[]> => {
      const outcomes = await runJobsInProcess([...jobs].reverse(), data);
      return outcomes.reverse();
    };
    const a = await runBatchnormExperiment({ data: DATA, dataset, environment, config: TINY_CONFIG });
    const b = await runBatchnormExperiment({ data: DATA, dataset, environment, config: TINY_CONFIG, runJobs: reversed, workers: 3 });
    expect(b.workers).toBe(3);
    expect(withoutTimes(b)).toEqual({ ...withoutTimes(a), workers: 3 });
  });

  it('runs parts 1–3 through runMeasurements at the same time as the trainings, with the same record', async () => {
    const a = await runBatchnormExperiment({ data: DATA, dataset, environment, config: TINY_CONFIG });
    const order: string[] = [];
    let finishMeasurements: (m: Measurements) => void = () => undefined;
    const b = await runBatchnormExperiment({
      data: DATA,
      dataset,
      environment,
      config: TINY_CONFIG,
      onStage: (stage) => order.push(stage),
      // Parts 1–3 finish only after the trainings have started (and finished): they overlap.
      runMeasurements: () =>
        new Promise<Measurements>((resolve) => {
          finishMeasurements = resolve;
          order.push('measurements asked');
        }),
      runJobs: async (jobs, data) => {
        order.push('trainings ran');
        const outcomes = await runJobsInProcess(jobs, data);
        finishMeasurements(runMeasurements(TINY_CONFIG));
        return outcomes;
      },
    });
    expect(order).toEqual(['forward statistics', 'gradient checks', 'backward speed', 'trainings', 'trainings ran', 'measurements asked']);
    expect(withoutTimes(b)).toEqual(withoutTimes(a));
    expect(b.timings.parts.map((p) => p.part)).toEqual(['forward statistics', 'gradient checks', 'backward speed', 'trainings']);
  });

  it('rejects a runner that loses or reorders jobs', async () => {
    const lossy = async (jobs: readonly BatchnormJob[], data: typeof DATA) => runJobsInProcess(jobs.slice(1), data);
    await expect(runBatchnormExperiment({ data: DATA, dataset, environment, config: TINY_CONFIG, runJobs: lossy })).rejects.toThrow(
      /returned 13 outcomes for 14 jobs/,
    );
  });
});
