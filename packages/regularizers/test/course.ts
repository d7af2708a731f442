import { type Tensor, tensor } from '@lab/tensor';
import { readReference } from './reference';

/** A matrix as the course's JSON stores it: rows of numbers. */
export type Matrix = number[][];

/** The course's test cases (`test/fixtures/course_testcases.json`). */
export function readCourseCases(): Record<string, Record<string, unknown>> {
  return readReference('course_testcases.json');
}

/** Course layout (features, examples) → batch-first (N, D): the transpose. */
export function batchFirst(m: Matrix): Tensor {
  return tensor(m[0].map((_, j) => m.map((row) => row[j])));
}

/** A course column vector (out, 1) → a bias (M,). */
export function biasVector(m: Matrix): Tensor {
  return tensor(m.map((row) => row[0]));
}

/** Largest absolute element-wise difference between a tensor and nested numbers of the same layout. */
export function maxAbsDiff(t: Tensor, expected: Matrix | number[]): number {
  const flat = (expected as unknown[]).flat() as number[];
  if (flat.length !== t.size) throw new Error(`maxAbsDiff: ${t.size} elements vs ${flat.length}`);
  let worst = 0;
  for (let i = 0; i < flat.length; i++) worst = Math.max(worst, Math.abs(t.data[i] - flat[i]));
  return worst;
}
