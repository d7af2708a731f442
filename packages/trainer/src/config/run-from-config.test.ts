import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TrainRecord, trainRecordSchema } from '@lab/run-record';
import { ConfigError } from '@lab/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCheckpoint, saveCheckpoint } from '../node/checkpoint';
import type { ProgressEvent } from '../train-loop';
import { loadRunData } from './load-run-data';
import { parseRunConfig, type RunConfig } from './run-config';
import { runFromConfig, trainFromData } from './run-from-config';

const config = parseRunConfig({
  name: 'moons, Adam',
  data: { kind: 'moons', n: 120 },
  model: {
    layers: [{ kind: 'linear', units: 8 }, { kind: 'relu' }, { kind: 'linear', units: 1 }, { kind: 'sigmoid' }],
    loss: 'binary-cross-entropy',
  },
  optimizer: { kind: 'adam', learningRate: 0.01 },
  training: { iterations: 300, costEvery: 100 },
  seed: 5,
});
const environment = { node: 'v20', platform: 'linux', arch: 'x64', cpu: 'test', cores: 1, packages: {} };

/** A record without the fields that depend on the clock. */
function timeless(record: TrainRecord): unknown {
  const { createdAt: _created, totalSeconds: _total, models, ...rest } = record;
  return { ...rest, models: models.map(({ seconds: _seconds, ...model }) => model) };
}

/** `base` with some fields of `training` replaced, parsed again. */
function withTraining(base: RunConfig, training: Record<string, unknown>): RunConfig {
  const { iterations: _i, epochs: _e, ...rest } = base.training;
  return parseRunConfig({ ...base, training: { ...rest, ...training } });
}

describe('runFromConfig', () => {
  it('is loadRunData then trainFromData: the same record, bit for bit, apart from the timings', async () => {
    const whole = await runFromConfig(config, { environment });
    const data = await loadRunData(config);
    const inTwoSteps = trainFromData(config, data, { environment });
    expect(timeless(inTwoSteps)).toEqual(timeless(whole));
    // Iterations 0, 100, 200, and the final cost at 300.
    expect(inTwoSteps.models[0].costs).toHaveLength(4);
    expect(inTwoSteps.models[0].seconds).toBeGreaterThan(0);
  });

  it('writes the resolved config into the record, and the record reruns the run bit for bit', async () => {
    const record: TrainRecord = JSON.parse(JSON.stringify(await runFromConfig(config, { environment })));
    expect(record.config).toEqual(config);
    const again = await runFromConfig(parseRunConfig(record, 'run.json'), { environment });
    expect(timeless(again)).toEqual(timeless(record));
  });
});

describe('trainFromData: progress and the final cost', () => {
  it('each progress event carries the cost at its own iteration; the last, at 100 %, the final cost that ends the curve', async () => {
    const data = await loadRunData(config);
    const events: ProgressEvent[] = [];
    const record = trainFromData(config, data, { environment, onProgress: (event) => events.push({ ...event }) });
    const { costs, finalCost } = record.models[0];
    expect(costs.map((c) => c.iteration)).toEqual([0, 100, 200, 300]);
    expect(costs[3]?.cost).toBe(finalCost);
    expect(events.map((e) => [e.iteration, e.cost])).toEqual(costs.map((c) => [c.iteration, c.cost]));
    expect(events.at(-1)).toMatchObject({ iteration: 300, totalIterations: 300 });
    // Independently: a run cut after 100 steps ends with the cost the progress showed at 100.
    const cut = trainFromData(withTraining(config, { iterations: 100 }), data, { environment });
    expect(events[1]?.cost).toBe(cut.models[0].finalCost);
  });

  it('after early stopping restored an earlier epoch, the curve has no point for the restored weights', async () => {
    const early = parseRunConfig({
      ...config,
      optimizer: { kind: 'adam', learningRate: 0.5 },
      training: { epochs: 60, costEvery: 1, earlyStopping: { metric: 'testCost', patience: 3 } },
    });
    const record = trainFromData(early, await loadRunData(early), { environment });
    const { earlyStopping, epochs } = record.training;
    expect(earlyStopping?.restoredEpoch).toBeLessThan(epochs ?? 0);
    // Full batch: one step per epoch, a cost at each, none after the last step.
    expect(record.models[0].costs.at(-1)?.iteration).toBe(record.training.numIterations - 1);
  });

  it('a mini-batch curve holds only mini-batch costs: the final cost (whole training set) stays beside it', async () => {
    const minibatch = withTraining(config, { iterations: 40, batchSize: 16, costEvery: 10 });
    const record = trainFromData(minibatch, await loadRunData(minibatch), { environment });
    expect(record.models[0].costs.map((c) => c.iteration)).toEqual([0, 10, 20, 30]);
    expect(Number.isFinite(record.models[0].finalCost)).toBe(true);
  });
});

describe('trainRecordSchema', async () => {
  // The record as run.json holds it.
  const record: TrainRecord = JSON.parse(JSON.stringify(await runFromConfig(config, { environment })));

  it('accepts the record of runFromConfig, of kind train', () => {
    expect(record.kind).toBe('train');
    expect(trainRecordSchema.parse(record)).toEqual(record);
    expect(trainRecordSchema.safeParse({ ...record, kind: 'regularization' }).success).toBe(false);
  });

  it('holds exactly one model', () => {
    const [model] = record.models;
    for (const models of [[], [model, { ...model, name: 'second' }]]) {
      const result = trainRecordSchema.safeParse({ ...record, models });
      expect(result.success, `${models.length} models`).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['models']);
    }
  });
});

describe('any network from the config', () => {
  it('a multi-class network on the spiral: class labels, a decision grid of classes, the network in the record', async () => {
    const spiral = parseRunConfig({
      name: 'spiral',
      seed: 0,
      data: { kind: 'spiral', pointsPerClass: 60, classes: 3 },
      model: {
        layers: [
          { kind: 'linear', units: 50, init: { kind: 'he' } },
          { kind: 'relu' },
          { kind: 'linear', units: 3, init: { kind: 'xavier' } },
        ],
        loss: 'softmax-cross-entropy',
        l2: 0.001,
      },
      optimizer: { kind: 'adam', learningRate: 0.02 },
      training: { iterations: 300, costEvery: 50 },
    });
    const record = await runFromConfig(spiral, { environment });
    const [model] = record.models;
    expect(model.trainAccuracy).toBeGreaterThan(0.9);
    expect(model.testAccuracy).toBeGreaterThan(0.85);
    expect(record.dataset).toMatchObject({ classes: 3, trainSize: 126, testSize: 54, features: 2 });
    expect(new Set(record.trainPoints.y)).toEqual(new Set([0, 1, 2]));
    expect(model.decisionGrid?.classes).toBe(3);
    expect(new Set(model.decisionGrid?.values)).toEqual(new Set([0, 1, 2]));
    expect(record.architecture).toEqual({
      layerSizes: [2, 50, 3],
      activations: ['relu', 'softmax'],
      initialization: 'W1: randn(out, in) · sqrt(2 / in); W2: randn(out, in) · sqrt(2 / (in + out)); biases 0',
      layers: ['LINEAR(2→50)', 'RELU', 'LINEAR(50→3)'],
      loss: 'softmax-cross-entropy',
    });
  });

  it('epochs are passes over the data in batches: ⌈N / batchSize⌉ steps each', async () => {
    const byEpochs = withTraining(config, { epochs: 3, batchSize: 32 });
    const record = await runFromConfig(byEpochs, { environment });
    // 84 training rows (120 less 30 % held out) in batches of 32: 3 steps per epoch.
    expect(record.training).toMatchObject({ numIterations: 9, epochs: 3, batchSize: 32, optimizer: 'adam (batches of 32)' });
    const byIterations = await runFromConfig(withTraining(config, { iterations: 9, batchSize: 32 }), { environment });
    expect(byIterations.models[0].testAccuracy).toBe(record.models[0].testAccuracy);
  });

  it('refuses batches that leave batch norm a batch of one, naming the field', async () => {
    const bn = parseRunConfig({
      ...config,
      model: {
        layers: [{ kind: 'linear', units: 4 }, { kind: 'batchnorm' }, { kind: 'relu' }, { kind: 'linear', units: 1 }, { kind: 'sigmoid' }],
        loss: 'binary-cross-entropy',
      },
      training: { iterations: 5, batchSize: 83 },
    });
    await expect(runFromConfig(bn, { environment, source: 'run.yaml' })).rejects.toThrow(
      new ConfigError(
        'run.yaml: training.batchSize: 84 training examples in batches of 83 leave a batch of 1, which batch norm cannot normalize',
      ),
    );
  });
});

describe('early stopping', () => {
  it('stops when the metric stops improving and puts back the best measurement’s weights', async () => {
    const early = withTraining(config, { epochs: 60, batchSize: 16, earlyStopping: { metric: 'testCost', patience: 2 } });
    const overfit = parseRunConfig({
      ...early,
      data: { kind: 'moons', n: 60, noise: 0.4 },
      optimizer: { kind: 'adam', learningRate: 0.05 },
    });
    const record = await runFromConfig(overfit, { environment });
    const measured = record.models[0].measurements ?? [];
    const best = measured.reduce((b, m) => (m.value < b.value ? m : b));
    expect(record.training.earlyStopping).toEqual({ metric: 'testCost', stoppedEarly: true, restoredEpoch: best.epoch });
    // Two measurements after the best, then the stop.
    expect(measured[measured.length - 1]?.epoch).toBe(best.epoch + 2);
    // The model in the record is the best epoch's: its test cost is the best measurement, bit for bit.
    expect(record.models[0].testCost).toBe(best.value);
  });
});

describe('checkpoints and --resume', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lab-resume-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  // Mini-batches, batch norm (running statistics), fresh dropout masks, Adam, early stopping: every kind of state.
  const run = parseRunConfig({
    name: 'resumable',
    seed: 8,
    data: { kind: 'blobs', n: 90, centers: 3, std: 2 },
    model: {
      layers: [
        { kind: 'linear', units: 12, init: { kind: 'he' } },
        { kind: 'batchnorm' },
        { kind: 'relu' },
        { kind: 'dropout', keepProb: 0.8 },
        { kind: 'linear', units: 3 },
      ],
      loss: 'softmax-cross-entropy',
      l2: 0.01,
    },
    optimizer: { kind: 'adam', learningRate: 0.01 },
    training: {
      epochs: 6,
      batchSize: 20,
      costEvery: 2,
      earlyStopping: { metric: 'testAccuracy', patience: 100 },
      checkpoints: { interval: 2 },
    },
  });

  it('a run stopped after 4 epochs and resumed to 6 ends exactly as a run of 6 epochs', async () => {
    const data = await loadRunData(run);
    const straight = trainFromData(run, data, { environment, onCheckpoint: (c) => saveCheckpoint(join(dir, 'straight.json'), c) });
    const stopped = trainFromData(withTraining(run, { epochs: 4 }), data, {
      environment,
      onCheckpoint: (c) => saveCheckpoint(join(dir, 'part.json'), c),
    });
    // 63 training rows (90 less 30 % held out) in batches of 20: 4 steps per epoch.
    expect(loadCheckpoint(join(dir, 'part.json'))).toMatchObject({ iteration: 16, epoch: 4 });
    const resumed = trainFromData(run, data, { environment, resumeFrom: loadCheckpoint(join(dir, 'part.json')) });
    const { training: straightTraining, ...straightRest } = timeless(straight) as TrainRecord;
    const { training: resumedTraining, ...resumedRest } = timeless(resumed) as TrainRecord;
    expect(resumedRest).toEqual(straightRest);
    expect(resumedTraining).toEqual({ ...straightTraining, resumedFrom: { path: join(dir, 'part.json'), iteration: 16 } });
    // The part that ran differs from the whole (so the comparison above is not trivial).
    expect(stopped.models[0].costs.length).toBeLessThan(straight.models[0].costs.length);
  });

  it('a checkpoint of the finished run gives the finished model', async () => {
    const data = await loadRunData(run);
    const straight = trainFromData(run, data, { environment, onCheckpoint: (c) => saveCheckpoint(join(dir, 'done.json'), c) });
    const again = trainFromData(run, data, { environment, resumeFrom: loadCheckpoint(join(dir, 'done.json')) });
    expect(again.models[0].testAccuracy).toBe(straight.models[0].testAccuracy);
    expect(again.models[0].costs).toEqual(straight.models[0].costs);
  });

  it('refuses a checkpoint of another run, naming what differs', async () => {
    const data = await loadRunData(run);
    trainFromData(withTraining(run, { epochs: 2 }), data, { environment, onCheckpoint: (c) => saveCheckpoint(join(dir, 'other.json'), c) });
    const wider = parseRunConfig({ ...run, model: { ...run.model, l2: 0.02 } });
    expect(() => trainFromData(wider, data, { environment, resumeFrom: loadCheckpoint(join(dir, 'other.json')) })).toThrow(
      new ConfigError(
        `${join(dir, 'other.json')}: saved by a run whose model differs from this config's: resume with the config the run started with`,
      ),
    );
  });
});

describe('trainFromData with rungs', () => {
  const fullBatch = withTraining(config, { iterations: 300, costEvery: 50 });

  it('reports the metrics at each rung without changing the training', async () => {
    const data = await loadRunData(fullBatch);
    const seen: [number, number, number][] = [];
    const measured = trainFromData(fullBatch, data, {
      environment,
      rungs: {
        steps: [100, 200, 250],
        onRung: (step, m) => {
          seen.push([step, m.trainAccuracy, m.testAccuracy]);
          return false;
        },
      },
    });
    expect(timeless(measured)).toEqual(timeless(trainFromData(fullBatch, data, { environment })));
    // Independently: the same run cut at that many iterations ends with those accuracies.
    for (const [step, trainAccuracy, testAccuracy] of seen) {
      const cut = trainFromData(withTraining(fullBatch, { iterations: step }), data, { environment });
      expect([step, cut.models[0].trainAccuracy, cut.models[0].testAccuracy]).toEqual([step, trainAccuracy, testAccuracy]);
    }
    expect(seen.map(([step]) => step)).toEqual([100, 200, 250]);
  });

  it('stops a full-batch run at the rung that asks for it', async () => {
    const data = await loadRunData(fullBatch);
    const stopped = trainFromData(fullBatch, data, { environment, rungs: { steps: [100, 200], onRung: (step) => step === 100 } });
    const cut = trainFromData(withTraining(fullBatch, { iterations: 100 }), data, { environment });
    expect(stopped.models[0].costs.map((c) => c.iteration)).toEqual([0, 50, 100]);
    expect(stopped.models[0].costs).toEqual(cut.models[0].costs);
    expect(stopped.models[0].testAccuracy).toBe(cut.models[0].testAccuracy);
    expect(stopped.models[0].finalCost).toBe(cut.models[0].finalCost);
  });
});
