import { Linear, type Param, ReLU, Sequential } from '@lab/layers';
import { ConfigError, numericGradient, RandomState, relError, Tensor, tensor, zeros } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { GRAD_CHECK_REL, ROUNDING_ABS } from '../test/tolerances';
import { addL2Gradients, isWeight, l2Gradient, l2Penalty, l2PenaltyOfParams } from './l2';

describe('l2Penalty / l2Gradient', () => {
  it('computes (1/m)(λ/2)Σ‖W‖² and (λ/m)W on a hand-worked case', () => {
    const w1 = tensor([
      [1, 2],
      [3, 4],
    ]); // Σ = 30
    const w2 = tensor([[0.5, -0.5]]); // Σ = 0.5
    expect(l2Penalty([w1, w2], 0.4, 2)).toBeCloseTo((1 / 2) * 0.2 * 30.5, 15);
    expect(l2Penalty([], 0.4, 2)).toBe(0);
    expect(l2Gradient(w1, 0.4, 2).toArray()).toEqual([
      [0.2, 0.4],
      [0.6000000000000001, 0.8],
    ]);
  });

  it('rejects a negative λ, a bad m and a wrong out buffer, with the numbers', () => {
    expect(() => l2Penalty([zeros(2, 2)], -0.1, 5)).toThrow(ConfigError);
    expect(() => l2Penalty([zeros(2, 2)], -0.1, 5)).toThrow('l2Penalty: lambd must be finite and >= 0, got -0.1');
    expect(() => l2Gradient(zeros(2, 2), 0.7, 0)).toThrow('l2Gradient: m (the number of examples) must be a positive integer, got 0');
    expect(() => l2Gradient(zeros(2, 3), 0.7, 5, zeros(3, 2))).toThrow('l2Gradient: (3, 2) and (2, 3): out and w must have the same shape');
  });

  it.each([
    [1, 1],
    [3, 4],
    [20, 2],
  ])('l2Gradient matches the numerical gradient of l2Penalty for W (%i, %i)', (rows, cols) => {
    const rng = new RandomState(rows * 100 + cols);
    const w = rng.randn(rows, cols);
    const other = rng.randn(2, 2);
    const penalty = (v: Tensor): Tensor => new Tensor(Float64Array.of(l2Penalty([v, other], 0.7, 11)), [1]);
    expect(relError(l2Gradient(w, 0.7, 11), numericGradient(penalty, w, tensor([1])))).toBeLessThan(GRAD_CHECK_REL);
  });

  it('writes into out and leaves w alone', () => {
    const w = tensor([[1, -2]]);
    const out = zeros(1, 2);
    expect(l2Gradient(w, 1, 4, out)).toBe(out);
    expect(out.toArray()).toEqual([[0.25, -0.5]]);
    expect(w.toArray()).toEqual([[1, -2]]);
  });
});

describe('over a model: l2PenaltyOfParams / addL2Gradients', () => {
  const model = (): Sequential => {
    const rng = new RandomState(3);
    return new Sequential([new Linear(2, 4, rng), new ReLU(), new Linear(4, 1, rng)]);
  };

  it('selects weights by name (not starting with b), so biases are excluded', () => {
    const net = model();
    const params = net.params();
    for (const p of params) p.value.data.fill(p.name.startsWith('b') ? 100 : 1);
    expect(params.filter(isWeight).map((p) => p.name)).toEqual(['W1', 'W2']);
    expect(l2PenaltyOfParams(params, 2, 4)).toBe((1 / 4) * (2 / 2) * (8 + 4));
    // An explicit selector: only the last layer's weights.
    expect(l2PenaltyOfParams(params, 2, 4, (p) => p.name === 'W2')).toBe((1 / 4) * (2 / 2) * 4);
  });

  it('adds (λ/m)W to the selected grads in place and leaves the others alone', () => {
    const net = model();
    const params = net.params();
    for (const p of params) p.grad.data.fill(1);
    addL2Gradients(params, 0.7, 7, isWeight);
    const byName = Object.fromEntries(params.map((p) => [p.name, p]));
    const w1 = byName.W1 as Param;
    w1.grad.data.forEach((g, i) => expect(Math.abs(g - (1 + 0.1 * w1.value.data[i]))).toBeLessThan(ROUNDING_ABS));
    expect(Array.from((byName.b1 as Param).grad.data)).toEqual([1, 1, 1, 1]);
    expect(() => addL2Gradients(params, -1, 7)).toThrow('addL2Gradients: lambd must be finite and >= 0, got -1');
  });
});
