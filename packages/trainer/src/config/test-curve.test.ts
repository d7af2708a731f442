import { type TrainRecord, trainRecordSchema } from '@lab/run-record';
import { describe, expect, it } from 'vitest';
import { loadRunData } from './load-run-data';
import { parseRunConfig, type RunConfig } from './run-config';
import { trainFromData } from './run-from-config';
import { MAX_TEST_CURVE_POINTS, testCurveEvery } from './test-curve';

const environment = { node: 'v20', platform: 'linux', arch: 'x64', cpu: 'test', cores: 1, packages: {} };

/** A record without the fields that depend on the clock. */
function timeless(record: TrainRecord): unknown {
  const { createdAt: _created, totalSeconds: _total, models, ...rest } = record;
  return { ...rest, models: models.map(({ seconds: _seconds, ...model }) => model) };
}

function withTraining(base: RunConfig, training: Record<string, unknown>): RunConfig {
  const { iterations: _i, epochs: _e, ...rest } = base.training;
  return parseRunConfig({ ...base, training: { ...rest, ...training } });
}

describe('testCurveEvery', () => {
  it('keeps at most 50 points and scores no more examples than the run trains on (hand-derived cases)', () => {
    expect(MAX_TEST_CURVE_POINTS).toBe(50);
    // deep-mlp-batchnorm.yaml: 200 points; 200 · 1000 scored against 200 · 50 trained → every 20th.
    expect(testCurveEvery(200, 1000, 200 * 50)).toBe(20);
    // The course's football run: 31 points of 200 test examples against 30000 full-batch steps of 211 → every point.
    expect(testCurveEvery(31, 200, 30000 * 211)).toBe(1);
    // Plenty of training: the count bound, ⌈120 / 50⌉ = 3.
    expect(testCurveEvery(120, 10, 1e6)).toBe(3);
    // 12 points · 27 scored = 324 ≤ 480 trained → 1; 24 points · 27 = 648 > 480 → ⌈648 / 480⌉ = 2.
    expect(testCurveEvery(12, 27, 480)).toBe(1);
    expect(testCurveEvery(24, 27, 480)).toBe(2);
    expect(testCurveEvery(0, 27, 0)).toBe(1);
  });
});

describe('the test curve of a mini-batch run', async () => {
  // Batch norm (running statistics a training pass updates), fresh dropout masks, L2, Adam.
  const run = parseRunConfig({
    name: 'test curve',
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
    // 63 training rows (27 held out) in batches of 20: 4 steps per epoch, 24 steps, a cost point each.
    training: { epochs: 6, batchSize: 20, costEvery: 1 },
  });
  const data = await loadRunData(run);
  const record = trainFromData(run, data, { environment });
  const curve = record.models[0].testCurve ?? [];

  it('is scored at every 2nd cost point (24 points · 27 examples > 480 trained) and after training', () => {
    expect(record.models[0].costs.map((c) => c.iteration)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(curve.map((p) => p.iteration)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24]);
    expect(trainRecordSchema.parse(JSON.parse(JSON.stringify(record)))).toEqual(record);
  });

  it('each point is the model after exactly that many steps: the same run cut there ends with those test scores', () => {
    // Independent: a separate run of k steps, scored by the record's own end-of-run evaluation.
    for (const point of curve) {
      if (point.iteration === 0) continue;
      const cut = trainFromData(withTraining(run, { iterations: point.iteration }), data, { environment }).models[0];
      expect([point.iteration, point.accuracy, point.cost]).toEqual([point.iteration, cut.testAccuracy, cut.testCost]);
    }
    const last = curve.at(-1);
    expect([last?.accuracy, last?.cost]).toEqual([record.models[0].testAccuracy, record.models[0].testCost]);
    // The points differ from one another: the curve is not the final scores repeated.
    expect(new Set(curve.map((p) => p.cost)).size).toBe(curve.length);
  });

  it('changes nothing in the training; testCurve: false leaves it out', () => {
    const without = trainFromData(run, data, { environment, testCurve: false });
    expect(without.models[0].testCurve).toBeUndefined();
    const { testCurve: _curve, ...model } = record.models[0];
    expect(timeless(without)).toEqual(timeless({ ...record, models: [model] }));
  });

  it('with costEveryEpochs: the points are those of the epochs whose cost is recorded', () => {
    const byEpoch = trainFromData(withTraining(run, { epochs: 6, costEveryEpochs: 2, costEvery: undefined }), data, { environment });
    // Epochs 0, 2, 4 end at iterations 3, 11, 19; then the final model at 24.
    expect(byEpoch.models[0].costs.map((c) => c.iteration)).toEqual([3, 11, 19]);
    expect(byEpoch.models[0].testCurve?.map((p) => p.iteration)).toEqual([3, 11, 19, 24]);
  });
});
