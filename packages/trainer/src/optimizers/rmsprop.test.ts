import type { Param } from '@lab/layers';
import { Tensor } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { NUMPY_GRADS, NUMPY_START } from '../../test/fixtures/optimizer-inputs';
import { RMSProp } from './rmsprop';

function param(name: string, value: readonly number[], shape: readonly number[]): Param {
  return { name, value: new Tensor(Float64Array.from(value), shape), grad: new Tensor(new Float64Array(value.length), shape) };
}

describe('RMSProp', () => {
  it('takes one hand-computed step: s = (1−β)·g², w −= lr·g/(√s + ε)', () => {
    const p = param('W1', [1], [1]);
    p.grad.data[0] = 2;
    new RMSProp({ learningRate: 0.1, beta: 0.75, epsilon: 1 }).step([p]);
    // s = 0.25·4 = 1, w = 1 − 0.1·2/(1 + 1) = 0.9
    expect(p.value.data[0]).toBe(0.9);
  });

  it('matches a straightforward reference for several steps', () => {
    const [lr, beta, eps] = [0.01, 0.9, 1e-8];
    const p = param('W1', [0.3, -0.2, 0.7], [3]);
    const w = Float64Array.from(p.value.data);
    const s = new Float64Array(3);
    const optimizer = new RMSProp({ learningRate: lr });
    for (const g of [
      [0.1, 0.2, -0.3],
      [1.5, -2, 0.25],
      [0, 1e-3, 7],
    ]) {
      p.grad.data.set(g);
      optimizer.step([p]);
      for (let i = 0; i < 3; i++) {
        s[i] = beta * s[i] + (1 - beta) * g[i] ** 2;
        w[i] = w[i] - (lr * g[i]) / (Math.sqrt(s[i]) + eps);
      }
    }
    expect(p.value.data).toEqual(w);
  });

  it('reproduces NumPy for three steps, exactly', () => {
    const W = param('W1', NUMPY_START.W, [2, 3]);
    const b = param('b1', NUMPY_START.b, [2, 1]);
    const optimizer = new RMSProp({ learningRate: 0.01, beta: 0.9, epsilon: 1e-8 });
    for (const g of NUMPY_GRADS) {
      W.grad.data.set(g.W);
      b.grad.data.set(g.b);
      optimizer.step([W, b]);
    }
    // python3: s = beta*s + (1-beta)*g**2; p = p - lr*g/(np.sqrt(s)+eps), lr 0.01, beta 0.9, eps 1e-8
    expect(Array.from(W.value.data)).toEqual([
      0.44958904610547873, -1.221042268039954, 1.9206188976642289, -0.766166233766765, 0.12257366446142501, 3.5018292174689662,
    ]);
    expect(Array.from(b.value.data)).toEqual([0.06350760289879608, -0.19956239973331172]);
  });

  it('defaults beta 0.9 and epsilon 1e-8 and validates them', () => {
    expect(new RMSProp({ learningRate: 0.1 }).state().hyperparameters).toEqual({
      learningRate: 0.1,
      weightDecay: 0,
      beta: 0.9,
      epsilon: 1e-8,
    });
    expect(() => new RMSProp({ learningRate: 0.1, epsilon: 0 })).toThrow('RMSProp: epsilon must be > 0, got 0');
    expect(() => new RMSProp({ learningRate: 0.1, beta: 1.5 })).toThrow('RMSProp: beta must be in [0, 1), got 1.5');
  });
});
