import { Linear, ReLU, Sequential, Sigmoid } from '@lab/layers';
import { RandomState, Tensor } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { compile } from './compile/compile';
import type { CompiledModel } from './compile/compiled-model';
import { EarlyStopping } from './early-stopping';
import { GradientDescent } from './optimizers';
import { type CostPoint, train } from './train-loop';

function blobsData(n: number, seed: number): { x: Tensor; y: Tensor } {
  const rng = new RandomState(seed);
  const x = rng.randn(n, 2);
  const y = new Tensor(
    Float64Array.from({ length: n }, (_, i) => (x.data[2 * i] - 0.7 * x.data[2 * i + 1] > 0 ? 1 : 0)),
    [n, 1],
  );
  return { x, y };
}

/** LINEAR → RELU → LINEAR → SIGMOID, compiled for batches of up to `batchSize`. */
function smallNet(seed: number, batchSize: number, l2 = 0): CompiledModel {
  const rng = new RandomState(seed);
  const network = new Sequential([new Linear(2, 5, rng), new ReLU(), new Linear(5, 1, rng), new Sigmoid()]);
  return compile(network, { loss: 'binary-cross-entropy', batchSize, l2 });
}

/**
 * Mean cross-entropy plus (λ/2m)·Σ‖W‖² of the model's current weights (W1 (5, 2), b1, W2 (1, 5), b2)
 * over all of x: the test's own arithmetic, not the model's kernels.
 */
function referenceCost(model: CompiledModel, x: Tensor, y: Tensor, lambd: number): number {
  const [w1, b1, w2, b2] = model.params().map((p) => p.value.data);
  const m = x.shape[0];
  let total = 0;
  for (let i = 0; i < m; i++) {
    const hidden = Array.from({ length: 5 }, (_, j) => Math.max(0, w1[2 * j] * x.data[2 * i] + w1[2 * j + 1] * x.data[2 * i + 1] + b1[j]));
    const a = 1 / (1 + Math.exp(-hidden.reduce((sum, h, j) => sum + w2[j] * h, b2[0])));
    total += y.data[i] === 1 ? -Math.log(a) : -Math.log(1 - a);
  }
  let squares = 0;
  for (const w of [w1, w2]) for (const v of w) squares += v * v;
  return total / m + (lambd / (2 * m)) * squares;
}

describe('train: onCost and finalCost', () => {
  it('onCost gets each point as recorded, the cost of the weights at that iteration; finalCost ends the curve', () => {
    const { x, y } = blobsData(40, 5);
    const model = smallNet(4, 40, 0.1);
    const seen: (CostPoint & { recomputed: number })[] = [];
    const result = train({
      model,
      optimizer: new GradientDescent({ learningRate: 0.5 }),
      x,
      y,
      numIterations: 50,
      costEvery: 20,
      finalCost: true,
      // During the call the weights are those the point's cost is of: recompute it by hand.
      onCost: (point) => seen.push({ ...point, recomputed: referenceCost(model, x, y, 0.1) }),
    });
    expect(seen.map((p) => p.iteration)).toEqual([0, 20, 40, 50]);
    for (const p of seen) expect(Math.abs(p.cost - p.recomputed), `iteration ${p.iteration}`).toBeLessThan(1e-12);
    expect(result.costs).toEqual(seen.map(({ iteration, cost }) => ({ iteration, cost })));
    expect(result.finalCost).toBe(seen[3].cost);
    expect(Math.abs((result.finalCost ?? Number.NaN) - referenceCost(model, x, y, 0.1))).toBeLessThan(1e-12);
  });

  it('the final pass changes neither the curve before it nor the weights', () => {
    const { x, y } = blobsData(40, 7);
    const run = (finalCost: boolean) => {
      const model = smallNet(2, 40);
      const result = train({
        model,
        optimizer: new GradientDescent({ learningRate: 0.3 }),
        x,
        y,
        numIterations: 30,
        costEvery: 10,
        finalCost,
      });
      return { result, weights: model.params().map((p) => Array.from(p.value.data)) };
    };
    const plain = run(false);
    const withFinal = run(true);
    expect(plain.result.finalCost).toBeUndefined();
    expect(withFinal.result.costs.slice(0, -1)).toEqual(plain.result.costs);
    expect(withFinal.result.costs.at(-1)?.iteration).toBe(30);
    expect(withFinal.weights).toEqual(plain.weights);
  });

  it('in a mini-batch run, the final cost is over the whole training set', () => {
    const { x, y } = blobsData(40, 6);
    const model = smallNet(2, 40);
    const result = train({
      model,
      optimizer: new GradientDescent({ learningRate: 0.3 }),
      x,
      y,
      batchSize: 8,
      numIterations: 20,
      costEvery: 5,
      rng: new RandomState(1),
      finalCost: true,
    });
    expect(result.costs.map((c) => c.iteration)).toEqual([0, 5, 10, 15, 20]);
    expect(Math.abs((result.finalCost ?? Number.NaN) - referenceCost(model, x, y, 0))).toBeLessThan(1e-12);
  });

  it('after early stopping restored an earlier epoch, the final cost is of those weights, with no point for them', () => {
    const { x, y } = blobsData(30, 3);
    const model = smallNet(1, 30);
    const scores = [0.5, 0.7, 0.6, 0.65, 0.69, 0.9];
    const points: number[] = [];
    const result = train({
      model,
      optimizer: new GradientDescent({ learningRate: 0.5 }),
      x,
      y,
      numIterations: 100,
      earlyStopping: new EarlyStopping({ metric: 'score', mode: 'max', patience: 3 }),
      finalCost: true,
      onCost: (point) => points.push(point.iteration),
      onEpoch: ({ epoch }) => ({ metrics: { score: scores[epoch - 1] } }),
    });
    expect(result).toMatchObject({ iterations: 5, restoredEpoch: 2 });
    expect(points).toEqual([0]);
    expect(result.costs.map((c) => c.iteration)).toEqual([0]);
    expect(Math.abs((result.finalCost ?? Number.NaN) - referenceCost(model, x, y, 0))).toBeLessThan(1e-12);
  });
});

describe('train: measure at recorded cost points', () => {
  it('measures every measureEvery-th point before its forward pass: the weights after exactly that many steps', () => {
    const { x, y } = blobsData(40, 5);
    const model = smallNet(4, 40, 0.1);
    const measured: { iteration: number; cost: number }[] = [];
    const result = train({
      model,
      optimizer: new GradientDescent({ learningRate: 0.5 }),
      x,
      y,
      numIterations: 50,
      costEvery: 10,
      measureEvery: 2,
      // The test's own cost of the weights as they are when called.
      measure: (iteration) => {
        const cost = referenceCost(model, x, y, 0.1);
        measured.push({ iteration, cost });
        return { cost };
      },
    });
    // Points at 0, 10, 20, 30, 40; every 2nd measured: 0, 20, 40.
    expect(measured.map((m) => m.iteration)).toEqual([0, 20, 40]);
    expect(result.costs.map((p) => p.metrics?.cost)).toEqual([measured[0].cost, undefined, measured[1].cost, undefined, measured[2].cost]);
    // Full batch: the point's own cost is of the same weights, so the two agree.
    for (const point of result.costs) if (point.metrics !== undefined) expect(point.metrics.cost).toBeCloseTo(point.cost, 12);
    // Measuring changed nothing.
    const plain = train({
      model: smallNet(4, 40, 0.1),
      optimizer: new GradientDescent({ learningRate: 0.5 }),
      x,
      y,
      numIterations: 50,
      costEvery: 10,
    });
    expect(result.costs.map((p) => p.cost)).toEqual(plain.costs.map((p) => p.cost));
  });

  it('counts points from the iteration, so a run that starts later measures the same ones', () => {
    const { x, y } = blobsData(40, 5);
    const seen: number[] = [];
    train({
      model: smallNet(4, 40),
      optimizer: new GradientDescent({ learningRate: 0.5 }),
      x,
      y,
      startIteration: 30,
      numIterations: 70,
      costEvery: 10,
      measureEvery: 2,
      measure: (iteration) => {
        seen.push(iteration);
        return {};
      },
    });
    expect(seen).toEqual([40, 60]);
  });
});
