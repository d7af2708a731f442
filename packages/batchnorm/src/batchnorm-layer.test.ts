import { Linear, ReLU, Sequential } from '@lab/layers';
import { ConfigError, numericGradient, RandomState, relError, StateError, tensor, zeros } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../test/helpers';
import { GRADCHECK_TOLERANCE, HAND_TOLERANCE } from '../test/tolerances';
import { batchnormBackwardAlt, batchnormForward } from './batchnorm-functions';
import { BatchNorm1d } from './batchnorm-layer';

const x = tensor([
  [1, 2],
  [3, 6],
]);

describe('BatchNorm1d', () => {
  it('normalizes with batch statistics in train mode and updates the running ones in place', () => {
    const layer = new BatchNorm1d(2, { eps: 0 });
    const runningMean = layer.runningMean;
    expectClose(
      layer.forward(x, 'train'),
      [
        [-1, -1],
        [1, 1],
      ],
      HAND_TOLERANCE,
    );
    expect(layer.runningMean).toBe(runningMean);
    expectClose(layer.runningMean, [0.2, 0.4], HAND_TOLERANCE);
    expectClose(layer.runningVar, [1.0, 1.3], HAND_TOLERANCE);
    layer.forward(x, 'train');
    // 0.9·0.2 + 0.1·2 and 0.9·1.3 + 0.1·4
    expectClose(layer.runningMean, [0.38, 0.76], HAND_TOLERANCE);
    expectClose(layer.runningVar, [1.0, 1.57], HAND_TOLERANCE);
  });

  it('uses the running statistics in test mode without changing them, even for one example', () => {
    const layer = new BatchNorm1d(2, { eps: 0, momentum: 0 });
    layer.forward(x, 'train');
    expectClose(layer.forward(tensor([[4, 0]]), 'test'), [[2, -2]], HAND_TOLERANCE);
    expectClose(layer.runningMean, [2, 4], HAND_TOLERANCE);
    expect(() => layer.forward(tensor([[4, 0]]), 'train')).toThrow(/train mode needs a batch of at least 2 examples/);
  });

  it('backward returns the closed-form dx and overwrites (not accumulates) the grads', () => {
    const rng = new RandomState(3);
    const input = rng.randn(6, 3);
    const dout = rng.randn(6, 3);
    const layer = new BatchNorm1d(3);
    layer.gamma.data.set(rng.randn(3).data);
    layer.forward(input, 'train');
    const dx = layer.backward(dout);
    layer.backward(dout);
    const { cache } = batchnormForward(input, layer.gamma, layer.beta, { mode: 'train' });
    const want = batchnormBackwardAlt(dout, cache);
    expectClose(dx, want.dx.toArray() as number[][], HAND_TOLERANCE);
    expectClose(layer.gammaGrad, want.dgamma.toArray() as number[], HAND_TOLERANCE);
    expectClose(layer.betaGrad, want.dbeta.toArray() as number[], HAND_TOLERANCE);
    const [gamma, beta] = layer.params();
    expect(gamma).toEqual({ name: 'gamma', value: layer.gamma, grad: layer.gammaGrad });
    expect(beta.name).toBe('beta');
    expect(beta.grad.shape).toEqual([3]);
  });

  it('trains inside a Sequential: gradients of the whole model pass a gradient check', () => {
    const rng = new RandomState(5);
    const bn = new BatchNorm1d(4);
    const model = new Sequential([new Linear(3, 4, rng), bn, new ReLU(), new Linear(4, 2, rng)]);
    bn.gamma.data.set(rng.rand(4).data);
    const input = rng.randn(8, 3);
    const dout = rng.randn(8, 2);
    model.forward(input, 'train');
    const dx = model.backward(dout);
    expect(model.params().map((p) => p.name)).toEqual(['W1', 'b1', 'gamma1', 'beta1', 'W2', 'b2']);
    // The running statistics change on every call, but the output does not depend on them in train mode.
    const numeric = numericGradient((v) => model.forward(v, 'train'), input, dout);
    expect(relError(dx, numeric)).toBeLessThan(GRADCHECK_TOLERANCE);
    // Not AFFINE_STEP: through the ReLU the model is only piecewise affine in gamma.
    const dgamma = numericGradient(() => model.forward(input, 'train'), bn.gamma, dout);
    expect(relError(bn.gammaGrad, dgamma)).toBeLessThan(GRADCHECK_TOLERANCE);
  });

  it('rejects bad options and backward before forward', () => {
    expect(() => new BatchNorm1d(0)).toThrow(ConfigError);
    expect(() => new BatchNorm1d(2.5)).toThrow('BatchNorm1d: numFeatures must be a positive integer, got 2.5');
    expect(() => new BatchNorm1d(2, { eps: -1 })).toThrow('BatchNorm1d: eps must be a finite number >= 0, got -1');
    expect(() => new BatchNorm1d(2, { momentum: 2 })).toThrow('BatchNorm1d: momentum must be in [0, 1], got 2');
    expect(() => new BatchNorm1d(2).backward(x)).toThrow(StateError);
    expect(() => new BatchNorm1d(2).backward(x)).toThrow('BatchNorm1d.backward: call forward first');
    expect(() => new BatchNorm1d(3).forward(x, 'train')).toThrow(/x has D = 2 features but gamma has 3 entries/);
  });

  it('bindParams moves gamma, beta and their grads into the given tensors, copied, and uses them from then on', () => {
    const layer = new BatchNorm1d(2);
    layer.gamma.data.set([2, 3]);
    layer.forward(x, 'train');
    layer.backward(
      tensor([
        [1, 0],
        [0, 1],
      ]),
    );
    const dbeta = Array.from(layer.betaGrad.data);
    const values = [zeros(2), zeros(2)];
    const grads = [zeros(2), zeros(2)];
    layer.bindParams(values, grads);
    expect(layer.gamma).toBe(values[0]);
    expect(layer.params().map((p) => p.grad)).toEqual(grads);
    expect(Array.from(values[0].data)).toEqual([2, 3]);
    expect(Array.from(grads[1].data)).toEqual(dbeta);
    expect(() => layer.backward(x)).toThrow(StateError);
    values[1].data.set([10, 20]);
    const out = layer.forward(x, 'test').toArray() as number[][];
    expect(out[0][0] - 10).toBeCloseTo((2 * (1 - layer.runningMean.data[0])) / Math.sqrt(layer.runningVar.data[0] + layer.eps), 12);
    expect(() => layer.bindParams([zeros(3), zeros(2)], grads)).toThrow(/values\[0\] must have the shape of param gamma, \(2,\)/);
  });
});
