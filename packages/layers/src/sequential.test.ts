import { ConfigError, numericGradient, RandomState, relError, StateError, type Tensor, tensor, zeros } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { randomMatrix, testRng } from '../test/random';
import { GRAD_CHECK_REL } from '../test/tolerances';
import { Linear } from './affine';
import { binaryCrossEntropyWithLogits } from './binary-cross-entropy-with-logits';
import { heInit } from './initializers';
import type { Layer, Mode, Param } from './layer';
import { ReLU } from './relu';
import { Sequential } from './sequential';
import { Sigmoid } from './sigmoid';

/** A stand-in for a normalization layer with params named like @lab/batchnorm's. */
class Scale implements Layer {
  readonly gamma = tensor([2]);
  readonly beta = tensor([0]);
  forward(x: Tensor, _mode: Mode): Tensor {
    return x;
  }
  backward(dout: Tensor): Tensor {
    return dout;
  }
  params(): Param[] {
    return [
      { name: 'gamma', value: this.gamma, grad: zeros(1) },
      { name: 'beta', value: this.beta, grad: zeros(1) },
    ];
  }
}

describe('Sequential', () => {
  it('runs layers forward in order and backward in reverse', () => {
    const model = new Sequential([Linear.fromParams(tensor([[1, -1]]), tensor([0.5])), new ReLU(), new Sigmoid()]);
    const out = model.forward(
      tensor([
        [3, 1],
        [0, 2],
      ]),
      'test',
    );
    // relu(2.5) = 2.5, relu(−1.5) = 0 → σ
    expect(out.data[0]).toBe(1 / (1 + Math.exp(-2.5)));
    expect(out.data[1]).toBe(0.5);
    const dx = model.backward(tensor([[1], [1]]));
    const s = out.data[0] * (1 - out.data[0]);
    expect(dx.toArray()).toEqual([
      [s, -s],
      [0, 0],
    ]);
  });

  it('numbers param names per name, from 1, and shares the layers tensors', () => {
    const rng = new RandomState(3);
    const first = new Linear(2, 20, rng);
    const model = new Sequential([first, new ReLU(), new Scale(), new Linear(20, 3, rng), new Scale(), new Linear(3, 1, rng)]);
    const params = model.params();
    expect(params.map((p) => p.name)).toEqual(['W1', 'b1', 'gamma1', 'beta1', 'W2', 'b2', 'gamma2', 'beta2', 'W3', 'b3']);
    expect(params[0].value).toBe(first.weight);
    expect(params[0].grad).toBe(first.weightGrad);
  });

  it('reports errors with the layer that raised them, and rejects an empty model', () => {
    const model = new Sequential([new Linear(3, 2, new RandomState(0)), new ReLU()]);
    expect(() => model.backward(zeros(1, 2))).toThrow(StateError);
    expect(() => model.backward(zeros(1, 2))).toThrow('ReLU.backward: call forward first');
    expect(() => model.forward(zeros(4, 5), 'train')).toThrow(
      'affineForward: (4, 5) and (2, 3): x has 5 features (columns) but w (out, in) takes 3',
    );
    expect(() => new Sequential([])).toThrow(ConfigError);
    expect(() => new Sequential([])).toThrow('Sequential: layers must not be empty, got 0 layers');
  });

  it('passes a gradient check for every parameter and the input of a 3-layer net', () => {
    const rng = testRng(1);
    const model = new Sequential([
      new Linear(4, 8, rng, { init: heInit }),
      new ReLU(),
      new Linear(8, 5, rng, { init: heInit }),
      new ReLU(),
      new Linear(5, 2, rng),
    ]);
    const x = randomMatrix(rng, 6, 4);
    const dout = randomMatrix(rng, 6, 2);
    const f = (): Tensor => model.forward(x, 'train');
    f();
    const dx = model.backward(dout);
    const grads = model.params().map((p) => p.grad.clone());
    expect(relError(dx, numericGradient(f, x, dout))).toBeLessThan(GRAD_CHECK_REL);
    model.params().forEach((p, k) => {
      expect(relError(grads[k], numericGradient(f, p.value, dout))).toBeLessThan(GRAD_CHECK_REL);
    });
  });

  it('trains end to end with a loss: its gradient flows into every param', () => {
    const rng = testRng(2);
    const model = new Sequential([new Linear(2, 4, rng, { init: heInit }), new ReLU(), new Linear(4, 1, rng)]);
    const x = randomMatrix(rng, 8, 2);
    const y = tensor([[1], [0], [1], [1], [0], [0], [1], [0]]);
    const loss = (): number => binaryCrossEntropyWithLogits(model.forward(x, 'train'), y).loss;
    const before = loss();
    for (let step = 0; step < 50; step++) {
      model.backward(binaryCrossEntropyWithLogits(model.forward(x, 'train'), y).dx);
      for (const p of model.params()) for (let i = 0; i < p.value.size; i++) p.value.data[i] -= 0.5 * p.grad.data[i];
    }
    expect(loss()).toBeLessThan(before);
    expect(model.params().every((p) => p.grad.data.some((g) => g !== 0))).toBe(true);
  });
});
