/**
 * Affine kernels at the regularization experiment's layer shapes (N = 211) and an MNIST-sized
 * one: forward and backward, allocating and with out buffers. Prints medians per shape.
 */
import { RandomState, Tensor } from '@lab/tensor';
import { test } from 'vitest';
import { affineBackward, affineForward } from '../src/affine';

const SHAPES = [
  [211, 2, 20],
  [211, 20, 3],
  [64, 784, 100],
] as const;

const fmt = (ms: number): string => (ms * 1000).toFixed(1);

for (const [n, d, m] of SHAPES) {
  test(`affine N=${n} D=${d} M=${m}`, async ({ bench }) => {
    const rng = new RandomState(0);
    const x = rng.randn(n, d);
    const w = rng.randn(m, d);
    const b = rng.randn(m);
    const dout = rng.randn(n, m);
    const out = new Tensor(new Float64Array(n * m), [n, m]);
    const { cache } = affineForward(x, w, b);
    const grads = {
      dx: new Tensor(new Float64Array(n * d), [n, d]),
      dw: new Tensor(new Float64Array(m * d), [m, d]),
      db: new Tensor(new Float64Array(m), [m]),
    };
    const results = await bench.compare(
      bench('forward', () => affineForward(x, w, b)),
      bench('forward, out buffer', () => affineForward(x, w, b, out)),
      bench('backward', () => affineBackward(dout, cache)),
      bench('backward, out buffers', () => affineBackward(dout, cache, grads)),
      { time: 500, iterations: 20 },
    );
    const us = (name: Parameters<typeof results.get>[0]) => fmt(results.get(name).latency.p50);
    console.log(
      `affine (N, D, M) = (${n}, ${d}, ${m}) medians µs: forward ${us('forward')} (out ${us('forward, out buffer')}), ` +
        `backward ${us('backward')} (out ${us('backward, out buffers')})`,
    );
  });
}
