import type { Param } from '@lab/layers';
import { type BackendName, createArena, Tensor } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { assertFiniteGradients, DivergenceError } from './divergence';

// A compiled model's gradients lie in its arena, where the arena's allFinite kernel checks them:
// the same verdicts and messages as for plain arrays.

describe.each(['js', 'wasm'] as BackendName[])('assertFiniteGradients on gradients in an arena (%s)', (backend) => {
  const params = (): Param[] => {
    const arena = createArena([6, 6, 3, 3], { backend });
    const [w, dw, b, db] = arena.views;
    w.set([1, 2, 3, 4, 5, 6]);
    dw.set([0.5, -0.25, 1e300, -0, 0, 7]);
    db.set([1, 2, 3]);
    return [
      { name: 'W1', value: new Tensor(w, [2, 3]), grad: new Tensor(dw, [2, 3]) },
      { name: 'b1', value: new Tensor(b, [3]), grad: new Tensor(db, [3]) },
    ];
  };

  it('passes finite gradients', () => {
    expect(() => assertFiniteGradients(params(), 4)).not.toThrow();
  });

  it('names the parameter, the value and its flat index', () => {
    const nan = params();
    nan[0].grad.data[4] = Number.NaN;
    expect(() => assertFiniteGradients(nan, 7)).toThrow(DivergenceError);
    expect(() => assertFiniteGradients(nan, 7)).toThrow(
      /^train: iteration 7: gradient of W1 is NaN at flat index 4; try a smaller learning rate$/,
    );
    const infinite = params();
    infinite[1].grad.data[2] = Number.NEGATIVE_INFINITY;
    expect(() => assertFiniteGradients(infinite, 0)).toThrow(/gradient of b1 is -Infinity at flat index 2/);
  });
});
