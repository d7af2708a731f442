import type { OptimizationRecord } from './record';
import { compareWithPublished } from './report/comparison';

/** How many published numbers a run matched, of those comparable with it. */
export interface PublishedTally {
  readonly matched: number;
  /** The comparable published numbers. */
  readonly total: number;
  /** Published numbers that this run's settings make incomparable. */
  readonly notComparable: number;
}

/**
 * Counts the published numbers a record matched, cell by cell (the report's comparison).
 * @returns undefined when no model carries published numbers
 */
export function tallyPublished(record: OptimizationRecord): PublishedTally | undefined {
  const cells = compareWithPublished(
    record,
    record.models.map((model) => model.name),
  );
  if (cells.length === 0) return undefined;
  const compared = cells.filter((cell) => cell.status !== 'not comparable');
  return {
    matched: compared.filter((cell) => cell.status === 'match').length,
    total: compared.length,
    notComparable: cells.length - compared.length,
  };
}
