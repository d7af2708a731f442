import { batchnormBackwardAlt, batchnormForward } from '@lab/batchnorm';
import { Linear, ReLU, Sequential, Sigmoid } from '@lab/layers';
import { Dropout } from '@lab/regularizers';
import { matmul, RandomState, Tensor } from '@lab/tensor';
import { compile, GradientDescent } from '@lab/trainer';

/** One kernel's speed: milliseconds per call, and GFLOP/s where the kernel's flop count is plain. */
export interface KernelTiming {
  readonly name: string;
  readonly msPerCall: number;
  readonly gflops?: number;
}

/**
 * Milliseconds per call of `run`: calls in chunks, each chunk at least 5 ms long as measured (Chromium
 * rounds performance.now() to 0.1 ms; the chunk size doubles until a chunk is long enough, which is
 * also the warm-up), for about `budgetMs`; the fastest chunk's mean, the least disturbed by other work
 * (a GC inside a chunk counts).
 */
function msPerCall(run: () => void, budgetMs: number): number {
  let perChunk = 1;
  let best = Number.POSITIVE_INFINITY;
  const end = performance.now() + budgetMs;
  while (performance.now() < end || best === Number.POSITIVE_INFINITY) {
    const start = performance.now();
    for (let i = 0; i < perChunk; i++) run();
    const took = performance.now() - start;
    if (took < 5) perChunk *= 2;
    else best = Math.min(best, took / perChunk);
  }
  return best;
}

/**
 * The kernels compared between Node and Chromium: matmul 256³ and at the course's tiny
 * shapes, batch norm forward (train) + closed-form backward at (100, 500), each allocating its result
 * and writing into out buffers; the allocation of a result array itself; and one compiled training
 * step of the course's network (211 examples, 2 → 20 → 3 → 1, dropout 0.86, L2: forward, backward,
 * gradient-descent update), which allocates nothing. The same bundle runs in
 * both, so the ratio is the runtime's, not the code's.
 * @param budgetMs - time spent per kernel
 */
export function kernelTimings(budgetMs = 400): KernelTiming[] {
  const rng = new RandomState(1);
  const a = rng.randn(256, 256);
  const b = rng.randn(256, 256);
  const x = rng.randn(211, 2);
  const w = rng.randn(2, 20);
  const h = rng.randn(211, 20);
  const w2 = rng.randn(20, 3);
  const input = rng.randn(100, 500);
  const gamma = rng.rand(500);
  const beta = rng.randn(500);
  const dout = rng.randn(100, 500);
  const param = { mode: 'train' as const, eps: 1e-5, momentum: 0.9 };
  const mmOut = new Tensor(new Float64Array(256 * 256), [256, 256]);
  const tinyOut = new Tensor(new Float64Array(211 * 20), [211, 20]);
  const bnOut = new Tensor(new Float64Array(100 * 500), [100, 500]);
  const bnDx = new Tensor(new Float64Array(100 * 500), [100, 500]);
  const course = new Sequential([
    new Linear(2, 20, rng),
    new ReLU(),
    new Dropout(0.86, rng),
    new Linear(20, 3, rng),
    new ReLU(),
    new Dropout(0.86, rng),
    new Linear(3, 1, rng),
    new Sigmoid(),
  ]);
  const model = compile(course, { loss: 'binary-cross-entropy', batchSize: 211, l2: 0.1 });
  const labels = new Tensor(
    Float64Array.from({ length: 211 }, (_, i) => i % 2),
    [211, 1],
  );
  model.setBatch(x, labels);
  const optimizer = new GradientDescent({ learningRate: 0.01 });
  const params = model.params();
  const big = msPerCall(() => matmul(a, b), budgetMs);
  const bigOut = msPerCall(() => matmul(a, b, {}, mmOut), budgetMs);
  return [
    { name: 'matmul 256³', msPerCall: big, gflops: (2 * 256 ** 3) / (big * 1e6) },
    { name: 'matmul 256³, out buffer', msPerCall: bigOut, gflops: (2 * 256 ** 3) / (bigOut * 1e6) },
    { name: 'matmul (211, 2) @ (2, 20)', msPerCall: msPerCall(() => matmul(x, w), budgetMs) },
    { name: 'matmul (211, 2) @ (2, 20), out buffer', msPerCall: msPerCall(() => matmul(x, w, {}, tinyOut), budgetMs) },
    { name: 'matmul (211, 20) @ (20, 3)', msPerCall: msPerCall(() => matmul(h, w2), budgetMs) },
    {
      name: 'batchnorm forward + backwardAlt (100, 500)',
      msPerCall: msPerCall(() => batchnormBackwardAlt(dout, batchnormForward(input, gamma, beta, param).cache), budgetMs),
    },
    {
      name: 'batchnorm forward + backwardAlt, out and dx buffers',
      msPerCall: msPerCall(() => batchnormBackwardAlt(dout, batchnormForward(input, gamma, beta, param, bnOut).cache, bnDx), budgetMs),
    },
    {
      name: 'compiled training step, course network (211)',
      msPerCall: msPerCall(() => {
        model.computeGradients();
        optimizer.step(params);
      }, budgetMs),
    },
    // What a kernel call pays per result array it allocates: the runtimes differ most here.
    { name: 'new Float64Array(500)', msPerCall: msPerCall(() => new Float64Array(500), budgetMs) },
    { name: 'new Float64Array(50 000)', msPerCall: msPerCall(() => new Float64Array(50_000), budgetMs) },
  ];
}
