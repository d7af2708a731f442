import { LabError, ShapeError, tensor } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { binaryAccuracy, multiclassAccuracy } from './metrics';

describe('binaryAccuracy', () => {
  it("thresholds with the course's > 0.5 (0.5 itself predicts 0), in either layout", () => {
    const p = tensor([[0.9], [0.5], [0.51], [0.1]]);
    const y = tensor([[1], [0], [1], [1]]);
    expect(binaryAccuracy(p, y)).toBe(0.75);
    expect(binaryAccuracy(tensor([[0.9, 0.5, 0.51, 0.1]]), tensor([[1, 1, 1, 1]]))).toBe(0.5); // (1, N) like the course
    expect(binaryAccuracy(tensor([0.2, 0.8]), tensor([0, 1]))).toBe(1);
  });

  it('matches the published fractions exactly (count / m, as NumPy computes the mean)', () => {
    const m = 211;
    const p = tensor(Array.from({ length: m }, (_, i) => (i < 200 ? 0.9 : 0.1)));
    expect(binaryAccuracy(p, tensor(new Array(m).fill(1)))).toBe(0.9478672985781991);
  });

  it('rejects mismatched shapes, no examples and non-binary labels', () => {
    expect(() => binaryAccuracy(tensor([[0.5], [0.2]]), tensor([1, 0]))).toThrow(ShapeError);
    expect(() => binaryAccuracy(tensor([[0.5], [0.2]]), tensor([1, 0]))).toThrow(
      'binaryAccuracy: (2, 1) and (2,): probabilities and labels must have the same shape',
    );
    expect(() => binaryAccuracy(tensor([]), tensor([]))).toThrow('binaryAccuracy: (0,): need at least one example');
    expect(() => binaryAccuracy(tensor([0.5, 0.2]), tensor([1, 0.5]))).toThrow(LabError);
    expect(() => binaryAccuracy(tensor([0.5, 0.2]), tensor([1, 0.5]))).toThrow('binaryAccuracy: labels[1] is 0.5, expected 0 or 1');
  });
});

describe('multiclassAccuracy', () => {
  it('takes the argmax of each row; ties go to the first index', () => {
    const scores = tensor([
      [0.1, 2, 0.3],
      [5, 5, 1],
      [-1, -2, -0.5],
      [0, 0, 0],
    ]);
    expect(multiclassAccuracy(scores, tensor([1, 1, 2, 0]))).toBe(0.75);
    expect(multiclassAccuracy(scores, tensor([[1], [0], [2], [0]]))).toBe(1);
  });

  it('rejects bad shapes and labels', () => {
    const scores = tensor([
      [0.1, 2, 0.3],
      [5, 5, 1],
    ]);
    expect(() => multiclassAccuracy(scores, tensor([1, 0, 2]))).toThrow(
      'multiclassAccuracy: (2, 3) and (3,): labels must be (2,) or (2, 1) for 2 rows of scores',
    );
    expect(() => multiclassAccuracy(tensor([1, 2]), tensor([0]))).toThrow('multiclassAccuracy: (2,): scores must be 2-D (N, C), got 1-D');
    expect(() => multiclassAccuracy(scores, tensor([1, 3]))).toThrow('multiclassAccuracy: labels[1] is 3, expected an integer in [0, 3)');
    expect(() => multiclassAccuracy(scores, tensor([1.5, 0]))).toThrow(
      'multiclassAccuracy: labels[0] is 1.5, expected an integer in [0, 3)',
    );
  });
});
