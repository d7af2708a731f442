import type { Param } from '@lab/layers';
import { Tensor } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { NUMPY_GRADS, NUMPY_START } from '../../test/fixtures/optimizer-inputs';
import { Momentum } from './momentum';

function param(name: string, value: readonly number[], shape: readonly number[]): Param {
  return { name, value: new Tensor(Float64Array.from(value), shape), grad: new Tensor(new Float64Array(value.length), shape) };
}

describe('Momentum', () => {
  it('takes two hand-computed steps of the course rule v = β·v + (1−β)·g, w −= lr·v', () => {
    const p = param('W1', [1, -1], [2]);
    const optimizer = new Momentum({ learningRate: 0.5, beta: 0.5 });
    p.grad.data.set([2, -4]);
    optimizer.step([p]); // v = [1, −2], w = [0.5, 0]
    expect(Array.from(p.value.data)).toEqual([0.5, 0]);
    p.grad.data.set([2, 0]);
    optimizer.step([p]); // v = [1.5, −1], w = [−0.25, 0.5]
    expect(Array.from(p.value.data)).toEqual([-0.25, 0.5]);
  });

  it('matches a straightforward reference for several steps', () => {
    const beta = 0.9;
    const lr = 0.05;
    const p = param('W1', [0.3, -0.2, 0.7], [3]);
    const w = Float64Array.from(p.value.data);
    const v = new Float64Array(3);
    const optimizer = new Momentum({ learningRate: lr, beta });
    for (const g of [
      [0.1, 0.2, -0.3],
      [1.5, -2, 0.25],
      [0, 1e-3, 7],
    ]) {
      p.grad.data.set(g);
      optimizer.step([p]);
      for (let i = 0; i < 3; i++) {
        v[i] = beta * v[i] + (1 - beta) * g[i];
        w[i] = w[i] - lr * v[i];
      }
    }
    expect(p.value.data).toEqual(w);
  });

  it('reproduces NumPy (the course code) for three steps, exactly', () => {
    const W = param('W1', NUMPY_START.W, [2, 3]);
    const b = param('b1', NUMPY_START.b, [2, 1]);
    const optimizer = new Momentum({ learningRate: 0.1, beta: 0.9 });
    for (const g of NUMPY_GRADS) {
      W.grad.data.set(g.W);
      b.grad.data.set(g.b);
      optimizer.step([W, b]);
    }
    // python3: the course's update_parameters_with_momentum, lr 0.1, beta 0.9 (numpy 2.4)
    expect(Array.from(W.value.data)).toEqual([0.48677000000000004, -1.24618, 1.9923950000000001, -0.78345, 0.12387, 3.4977]);
    expect(Array.from(b.value.data)).toEqual([0.098929, -0.19611]);
  });

  it('defaults beta to 0.9 and validates it', () => {
    expect(new Momentum({ learningRate: 0.1 }).state().hyperparameters).toEqual({ learningRate: 0.1, weightDecay: 0, beta: 0.9 });
    expect(() => new Momentum({ learningRate: 0.1, beta: 1 })).toThrow('Momentum: beta must be in [0, 1), got 1');
    expect(() => new Momentum({ learningRate: 0.1, beta: -0.1 })).toThrow('Momentum: beta must be in [0, 1), got -0.1');
  });
});
