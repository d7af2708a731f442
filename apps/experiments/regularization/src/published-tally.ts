import type { RegularizationRecord } from './record';
import { compareWithPublished, notComparableReasons } from './report/comparison';

/** How a run on the course's data compares with the published numbers. */
export interface PublishedTally {
  /** Comparable numbers that matched. */
  readonly matched: number;
  /** Numbers that were comparable: the run's settings were those the number holds for. */
  readonly comparable: number;
  /** All published numbers of the run's models. */
  readonly total: number;
  /** Why the others are not comparable: the run's settings that differ, `seed 4 ≠ 3`. Empty when all are. */
  readonly notComparable: readonly string[];
}

/**
 * Counts the published numbers a record matched, cell by cell (the report's comparison); a number
 * that depends on a setting the run changed (seed, iterations, learning rate, dropout masks) is not
 * comparable and counts as neither.
 * @returns undefined when no model carries published numbers (the data is not the course's)
 */
export function tallyPublished(record: RegularizationRecord): PublishedTally | undefined {
  const cells = compareWithPublished(
    record,
    record.models.map((model) => model.name),
  );
  if (cells.length === 0) return undefined;
  const comparable = cells.filter((cell) => cell.notComparable.length === 0);
  return {
    matched: comparable.filter((cell) => cell.matches).length,
    comparable: comparable.length,
    total: cells.length,
    notComparable: notComparableReasons(cells),
  };
}
