import * as math from 'mathjs';
import { afterAll, test } from 'vitest';
import { setBackend } from '../src/backend';
import { matmul, RandomState, type Tensor, toMathjs, transpose, zeros } from '../src/index';

/**
 * matmul throughput at four shapes (the course's two tiny products, 256³, and a wide batch), against
 * its js backend (the fallback without WebAssembly SIMD), a naive triple loop and mathjs.multiply
 * measured in the same run. Prints GFLOP/s (2·N·K·M flops per product) from the median time and the speed-up ratios; run with `pnpm --filter @lab/tensor bench`.
 */

const SHAPES: readonly (readonly [n: number, k: number, m: number])[] = [
  [211, 2, 20],
  [211, 20, 3],
  [256, 256, 256],
  [1000, 100, 100],
];

/** The textbook i-j-p loop on the raw buffers: the baseline every kernel must beat. */
function naive(a: Tensor, b: Tensor, out: Tensor): void {
  const [n, k] = a.shape;
  const m = b.shape[1];
  const A = a.data;
  const B = b.data;
  const C = out.data;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A[i * k + p] * B[p * m + j];
      C[i * m + j] = s;
    }
  }
}

const report: string[] = [];
const gflops = (n: number, k: number, m: number, ms: number) => (2 * n * k * m) / (ms * 1e6);

for (const [n, k, m] of SHAPES) {
  test(`matmul (${n}, ${k}) @ (${k}, ${m})`, async ({ bench }) => {
    const rng = new RandomState(0);
    const a = rng.randn(n, k);
    const b = rng.randn(k, m);
    const bt = transpose(b);
    const out = zeros(n, m);
    const ma = toMathjs(a, math) as math.Matrix;
    const mb = toMathjs(b, math) as math.Matrix;
    const results = await bench.compare(
      bench('@lab/tensor matmul', () => {
        matmul(a, b, {}, out);
      }),
      bench('@lab/tensor matmul, transposeB', () => {
        matmul(a, bt, { transposeB: true }, out);
      }),
      bench('@lab/tensor matmul, js backend', () => {
        setBackend('js');
        matmul(a, b, {}, out);
        setBackend('wasm');
      }),
      bench('naive triple loop', () => {
        naive(a, b, out);
      }),
      bench('mathjs.multiply', () => {
        math.multiply(ma, mb);
      }),
      { time: 1500, warmupTime: 300 },
    );
    // The median, not the mean: other processes on a shared machine add long outliers.
    const lab = results.get('@lab/tensor matmul').latency.p50;
    const labT = results.get('@lab/tensor matmul, transposeB').latency.p50;
    const labJs = results.get('@lab/tensor matmul, js backend').latency.p50;
    const slow = results.get('naive triple loop').latency.p50;
    const mathjs = results.get('mathjs.multiply').latency.p50;
    const us = (ms: number) => `${(ms * 1e3).toFixed(2)} µs`;
    report.push(
      `| ${n}×${k}·${k}×${m} | ${gflops(n, k, m, lab).toFixed(2)} (${us(lab)}) | ${gflops(n, k, m, labT).toFixed(2)} | ` +
        `${gflops(n, k, m, labJs).toFixed(2)} (${us(labJs)}) | ` +
        `${gflops(n, k, m, slow).toFixed(2)} | ${gflops(n, k, m, mathjs).toFixed(3)} | ${(slow / lab).toFixed(1)}× | ${(mathjs / lab).toFixed(0)}× |`,
    );
  });
}

afterAll(() => {
  console.log(
    [
      '',
      'matmul, GFLOP/s from the median time per product (and that time)',
      '| shape | @lab/tensor | transposeB | js backend | naive loop | mathjs | vs naive | vs mathjs |',
      '|---|---|---|---|---|---|---|---|',
      ...report,
    ].join('\n'),
  );
});
