import {
  affineBackward,
  affineForward,
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  reluBackward,
  reluForward,
  sigmoidBackward,
  sigmoidForward,
  softmaxBackward,
  softmaxCrossEntropy,
  softmaxForward,
} from '@lab/layers';
import { numericGradient, RandomState, relError, Tensor } from '@lab/tensor';
import type { GradientCheck } from './gradient-check';

const N = 4;
const D = 5;
const M = 3;

/** A loss as a (1,) tensor, so `numericGradient` can differentiate it. */
function scalar(loss: number): Tensor {
  return new Tensor(Float64Array.of(loss), [1]);
}

/** The upstream gradient of a scalar loss. */
const ONE = new Tensor(Float64Array.of(1), [1]);

/** Gradient checks of @lab/layers: the affine, ReLU, sigmoid and softmax kernels and the losses. */
export const LAYER_CHECKS: readonly GradientCheck[] = [
  {
    name: 'affine',
    shapes: { x: [N, D], w: [M, D], b: [M] },
    run() {
      const rng = new RandomState(231);
      const x = rng.randn(N, D);
      const w = rng.randn(M, D);
      const b = rng.randn(M);
      const dout = rng.randn(N, M);
      const { dx, dw, db } = affineBackward(dout, affineForward(x, w, b).cache);
      return {
        dx: relError(
          dx,
          numericGradient((v) => affineForward(v, w, b).out, x, dout),
        ),
        dw: relError(
          dw,
          numericGradient((v) => affineForward(x, v, b).out, w, dout),
        ),
        db: relError(
          db,
          numericGradient((v) => affineForward(x, w, v).out, b, dout),
        ),
      };
    },
  },
  {
    name: 'relu',
    shapes: { x: [N, D] },
    run() {
      const rng = new RandomState(232);
      const x = rng.randn(N, D);
      const dout = rng.randn(N, D);
      const { dx } = reluBackward(dout, reluForward(x).cache);
      return {
        dx: relError(
          dx,
          numericGradient((v) => reluForward(v).out, x, dout),
        ),
      };
    },
  },
  {
    name: 'sigmoid',
    shapes: { x: [N, D] },
    run() {
      const rng = new RandomState(233);
      const x = rng.randn(N, D);
      const dout = rng.randn(N, D);
      const { dx } = sigmoidBackward(dout, sigmoidForward(x).cache);
      return {
        dx: relError(
          dx,
          numericGradient((v) => sigmoidForward(v).out, x, dout),
        ),
      };
    },
  },
  {
    name: 'softmax',
    shapes: { x: [N, D] },
    run() {
      const rng = new RandomState(234);
      const x = rng.randn(N, D);
      const dout = rng.randn(N, D);
      const { dx } = softmaxBackward(dout, softmaxForward(x).cache);
      return {
        dx: relError(
          dx,
          numericGradient((v) => softmaxForward(v).out, x, dout),
        ),
      };
    },
  },
  {
    name: 'binary cross-entropy',
    shapes: { a: [N, 1], y: [N, 1] },
    run() {
      const rng = new RandomState(235);
      // Probabilities well inside (0, 1): a step of 1e-5 never leaves the domain of the log.
      const a = sigmoidForward(rng.randn(N, 1)).out;
      const y = rng.randint(0, 2, [N, 1]);
      const { dx } = binaryCrossEntropy(a, y);
      return {
        da: relError(
          dx,
          numericGradient((v) => scalar(binaryCrossEntropy(v, y).loss), a, ONE),
        ),
      };
    },
  },
  {
    name: 'binary cross-entropy with logits',
    shapes: { z: [N, 1], y: [N, 1] },
    run() {
      const rng = new RandomState(236);
      const z = rng.randn(N, 1);
      const y = rng.randint(0, 2, [N, 1]);
      const { dx } = binaryCrossEntropyWithLogits(z, y);
      return {
        dz: relError(
          dx,
          numericGradient((v) => scalar(binaryCrossEntropyWithLogits(v, y).loss), z, ONE),
        ),
      };
    },
  },
  {
    name: 'softmax cross-entropy',
    shapes: { x: [N, D], y: [N] },
    run() {
      const rng = new RandomState(237);
      const x = rng.randn(N, D);
      const y = rng.randint(0, D, [N]);
      const { dx } = softmaxCrossEntropy(x, y);
      return {
        dx: relError(
          dx,
          numericGradient((v) => scalar(softmaxCrossEntropy(v, y).loss), x, ONE),
        ),
      };
    },
  },
];
