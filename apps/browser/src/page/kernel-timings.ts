import { batchnormBackwardAlt, batchnormForward } from '@lab/batchnorm';
import { matmul, RandomState } from '@lab/tensor';

/** One kernel's speed: milliseconds per call, and GFLOP/s where the kernel's flop count is plain. */
export interface KernelTiming {
  readonly name: string;
  readonly msPerCall: number;
  readonly gflops?: number;
}

/**
 * Milliseconds per call of `run`: calls in chunks of about 20 ms for about `budgetMs`, after a
 * warm-up; the fastest chunk's mean (the least disturbed by other work, GC included in the chunk).
 */
function msPerCall(run: () => void, budgetMs: number): number {
  let perChunk = 1;
  for (let start = performance.now(); performance.now() - start < 20; perChunk *= 2) for (let i = 0; i < perChunk; i++) run();
  let best = Number.POSITIVE_INFINITY;
  const end = performance.now() + budgetMs;
  while (performance.now() < end) {
    const start = performance.now();
    for (let i = 0; i < perChunk; i++) run();
    best = Math.min(best, (performance.now() - start) / perChunk);
  }
  return best;
}

/**
 * The kernels compared between Node and Chromium: matmul 256³ and at the course's tiny
 * shapes, batch norm forward (train) + closed-form backward at (100, 500). The same bundle runs in
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
  const big = msPerCall(() => matmul(a, b), budgetMs);
  return [
    { name: 'matmul 256³', msPerCall: big, gflops: (2 * 256 ** 3) / (big * 1e6) },
    { name: 'matmul (211, 2) @ (2, 20)', msPerCall: msPerCall(() => matmul(x, w), budgetMs) },
    { name: 'matmul (211, 20) @ (20, 3)', msPerCall: msPerCall(() => matmul(h, w2), budgetMs) },
    {
      name: 'batchnorm forward + backwardAlt (100, 500)',
      msPerCall: msPerCall(() => batchnormBackwardAlt(dout, batchnormForward(input, gamma, beta, param).cache), budgetMs),
    },
  ];
}
