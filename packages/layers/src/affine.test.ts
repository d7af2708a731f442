import { numericGradient, ones, RandomState, relError, StateError, setBackend, type Tensor, tensor, zeros } from '@lab/tensor';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { GRAD_SHAPES, randomMatrix, testRng } from '../test/random';
import { GRAD_CHECK_REL } from '../test/tolerances';
import { affineBackward, affineForward, Linear } from './affine';
import { heInit } from './initializers';

describe('affineForward / affineBackward', () => {
  it('computes x·wᵀ + b and its gradients on a hand-worked case', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    const w = tensor([
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
    const b = tensor([0.5, -1, 0]);
    const { out, cache } = affineForward(x, w, b);
    expect(out.toArray()).toEqual([
      [1.5, 1, 3],
      [3.5, 3, 7],
    ]);
    const dout = tensor([
      [1, 0, 2],
      [0, 1, -1],
    ]);
    const { dx, dw, db } = affineBackward(dout, cache);
    // dx = dout·w, dw = doutᵀ·x, db = column sums
    expect(dx.toArray()).toEqual([
      [3, 2],
      [-1, 0],
    ]);
    expect(dw.toArray()).toEqual([
      [1, 2],
      [3, 4],
      [-1, 0],
    ]);
    expect(db.toArray()).toEqual([1, 1, 1]);
  });

  it('names both shapes and the numbers when they disagree', () => {
    expect(() => affineForward(zeros(4, 5), zeros(3, 6), zeros(3))).toThrow(
      'affineForward: (4, 5) and (3, 6): x has 5 features (columns) but w (out, in) takes 6',
    );
    expect(() => affineForward(zeros(4, 5), zeros(3, 5), zeros(4))).toThrow(/\(3, 5\) and \(4,\): b must be \(M,\) = \(3,\)/);
    expect(() => affineForward(zeros(5), zeros(3, 5), zeros(3))).toThrow(/x must be 2-D, got 1-D/);
    expect(() => affineForward(zeros(4, 5), zeros(3, 5), zeros(3), zeros(3, 4))).toThrow(/out must have shape \(4, 3\)/);
    const { cache } = affineForward(zeros(4, 5), zeros(3, 5), zeros(3));
    expect(() => affineBackward(zeros(4, 2), cache)).toThrow(/dout must be \(N, M\) = \(4, 3\)/);
  });

  it('writes into the given buffers and leaves its inputs alone', () => {
    const rng = testRng();
    const x = randomMatrix(rng, 3, 4);
    const w = randomMatrix(rng, 2, 4);
    const b = tensor([0.25, -0.5]);
    const copies = [x.clone(), w.clone(), b.clone()];
    const buffer = zeros(3, 2);
    const { out, cache } = affineForward(x, w, b, buffer);
    expect(out).toBe(buffer);
    expect(out.toArray()).toEqual(affineForward(x, w, b).out.toArray());
    const dout = randomMatrix(rng, 3, 2);
    const grads = { dx: zeros(3, 4), dw: zeros(2, 4), db: tensor([9, 9]) };
    const result = affineBackward(dout, cache, grads);
    expect(result.dx).toBe(grads.dx);
    expect(result.dw).toBe(grads.dw);
    expect(result.db).toBe(grads.db);
    expect(result.db.toArray()).toEqual(affineBackward(dout, cache).db.toArray());
    expect([x, w, b].map((t) => t.toArray())).toEqual(copies.map((t) => t.toArray()));
  });
});

// The products run on @lab/tensor's matmul: the gradient check on both of its backends.
describe.each(['wasm', 'js'] as const)('affineForward / affineBackward on the %s backend', (backend) => {
  beforeEach(() => setBackend(backend));
  afterAll(() => setBackend('wasm'));

  it.each(GRAD_SHAPES)('matches numerical gradients for N=%i, D=%i, M=%i', (n, d, m) => {
    const rng = testRng();
    const x = randomMatrix(rng, n, d);
    const w = randomMatrix(rng, m, d);
    const b = randomMatrix(rng, 1, m).reshape(m);
    const dout = randomMatrix(rng, n, m);
    const { cache } = affineForward(x, w, b);
    const { dx, dw, db } = affineBackward(dout, cache);
    expect(
      relError(
        dx,
        numericGradient((v) => affineForward(v, w, b).out, x, dout),
      ),
    ).toBeLessThan(GRAD_CHECK_REL);
    expect(
      relError(
        dw,
        numericGradient((v) => affineForward(x, v, b).out, w, dout),
      ),
    ).toBeLessThan(GRAD_CHECK_REL);
    expect(
      relError(
        db,
        numericGradient((v) => affineForward(x, w, v).out, b, dout),
      ),
    ).toBeLessThan(GRAD_CHECK_REL);
  });
});

describe('Linear', () => {
  it('draws (out, in) weights with the initializer and starts biases at 0', () => {
    const layer = new Linear(3, 2, new RandomState(0), { init: heInit });
    expect(layer.weight.toArray()).toEqual(heInit(new RandomState(0), 2, 3).toArray());
    expect(layer.bias.toArray()).toEqual([0, 0]);
    expect(layer.params().map((p) => [p.name, p.value.shape, p.grad.shape])).toEqual([
      ['W', [2, 3], [2, 3]],
      ['b', [2], [2]],
    ]);
  });

  it('throws StateError from backward before forward', () => {
    const layer = new Linear(3, 2, new RandomState(0));
    expect(() => layer.backward(zeros(1, 2))).toThrow(StateError);
    expect(() => layer.backward(zeros(1, 2))).toThrow('Linear.backward: call forward first');
  });

  it('rejects feature counts that are not positive integers', () => {
    expect(() => new Linear(0, 2, new RandomState(0))).toThrow('Linear: inFeatures must be a positive integer, got 0');
    expect(() => new Linear(3, 1.5, new RandomState(0))).toThrow('Linear: outFeatures must be a positive integer, got 1.5');
  });

  it('overwrites (does not accumulate) its grads, in the tensors params() returned', () => {
    const rng = testRng();
    const layer = Linear.fromParams(randomMatrix(rng, 2, 3), tensor([1, -1]));
    const [wParam, bParam] = layer.params();
    const x = randomMatrix(rng, 4, 3);
    const dout = randomMatrix(rng, 4, 2);
    layer.forward(x, 'train');
    layer.backward(dout);
    const first = [wParam.grad.toArray(), bParam.grad.toArray()];
    layer.forward(x, 'train');
    layer.backward(dout);
    expect([wParam.grad.toArray(), bParam.grad.toArray()]).toEqual(first);
    const { cache } = affineForward(x, layer.weight, layer.bias);
    expect(wParam.grad.toArray()).toEqual(affineBackward(dout, cache).dw.toArray());
  });

  it('fromParams copies the given tensors', () => {
    const w = tensor([[1, 2]]);
    const b = tensor([3]);
    const layer = Linear.fromParams(w, b);
    w.data[0] = 100;
    b.data[0] = 100;
    expect(layer.forward(ones(1, 2), 'test').toArray()).toEqual([[6]]);
    expect(() => Linear.fromParams(w, tensor([1, 2]))).toThrow(/\(1, 2\) and \(2,\): bias must be \(M,\) = \(1,\)/);
  });

  it('bindParams moves W, b and their grads into the given tensors, copied, and uses them from then on', () => {
    const rng = testRng(3);
    const layer = new Linear(3, 2, rng);
    const x = randomMatrix(rng, 4, 3);
    const before = layer.forward(x, 'test').toArray();
    layer.backward(ones(4, 2));
    const [w, b] = [layer.weight.clone(), layer.bias.clone()];
    const values = [zeros(2, 3), zeros(2)];
    const grads = [zeros(2, 3), zeros(2)];
    layer.bindParams(values, grads);
    expect(layer.weight).toBe(values[0]);
    expect(layer.params().map((p) => p.value)).toEqual(values);
    expect(layer.params()[1].grad).toBe(grads[1]);
    expect(values[0].toArray()).toEqual(w.toArray());
    expect(values[1].toArray()).toEqual(b.toArray());
    expect(grads[1].toArray()).toEqual([4, 4]);
    expect(() => layer.backward(ones(4, 2))).toThrow(StateError);
    expect(layer.forward(x, 'test').toArray()).toEqual(before);
    values[1].data[0] += 1;
    expect((layer.forward(x, 'test').toArray() as number[][]).map((row) => row[0])).toEqual(
      (before as number[][]).map((row) => row[0] + 1),
    );
    expect(() => layer.bindParams([zeros(3, 2), zeros(2)], grads)).toThrow(/values\[0\] must have the shape of param W, \(2, 3\)/);
    expect(() => layer.bindParams(values, [zeros(2, 3)])).toThrow(/needs 2 values and grads, got 2 and 1/);
  });

  it('passes a gradient check through the class', () => {
    const rng = testRng(7);
    const layer = new Linear(5, 3, rng);
    const x = randomMatrix(rng, 4, 5);
    const dout = randomMatrix(rng, 4, 3);
    layer.forward(x, 'train');
    const dx = layer.backward(dout);
    const f = (): Tensor => affineForward(x, layer.weight, layer.bias).out;
    expect(
      relError(
        dx,
        numericGradient(() => layer.forward(x, 'train'), x, dout),
      ),
    ).toBeLessThan(GRAD_CHECK_REL);
    layer.forward(x, 'train');
    layer.backward(dout);
    expect(relError(layer.weightGrad, numericGradient(f, layer.weight, dout))).toBeLessThan(GRAD_CHECK_REL);
    expect(relError(layer.biasGrad, numericGradient(f, layer.bias, dout))).toBeLessThan(GRAD_CHECK_REL);
  });
});
