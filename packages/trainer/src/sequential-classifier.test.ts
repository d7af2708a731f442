import { BatchNorm1d } from '@lab/batchnorm';
import { Linear, ReLU, Sequential } from '@lab/layers';
import { numericGradient, RandomState, relError, Tensor, tensor } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { GRADIENT_CHECK } from '../test/tolerances';
import { Adam } from './optimizers';
import { SequentialClassifier } from './sequential-classifier';

function smallModel(seed = 1): SequentialClassifier {
  const rng = new RandomState(seed);
  return new SequentialClassifier(new Sequential([new Linear(4, 6, rng), new BatchNorm1d(6), new ReLU(), new Linear(6, 3, rng)]));
}

describe('SequentialClassifier', () => {
  it('fills every gradient with the derivative of its cost (a gradient check through batch norm)', () => {
    const rng = new RandomState(0);
    const model = smallModel();
    const x = rng.randn(5, 4);
    const y = tensor([0, 2, 1, 1, 0]);
    model.setBatch(x, y);
    model.computeGradients();
    const analytic = model.params().map((p) => p.grad.clone());
    const one = tensor([1]);
    model.params().forEach((p, i) => {
      const numeric = numericGradient(
        () => {
          model.computeGradients();
          return tensor([model.cost()]);
        },
        p.value,
        one,
      );
      expect(relError(numeric, analytic[i] as Tensor), p.name).toBeLessThan(GRADIENT_CHECK);
    });
  });

  it('names the params of its network and returns the same objects on every call', () => {
    const model = smallModel();
    expect(model.params().map((p) => p.name)).toEqual(['W1', 'b1', 'gamma1', 'beta1', 'W2', 'b2']);
    expect(model.params()).toBe(model.params());
  });

  it('costs the mean softmax cross-entropy: log C for all-zero scores', () => {
    const model = new SequentialClassifier(
      new Sequential([Linear.fromParams(new Tensor(new Float64Array(8), [4, 2]), tensor([0, 0, 0, 0]))]),
    );
    model.setBatch(
      tensor([
        [1, 2],
        [3, 4],
      ]),
      tensor([0, 3]),
    );
    model.computeGradients();
    expect(model.cost()).toBeCloseTo(Math.log(4), 14);
  });

  it('predicts the arg-max class in test mode and learns a separable toy set', () => {
    const rng = new RandomState(3);
    const x = rng.randn(30, 4);
    // The label is the index of the largest of the first three features.
    const y = new Tensor(
      Float64Array.from({ length: 30 }, (_, i) => [0, 1, 2].reduce((best, j) => (x.data[i * 4 + j] > x.data[i * 4 + best] ? j : best), 0)),
      [30],
    );
    const model = smallModel(2);
    const optimizer = new Adam({ learningRate: 0.05 });
    model.setBatch(x, y);
    for (let t = 0; t < 300; t++) {
      model.computeGradients();
      optimizer.step(model.params());
    }
    expect(model.accuracy(x, y)).toBeGreaterThan(0.9);
    const predicted = model.predict(x);
    expect(predicted.shape).toEqual([30]);
    const agree = predicted.data.filter((label, i) => label === y.data[i]).length / 30;
    expect(agree).toBe(model.accuracy(x, y));
  });

  it('says what is wrong with a batch', () => {
    const model = smallModel();
    expect(() => model.computeGradients()).toThrow(/call setBatch first/);
    expect(() => model.setBatch(new Tensor(new Float64Array(8), [2, 4]), tensor([0, 1, 2]))).toThrow(/y must be \(N,\) = \(2,\) labels/);
  });
});
