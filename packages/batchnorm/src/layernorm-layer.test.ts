import { ConfigError, numericGradient, RandomState, relError, StateError, tensor } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../test/helpers';
import { AFFINE_STEP, GRADCHECK_TOLERANCE, HAND_TOLERANCE } from '../test/tolerances';
import { LayerNorm } from './layernorm-layer';

describe('LayerNorm', () => {
  it('normalizes each example the same way in train and test mode', () => {
    const layer = new LayerNorm(4, { eps: 0 });
    const x = tensor([
      [1, 1, 3, 3],
      [0, 0, 4, 4],
    ]);
    expectClose(
      layer.forward(x, 'train'),
      [
        [-1, -1, 1, 1],
        [-1, -1, 1, 1],
      ],
      HAND_TOLERANCE,
    );
    expectClose(
      layer.forward(x, 'test'),
      [
        [-1, -1, 1, 1],
        [-1, -1, 1, 1],
      ],
      HAND_TOLERANCE,
    );
    expectClose(layer.forward(tensor([[1, 1, 3, 3]]), 'train'), [[-1, -1, 1, 1]], HAND_TOLERANCE);
  });

  it('backward passes a gradient check and overwrites its grads', () => {
    const rng = new RandomState(11);
    const layer = new LayerNorm(5);
    layer.gamma.data.set(rng.randn(5).data);
    layer.beta.data.set(rng.randn(5).data);
    const x = rng.randn(3, 5);
    const dout = rng.randn(3, 5);
    layer.forward(x, 'train');
    layer.backward(dout);
    const dx = layer.backward(dout);
    expect(
      relError(
        dx,
        numericGradient((v) => layer.forward(v, 'train'), x, dout),
      ),
    ).toBeLessThan(GRADCHECK_TOLERANCE);
    expect(
      relError(
        layer.gammaGrad,
        numericGradient(() => layer.forward(x, 'train'), layer.gamma, dout, AFFINE_STEP),
      ),
    ).toBeLessThan(GRADCHECK_TOLERANCE);
    expect(
      relError(
        layer.betaGrad,
        numericGradient(() => layer.forward(x, 'train'), layer.beta, dout, AFFINE_STEP),
      ),
    ).toBeLessThan(GRADCHECK_TOLERANCE);
    expect(layer.params().map((p) => [p.name, p.value.shape, p.grad.shape])).toEqual([
      ['gamma', [5], [5]],
      ['beta', [5], [5]],
    ]);
  });

  it('rejects bad options and backward before forward', () => {
    expect(() => new LayerNorm(-1)).toThrow(ConfigError);
    expect(() => new LayerNorm(-1)).toThrow('LayerNorm: numFeatures must be a positive integer, got -1');
    expect(() => new LayerNorm(2, { eps: Number.POSITIVE_INFINITY })).toThrow('LayerNorm: eps must be a finite number >= 0, got Infinity');
    expect(() => new LayerNorm(2).backward(tensor([[1, 2]]))).toThrow(StateError);
    expect(() => new LayerNorm(2).backward(tensor([[1, 2]]))).toThrow('LayerNorm.backward: call forward first');
  });
});
