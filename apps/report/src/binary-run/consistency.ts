import type { BinaryRunRecord, DecisionGrid } from '@lab/run-record';
import type { RecordIssue } from '../record-issue';

/**
 * Checks what the schema cannot express on its own: every decision grid holds
 * `nx·ny` values with `xMin < xMax` and `yMin < yMax`, the training points have one
 * label each, and labels are 0 or 1 — or, when the data set has `classes` (C > 2), integers from
 * 0 to C−1, like a multi-class grid's values. For `train` records and experiments' records of
 * classifiers (any record with `trainPoints` and models that may carry a `decisionGrid`).
 * @returns the problems found, each with its field path; empty when the record is consistent
 */
export function binaryRunIssues(
  record: Pick<BinaryRunRecord, 'trainPoints'> & {
    readonly dataset?: { readonly classes?: number };
    readonly models: readonly { readonly decisionGrid?: DecisionGrid }[];
  },
): RecordIssue[] {
  const issues: RecordIssue[] = [];
  const { x, y } = record.trainPoints;
  if (x.length !== y.length) {
    issues.push({ path: ['trainPoints', 'y'], message: `expected ${x.length} labels (one per point in trainPoints.x), got ${y.length}` });
  }
  const classes = record.dataset?.classes ?? 2;
  const isLabel = (value: number) => Number.isInteger(value) && value >= 0 && value < classes;
  const expected = classes === 2 ? '0 or 1' : `an integer from 0 to ${classes - 1}`;
  y.forEach((label, i) => {
    if (!isLabel(label)) issues.push({ path: ['trainPoints', 'y', i], message: `expected label ${expected}, got ${label}` });
  });
  record.models.forEach((model, m) => {
    const grid = model.decisionGrid;
    if (grid === undefined) return;
    const path = ['models', m, 'decisionGrid'];
    if (grid.values.length !== grid.nx * grid.ny) {
      issues.push({
        path: [...path, 'values'],
        message: `expected nx·ny = ${grid.nx}·${grid.ny} = ${grid.nx * grid.ny} values, got ${grid.values.length}`,
      });
    }
    if (!(grid.xMin < grid.xMax))
      issues.push({ path: [...path, 'xMax'], message: `expected xMax > xMin = ${grid.xMin}, got ${grid.xMax}` });
    if (!(grid.yMin < grid.yMax))
      issues.push({ path: [...path, 'yMax'], message: `expected yMax > yMin = ${grid.yMin}, got ${grid.yMax}` });
    if (grid.classes !== undefined) {
      if (grid.classes !== classes) {
        issues.push({ path: [...path, 'classes'], message: `expected the data set's ${classes} classes, got ${grid.classes}` });
      }
      const bad = grid.values.findIndex((value) => !(Number.isInteger(value) && value >= 0 && value < (grid.classes ?? 2)));
      if (bad >= 0) {
        issues.push({
          path: [...path, 'values', bad],
          message: `expected a class from 0 to ${grid.classes - 1}, got ${grid.values[bad]}`,
        });
      }
    }
  });
  return issues;
}
