import { type BackendName, getBackend, RandomState, setBackend, type Tensor } from '@lab/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { scaledError } from '../test/helpers';
import { WASM_AGREE_TOLERANCE } from '../test/tolerances';
import { type BatchnormParam, batchnormBackwardAlt, batchnormForward } from './batchnorm-functions';

// The batch-norm functions on both backends of @lab/tensor (`setBackend`): the js kernels (two-pass
// statistics, in place) and the wasm ones (one shifted pass, through the scratch arena) agree.

/** Forward (train, then test mode with the updated running stats) and closed-form backward. */
function run(backend: BackendName, x: Tensor, dout: Tensor, gamma: Tensor, beta: Tensor) {
  setBackend(backend);
  const param: BatchnormParam = { mode: 'train', unbiasedRunningVar: true };
  const train = batchnormForward(x, gamma, beta, param);
  const grads = batchnormBackwardAlt(dout, train.cache);
  param.mode = 'test';
  const test = batchnormForward(x, gamma, beta, param);
  const testGrads = batchnormBackwardAlt(dout, test.cache);
  return [
    train.out,
    train.cache.mean,
    train.cache.invStd,
    param.runningMean!,
    param.runningVar!,
    grads.dx,
    grads.dgamma,
    grads.dbeta,
    test.out,
    testGrads.dx,
    testGrads.dgamma,
  ];
}

function inputs(n: number, d: number, seed: number) {
  const rng = new RandomState(seed);
  const x = rng.randn(n, d);
  for (let k = 0; k < x.size; k++) x.data[k] = 3 * x.data[k] + 1;
  return { x, dout: rng.randn(n, d), gamma: rng.randn(d), beta: rng.randn(d) };
}

function expectAgree(n: number, d: number, { x, dout, gamma, beta }: ReturnType<typeof inputs>): void {
  const wasm = run('wasm', x, dout, gamma, beta);
  const js = run('js', x, dout, gamma, beta);
  wasm.forEach((t, k) => expect(scaledError(t, js[k]), `(${n}, ${d}) result ${k}`).toBeLessThanOrEqual(WASM_AGREE_TOLERANCE));
}

describe('the batch-norm functions on the wasm and js backends', () => {
  afterEach(() => setBackend('wasm'));

  it('run on wasm by default on Node 20', () => {
    expect(getBackend()).toBe('wasm');
  });

  // Odd and even N and D, N mod 4 = 0..3, small and large.
  for (const [n, d] of [
    [2, 1],
    [3, 2],
    [5, 3],
    [7, 33],
    [16, 16],
    [100, 500],
    [150, 501],
    [9, 10_001],
  ] as const) {
    it(`agree at (${n}, ${d})`, () => expectAgree(n, d, inputs(n, d, n + d)));
  }

  it('agree when the first rows are far from the mean (the variance pass is re-run, centered)', () => {
    const data = inputs(400, 6, 5);
    for (let j = 0; j < 6; j++) data.x.data[j] = 1e7 * (j + 1);
    expectAgree(400, 6, data);
  });

  it('keep nothing between calls of different shapes: two layers, forward, forward, backward, backward', () => {
    const results = (['wasm', 'js'] as const).map((backend) => {
      setBackend(backend);
      const a = inputs(30, 12, 1);
      const b = inputs(8, 7, 2);
      const fa = batchnormForward(a.x, a.gamma, a.beta, { mode: 'train' });
      const fb = batchnormForward(b.x, b.gamma, b.beta, { mode: 'train' });
      return [batchnormBackwardAlt(b.dout, fb.cache).dx, batchnormBackwardAlt(a.dout, fa.cache).dx, fa.out, fb.out];
    });
    results[0].forEach((t, k) => expect(scaledError(t, results[1][k])).toBeLessThanOrEqual(WASM_AGREE_TOLERANCE));
  });

  it('are pure: two layers of one shape, a backward pass twice for the same cache', () => {
    const results = (['wasm', 'js'] as const).map((backend) => {
      setBackend(backend);
      const a = inputs(12, 5, 6);
      const b = inputs(12, 5, 7);
      const fa = batchnormForward(a.x, a.gamma, a.beta, { mode: 'train' });
      const fb = batchnormForward(b.x, b.gamma, b.beta, { mode: 'train' });
      const first = batchnormBackwardAlt(b.dout, fb.cache).dx;
      const again = batchnormBackwardAlt(b.dout, fb.cache).dx;
      return [first, again, batchnormBackwardAlt(a.dout, fa.cache).dx];
    });
    results[0].forEach((t, k) => expect(scaledError(t, results[1][k])).toBeLessThanOrEqual(WASM_AGREE_TOLERANCE));
  });

  it('agree with eps = 0 and an odd D (the padding lane of the last pair has a zero variance)', () => {
    const { x, gamma, beta, dout } = inputs(9, 5, 8);
    const results = (['wasm', 'js'] as const).map((backend) => {
      setBackend(backend);
      const { out, cache } = batchnormForward(x, gamma, beta, { mode: 'train', eps: 0 });
      return [out, cache.invStd, batchnormBackwardAlt(dout, cache).dx];
    });
    results[0].forEach((t, k) => expect(scaledError(t, results[1][k])).toBeLessThanOrEqual(WASM_AGREE_TOLERANCE));
  });

  it.each(['wasm', 'js'] as const)('%s: report a zero variance with eps = 0, leaving the running stats alone', (backend) => {
    setBackend(backend);
    const { x, gamma, beta } = inputs(6, 5, 9);
    for (let i = 0; i < 6; i++) x.data[i * 5 + 3] = 2;
    const param: BatchnormParam = { mode: 'train', eps: 0 };
    expect(() => batchnormForward(x, gamma, beta, param)).toThrow(
      'batchnormForward: x (6, 5): the variance of feature 3 plus eps is 0; it must be finite and > 0',
    );
    expect(param.runningMean?.toArray()).toEqual([0, 0, 0, 0, 0]);
    expect(param.runningVar?.toArray()).toEqual([1, 1, 1, 1, 1]);
  });

  it('copy their operands afresh on every call, even the same array changed in place', () => {
    const { x, dout, gamma, beta } = inputs(10, 4, 4);
    const param: BatchnormParam = { mode: 'train' };
    const first = batchnormForward(x, gamma, beta, param);
    batchnormBackwardAlt(dout, first.cache);
    for (let k = 0; k < x.size; k++) x.data[k] *= 2;
    for (let k = 0; k < dout.size; k++) dout.data[k] = -dout.data[k];
    const wasm = batchnormForward(x, gamma, beta, param);
    const wasmGrads = batchnormBackwardAlt(dout, wasm.cache);
    setBackend('js');
    const js = batchnormForward(x, gamma, beta, { mode: 'train' });
    const jsGrads = batchnormBackwardAlt(dout, js.cache);
    expect(scaledError(wasm.cache.mean, js.cache.mean)).toBeLessThanOrEqual(WASM_AGREE_TOLERANCE);
    expect(scaledError(wasmGrads.dx, jsGrads.dx)).toBeLessThanOrEqual(WASM_AGREE_TOLERANCE);
  });

  it.each(['wasm', 'js'] as const)('%s: report a non-finite x or dout, naming the first', (backend) => {
    setBackend(backend);
    const { x, dout, gamma, beta } = inputs(6, 5, 3);
    x.data[13] = Number.NaN;
    const message = /batchnormForward: x \(6, 5\): x\[2, 3\] is NaN; every element must be finite/;
    expect(() => batchnormForward(x, gamma, beta, { mode: 'train' })).toThrow(message);
    expect(() => batchnormForward(x, gamma, beta, { mode: 'test' })).toThrow(message);
    x.data[13] = 0;
    const { cache } = batchnormForward(x, gamma, beta, { mode: 'train' });
    dout.data[7] = Number.POSITIVE_INFINITY;
    expect(() => batchnormBackwardAlt(dout, cache)).toThrow(/batchnormBackwardAlt: dout \(6, 5\): dout\[1, 2\] is Infinity/);
  });
});
