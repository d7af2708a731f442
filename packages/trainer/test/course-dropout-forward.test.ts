import { RandomState, tensor } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { binaryModel } from './binary-network';
import { readReference } from './reference';
import { COURSE_REFERENCE } from './tolerances';

interface DropoutForwardCase {
  X: number[][];
  params: Record<string, number[][]>;
  keep_prob: number;
  expected_A3: number[][];
}

describe("the compiled course network reproduces the course's forward_propagation_with_dropout test case", () => {
  const testCase = readReference<Record<string, DropoutForwardCase>>('course_testcases.json').forward_propagation_with_dropout;

  it('A3 matches with the course-order masks (reseeded with 1)', () => {
    // The case's layout is (features, examples); transpose to batch-first.
    const x = tensor(testCase.X).toArray() as number[][];
    const xBatchFirst = tensor(x[0].map((_, i) => x.map((row) => row[i])));
    // LINEAR(3→2) → RELU → DROPOUT → LINEAR(2→3) → RELU → DROPOUT → LINEAR(3→1) → SIGMOID, masks reseeded with 1.
    const model = binaryModel([3, 2, 3, 1], new RandomState(0), {
      keepProb: testCase.keep_prob,
      batchSize: xBatchFirst.shape[0],
      reseedDropout: 1,
    });
    for (const param of model.params()) param.value.data.set(testCase.params[param.name].flat());
    model.setBatch(xBatchFirst, tensor(Array.from({ length: xBatchFirst.shape[0] }, () => [0])));
    model.computeGradients();
    const a3 = Array.from(model.lastOutput().data);
    const expected = testCase.expected_A3[0];
    expect(a3.length).toBe(expected.length);
    a3.forEach((value, i) => expect(Math.abs(value - expected[i])).toBeLessThan(COURSE_REFERENCE));
  });
});
