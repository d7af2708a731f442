import { describe, expect, it } from 'vitest';
import { arenaWith, BACKENDS, scaledError } from '../test/backends';
import { BACKENDS_AGREE_SCALED } from '../test/tolerances';
import { createArena } from './arena';
import type { BackendName } from './backend';
import { kernelExp, kernelSigmoid } from './internal/kernels/exp';
import { batchnormWorkspaceLength, gemmPanelsLength, softmaxWorkspaceLength } from './kernel-set';
import { RandomState } from './random-state';

// Every kernel of the registry on both backends, against an independent naive loop written here;
// bit for bit where the kernel sums in the loop's order, else within a named tolerance; and the
// two backends against each other.

function randn(rng: RandomState, length: number): Float64Array {
  return rng.randn(length).data;
}

/** The naive i-j-p product of op(A) (n, k) and op(B) (k, m). */
function naiveProduct(A: Float64Array, B: Float64Array, n: number, k: number, m: number, transposeA: boolean, transposeB: boolean) {
  const C = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A[transposeA ? p * n + i : i * k + p] * B[transposeB ? j * k + p : p * m + j];
      C[i * m + j] = s;
    }
  }
  return C;
}

/** Runs `f` on each backend and returns the results, for comparing the two. */
function onBoth<T>(f: (backend: BackendName) => T): [js: T, wasm: T] {
  return [f('js'), f('wasm')];
}

describe.each(BACKENDS)('the %s kernel set', (backend) => {
  it('runs on the backend it was created for (Node 20 has WebAssembly SIMD)', () => {
    expect(createArena([1], { backend }).kernels.backend).toBe(backend);
  });

  describe('packPanels + multiplyPanels', () => {
    // n mod 4 = 0 … 3, m mod 4 = 0 … 3 (the edge spills), m < 4, k = 1 and 2, odd k (Bᵀ is packed
    // two rows at a time), several row chunks (k = 700 gives 20 rows per chunk; a last chunk of 1
    // row, and one of 6, whose last block overlaps the one before it), the course's shapes and the
    // deep MLP's.
    for (const [n, k, m] of [
      [1, 1, 1],
      [2, 3, 1],
      [3, 1, 2],
      [5, 2, 3],
      [8, 4, 4],
      [7, 9, 6],
      [9, 20, 7],
      [61, 700, 6],
      [66, 700, 5],
      [23, 300, 9],
      [211, 2, 20],
      [211, 20, 3],
      [50, 784, 100],
      [50, 100, 100],
    ] as const) {
      it(`equal the naive loop bit for bit at (${n}, ${k}) @ (${k}, ${m}), all four transposes`, () => {
        const rng = new RandomState(n + k + m);
        const A = randn(rng, n * k);
        const B = randn(rng, k * m);
        for (const transposeA of [false, true]) {
          for (const transposeB of [false, true]) {
            const { arena, views } = arenaWith(backend, [A, B, gemmPanelsLength(k, m), new Float64Array(n * m).fill(Number.NaN)]);
            const [a, b, panels, c] = views;
            arena.kernels.packPanels(b, k, m, transposeB, panels);
            arena.kernels.multiplyPanels(a, panels, c, n, k, m, transposeA);
            expect(c).toEqual(naiveProduct(A, B, n, k, m, transposeA, transposeB));
          }
        }
      });
    }

    it('give zeros for k = 0 and leave c alone for an empty product', () => {
      const { arena, views } = arenaWith(backend, [4, 4, Float64Array.of(1, 2, 3, 4)]);
      arena.kernels.multiplyPanels(views[0], views[1], views[2], 2, 0, 2, false);
      expect(Array.from(views[2])).toEqual([0, 0, 0, 0]);
      views[2].fill(7);
      arena.kernels.multiplyPanels(views[0], views[1], views[2], 0, 3, 2, false);
      expect(Array.from(views[2])).toEqual([7, 7, 7, 7]);
    });
  });

  it('addBias adds a bias to every row and floors at 0 with relu, keeping NaN and −0', () => {
    for (const m of [1, 2, 5]) {
      const n = 3;
      const rng = new RandomState(m);
      const c = randn(rng, n * m);
      c[0] = Number.NaN;
      const bias = randn(rng, m);
      for (const relu of [false, true]) {
        const { arena, views } = arenaWith(backend, [c, bias]);
        arena.kernels.addBias(views[0], views[1], n, m, relu);
        const expected = c.map((v, i) => {
          const s = v + bias[i % m];
          return relu && s < 0 ? 0 : s;
        });
        expect(views[0]).toEqual(expected);
      }
    }
    // −0 + −0 is −0, which the floor keeps; −1 + 0 becomes +0.
    const { arena, views } = arenaWith(backend, [Float64Array.of(-0, -1), Float64Array.of(-0, 0)]);
    arena.kernels.addBias(views[0], views[1], 1, 2, true);
    expect(Object.is(views[0][0], -0)).toBe(true);
    expect(Object.is(views[0][1], 0)).toBe(true);
  });

  it('dropoutMask scales kept values by 1/keepProb and zeroes dropped ones, any length', () => {
    for (const length of [1, 2, 7]) {
      const rng = new RandomState(length);
      const values = randn(rng, length);
      const mask = Float64Array.from({ length }, () => (rng.nextDouble() < 0.6 ? 1 : 0));
      const { arena, views } = arenaWith(backend, [values, mask]);
      arena.kernels.dropoutMask(views[0], views[1], 0.6, length);
      expect(views[0]).toEqual(values.map((v, i) => (v * mask[i]) / 0.6));
    }
  });

  it('reluMask passes the gradient where the output is > 0', () => {
    const y = Float64Array.of(1, 0, -0, 2, Number.NaN, 3, -1);
    const dout = Float64Array.of(1, 2, 3, 4, 5, 6, 7);
    const { arena, views } = arenaWith(backend, [dout, y]);
    arena.kernels.reluMask(views[0], views[1], 7);
    expect(Array.from(views[0])).toEqual([1, 0, 0, 4, 0, 6, 0]);
  });

  it('columnSums sums every column from row 0 down, bit for bit', () => {
    for (const [n, m] of [
      [1, 1],
      [5, 3],
      [50, 100],
    ] as const) {
      const a = randn(new RandomState(n * m), n * m);
      const { arena, views } = arenaWith(backend, [a, m]);
      arena.kernels.columnSums(views[0], n, m, views[1]);
      const expected = new Float64Array(m);
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) expected[j] += a[i * m + j];
      expect(views[1]).toEqual(expected);
    }
  });

  it('sigmoidCrossEntropy gives a = σ(z) and dz = (a − y)/n', () => {
    for (const n of [1, 4, 7]) {
      const rng = new RandomState(n);
      const z = randn(rng, n).map((v) => 10 * v);
      const y = Float64Array.from({ length: n }, (_, i) => i % 2);
      const { arena, views } = arenaWith(backend, [z, y, n, n]);
      arena.kernels.sigmoidCrossEntropy(views[0], views[1], n, views[2], views[3]);
      const a = z.map((v) => 1 / (1 + kernelExp(-v)));
      expect(views[2]).toEqual(a);
      expect(views[3]).toEqual(a.map((p, i) => (1 / n) * (p - y[i])));
    }
  });

  it('softmaxCrossEntropy gives the mean loss and (softmax − one-hot)/n, stable for large scores', () => {
    for (const [n, c] of [
      [1, 1],
      [3, 2],
      [5, 3],
      [50, 10],
    ] as const) {
      const rng = new RandomState(n + c);
      const scores = randn(rng, n * c).map((v) => 30 * v + 500);
      const labels = Float64Array.from({ length: n }, (_, i) => i % c);
      const { arena, views } = arenaWith(backend, [scores, labels, n * c, softmaxWorkspaceLength(n)]);
      arena.kernels.softmaxCrossEntropy(views[0], views[1], n, c, views[2], views[3]);
      const loss = arena.kernels.softmaxLoss(views[3], n);
      let expectedLoss = 0;
      const dx = new Float64Array(n * c);
      for (let i = 0; i < n; i++) {
        const row = scores.subarray(i * c, (i + 1) * c);
        const max = Math.max(...row);
        const e = row.map((v) => kernelExp(v - max));
        let total = 0;
        for (const v of e) total += v;
        expectedLoss += Math.log(total) - (row[labels[i]] - max);
        for (let j = 0; j < c; j++) dx[i * c + j] = (j === labels[i] ? e[j] - total : e[j]) / (total * n);
      }
      expect(loss).toBe(expectedLoss / n);
      expect(views[2]).toEqual(dx);
    }
  });

  it('sgdUpdate and adamUpdate follow their formulas bit for bit, any length', () => {
    for (const length of [1, 2, 9]) {
      const rng = new RandomState(length);
      const w = randn(rng, length);
      const g = randn(rng, length);
      const v = randn(rng, length);
      const s = randn(rng, length).map(Math.abs);
      const { arena, views } = arenaWith(backend, [w, g, v, s, w]);
      arena.kernels.sgdUpdate(views[4], views[1], 0.3, length);
      expect(views[4]).toEqual(w.map((wi, i) => wi - 0.3 * g[i]));
      arena.kernels.adamUpdate(views[0], views[1], views[2], views[3], length, 1e-3, 0.9, 0.999, 1e-8, 1 - 0.9 ** 3, 1 - 0.999 ** 3);
      const vs = v.map((vi, i) => 0.9 * vi + (1 - 0.9) * g[i]);
      const ss = s.map((si, i) => 0.999 * si + (1 - 0.999) * (g[i] * g[i]));
      expect(views[2]).toEqual(vs);
      expect(views[3]).toEqual(ss);
      expect(views[0]).toEqual(w.map((wi, i) => wi - (1e-3 * (vs[i] / (1 - 0.9 ** 3))) / (Math.sqrt(ss[i] / (1 - 0.999 ** 3)) + 1e-8)));
    }
  });
});

describe.each(BACKENDS)('allFinite (%s)', (backend) => {
  it('is true for finite values (zeros, −0, the extremes) and false for a NaN or an infinity at any place, at every length', () => {
    for (let length = 0; length <= 9; length++) {
      const finite = Float64Array.from({ length }, (_, i) => [1.5, -0, Number.MAX_VALUE, -Number.MIN_VALUE, 0][i % 5]);
      const { arena, views } = arenaWith(backend, [finite]);
      expect(arena.kernels.allFinite(views[0], length), `length ${length}`).toBe(true);
      for (let at = 0; at < length; at++) {
        for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
          const values = finite.slice();
          values[at] = bad;
          const { arena: other, views: own } = arenaWith(backend, [values]);
          expect(other.kernels.allFinite(own[0], length), `${bad} at ${at} of ${length}`).toBe(false);
          // Only the first `length` values count.
          expect(other.kernels.allFinite(own[0], at)).toBe(true);
        }
      }
    }
  });
});

/** A feature-major layer's operands: w (rows, inUnits) and b (rows,) with padded rows zero, a (inRows, stride). */
function featureMajorLayer(inUnits: number, outUnits: number, count: number, seed: number) {
  const rng = new RandomState(seed);
  const stride = Math.ceil(count / 4) * 4;
  const rows = Math.ceil(outUnits / 4) * 4;
  const inRows = Math.ceil(inUnits / 4) * 4;
  const w = new Float64Array(rows * inUnits);
  w.set(randn(rng, outUnits * inUnits));
  const b = new Float64Array(rows);
  b.set(randn(rng, outUnits));
  const a = new Float64Array(inRows * stride);
  // Activations after a ReLU: non-negative, many zeros; padded examples hold values too, which must not matter.
  for (let j = 0; j < inUnits; j++) for (let i = 0; i < stride; i++) a[j * stride + i] = Math.max(0, rng.nextGaussian());
  return { rng, stride, rows, inRows, w, b, a };
}

describe('the feature-major dense kernels', () => {
  for (const [inUnits, outUnits, count] of [
    [2, 20, 211],
    [20, 3, 211],
    [3, 1, 211],
    [5, 2, 13],
    [4, 9, 31],
    [6, 4, 8],
    [1, 1, 2],
  ] as const) {
    it(`forwardHidden: b + w·a summed left to right, then ReLU, for ${outUnits} ← ${inUnits} units × ${count} examples, same bits on both backends`, () => {
      const { stride, rows, w, b, a } = featureMajorLayer(inUnits, outUnits, count, inUnits * outUnits);
      const expected = new Float64Array(rows * stride).fill(7);
      for (let k = 0; k < outUnits; k++) {
        for (let i = 0; i < stride; i++) {
          let s = b[k];
          for (let j = 0; j < inUnits; j++) s += w[k * inUnits + j] * a[j * stride + i];
          // biome-ignore lint/complexity/useMathMinMax: Math.max turns −0 into +0; the kernels keep it, as pmax does
          expected[k * stride + i] = s < 0 ? 0 : s;
        }
      }
      for (const backend of BACKENDS) {
        const { arena, views } = arenaWith(backend, [w, b, a, new Float64Array(rows * stride).fill(7)]);
        arena.kernels.forwardHidden(views[0], views[1], views[2], views[3], inUnits, outUnits, stride);
        expect(views[3], backend).toEqual(expected);
      }
    });

    it(`weightGradient: dw = dz·aᵀ for ${outUnits} ← ${inUnits} units × ${count} examples`, () => {
      const { rng, stride, rows, a } = featureMajorLayer(inUnits, outUnits, count, 3 * inUnits + outUnits);
      const dz = new Float64Array(rows * stride);
      for (let k = 0; k < outUnits; k++) for (let i = 0; i < count; i++) dz[k * stride + i] = rng.nextGaussian();
      const inputs = new Float64Array(Math.ceil(inUnits / 2) * 2 * stride);
      inputs.set(a.subarray(0, inUnits * stride));
      const expected = new Float64Array(rows * inUnits);
      for (let k = 0; k < rows; k++) {
        for (let j = 0; j < inUnits; j++) {
          let s = 0;
          for (let i = 0; i < stride; i++) s += dz[k * stride + i] * inputs[j * stride + i];
          expected[k * inUnits + j] = s;
        }
      }
      const [js, wasm] = onBoth((backend) => {
        const { arena, views } = arenaWith(backend, [dz, inputs, rows * inUnits]);
        arena.kernels.weightGradient(views[0], views[1], views[2], inUnits, rows, stride);
        return views[2];
      });
      expect(js).toEqual(expected);
      expect(scaledError(wasm, expected)).toBeLessThanOrEqual(BACKENDS_AGREE_SCALED);
    });

    it(`weightGradient with an L2 decay: the same bits as the plain gradient followed by dw += decay·w, ${outUnits} ← ${inUnits} units`, () => {
      const { rng, stride, rows, w, a } = featureMajorLayer(inUnits, outUnits, count, 3 * inUnits + outUnits + 1);
      const dz = new Float64Array(rows * stride);
      for (let k = 0; k < outUnits; k++) for (let i = 0; i < count; i++) dz[k * stride + i] = rng.nextGaussian();
      const inputs = new Float64Array(Math.ceil(inUnits / 2) * 2 * stride);
      inputs.set(a.subarray(0, inUnits * stride));
      const decay = 0.7 / count;
      for (const backend of BACKENDS) {
        const { arena, views } = arenaWith(backend, [dz, inputs, w, rows * inUnits, rows * inUnits]);
        const [dzView, inputsView, wView, fused, separate] = views;
        arena.kernels.weightGradient(dzView, inputsView, fused, inUnits, rows, stride, wView, decay);
        arena.kernels.weightGradient(dzView, inputsView, separate, inUnits, rows, stride);
        for (let i = 0; i < separate.length; i++) separate[i] += decay * w[i];
        expect(fused, backend).toEqual(separate);
        expect(
          fused.some((value, i) => value !== 0 && w[i] !== 0),
          backend,
        ).toBe(true);
      }
    });

    it(`forwardSigmoid: σ(b + w·a), the delta and its bias gradient, for 1 ← ${inUnits} units × ${count} examples`, () => {
      const { rng, stride, w, b, a } = featureMajorLayer(inUnits, 1, count, 5 * inUnits + count);
      const labels = new Float64Array(stride);
      const scale = new Float64Array(stride);
      for (let i = 0; i < count; i++) {
        labels[i] = rng.nextDouble() < 0.5 ? 1 : 0;
        scale[i] = 1 / count;
      }
      const out = new Float64Array(stride);
      const dz = new Float64Array(stride);
      let db = 0;
      for (let i = 0; i < stride; i++) {
        let s = b[0];
        for (let j = 0; j < inUnits; j++) s += w[j] * a[j * stride + i];
        out[i] = kernelSigmoid(s);
        dz[i] = scale[i] * (out[i] - labels[i]);
        db += dz[i];
      }
      const [js, wasm] = onBoth((backend) => {
        const { arena, views } = arenaWith(backend, [w, b, a, stride, labels, scale, stride, 1]);
        arena.kernels.forwardSigmoid(views[0], views[1], views[2], views[3], inUnits, stride, views[4], views[5], views[6], views[7]);
        return views;
      });
      for (const views of [js, wasm]) {
        expect(views[3]).toEqual(out);
        expect(views[6]).toEqual(dz);
      }
      expect(js[7][0]).toBe(db);
      expect(scaledError(wasm[7], js[7])).toBeLessThanOrEqual(BACKENDS_AGREE_SCALED);
    });
  }

  for (const [inUnits, outUnits, count, keepProb] of [
    [20, 3, 211, 1],
    [20, 3, 211, 0.86],
    [3, 1, 211, 1],
    [6, 4, 50, 1],
    [4, 2, 50, 1],
    [5, 9, 31, 1],
    [7, 5, 33, 0.7],
  ] as const) {
    it(`backwardHidden: dz = (wᵀ·dzNext) ⊙ [a > 0]/keepProb, its sums and the next dw, ${outUnits} → ${inUnits} units, keepProb ${keepProb}`, () => {
      const { rng, stride, rows, inRows, w, a } = featureMajorLayer(inUnits, outUnits, count, inUnits + 7 * outUnits);
      const dzNext = new Float64Array(rows * stride);
      for (let k = 0; k < outUnits; k++) for (let i = 0; i < count; i++) dzNext[k * stride + i] = rng.nextGaussian();
      const dz = new Float64Array(inRows * stride);
      const db = new Float64Array(inUnits);
      const dw = new Float64Array(rows * inUnits);
      for (let j = 0; j < inUnits; j++) {
        for (let i = 0; i < stride; i++) {
          let s = 0;
          for (let k = 0; k < outUnits; k++) s += w[k * inUnits + j] * dzNext[k * stride + i];
          dz[j * stride + i] = a[j * stride + i] > 0 ? s / keepProb : 0;
          db[j] += dz[j * stride + i];
        }
        for (let k = 0; k < outUnits; k++) {
          let s = 0;
          for (let i = 0; i < stride; i++) s += dzNext[k * stride + i] * a[j * stride + i];
          dw[k * inUnits + j] = s;
        }
      }
      const [js, wasm] = onBoth((backend) => {
        const { arena, views } = arenaWith(backend, [w, dzNext, a, inRows * stride, rows * inUnits, inUnits]);
        arena.kernels.backwardHidden(views[0], views[1], views[2], views[3], views[4], views[5], inUnits, outUnits, stride, keepProb);
        return views;
      });
      expect(js[3]).toEqual(dz);
      expect(js[4]).toEqual(dw);
      expect(js[5]).toEqual(db);
      for (const k of [3, 4, 5]) expect(scaledError(wasm[k], js[k]), `output ${k}`).toBeLessThanOrEqual(BACKENDS_AGREE_SCALED);
    });

    it(`backwardHidden with an L2 decay: dw the same bits as without it followed by dw += decay·w, dz and db unchanged, ${outUnits} → ${inUnits} units, keepProb ${keepProb}`, () => {
      const { rng, stride, rows, inRows, w, a } = featureMajorLayer(inUnits, outUnits, count, inUnits + 7 * outUnits + 1);
      const dzNext = new Float64Array(rows * stride);
      for (let k = 0; k < outUnits; k++) for (let i = 0; i < count; i++) dzNext[k * stride + i] = rng.nextGaussian();
      const decay = 0.7 / count;
      for (const backend of BACKENDS) {
        const run = (withDecay: boolean) => {
          const { arena, views } = arenaWith(backend, [w, dzNext, a, inRows * stride, rows * inUnits, inUnits]);
          const [wView, next, aView, dz, dw, db] = views;
          if (withDecay) arena.kernels.backwardHidden(wView, next, aView, dz, dw, db, inUnits, outUnits, stride, keepProb, decay);
          else arena.kernels.backwardHidden(wView, next, aView, dz, dw, db, inUnits, outUnits, stride, keepProb);
          return { dz, dw, db };
        };
        const fused = run(true);
        const separate = run(false);
        for (let i = 0; i < separate.dw.length; i++) separate.dw[i] += decay * w[i];
        expect(fused.dw, backend).toEqual(separate.dw);
        expect(fused.dz, backend).toEqual(separate.dz);
        expect(fused.db, backend).toEqual(separate.db);
      }
    });
  }
});

/** Batch norm from its definition: two-pass statistics, every sum left to right. */
function naiveBatchnorm(x: Float64Array, n: number, d: number, gamma: Float64Array, beta: Float64Array, eps: number) {
  const mean = new Float64Array(d);
  const variance = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) mean[j] += x[i * d + j] / n;
    for (let i = 0; i < n; i++) variance[j] += (x[i * d + j] - mean[j]) ** 2 / n;
  }
  const invStd = variance.map((v) => 1 / Math.sqrt(v + eps));
  const out = x.map((v, k) => gamma[k % d] * (v - mean[k % d]) * invStd[k % d] + beta[k % d]);
  return { mean, variance, invStd, out };
}

describe('the batch-norm kernels', () => {
  for (const [n, d] of [
    [2, 1],
    [5, 3],
    [50, 100],
    [100, 501],
  ] as const) {
    const rng = new RandomState(n + d);
    const x = randn(rng, n * d).map((v) => 3 * v + 1);
    const dout = randn(rng, n * d);
    const gamma = randn(rng, d);
    const beta = randn(rng, d);
    const eps = 1e-5;

    function train(backend: BackendName, relu: boolean) {
      const runningMean = Float64Array.from({ length: d }, (_, j) => j / d);
      const runningVar = Float64Array.from({ length: d }, (_, j) => 1 + j / d);
      const { arena, views } = arenaWith(backend, [x, n * d, batchnormWorkspaceLength(d)]);
      const mean = new Float64Array(d);
      const variance = new Float64Array(d);
      const invStd = new Float64Array(d);
      const bad = arena.kernels.batchnormTrainForward(
        views[0],
        n,
        d,
        gamma,
        beta,
        runningMean,
        runningVar,
        eps,
        0.9,
        n / (n - 1),
        mean,
        variance,
        invStd,
        views[1],
        relu,
        views[2],
      );
      return { bad, runningMean, runningVar, mean, variance, invStd, out: Float64Array.from(views[1]) };
    }

    it(`train forward at (${n}, ${d}): the definition's statistics, running stats and output on both backends`, () => {
      const expected = naiveBatchnorm(x, n, d, gamma, beta, eps);
      const [js, wasm] = onBoth((backend) => train(backend, false));
      for (const result of [js, wasm]) {
        expect(result.bad).toBe(-1);
        expect(scaledError(result.mean, expected.mean)).toBeLessThanOrEqual(BACKENDS_AGREE_SCALED);
        expect(scaledError(result.variance, expected.variance)).toBeLessThanOrEqual(BACKENDS_AGREE_SCALED);
        expect(scaledError(result.out, expected.out)).toBeLessThanOrEqual(BACKENDS_AGREE_SCALED);
        const runningMean = expected.mean.map((m, j) => 0.9 * (j / d) + 0.1 * m);
        const runningVar = expected.variance.map((v, j) => 0.9 * (1 + j / d) + 0.1 * v * (n / (n - 1)));
        expect(scaledError(result.runningMean, runningMean)).toBeLessThanOrEqual(BACKENDS_AGREE_SCALED);
        expect(scaledError(result.runningVar, runningVar)).toBeLessThanOrEqual(BACKENDS_AGREE_SCALED);
      }
      for (const key of ['mean', 'invStd', 'out'] as const) {
        expect(scaledError(wasm[key], js[key]), key).toBeLessThanOrEqual(BACKENDS_AGREE_SCALED);
      }
      // With a ReLU fused: the same output floored at 0.
      // biome-ignore lint/complexity/useMathMinMax: Math.max turns −0 into +0; the kernels keep it, as pmax does
      const floor = (v: number) => (v < 0 ? 0 : v);
      const [jsRelu, wasmRelu] = onBoth((backend) => train(backend, true));
      expect(jsRelu.out).toEqual(js.out.map(floor));
      expect(wasmRelu.out).toEqual(wasm.out.map(floor));
    });

    it(`test forward and backward at (${n}, ${d}): same bits on both backends given the statistics`, () => {
      const { mean, invStd } = naiveBatchnorm(x, n, d, gamma, beta, eps);
      const [js, wasm] = onBoth((backend) => {
        const { arena, views } = arenaWith(backend, [x, n * d, dout, n * d, batchnormWorkspaceLength(d)]);
        const finite = arena.kernels.batchnormTestForward(views[0], n, d, mean, invStd, gamma, beta, views[1], false, views[4]);
        const dgamma = new Float64Array(d);
        const dbeta = new Float64Array(d);
        const sums = arena.kernels.batchnormBackward(
          views[0],
          views[2],
          n,
          d,
          mean,
          invStd,
          gamma,
          true,
          views[3],
          dgamma,
          dbeta,
          views[4],
        );
        return { finite, sums, out: Float64Array.from(views[1]), dx: Float64Array.from(views[3]), dgamma, dbeta };
      });
      expect(js.finite && wasm.finite && js.sums && wasm.sums).toBe(true);
      expect(wasm.out).toEqual(js.out);
      expect(js.out).toEqual(x.map((v, k) => (v - mean[k % d]) * (gamma[k % d] * invStd[k % d]) + beta[k % d]));
      // The closed form from its definition, sums left to right.
      const dbeta = new Float64Array(d);
      const dgamma = new Float64Array(d);
      for (let k = 0; k < n * d; k++) {
        dbeta[k % d] += dout[k];
        dgamma[k % d] += dout[k] * (x[k] - mean[k % d]) * invStd[k % d];
      }
      const dx = dout.map((g, k) => {
        const j = k % d;
        const xhat = (x[k] - mean[j]) * invStd[j];
        return ((gamma[j] * invStd[j]) / n) * (n * g - dbeta[j] - xhat * dgamma[j]);
      });
      // dx is a difference of terms of the size of γ/σ·dout (it cancels to almost 0 for N = 2):
      // its error is relative to that size.
      let termScale = 0;
      for (let k = 0; k < n * d; k++) termScale = Math.max(termScale, Math.abs(gamma[k % d] * invStd[k % d] * dout[k]));
      for (const result of [js, wasm]) {
        expect(scaledError(result.dbeta, dbeta)).toBeLessThanOrEqual(BACKENDS_AGREE_SCALED);
        expect(scaledError(result.dgamma, dgamma)).toBeLessThanOrEqual(BACKENDS_AGREE_SCALED);
        for (let k = 0; k < n * d; k++) expect(Math.abs(result.dx[k] - dx[k])).toBeLessThanOrEqual(BACKENDS_AGREE_SCALED * termScale);
      }
    });
  }

  it.each(BACKENDS)('%s: report the first bad feature (and update nothing), a non-finite x or dout', (backend) => {
    const d = 3;
    const n = 4;
    // Feature 1 is constant: with eps = 0 its variance gives 1/σ = ∞.
    const x = Float64Array.of(1, 5, 2, 3, 5, 1, 4, 5, 7, 2, 5, 0);
    const { arena, views } = arenaWith(backend, [x, n * d, batchnormWorkspaceLength(d)]);
    const runningMean = new Float64Array(d);
    const runningVar = new Float64Array(d).fill(1);
    const one = new Float64Array(d).fill(1);
    const bad = arena.kernels.batchnormTrainForward(
      views[0],
      n,
      d,
      one,
      one,
      runningMean,
      runningVar,
      0,
      0.9,
      1,
      new Float64Array(d),
      new Float64Array(d),
      new Float64Array(d),
      views[1],
      false,
      views[2],
    );
    expect(bad).toBe(1);
    expect(Array.from(runningMean)).toEqual([0, 0, 0]);
    expect(Array.from(runningVar)).toEqual([1, 1, 1]);
    views[0][4] = Number.NaN;
    expect(arena.kernels.batchnormTestForward(views[0], n, d, one, one, one, one, views[1], false, views[2])).toBe(false);
    const grads = () => arena.kernels.batchnormBackward(views[1], views[0], n, d, one, one, one, true, views[1], one, one, views[2]);
    expect(grads()).toBe(false);
  });
});
