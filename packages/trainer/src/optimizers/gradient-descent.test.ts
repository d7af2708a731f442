import type { Param } from '@lab/layers';
import { ConfigError, ShapeError, Tensor } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { GradientDescent } from './gradient-descent';

function param(name: string, value: number[], grad: number[], shape = [value.length]): Param {
  return { name, value: new Tensor(Float64Array.from(value), shape), grad: new Tensor(Float64Array.from(grad), shape) };
}

describe('GradientDescent', () => {
  it('takes one hand-computed step: w −= lr·g', () => {
    const w = param('W1', [1, -2, 0.5, 3], [0.5, 0.25, -1, 0], [2, 2]);
    new GradientDescent({ learningRate: 0.1 }).step([w]);
    expect(Array.from(w.value.data)).toEqual([0.95, -2.025, 0.6, 3]);
  });

  it('matches the course update bit for bit over several steps, with a schedule changing the rate', () => {
    const optimizer = new GradientDescent({ learningRate: 0.3 });
    const p = param('W1', [0.1, -0.7, 1e-9], [0.33, -0.01, 2.5]);
    const reference = Float64Array.from([0.1, -0.7, 1e-9]);
    for (const lr of [0.3, 0.2, 0.1]) {
      optimizer.learningRate = lr;
      optimizer.step([p]);
      for (let i = 0; i < 3; i++) reference[i] = reference[i] - lr * p.grad.data[i];
    }
    expect(p.value.data).toEqual(reference);
  });

  it('applies decoupled weight decay to weights only, before the update', () => {
    const w = param('W1', [2, -4], [1, 1]);
    const b = param('b1', [2, -4], [1, 1]);
    new GradientDescent({ learningRate: 0.1, weightDecay: 0.5 }).step([w, b]);
    // w: 2 − 0.1·0.5·2 = 1.9, then − 0.1·1 = 1.8; −4 → −3.8 → −3.9. The bias: update only.
    expect(Array.from(w.value.data)).toEqual([2 - 0.1 * 0.5 * 2 - 0.1, -4 - 0.1 * 0.5 * -4 - 0.1]);
    expect(Array.from(b.value.data)).toEqual([2 - 0.1, -4 - 0.1]);
  });

  it('rejects bad hyperparameters in the constructor and the setter, with the value', () => {
    expect(() => new GradientDescent({ learningRate: -1 })).toThrow(ConfigError);
    expect(() => new GradientDescent({ learningRate: -1 })).toThrow('GradientDescent: learningRate must be > 0, got -1');
    expect(() => new GradientDescent({ learningRate: Number.NaN })).toThrow('GradientDescent: learningRate must be > 0, got NaN');
    expect(() => new GradientDescent({ learningRate: 0.1, weightDecay: -0.5 })).toThrow(
      'GradientDescent: weightDecay must be >= 0, got -0.5',
    );
    const optimizer = new GradientDescent({ learningRate: 0.1 });
    expect(() => {
      optimizer.learningRate = 0;
    }).toThrow('GradientDescent: learningRate must be > 0, got 0');
    expect(optimizer.learningRate).toBe(0.1);
  });

  it('rejects a grad of another shape and duplicate names, before changing any param', () => {
    const optimizer = new GradientDescent({ learningRate: 0.1 });
    const good = param('W1', [1, 2], [1, 1]);
    const bad: Param = { name: 'W2', value: new Tensor(new Float64Array(6), [2, 3]), grad: new Tensor(new Float64Array(6), [3, 2]) };
    expect(() => optimizer.step([good, bad])).toThrow(ShapeError);
    expect(() => optimizer.step([good, bad])).toThrow('GradientDescent.step: (2, 3) and (3, 2): param W2: value and grad shapes differ');
    expect(() => optimizer.step([good, param('W1', [1, 2], [1, 1])])).toThrow('GradientDescent.step: two params are named W1');
    expect(Array.from(good.value.data)).toEqual([1, 2]);
  });
});
