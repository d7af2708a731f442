import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Param } from '@lab/layers';
import { RandomState, Tensor, tensor } from '@lab/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { binaryModel } from '../test/binary-network';
import { EarlyStopping } from './early-stopping';
import { loadCheckpoint, saveCheckpoint } from './node/checkpoint';
import { createOptimizer, GradientDescent, type OptimizerSpec } from './optimizers';
import type { Checkpoint } from './resume';
import { ExpressionSchedule } from './schedules';
import { train } from './train-loop';
import type { TrainingModel } from './training-model';

const scratch = mkdtempSync(join(tmpdir(), 'lab-train-loop-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function blobsData(n: number, seed: number): { x: Tensor; y: Tensor } {
  const rng = new RandomState(seed);
  const x = rng.randn(n, 2);
  const y = new Tensor(
    Float64Array.from({ length: n }, (_, i) => (x.data[2 * i] + 0.5 * x.data[2 * i + 1] > 0 ? 1 : 0)),
    [n, 1],
  );
  return { x, y };
}

/** Each param's own bytes (a compiled model's params are views into its arena). */
const bytes = (params: readonly Param[]) =>
  params.map((p) => Buffer.from(p.value.data.buffer, p.value.data.byteOffset, p.value.data.byteLength).toString('hex'));

describe('train', () => {
  it('full batch: the same bytes as a hand-written forward/backward/update loop', () => {
    const { x, y } = blobsData(40, 1);
    const looped = binaryModel([2, 5, 1], new RandomState(4), { l2: 0.1 });
    const trained = binaryModel([2, 5, 1], new RandomState(4), { l2: 0.1 });
    looped.setBatch(x, y);
    const costs: number[] = [];
    for (let i = 0; i < 50; i++) {
      looped.computeGradients();
      if (i % 10 === 0) costs.push(looped.cost());
      for (const p of looped.params()) for (let k = 0; k < p.value.size; k++) p.value.data[k] -= 0.5 * p.grad.data[k];
    }
    const result = train({ model: trained, optimizer: new GradientDescent({ learningRate: 0.5 }), x, y, numIterations: 50, costEvery: 10 });
    expect(bytes(trained.params())).toEqual(bytes(looped.params()));
    expect(result.costs.map((c) => c.cost)).toEqual(costs);
    expect(result.costs.map((c) => c.iteration)).toEqual([0, 10, 20, 30, 40]);
    expect(result).toMatchObject({ iterations: 50, epochs: 50, stoppedEarly: false });
  });

  it('mini-batches walk one permutation per epoch, the last batch smaller (the course)', () => {
    const x = new Tensor(
      Float64Array.from({ length: 10 }, (_, i) => i),
      [10, 1],
    );
    const y = new Tensor(
      Float64Array.from({ length: 10 }, (_, i) => 100 + i),
      [10, 1],
    );
    const seen: number[][] = [];
    const model: TrainingModel = {
      params: () => [],
      setBatch: (bx, by) => {
        expect(Array.from(by.data)).toEqual(Array.from(bx.data).map((v) => 100 + v)); // rows stay aligned
        seen.push(Array.from(bx.data));
      },
      computeGradients: () => {},
      cost: () => 0,
    };
    train({ model, optimizer: new GradientDescent({ learningRate: 1 }), x, y, batchSize: 4, numIterations: 6, rng: new RandomState(0) });
    const reference = new RandomState(0);
    const first = Array.from(reference.permutation(10).data);
    const second = Array.from(reference.permutation(10).data);
    expect(seen).toEqual([first.slice(0, 4), first.slice(4, 8), first.slice(8), second.slice(0, 4), second.slice(4, 8), second.slice(8)]);
  });

  it("epochSeedBase reseeds before each epoch's permutation: the course's seed = seed + 1 per epoch", () => {
    const x = new Tensor(
      Float64Array.from({ length: 7 }, (_, i) => i),
      [7, 1],
    );
    const seen: number[][] = [];
    const model: TrainingModel = {
      params: () => [],
      setBatch: (bx) => seen.push(Array.from(bx.data)),
      computeGradients: () => {},
      cost: () => 0,
    };
    const rng = new RandomState(99);
    train({ model, optimizer: new GradientDescent({ learningRate: 1 }), x, y: x, batchSize: 3, numIterations: 9, rng, epochSeedBase: 10 });
    // The course's random_mini_batches: np.random.seed(seed) with seed 11, 12, 13, then permutation(m).
    const epochs = [11, 12, 13].map((seed) => Array.from(new RandomState(seed).permutation(7).data));
    expect(seen).toEqual(epochs.flatMap((order) => [order.slice(0, 3), order.slice(3, 6), order.slice(6)]));
    // Another seed before training changes nothing: every epoch reseeds.
    const again: number[][] = [];
    const model2: TrainingModel = { ...model, setBatch: (bx) => again.push(Array.from(bx.data)) };
    const rng2 = new RandomState(1);
    train({
      model: model2,
      optimizer: new GradientDescent({ learningRate: 1 }),
      x,
      y: x,
      batchSize: 3,
      numIterations: 9,
      rng: rng2,
      epochSeedBase: 10,
    });
    expect(again).toEqual(seen);
    expect(() =>
      train({
        model,
        optimizer: new GradientDescent({ learningRate: 1 }),
        x,
        y: x,
        batchSize: 3,
        numIterations: 3,
        rng,
        epochSeedBase: 1.5,
      }),
    ).toThrow('train: epochSeedBase must be an integer, got 1.5');
  });

  it("costEveryEpochs records the last mini-batch's cost of epochs 0, k, 2k, with its epoch", () => {
    const x = new Tensor(new Float64Array(10), [10, 1]);
    let calls = 0;
    const model: TrainingModel = {
      params: () => [],
      setBatch: () => {},
      computeGradients: () => {
        calls++;
      },
      // The cost names the pass it belongs to.
      cost: () => calls - 1,
    };
    const options = { model, optimizer: new GradientDescent({ learningRate: 1 }), x, y: x, batchSize: 4, rng: new RandomState(0) };
    // 3 batches per epoch, 7 epochs: passes 2, 8, 14, 20 end epochs 0, 2, 4, 6.
    const result = train({ ...options, numIterations: 21, costEveryEpochs: 2 });
    expect(result.costs).toEqual([
      { iteration: 2, epoch: 0, cost: 2 },
      { iteration: 8, epoch: 2, cost: 8 },
      { iteration: 14, epoch: 4, cost: 14 },
      { iteration: 20, epoch: 6, cost: 20 },
    ]);
    expect(() => train({ ...options, numIterations: 3, costEveryEpochs: 2, costEvery: 5 })).toThrow(
      'train: give costEvery (iterations) or costEveryEpochs (epochs), not both',
    );
    expect(() => train({ ...options, numIterations: 3, costEveryEpochs: 0 })).toThrow(
      'train: costEveryEpochs must be a positive integer, got 0',
    );
  });

  it('records a cost of +Infinity with allowInfiniteCost, and stops on it (or on NaN) otherwise', () => {
    const x = new Tensor(new Float64Array(4), [4, 1]);
    let cost = Number.POSITIVE_INFINITY;
    const model: TrainingModel = { params: () => [], setBatch: () => {}, computeGradients: () => {}, cost: () => cost };
    const options = { model, optimizer: new GradientDescent({ learningRate: 1 }), x, y: x, numIterations: 3, costEvery: 1 };
    expect(train({ ...options, allowInfiniteCost: true }).costs.map((c) => c.cost)).toEqual([
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
    ]);
    expect(() => train(options)).toThrow('train: iteration 0: cost is Infinity; try a smaller learning rate');
    cost = Number.NaN;
    expect(() => train({ ...options, allowInfiniteCost: true })).toThrow('train: iteration 0: cost is NaN');
    cost = Number.NEGATIVE_INFINITY;
    expect(() => train({ ...options, allowInfiniteCost: true })).toThrow('train: iteration 0: cost is -Infinity');
  });

  it('stops on a non-finite gradient, naming the iteration and the parameter', () => {
    const { x, y } = blobsData(30, 2);
    const model = binaryModel([2, 4, 1], new RandomState(1));
    model.params()[0].value.data[0] = Number.NaN;
    expect(() => train({ model, optimizer: new GradientDescent({ learningRate: 0.1 }), x, y, numIterations: 5 })).toThrow(
      // W1[0] is NaN: its unit's output is NaN, which the ReLU's mask (a > 0) blocks in backward, so the
      // first NaN gradient is in the next row.
      /^train: iteration 0: gradient of W1 is NaN at flat index 2; try a smaller learning rate$/,
    );
  });

  it('early stopping ends training when the metric stalls and restores the best weights', () => {
    const { x, y } = blobsData(30, 3);
    const model = binaryModel([2, 4, 1], new RandomState(1));
    const scores = [0.5, 0.7, 0.6, 0.65, 0.69, 0.9];
    let bestWeights: string[] = [];
    const result = train({
      model,
      optimizer: new GradientDescent({ learningRate: 0.1 }),
      x,
      y,
      numIterations: 100,
      earlyStopping: new EarlyStopping({ metric: 'score', mode: 'max', patience: 3 }),
      onEpoch: ({ epoch }) => {
        if (epoch === 2) bestWeights = bytes(model.params());
        return { metrics: { score: scores[epoch - 1] } };
      },
    });
    expect(result).toMatchObject({ epochs: 5, iterations: 5, stoppedEarly: true, restoredEpoch: 2 });
    expect(bytes(model.params())).toEqual(bestWeights);
  });

  it("hands onEpoch each epoch's end: a checkpoint of that epoch (also destructured) and the history of what it returned", () => {
    const { x, y } = blobsData(12, 4);
    const rng = new RandomState(3);
    const model = binaryModel([2, 3, 1], rng);
    const seen: { epoch: number; iteration: number; checkpointEpoch: number; checkpointIteration: number }[] = [];
    const result = train({
      model,
      optimizer: new GradientDescent({ learningRate: 0.1 }),
      x,
      y,
      batchSize: 5,
      rng,
      numIterations: 8,
      onEpoch: ({ epoch, iteration, checkpoint }) => {
        const taken = checkpoint();
        seen.push({ epoch, iteration, checkpointEpoch: taken.epoch, checkpointIteration: taken.iteration });
        return epoch === 2 ? { metrics: { score: 0.5 } } : undefined;
      },
    });
    // 12 examples in batches of 5: three steps per epoch, the third epoch cut short at step 8.
    expect(seen).toEqual([
      { epoch: 1, iteration: 3, checkpointEpoch: 1, checkpointIteration: 3 },
      { epoch: 2, iteration: 6, checkpointEpoch: 2, checkpointIteration: 6 },
      { epoch: 3, iteration: 8, checkpointEpoch: 3, checkpointIteration: 8 },
    ]);
    expect(result.epochHistory).toEqual([
      { epoch: 1, iteration: 3, metrics: {} },
      { epoch: 2, iteration: 6, metrics: { score: 0.5 } },
      { epoch: 3, iteration: 8, metrics: {} },
    ]);
  });

  it('sets the scheduled learning rate before every step', () => {
    const { x, y } = blobsData(10, 4);
    const seen: number[] = [];
    const optimizer = new GradientDescent({ learningRate: 1 });
    train({
      model: binaryModel([2, 1], new RandomState(0)),
      optimizer,
      schedule: { learningRate: (epoch) => 1 / (1 + epoch), describe: () => '1/(1+epoch)' },
      x,
      y,
      numIterations: 3,
      progressEvery: 1,
      onProgress: (event) => seen.push(event.learningRate),
    });
    expect(seen).toEqual([1, 1 / 2, 1 / 3]);
  });

  it('checks the schedule over the whole run before the first step', async () => {
    const { x, y } = blobsData(10, 4);
    const model = binaryModel([2, 1], new RandomState(0));
    const before = bytes(model.params());
    const schedule = await ExpressionSchedule.load({ expression: 'epoch > 2 ? max() : 0.01' });
    const options = { model, optimizer: new GradientDescent({ learningRate: 1 }), schedule, x, y, batchSize: 4, rng: new RandomState(1) };
    // Three batches per epoch: iterations 0–8 are epochs 0–2, iteration 9 is the first of epoch 3.
    expect(() => train({ ...options, numIterations: 10 })).toThrow(
      /^ExpressionSchedule: "epoch > 2 \? max\(\) : 0\.01": cannot be evaluated at epoch 3, iteration 9: Too few arguments/,
    );
    expect(bytes(model.params())).toEqual(before);
    expect(train({ ...options, numIterations: 9 }).iterations).toBe(9);
  });

  const resumeCases: { name: string; spec: OptimizerSpec; batchSize?: number; keepProb: number }[] = [
    { name: 'full-batch gradient descent with fresh dropout masks', spec: { kind: 'gd', learningRate: 0.3 }, keepProb: 0.8 },
    { name: 'mini-batch Adam with dropout', spec: { kind: 'adam', learningRate: 0.01 }, batchSize: 8, keepProb: 0.9 },
  ];
  for (const { name, spec, batchSize, keepProb } of resumeCases) {
    it(`resumes bit-identically in one call: ${name}`, () => {
      const { x, y } = blobsData(32, 5);
      const epochs = 4;
      const numIterations = 2 * epochs * (batchSize === undefined ? 1 : Math.ceil(32 / batchSize));
      const setup = (rng = new RandomState(7)) => ({
        rng,
        model: binaryModel([2, 6, 3, 1], rng, { keepProb }),
        optimizer: createOptimizer(spec),
      });
      const straight = setup();
      const costs = train({ ...straight, x, y, batchSize, numIterations, costEvery: 1 }).costs;

      // The first half, saving a checkpoint at every epoch's end; it stops after `epochs` epochs.
      const path = join(scratch, `${spec.kind}.ckpt.json`);
      const first = setup();
      train({
        ...first,
        x,
        y,
        batchSize,
        numIterations,
        onEpoch: (event) => {
          saveCheckpoint(path, event.checkpoint());
          return { stop: event.epoch === epochs };
        },
      });

      // The obvious order (the generator's state restored before the model is built, so building
      // it spends the restored state on initial weights) cannot go wrong: train restores it again,
      // after the model was built, with the params and the optimizer.
      const checkpoint = loadCheckpoint(path);
      for (const resumed of [setup(), setup(new RandomState(99).setState(checkpoint.rng))]) {
        const rest = train({ ...resumed, x, y, batchSize, numIterations, costEvery: 1, resumeFrom: checkpoint });
        expect(bytes(resumed.model.params())).toEqual(bytes(straight.model.params()));
        expect(rest.costs).toEqual(costs.slice(checkpoint.iteration));
      }
    });
  }

  it('refuses a resume that cannot give the same run, changing nothing', () => {
    const { x, y } = blobsData(32, 5);
    const setup = () => {
      const rng = new RandomState(7);
      return {
        rng,
        model: binaryModel([2, 6, 1], rng),
        optimizer: createOptimizer({ kind: 'adam', learningRate: 0.01 }),
      };
    };
    let saved: Checkpoint | undefined;
    const first = setup();
    train({
      ...first,
      x,
      y,
      batchSize: 8,
      numIterations: 4,
      onEpoch: (event) => {
        saved = event.checkpoint();
        return undefined;
      },
    });
    const checkpoint = { ...(saved as Checkpoint), path: 'run.ckpt.json' };
    const resumed = setup();
    const before = bytes(resumed.model.params());
    const stateBefore = resumed.rng.getState();
    expect(() => train({ ...resumed, x, y, batchSize: 16, numIterations: 8, resumeFrom: checkpoint })).toThrow(
      'run.ckpt.json: batching: saved with 32 examples in batches of 8, but this run has 32 in batches of 16: the data order would differ',
    );
    const { rng: _rng, ...withoutRng } = resumed;
    expect(() => train({ ...withoutRng, x, y, batchSize: 8, numIterations: 8, resumeFrom: checkpoint })).toThrow(
      'train: resumeFrom restores the RNG state too: pass the rng that the model and the shuffling draw from',
    );
    expect(() => train({ ...resumed, x, y, batchSize: 8, numIterations: 8, resumeFrom: checkpoint, startIteration: 4 })).toThrow(
      /give resumeFrom or startIteration, not both/,
    );
    const otherModel = { ...resumed, model: binaryModel([2, 5, 1], new RandomState(7)) };
    expect(() => train({ ...otherModel, x, y, batchSize: 8, numIterations: 8, resumeFrom: checkpoint })).toThrow(
      'run.ckpt.json: params.W1.shape: expected (5, 2), got (6, 2)',
    );
    expect(bytes(resumed.model.params())).toEqual(before);
    expect(resumed.rng.getState()).toEqual(stateBefore);
  });

  it('rejects bad options with the values in the message', () => {
    const { x, y } = blobsData(10, 6);
    const model = binaryModel([2, 1], new RandomState(0));
    const optimizer = new GradientDescent({ learningRate: 0.1 });
    expect(() => train({ model, optimizer, x, y, numIterations: -1 })).toThrow(/numIterations must be a non-negative integer, got -1/);
    expect(() => train({ model, optimizer, x, y, numIterations: 5, batchSize: 4 })).toThrow(/need an rng to shuffle with/);
    expect(() => train({ model, optimizer, x, y: tensor([[1], [0]]), numIterations: 1 })).toThrow(/x has 10 examples but y has 2/);
    expect(() => train({ model, optimizer, x, y, numIterations: 9, batchSize: 4, rng: new RandomState(0), startIteration: 2 })).toThrow(
      /resumes at an epoch boundary \(a multiple of 3\), got 2/,
    );
  });
});
