/**
 * Every case of the course's test cases (test/fixtures/course_testcases.json): L2 cost and
 * backward, dropout forward and backward. The JSON is in the course's layout — (features, examples),
 * W (out, in), b (out, 1) — so activations and masks are transposed to batch-first (N, D) here.
 */
import {
  affineBackward,
  affineForward,
  binaryCrossEntropy,
  type Layer,
  Linear,
  ReLU,
  reluBackward,
  reluForward,
  Sequential,
  Sigmoid,
  sigmoidBackward,
  sigmoidForward,
} from '@lab/layers';
import { RandomState, type Tensor, tensor } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { Dropout, dropoutBackward, dropoutForward } from '../src/dropout';
import { addL2Gradients, l2Gradient, l2Penalty, l2PenaltyOfParams } from '../src/l2';
import { batchFirst, biasVector, type Matrix, maxAbsDiff, readCourseCases } from './course';
import { COURSE_ABS, COURSE_COST_ABS } from './tolerances';

type Params = Record<'W1' | 'b1' | 'W2' | 'b2' | 'W3' | 'b3', Matrix>;
const cases = readCourseCases();
const costCase = cases.compute_cost_with_regularization as {
  rng: string;
  A3: Matrix;
  Y: Matrix;
  params: Params;
  lambd: number;
  expected_cost: number;
};
const l2BackwardCase = cases.backward_propagation_with_regularization as {
  X: Matrix;
  Y: Matrix;
  cache: Record<string, Matrix>;
  lambd: number;
  expected: Record<string, Matrix>;
};
const dropoutCase = cases.forward_propagation_with_dropout as {
  rng: string;
  X: Matrix;
  params: Params;
  keep_prob: number;
  expected_D1: Matrix;
  expected_D2: Matrix;
  expected_A3: Matrix;
};
const dropoutBackwardCase = cases.backward_propagation_with_dropout as {
  rng: string;
  X: Matrix;
  Y: Matrix;
  keep_prob: number;
  cache: Record<string, Matrix>;
  expected: Record<'dA1' | 'dA2', Matrix>;
};

const PARAM_SHAPES = [
  ['W1', 2, 3],
  ['b1', 2, 1],
  ['W2', 3, 2],
  ['b2', 3, 1],
  ['W3', 1, 3],
  ['b3', 1, 1],
] as const;

/** seed(1), optionally X = randn(3, 5), then the params in order — as the cases' `rng` fields say. */
function rebuild(withX: boolean): { rng: RandomState; x?: Tensor; params: Record<string, Tensor> } {
  const rng = new RandomState(1);
  const x = withX ? rng.randn(3, 5) : undefined;
  const params = Object.fromEntries(PARAM_SHAPES.map(([name, rows, cols]) => [name, rng.randn(rows, cols)]));
  return { rng, x, params };
}

/** The course's params as a Sequential of Linear layers (W (out, in) as is, b (out, 1) → (M,)). */
function linears(p: Params): Linear[] {
  return [1, 2, 3].map((l) => Linear.fromParams(tensor(p[`W${l}` as 'W1']), biasVector(p[`b${l}` as 'b1'])));
}

describe('compute_cost_with_regularization', () => {
  it('rebuilds the params from seed(1) exactly', () => {
    expect(costCase.rng).toContain('seed(1); W1=randn(2,3)');
    const { params } = rebuild(false);
    for (const [name] of PARAM_SHAPES) expect(params[name].toArray()).toEqual(costCase.params[name]);
  });

  it('cross-entropy + l2Penalty = 1.78648594516 (to 1e-10)', () => {
    const m = costCase.Y[0].length;
    const { loss } = binaryCrossEntropy(batchFirst(costCase.A3), batchFirst(costCase.Y));
    const weights = [costCase.params.W1, costCase.params.W2, costCase.params.W3].map((w) => tensor(w));
    const cost = loss + l2Penalty(weights, costCase.lambd, m);
    expect(Math.abs(cost - costCase.expected_cost)).toBeLessThanOrEqual(COURSE_COST_ABS);
    expect(Math.abs(cost - 1.78648594516)).toBeLessThanOrEqual(COURSE_COST_ABS);
  });

  it('l2PenaltyOfParams on a model of those params gives the same penalty (biases excluded)', () => {
    const model = new Sequential(linears(costCase.params).flatMap((layer, i): Layer[] => [layer, i < 2 ? new ReLU() : new Sigmoid()]));
    const weights = [costCase.params.W1, costCase.params.W2, costCase.params.W3].map((w) => tensor(w));
    expect(l2PenaltyOfParams(model.params(), costCase.lambd, 5)).toBe(l2Penalty(weights, costCase.lambd, 5));
  });
});

describe('backward_propagation_with_regularization', () => {
  it('gives the expected dW1..3 (with (λ/m)W) and db1..3 to 1e-12', () => {
    const c = l2BackwardCase.cache;
    const { x } = rebuild(true);
    expect(x?.toArray()).toEqual(l2BackwardCase.X);
    const m = l2BackwardCase.Y[0].length;
    const lambd = l2BackwardCase.lambd;
    // Loss on probabilities, then sigmoid backward from the cached A3: dZ3 = (A3 − Y)/m.
    const { dx: dA3 } = binaryCrossEntropy(batchFirst(c.A3), batchFirst(l2BackwardCase.Y));
    const { dx: dZ3 } = sigmoidBackward(dA3, { out: batchFirst(c.A3) });
    const l3 = affineBackward(dZ3, { x: batchFirst(c.A2), w: tensor(c.W3) });
    const l2 = affineBackward(reluBackward(l3.dx, { x: batchFirst(c.Z2) }).dx, { x: batchFirst(c.A1), w: tensor(c.W2) });
    const l1 = affineBackward(reluBackward(l2.dx, { x: batchFirst(c.Z1) }).dx, { x: batchFirst(l2BackwardCase.X), w: tensor(c.W1) });
    const e = l2BackwardCase.expected;
    for (const [grads, k] of [
      [l1, 1],
      [l2, 2],
      [l3, 3],
    ] as const) {
      const decay = l2Gradient(tensor(c[`W${k}`]), lambd, m);
      const dW = grads.dw.clone();
      for (let i = 0; i < dW.size; i++) dW.data[i] += decay.data[i];
      expect(maxAbsDiff(dW, e[`dW${k}`]), `dW${k}`).toBeLessThanOrEqual(COURSE_ABS);
      expect(maxAbsDiff(grads.db, e[`db${k}`]), `db${k}`).toBeLessThanOrEqual(COURSE_ABS);
    }
  });

  it('addL2Gradients over Param objects gives the same dW, biases untouched', () => {
    const c = l2BackwardCase.cache;
    const { dx: dZ3 } = sigmoidBackward(binaryCrossEntropy(batchFirst(c.A3), batchFirst(l2BackwardCase.Y)).dx, { out: batchFirst(c.A3) });
    const l3 = affineBackward(dZ3, { x: batchFirst(c.A2), w: tensor(c.W3) });
    const params = [
      { name: 'W3', value: tensor(c.W3), grad: l3.dw },
      { name: 'b3', value: biasVector(c.b3), grad: l3.db },
    ];
    addL2Gradients(params, l2BackwardCase.lambd, 5);
    expect(maxAbsDiff(params[0].grad, l2BackwardCase.expected.dW3)).toBeLessThanOrEqual(COURSE_ABS);
    expect(maxAbsDiff(params[1].grad, l2BackwardCase.expected.db3)).toBeLessThanOrEqual(COURSE_ABS);
  });
});

describe('forward_propagation_with_dropout', () => {
  const keepProb = dropoutCase.keep_prob;

  it('rebuilds X and the params from seed(1) exactly', () => {
    expect(dropoutCase.rng).toContain('seed(1); X=randn(3,5); W1=randn(2,3)');
    const { x, params } = rebuild(true);
    expect(x?.toArray()).toEqual(dropoutCase.X);
    for (const [name] of PARAM_SHAPES) expect(params[name].toArray()).toEqual(dropoutCase.params[name]);
  });

  it("kernels with drawOrder 'course' after seed(1): masks exact, A3 to 1e-12", () => {
    const p = dropoutCase.params;
    const rng = new RandomState(1); // "then inside the forward pass: seed(1)"
    const a1 = reluForward(affineForward(batchFirst(dropoutCase.X), tensor(p.W1), biasVector(p.b1)).out).out;
    const d1 = dropoutForward(a1, keepProb, rng, { drawOrder: 'course' });
    const a2 = reluForward(affineForward(d1.out, tensor(p.W2), biasVector(p.b2)).out).out;
    const d2 = dropoutForward(a2, keepProb, rng, { drawOrder: 'course' });
    const a3 = sigmoidForward(affineForward(d2.out, tensor(p.W3), biasVector(p.b3)).out).out;
    expect(d1.mask.toArray()).toEqual(batchFirst(dropoutCase.expected_D1).toArray());
    expect(d2.mask.toArray()).toEqual(batchFirst(dropoutCase.expected_D2).toArray());
    expect(maxAbsDiff(a3, dropoutCase.expected_A3[0])).toBeLessThanOrEqual(COURSE_ABS);
  });

  it('the same with Dropout layers in a Sequential (rng reseeded with 1 before the forward)', () => {
    const rng = new RandomState(0);
    const [l1, l2, l3] = linears(dropoutCase.params);
    const drop1 = new Dropout(keepProb, rng, { drawOrder: 'course' });
    const drop2 = new Dropout(keepProb, rng, { drawOrder: 'course' });
    const model = new Sequential([l1, new ReLU(), drop1, l2, new ReLU(), drop2, l3, new Sigmoid()]);
    rng.seed(1);
    const a3 = model.forward(batchFirst(dropoutCase.X), 'train');
    expect(drop1.lastMask()?.toArray()).toEqual(batchFirst(dropoutCase.expected_D1).toArray());
    expect(drop2.lastMask()?.toArray()).toEqual(batchFirst(dropoutCase.expected_D2).toArray());
    expect(maxAbsDiff(a3, dropoutCase.expected_A3[0])).toBeLessThanOrEqual(COURSE_ABS);
    // Without reseeding, the next forward draws fresh masks (the library's behaviour).
    model.forward(batchFirst(dropoutCase.X), 'train');
    expect(drop1.lastMask()?.toArray()).not.toEqual(batchFirst(dropoutCase.expected_D1).toArray());
  });
});

describe('backward_propagation_with_dropout', () => {
  it('gives the expected dA1, dA2 to 1e-12', () => {
    const c = dropoutBackwardCase.cache;
    const keepProb = dropoutBackwardCase.keep_prob;
    expect(dropoutBackwardCase.rng).toBe('seed(1); X=randn(3,5)');
    expect(rebuild(true).x?.toArray()).toEqual(dropoutBackwardCase.X);
    // The course propagates dZ3 = A3 − Y and applies 1/m only at dW, so its dA's are not divided by m.
    const a3 = batchFirst(c.A3);
    const y = batchFirst(dropoutBackwardCase.Y);
    const dZ3 = tensor(Array.from(a3.data, (v, i) => [v - y.data[i]]));
    const { dx: dA2raw } = affineBackward(dZ3, { x: batchFirst(c.A2), w: tensor(c.W3) });
    const { dx: dA2 } = dropoutBackward(dA2raw, batchFirst(c.D2), keepProb);
    // ReLU backward from the cached A2 (the course's `A2 > 0`; where A2 was dropped, dA2 is 0 already).
    const { dx: dZ2 } = reluBackward(dA2, { x: batchFirst(c.A2) });
    const { dx: dA1raw } = affineBackward(dZ2, { x: batchFirst(c.A1), w: tensor(c.W2) });
    const { dx: dA1 } = dropoutBackward(dA1raw, batchFirst(c.D1), keepProb);
    expect(maxAbsDiff(dA2, batchFirst(dropoutBackwardCase.expected.dA2).toArray() as Matrix)).toBeLessThanOrEqual(COURSE_ABS);
    expect(maxAbsDiff(dA1, batchFirst(dropoutBackwardCase.expected.dA1).toArray() as Matrix)).toBeLessThanOrEqual(COURSE_ABS);
  });
});
