import type { BinaryRunRecord, DecisionGrid } from '@lab/trainer';
import type { RecordIssue } from '../record-issue';

/**
 * Checks what the schema cannot express on its own: every decision grid holds
 * `nx·ny` values with `xMin < xMax` and `yMin < yMax`, the training points have one
 * label each, and labels are 0 or 1. For `train` records and experiments' records of binary classifiers
 * (any record with `trainPoints` and models that may carry a `decisionGrid`).
 * @returns the problems found, each with its field path; empty when the record is consistent
 */
export function binaryRunIssues(
  record: Pick<BinaryRunRecord, 'trainPoints'> & { readonly models: readonly { readonly decisionGrid?: DecisionGrid }[] },
): RecordIssue[] {
  const issues: RecordIssue[] = [];
  const { x, y } = record.trainPoints;
  if (x.length !== y.length) {
    issues.push({ path: ['trainPoints', 'y'], message: `expected ${x.length} labels (one per point in trainPoints.x), got ${y.length}` });
  }
  y.forEach((label, i) => {
    if (label !== 0 && label !== 1) issues.push({ path: ['trainPoints', 'y', i], message: `expected label 0 or 1, got ${label}` });
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
  });
  return issues;
}
