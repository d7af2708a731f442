import { dropoutBackward, dropoutForward, l2Gradient, l2Penalty } from '@lab/regularizers';
import { numericGradient, RandomState, relError, Tensor } from '@lab/tensor';
import type { GradientCheck } from './gradient-check';

const KEEP_PROB = 0.8;
const MASK_SEED = 99;
const LAMBD = 0.7;
const EXAMPLES = 11;

/** Gradient checks of @lab/regularizers: dropout (with a fixed mask) and the L2 penalty. */
export const REGULARIZER_CHECKS: readonly GradientCheck[] = [
  {
    name: 'dropout',
    shapes: { x: [4, 5] },
    run() {
      const rng = new RandomState(238);
      const x = rng.randn(4, 5);
      const dout = rng.randn(4, 5);
      // A generator reseeded for every call draws the same mask: the forward pass is then linear in x.
      const forward = (v: Tensor) => dropoutForward(v, KEEP_PROB, new RandomState(MASK_SEED)).out;
      const { mask } = dropoutForward(x, KEEP_PROB, new RandomState(MASK_SEED));
      const { dx } = dropoutBackward(dout, mask, KEEP_PROB);
      return { dx: relError(dx, numericGradient(forward, x, dout)) };
    },
  },
  {
    name: 'l2 penalty',
    shapes: { w: [3, 5] },
    run() {
      const rng = new RandomState(239);
      const w = rng.randn(3, 5);
      const penalty = (v: Tensor) => new Tensor(Float64Array.of(l2Penalty([v], LAMBD, EXAMPLES)), [1]);
      return { dw: relError(l2Gradient(w, LAMBD, EXAMPLES), numericGradient(penalty, w, new Tensor(Float64Array.of(1), [1]))) };
    },
  },
];
