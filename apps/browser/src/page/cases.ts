import { type BatchnormParam, batchnormBackward, batchnormBackwardAlt, batchnormForward } from '@lab/batchnorm';
import { matmul, RandomState, type Tensor } from '@lab/tensor';

/** Every value of every output of {@link runCases}, by name, in row-major order. */
export type CaseResults = Record<string, number[]>;

const values = (t: Tensor): number[] => Array.from(t.data);

/**
 * The computations compared between Node and the browser: deterministic (seeded NumPy-compatible
 * draws), on the kernels lab runs in WebAssembly — matmul at the course's tiny shapes and at a
 * blocked size with edge columns, batch norm's forward (train and test) and both backwards.
 * @returns the outputs by name; the same bytes wherever the same kernels run
 */
export function runCases(): CaseResults {
  const rng = new RandomState(0);
  const results: CaseResults = {};

  // The course's first two layers: (211, 2) · (2, 20) and (211, 20) · (20, 3).
  const x = rng.randn(211, 2);
  const w1 = rng.randn(2, 20);
  const h = matmul(x, w1);
  results['matmul (211, 2) @ (2, 20)'] = values(h);
  results['matmul (211, 20) @ (20, 3)'] = values(matmul(h, rng.randn(20, 3)));
  // 4 × 4 blocks plus a 3-column edge.
  results['matmul (67, 45) @ (45, 31)'] = values(matmul(rng.randn(67, 45), rng.randn(45, 31)));

  // Batch norm at (N, D) = (100, 50), inputs shifted and scaled away from the unit normal.
  const n = 100;
  const d = 50;
  const input = rng.normal(1, 3, [n, d]);
  const gamma = rng.rand(d);
  const beta = rng.randn(d);
  const param: BatchnormParam = { mode: 'train', eps: 1e-5, momentum: 0.9 };
  const { out, cache } = batchnormForward(input, gamma, beta, param);
  results['batchnormForward train out'] = values(out);
  const dout = rng.randn(n, d);
  const staged = batchnormBackward(dout, cache);
  results['batchnormBackward dx'] = values(staged.dx);
  results['batchnormBackward dgamma'] = values(staged.dgamma);
  results['batchnormBackward dbeta'] = values(staged.dbeta);
  const alt = batchnormBackwardAlt(dout, cache);
  results['batchnormBackwardAlt dx'] = values(alt.dx);
  results['batchnormBackwardAlt dgamma'] = values(alt.dgamma);
  results['batchnormBackwardAlt dbeta'] = values(alt.dbeta);
  if (param.runningMean === undefined || param.runningVar === undefined) throw new Error('batchnormForward set no running statistics');
  results['running mean, var'] = [...values(param.runningMean), ...values(param.runningVar)];
  const test = batchnormForward(rng.randn(10, d), gamma, beta, { ...param, mode: 'test' });
  results['batchnormForward test out'] = values(test.out);
  return results;
}
