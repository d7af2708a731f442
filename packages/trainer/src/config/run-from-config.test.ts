import { DatasetError } from '@lab/datasets';
import { describe, expect, it } from 'vitest';
import { type TrainRecord, trainRecordSchema } from '../run-record';
import { parseRunConfig } from './run-config';
import { loadRunData, runFromConfig, trainFromData } from './run-from-config';

const config = parseRunConfig({
  name: 'moons, Adam',
  dataset: { kind: 'builtin', name: 'moons', n: 120 },
  model: { layerSizes: [2, 8, 1] },
  optimizer: { kind: 'adam', learningRate: 0.01 },
  training: { numIterations: 300, costEvery: 100 },
  seed: 5,
});
const environment = { node: 'v20', platform: 'linux', arch: 'x64', cpu: 'test', cores: 1, packages: {} };

/** A record without the fields that depend on the clock. */
function timeless(record: Awaited<ReturnType<typeof runFromConfig>>): unknown {
  const { createdAt: _created, totalSeconds: _total, models, ...rest } = record;
  return { ...rest, models: models.map(({ seconds: _seconds, ...model }) => model) };
}

describe('runFromConfig', () => {
  it('is loadRunData then trainFromData: the same record, bit for bit, apart from the timings', async () => {
    const whole = await runFromConfig(config, { environment });
    const data = await loadRunData(config);
    const inTwoSteps = trainFromData(config, data, { environment });
    expect(timeless(inTwoSteps)).toEqual(timeless(whole));
    expect(inTwoSteps.models[0].costs).toHaveLength(3);
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

describe('loadRunData checks the data against the model before any training', () => {
  it('names the data set, the split and the numbers when the features do not match the input layer', async () => {
    const wide = parseRunConfig({ ...config, model: { layerSizes: [3, 8, 1] } }, 'run.yaml');
    await expect(loadRunData(wide)).rejects.toThrow(
      new DatasetError('moons (built-in): training examples: 2 features per row, but the model takes 3'),
    );
  });
});

describe('trainFromData with rungs', () => {
  const fullBatch = parseRunConfig({ ...config, training: { numIterations: 300, costEvery: 50 } });

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
      const cut = trainFromData(parseRunConfig({ ...fullBatch, training: { numIterations: step, costEvery: 50 } }), data, { environment });
      expect([step, cut.models[0].trainAccuracy, cut.models[0].testAccuracy]).toEqual([step, trainAccuracy, testAccuracy]);
    }
    expect(seen.map(([step]) => step)).toEqual([100, 200, 250]);
  });

  it('stops a full-batch run at the rung that asks for it', async () => {
    const data = await loadRunData(fullBatch);
    const stopped = trainFromData(fullBatch, data, { environment, rungs: { steps: [100, 200], onRung: (step) => step === 100 } });
    const cut = trainFromData(parseRunConfig({ ...fullBatch, training: { numIterations: 100, costEvery: 50 } }), data, { environment });
    expect(stopped.models[0].costs.map((c) => c.iteration)).toEqual([0, 50]);
    expect(stopped.models[0].testAccuracy).toBe(cut.models[0].testAccuracy);
    expect(stopped.models[0].finalCost).toBe(cut.models[0].finalCost);
  });
});
