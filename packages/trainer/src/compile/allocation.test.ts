import { PerformanceObserver } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { BatchNorm1d } from '@lab/batchnorm';
import { type Layer, Linear, ReLU, Sequential, Sigmoid } from '@lab/layers';
import { Dropout } from '@lab/regularizers';
import { type BackendName, RandomState, Tensor } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { Adam, GradientDescent, type Optimizer } from '../optimizers';
import { compile } from './compile';

// A compiled step allocates nothing after the first: over 10 000 steps (forward, backward, the
// optimizer's update), no garbage collection runs and the heap does not grow.

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Heap growth (KiB, between two full collections) and GCs during `steps` calls of `step`. */
function measure(steps: number, step: () => void): { heapGrowthKiB: number; gcCount: number } {
  let gcCount = 0;
  const observer = new PerformanceObserver((list) => {
    gcCount += list.getEntries().length;
  });
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  observer.observe({ entryTypes: ['gc'] });
  for (let i = 0; i < steps; i++) step();
  observer.disconnect();
  // Entries observed during the loop are delivered asynchronously, but the count is taken now:
  // takeRecords gives any not yet delivered.
  gcCount += observer.takeRecords().length;
  collectGarbage();
  return { heapGrowthKiB: (process.memoryUsage().heapUsed - before) / 1024, gcCount };
}

function network(kind: 'course' | 'batchnorm', rng: RandomState): Sequential {
  if (kind === 'course') {
    const dropout = () => new Dropout(0.86, rng, { drawOrder: 'course' });
    return new Sequential([
      new Linear(2, 20, rng),
      new ReLU(),
      dropout(),
      new Linear(20, 3, rng),
      new ReLU(),
      dropout(),
      new Linear(3, 1, rng),
      new Sigmoid(),
    ]);
  }
  const layers: Layer[] = [new Linear(30, 24, rng), new BatchNorm1d(24), new ReLU(), new Dropout(0.9, rng)];
  layers.push(new Linear(24, 16, rng), new BatchNorm1d(16), new ReLU(), new Linear(16, 5, rng));
  return new Sequential(layers);
}

describe.each(['wasm', 'js'] as const)('a compiled training step (%s)', (backend: BackendName) => {
  for (const [name, kind, loss, optimizer, n] of [
    [
      "the course's network with fresh dropout masks, gradient descent",
      'course',
      'binary-cross-entropy',
      () => new GradientDescent({ learningRate: 0.3 }),
      211,
    ],
    [
      'a batch-norm MLP with dropout, Adam, mini-batches of 50',
      'batchnorm',
      'softmax-cross-entropy',
      () => new Adam({ learningRate: 1e-3 }),
      50,
    ],
  ] as const) {
    it(`allocates nothing over 10 000 steps: ${name}`, { timeout: 180_000 }, () => {
      const rng = new RandomState(3);
      const model = compile(network(kind, rng), { loss, batchSize: n, l2: 0.1, backend });
      const opt: Optimizer = optimizer();
      const d = model.inputSize;
      const x = rng.randn(n, d);
      const y = new Tensor(
        Float64Array.from({ length: n }, (_, i) => (loss === 'binary-cross-entropy' ? i % 2 : i % 5)),
        [n],
      );
      const params = model.params();
      const step = () => {
        model.setBatch(x, y);
        model.computeGradients();
        opt.step(params);
      };
      // Warm up: the first thousands of steps leave the compiler's feedback and code on the heap.
      for (let i = 0; i < 3000; i++) step();
      model.cost();
      // Three windows of 10 000 steps: no collection in any. The heap's growth between two full
      // collections is noisy on a busy machine (up to ~90 KiB seen in one window), so the least of
      // three counts: one object of 16 bytes kept per step would add 160 KiB to every window.
      const windows = [measure(10_000, step), measure(10_000, step), measure(10_000, step)];
      expect(windows.map((w) => w.gcCount)).toEqual([0, 0, 0]);
      expect(Math.min(...windows.map((w) => Math.abs(w.heapGrowthKiB)))).toBeLessThan(48);
      expect(Number.isFinite(model.cost())).toBe(true);
    });
  }
});
