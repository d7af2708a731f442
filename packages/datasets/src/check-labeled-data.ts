import { firstNonFinite, formatShape, type Tensor } from '@lab/tensor';
import { DatasetError } from './dataset-error';

/**
 * The labels a model can learn: `'binary'`, 0 or 1 (one sigmoid output unit), or
 * `{ classes: K }`, the integers 0 … K−1 (a softmax over K classes).
 */
export type LabelRange = 'binary' | { readonly classes: number };

/** What a model expects of its data, checked by {@link checkLabeledData}. */
export interface DataExpectations {
  /** Features per example (the model's input width): every x must have this many columns. */
  readonly features?: number;
  /** The labels the model's output can stand for; default `'binary'`. */
  readonly labels?: LabelRange;
}

/** One split's tensors and how messages name them. */
export interface NamedSplit {
  /** (N, D) examples, one per row. */
  readonly x: Tensor;
  /** (N, 1) or (N,) labels, one per row of x. */
  readonly y: Tensor;
  /** How messages name x and y, e.g. `variable 'X'` and `variable 'y'`. */
  readonly xName: string;
  readonly yName: string;
}

/**
 * Checks data before any training, so that bad data is named where it is rather than found
 * as a NaN gradient thousands of steps later. For each split in order: x is (N, D) and y has N
 * rows; N ≥ 1; D is `features` when given; every value of x is finite; every label is in
 * `labels`' range. Positions are 1-based (row 1 is the first row), as MATLAB and spreadsheets count.
 * @param source - the file or generator, named first: `football.mat`, `moons (built-in)`
 * @param splits - e.g. the training split then the test split
 * @throws DatasetError, one line naming the source, the variable and the first bad position:
 *   `f.mat: variable 'yval': row 1: label 7, expected 0 or 1`,
 *   `f.mat: variable 'X': row 5, column 2: NaN, expected a finite number`,
 *   `f.mat: variable 'Xval': no rows; every split needs at least one example`,
 *   `f.mat: variable 'X': 3 features per row, but the model takes 2`
 */
export function checkLabeledData(source: string, splits: readonly NamedSplit[], expectations: DataExpectations = {}): void {
  const labels = expectations.labels ?? 'binary';
  if (labels !== 'binary' && !(Number.isInteger(labels.classes) && labels.classes >= 2)) {
    throw new DatasetError(`${source}: labels.classes must be an integer >= 2, got ${labels.classes}`);
  }
  for (const { x, y, xName, yName } of splits) {
    const at = (name: string) => `${source}: ${name}`;
    if (x.shape.length !== 2) throw new DatasetError(`${at(xName)}: shape ${formatShape(x.shape)}, expected (N, D): one example per row`);
    const [rows, columns] = x.shape;
    if (y.shape.length === 0 || y.shape[0] !== rows) {
      throw new DatasetError(`${source}: ${xName} ${formatShape(x.shape)} and ${yName} ${formatShape(y.shape)} differ in rows`);
    }
    if (rows === 0) throw new DatasetError(`${at(xName)}: no rows; every split needs at least one example`);
    if (expectations.features !== undefined && columns !== expectations.features) {
      throw new DatasetError(`${at(xName)}: ${columns} features per row, but the model takes ${expectations.features}`);
    }
    const badValue = firstNonFinite(x.data);
    if (badValue >= 0) {
      const row = Math.floor(badValue / columns) + 1;
      const column = (badValue % columns) + 1;
      throw new DatasetError(`${at(xName)}: row ${row}, column ${column}: ${x.data[badValue]}, expected a finite number`);
    }
    if (y.size !== rows) {
      throw new DatasetError(`${at(yName)}: shape ${formatShape(y.shape)}, expected (${rows}, 1) or (${rows},): one label per row`);
    }
    const badLabel = firstOutOfRange(y.data, labels);
    if (badLabel >= 0) {
      throw new DatasetError(`${at(yName)}: row ${badLabel + 1}: label ${y.data[badLabel]}, expected ${describeLabels(labels)}`);
    }
  }
}

function firstOutOfRange(values: Float64Array, labels: LabelRange): number {
  for (let i = 0; i < values.length; i++) if (!isLabel(values[i], labels)) return i;
  return -1;
}

/** True when `value` is a label in `labels`' range: 0 or 1, or an integer in 0 … K−1. */
export function isLabel(value: number, labels: LabelRange): boolean {
  const classes = labels === 'binary' ? 2 : labels.classes;
  return Number.isInteger(value) && value >= 0 && value < classes;
}

/** `0 or 1`, `an integer from 0 to 9`. */
export function describeLabels(labels: LabelRange): string {
  return labels === 'binary' ? '0 or 1' : `an integer from 0 to ${labels.classes - 1}`;
}
