import { affineForward, reluForward, sigmoidForward } from '@lab/layers';
import { numericGradient, RandomState, relError, Tensor, tensor } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { GRADIENT_CHECK, SAME_FORMULA } from '../test/tolerances';
import { BinaryMlp } from './binary-mlp';

function randomData(n: number, d: number, seed: number): { x: Tensor; y: Tensor } {
  const rng = new RandomState(seed);
  const x = rng.randn(n, d);
  const y = new Tensor(
    Float64Array.from({ length: n }, () => (rng.nextDouble() < 0.5 ? 1 : 0)),
    [n, 1],
  );
  return { x, y };
}

/**
 * The course's gradient-check measure ‖a − b‖₂ / (‖a‖₂ + ‖b‖₂). Unlike an element-wise
 * relative error it is not dominated by entries near zero (a weight whose gradient is 1e-7
 * has a centered-difference error of about 1e-12, which is 1e-5 relative).
 */
function courseDifference(a: Tensor, b: Tensor): number {
  let diff = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.size; i++) {
    diff += (a.data[i] - b.data[i]) ** 2;
    normA += a.data[i] ** 2;
    normB += b.data[i] ** 2;
  }
  return Math.sqrt(diff) / (Math.sqrt(normA) + Math.sqrt(normB));
}

/** ∂cost/∂param by centered differences, the param perturbed in place. */
function numericParamGradient(model: BinaryMlp, value: Tensor): Tensor {
  const probe = new Tensor(value.data, value.shape);
  return numericGradient(
    () => {
      model.computeGradients();
      return tensor([model.cost()]);
    },
    probe,
    tensor([1]),
  );
}

describe('BinaryMlp', () => {
  for (const [lambd, keepProb, masks] of [
    [0, 1, 'fresh'],
    [0.7, 1, 'fresh'],
    [0, 0.8, 'course'],
    [0.3, 0.75, 'course'],
  ] as const) {
    it(`gradients match centered differences (λ=${lambd}, keepProb=${keepProb})`, () => {
      const { x, y } = randomData(17, 3, 5);
      // Course masks are the same at every pass, so the cost is a fixed function of the params.
      const model = new BinaryMlp({ layerSizes: [3, 6, 5, 1], rng: new RandomState(2), lambd, keepProb, dropoutMasks: masks });
      // Random biases: with zero biases an example whose inputs are all dropped sits exactly on
      // a ReLU kink, where centered differences see half a slope.
      const biasRng = new RandomState(9);
      for (const param of model.params()) if (param.name.startsWith('b')) param.value.data.set(biasRng.randn(param.value.size).data);
      model.setBatch(x, y);
      for (const param of model.params()) {
        model.computeGradients();
        const analytic = param.grad.clone();
        const numeric = numericParamGradient(model, param.value);
        expect(courseDifference(analytic, numeric), param.name).toBeLessThan(GRADIENT_CHECK);
      }
    });
  }

  it('computes the same forward pass as the batch-first @lab/layers kernels', () => {
    const { x } = randomData(9, 2, 8);
    const model = new BinaryMlp({ layerSizes: [2, 20, 3, 1], rng: new RandomState(3) });
    const [w1, b1, w2, b2, w3, b3] = model.params().map((p) => p.value);
    const h1 = reluForward(affineForward(x, w1, b1).out).out;
    const h2 = reluForward(affineForward(h1, w2, b2).out).out;
    const expected = sigmoidForward(affineForward(h2, w3, b3).out).out;
    expect(relError(model.predictProba(x), expected)).toBeLessThan(SAME_FORMULA);
  });

  it('initializes like the course: randn(out, in) / sqrt(in) after seed(3), biases 0', () => {
    const model = new BinaryMlp({ layerSizes: [2, 20, 3, 1], rng: new RandomState(3) });
    const rng = new RandomState(3);
    for (const [index, [fanOut, fanIn]] of [
      [20, 2],
      [3, 20],
      [1, 3],
    ].entries()) {
      const expected = rng.randn(fanOut, fanIn).data.map((v) => v / Math.sqrt(fanIn));
      expect(Array.from(model.params()[2 * index].value.data)).toEqual(Array.from(expected));
      expect(model.params()[2 * index + 1].value.data.every((v) => v === 0)).toBe(true);
    }
  });

  it('accuracy counts (a > 0.5) == y, like the course', () => {
    const model = new BinaryMlp({ layerSizes: [1, 1], rng: new RandomState(0) });
    model.params()[0].value.data[0] = 1; // a = sigmoid(x)
    const x = tensor([[-2], [0], [3], [1]]); // a = 0.12, 0.5, 0.95, 0.73
    expect(model.accuracy(x, tensor([[0], [0], [1], [0]]))).toBe(0.75);
  });

  it('rejects bad options and shapes with the numbers in the message', () => {
    const rng = new RandomState(0);
    expect(() => new BinaryMlp({ layerSizes: [2, 3], rng })).toThrow(/output layer must have 1 unit \(sigmoid\), got 3/);
    expect(() => new BinaryMlp({ layerSizes: [2, 1], rng, keepProb: 0 })).toThrow(/keepProb must be in \(0, 1\], got 0/);
    expect(() => new BinaryMlp({ layerSizes: [2, 1], rng, lambd: -1 })).toThrow(/lambd must be a finite number >= 0, got -1/);
    const model = new BinaryMlp({ layerSizes: [2, 1], rng });
    expect(() => model.setBatch(tensor([[1, 2, 3]]), tensor([[1]]))).toThrow(/\(1, 3\): x must have 2 features, got 3/);
    expect(() => model.setBatch(tensor([[1, 2]]), tensor([[1], [0]]))).toThrow(/y must be \(1, 1\) or \(1,\)/);
    expect(() => model.computeGradients()).toThrow(/call setBatch first/);
    expect(() => model.cost()).toThrow(/call computeGradients first/);
  });
});
