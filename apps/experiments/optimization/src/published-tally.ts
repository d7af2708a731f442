import { type ComparisonTally, comparisonTally } from '@lab/report';
import type { OptimizationRecord } from './record';
import { compareWithPublished } from './report/comparison';

/** How many published numbers a run matched, of those comparable with it. */
export type PublishedTally = ComparisonTally;

/**
 * Counts the published numbers a record matched, cell by cell (the report's comparison).
 * @returns undefined when no model carries published numbers
 */
export function tallyPublished(record: OptimizationRecord): PublishedTally | undefined {
  const cells = compareWithPublished(
    record,
    record.models.map((model) => model.name),
  );
  return cells.length === 0 ? undefined : comparisonTally(cells);
}
