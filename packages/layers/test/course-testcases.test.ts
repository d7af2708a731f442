/**
 * The course's test cases (test/fixtures/course_testcases.json) through @lab/layers'
 * kernels. The JSON is in the course's layout — (features, examples), W (out, in), b (out, 1) —
 * so inputs and activations are transposed to batch-first (N, D) here. The L2 term is added
 * inline; @lab/regularizers' own tests run the same cases with l2Penalty / l2Gradient and dropout.
 */
import { RandomState, type Tensor, tensor } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { affineBackward, affineForward } from '../src/affine';
import { binaryCrossEntropy } from '../src/binary-cross-entropy';
import { reluBackward, reluForward } from '../src/relu';
import { sigmoidBackward, sigmoidForward } from '../src/sigmoid';
import { batchFirst, biasVector, type Matrix, maxAbsDiff, readCourseCases } from './course';
import { COURSE_COST_ABS, COURSE_GRAD_ABS, PRINTED_8_DECIMALS_ABS } from './tolerances';

const cases = readCourseCases();
const costCase = cases.compute_cost_with_regularization as {
  rng: string;
  A3: Matrix;
  Y: Matrix;
  params: Record<string, Matrix>;
  lambd: number;
  expected_cost: number;
};
const backwardCase = cases.backward_propagation_with_regularization as {
  rng: string;
  X: Matrix;
  Y: Matrix;
  cache: Record<string, Matrix>;
  lambd: number;
  expected: Record<string, Matrix>;
};
const dropoutCase = cases.forward_propagation_with_dropout as { rng: string; X: Matrix; params: Record<string, Matrix> };

/** Draws `randn(rows, cols)` for each name in order, as the case's `rng` field describes. */
function drawInOrder(rng: RandomState, shapes: readonly (readonly [name: string, rows: number, cols: number])[]): Record<string, Tensor> {
  return Object.fromEntries(shapes.map(([name, rows, cols]) => [name, rng.randn(rows, cols)]));
}

const PARAM_SHAPES = [
  ['W1', 2, 3],
  ['b1', 2, 1],
  ['W2', 3, 2],
  ['b2', 3, 1],
  ['W3', 1, 3],
  ['b3', 1, 1],
] as const;

/** Σ‖W‖² over the three weight matrices, course layout. */
function sumOfSquares(params: Record<string, Matrix>): number {
  let s = 0;
  for (const name of ['W1', 'W2', 'W3']) for (const v of params[name].flat()) s += v * v;
  return s;
}

describe('course test cases: inputs rebuilt with RandomState', () => {
  it('compute_cost_with_regularization: seed(1); W1, b1, W2, b2, W3, b3 = randn(...)', () => {
    expect(costCase.rng).toBe('seed(1); W1=randn(2,3); b1=randn(2,1); W2=randn(3,2); b2=randn(3,1); W3=randn(1,3); b3=randn(1,1)');
    const drawn = drawInOrder(new RandomState(1), PARAM_SHAPES);
    for (const [name] of PARAM_SHAPES) expect(drawn[name].toArray()).toEqual(costCase.params[name]);
  });

  it('backward_propagation_with_regularization and forward_propagation_with_dropout: seed(1); X = randn(3, 5); then the params', () => {
    expect(backwardCase.rng).toBe('seed(1); X=randn(3,5)');
    const rng = new RandomState(1);
    const x = rng.randn(3, 5);
    expect(x.toArray()).toEqual(backwardCase.X);
    expect(x.toArray()).toEqual(dropoutCase.X);
    const drawn = drawInOrder(rng, PARAM_SHAPES);
    for (const [name] of PARAM_SHAPES) expect(drawn[name].toArray()).toEqual(dropoutCase.params[name]);
  });
});

describe('course test cases: forward, cost and backward through the kernels', () => {
  const p = dropoutCase.params;
  const x = batchFirst(backwardCase.X);

  it('LINEAR → RELU → LINEAR → RELU → LINEAR → SIGMOID reproduces the printed cache (8 decimals)', () => {
    // The backward case's cache is this forward pass (without dropout) on the dropout case's params.
    const z1 = affineForward(x, tensor(p.W1), biasVector(p.b1)).out;
    const a1 = reluForward(z1).out;
    const z2 = affineForward(a1, tensor(p.W2), biasVector(p.b2)).out;
    const a2 = reluForward(z2).out;
    const z3 = affineForward(a2, tensor(p.W3), biasVector(p.b3)).out;
    const a3 = sigmoidForward(z3).out;
    const computed: Record<string, Tensor> = { Z1: z1, A1: a1, Z2: z2, A2: a2, Z3: z3, A3: a3 };
    for (const [name, value] of Object.entries(computed)) {
      expect(maxAbsDiff(value, batchFirst(backwardCase.cache[name]).toArray() as Matrix), name).toBeLessThanOrEqual(PRINTED_8_DECIMALS_ABS);
    }
  });

  it('binaryCrossEntropy + (1/m)(λ/2)ΣW² gives the expected cost 1.78648594516', () => {
    const m = costCase.Y[0].length;
    const { loss } = binaryCrossEntropy(batchFirst(costCase.A3), batchFirst(costCase.Y));
    const cost = loss + (1 / m) * (costCase.lambd / 2) * sumOfSquares(costCase.params);
    expect(Math.abs(cost - costCase.expected_cost)).toBeLessThanOrEqual(COURSE_COST_ABS);
    expect(Math.abs(cost - 1.78648594516)).toBeLessThanOrEqual(COURSE_COST_ABS);
  });

  it('backward: db exactly the layer gradients, dW after adding (λ/m)·W, to 1e-12', () => {
    const c = backwardCase.cache;
    const m = backwardCase.Y[0].length;
    const decay = backwardCase.lambd / m;
    // dA3 from the loss on probabilities, then sigmoid backward from the cached A3: dZ3 = (A3 − Y)/m.
    const { dx: dA3 } = binaryCrossEntropy(batchFirst(c.A3), batchFirst(backwardCase.Y));
    const { dx: dZ3 } = sigmoidBackward(dA3, { out: batchFirst(c.A3) });
    const l3 = affineBackward(dZ3, { x: batchFirst(c.A2), w: tensor(c.W3) });
    const { dx: dZ2 } = reluBackward(l3.dx, { x: batchFirst(c.Z2) });
    const l2 = affineBackward(dZ2, { x: batchFirst(c.A1), w: tensor(c.W2) });
    const { dx: dZ1 } = reluBackward(l2.dx, { x: batchFirst(c.Z1) });
    const l1 = affineBackward(dZ1, { x, w: tensor(c.W1) });
    const e = backwardCase.expected;
    const layers = [
      [l1, 'W1', '1'],
      [l2, 'W2', '2'],
      [l3, 'W3', '3'],
    ] as const;
    for (const [grads, w, k] of layers) {
      expect(maxAbsDiff(grads.db, e[`db${k}`]), `db${k}`).toBeLessThanOrEqual(COURSE_GRAD_ABS);
      const regularized = grads.dw.clone();
      const weights = tensor(c[w]).data;
      for (let i = 0; i < regularized.size; i++) regularized.data[i] += decay * weights[i];
      expect(maxAbsDiff(regularized, e[`dW${k}`]), `dW${k}`).toBeLessThanOrEqual(COURSE_GRAD_ABS);
    }
  });
});
