import type { InitializationRecord } from './record';
import { compareWithPublished } from './report/comparison';
import { differencesFromCourse } from './report/course-settings';

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
export function tallyPublished(record: InitializationRecord): PublishedTally | undefined {
  const labels = record.models.map((model) => model.name);
  const cells = compareWithPublished(record.models, labels, differencesFromCourse(record));
  if (cells.length === 0) return undefined;
  const compared = cells.filter((cell) => cell.status !== 'not comparable');
  return {
    matched: compared.filter((cell) => cell.status === 'match').length,
    total: compared.length,
    notComparable: cells.length - compared.length,
  };
}
