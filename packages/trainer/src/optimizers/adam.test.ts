import type { Param } from '@lab/layers';
import { type BackendName, ConfigError, createArena, Tensor } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { NUMPY_GRADS, NUMPY_START } from '../../test/fixtures/optimizer-inputs';
import { Adam } from './adam';

function param(name: string, value: readonly number[], shape: readonly number[] = [value.length]): Param {
  return { name, value: new Tensor(Float64Array.from(value), shape), grad: new Tensor(new Float64Array(value.length), shape) };
}

/** The course's Adam, one param, written out plainly. */
function referenceAdam(w: Float64Array, grads: readonly (readonly number[])[], lr: number, beta1 = 0.9, beta2 = 0.999, eps = 1e-8) {
  const v = new Float64Array(w.length);
  const s = new Float64Array(w.length);
  grads.forEach((g, index) => {
    const t = index + 1;
    for (let i = 0; i < w.length; i++) {
      v[i] = beta1 * v[i] + (1 - beta1) * g[i];
      const vCorrected = v[i] / (1 - beta1 ** t);
      s[i] = beta2 * s[i] + (1 - beta2) * g[i] ** 2;
      const sCorrected = s[i] / (1 - beta2 ** t);
      w[i] = w[i] - (lr * vCorrected) / (Math.sqrt(sCorrected) + eps);
    }
  });
  return w;
}

describe('Adam', () => {
  it('bias-corrects the first step: v̂ = g and ŝ = g², so every weight moves by ≈ lr·sign(g)', () => {
    const p = param('W1', [1, 1, 1, 1]);
    p.grad.data.set([3, -0.02, 1e-3, -50]);
    new Adam({ learningRate: 0.01 }).step([p]);
    for (let i = 0; i < 4; i++) {
      const g = p.grad.data[i];
      const expected = 1 - (0.01 * g) / (Math.abs(g) + 1e-8);
      expect(Math.abs(p.value.data[i] - expected)).toBeLessThan(1e-15);
    }
    // Without the correction the first step would be lr·0.1/√0.001 ≈ 3.16·lr.
    expect(Math.abs(1 - p.value.data[0])).toBeCloseTo(0.01, 9);
  });

  it('matches the straightforward reference for several steps, bit for bit', () => {
    const grads = [
      [0.1, 0.2, -0.3],
      [1.5, -2, 0.25],
      [0, 1e-3, 7],
      [-0.4, 0.4, 1e-12],
    ];
    const p = param('W1', [0.3, -0.2, 0.7]);
    const expected = referenceAdam(Float64Array.from(p.value.data), grads, 0.002, 0.8, 0.99, 1e-7);
    const optimizer = new Adam({ learningRate: 0.002, beta1: 0.8, beta2: 0.99, epsilon: 1e-7 });
    for (const g of grads) {
      p.grad.data.set(g);
      optimizer.step([p]);
    }
    expect(p.value.data).toEqual(expected);
  });

  it.each(['js', 'wasm'] as BackendName[])(
    "on params in an arena (%s, a compiled model's): moments kept there, updated by its kernel, the reference's bits; params moved elsewhere: the loop",
    (backend) => {
      const grads = [
        [0.1, 0.2, -0.3, 2, -1e-3],
        [1.5, -2, 0.25, 0, 3],
        [0, 1e-3, 7, -0.5, 0.5],
      ];
      const start = [0.3, -0.2, 0.7, 1, -1];
      // Two moments of 5 values, each with its slack and alignment: exactly the spare.
      const arena = createArena([5, 5], { backend, spare: 2 * 10 });
      const [value, grad] = arena.views;
      value.set(start);
      const p: Param = { name: 'W1', value: new Tensor(value, [5]), grad: new Tensor(grad, [5]) };
      const optimizer = new Adam({ learningRate: 0.002, beta1: 0.8, beta2: 0.99, epsilon: 1e-7 });
      for (const g of grads) {
        grad.set(g);
        optimizer.step([p]);
      }
      expect(arena.allocate(1)).toBeNull(); // the moments took the spare memory
      expect(value).toEqual(referenceAdam(Float64Array.from(start), grads, 0.002, 0.8, 0.99, 1e-7));
      // The same param names on plain arrays (a network compiled again moves its params): the loop continues.
      const moved: Param = { name: 'W1', value: new Tensor(Float64Array.from(value), [5]), grad: new Tensor(new Float64Array(5), [5]) };
      moved.grad.data.set(grads[0]);
      optimizer.step([moved]);
      expect(moved.value.data).toEqual(referenceAdam(Float64Array.from(start), [...grads, grads[0]], 0.002, 0.8, 0.99, 1e-7));
    },
  );

  it('reproduces NumPy (the course update_parameters_with_adam) for three steps, exactly', () => {
    const W = param('W1', NUMPY_START.W, [2, 3]);
    const b = param('b1', NUMPY_START.b, [2, 1]);
    const optimizer = new Adam({ learningRate: 0.01 });
    for (const g of NUMPY_GRADS) {
      W.grad.data.set(g.W);
      b.grad.data.set(g.b);
      optimizer.step([W, b]);
    }
    // python3 + numpy 2.4, lr 0.01 and the default betas and epsilon
    expect(Array.from(W.value.data)).toEqual([
      0.47890257503390987, -1.240228624931107, 1.9724130054212015, -0.7686336698760579, 0.13029345184480529, 3.503478447412658,
    ]);
    expect(Array.from(b.value.data)).toEqual([0.08421560563562758, -0.18711237789610458]);
  });

  it('decays weights (AdamW) but not biases, batch-norm beta/gamma, or what the filter excludes', () => {
    const names = ['W1', 'b1', 'gamma1', 'beta1', 'embedding'];
    const params = names.map((name) => param(name, [2, -4]));
    // Zero gradients: Adam's own update is 0/(0 + ε) = 0, so only the decay moves a weight.
    new Adam({ learningRate: 0.1, weightDecay: 0.5 }).step(params);
    expect(Array.from(params[0].value.data)).toEqual([2 - 0.1 * 0.5 * 2, -4 - 0.1 * 0.5 * -4]);
    for (const p of params.slice(1, 4)) expect(Array.from(p.value.data)).toEqual([2, -4]);
    expect(Array.from(params[4].value.data)).toEqual([1.9, -3.8]);

    const custom = names.map((name) => param(name, [2, -4]));
    new Adam({ learningRate: 0.1, weightDecay: 0.5, decayFilter: (name) => name === 'b1' }).step(custom);
    expect(custom.map((p) => p.value.data[0])).toEqual([2, 1.9, 2, 2, 2]);
  });

  it('with weight decay: decay from the old weights, then the Adam update', () => {
    const p = param('W1', [0.5, -1.5]);
    p.grad.data.set([0.2, 0.3]);
    new Adam({ learningRate: 0.01, weightDecay: 0.1 }).step([p]);
    const expected = referenceAdam(Float64Array.from([0.5, -1.5].map((w) => w - 0.01 * 0.1 * w)), [[0.2, 0.3]], 0.01);
    expect(p.value.data).toEqual(expected);
  });

  it('throws ConfigError naming the hyperparameter and value', () => {
    expect(() => new Adam({ learningRate: -1 })).toThrow(ConfigError);
    expect(() => new Adam({ learningRate: -1 })).toThrow('Adam: learningRate must be > 0, got -1');
    expect(() => new Adam({ learningRate: 0.1, beta1: 1 })).toThrow('Adam: beta1 must be in [0, 1), got 1');
    expect(() => new Adam({ learningRate: 0.1, beta2: Number.POSITIVE_INFINITY })).toThrow('Adam: beta2 must be in [0, 1), got Infinity');
    expect(() => new Adam({ learningRate: 0.1, epsilon: -1e-8 })).toThrow('Adam: epsilon must be > 0, got -1e-8');
    expect(() => new Adam({ learningRate: '0.1' as unknown as number })).toThrow('Adam: learningRate must be > 0, got "0.1"');
    expect(new Adam({ learningRate: 0.1 }).state().hyperparameters).toEqual({
      learningRate: 0.1,
      weightDecay: 0,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-8,
    });
  });
});
