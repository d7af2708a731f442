import { type ComparisonTally, comparisonTally } from '@lab/report';
import type { InitializationRecord } from './record';
import { compareWithPublished } from './report/comparison';
import { differencesFromCourse } from './report/course-settings';

/** How many published numbers a run matched, of those comparable with it. */
export type PublishedTally = ComparisonTally;

/**
 * Counts the published numbers a record matched, cell by cell (the report's comparison).
 * @returns undefined when no model carries published numbers
 */
export function tallyPublished(record: InitializationRecord): PublishedTally | undefined {
  const labels = record.models.map((model) => model.name);
  const cells = compareWithPublished(record.models, labels, differencesFromCourse(record));
  return cells.length === 0 ? undefined : comparisonTally(cells);
}
