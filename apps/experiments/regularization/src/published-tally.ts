import type { RegularizationRecord } from './record';
import { compareWithPublished } from './report/comparison';

/** How many published numbers a run on the course's data matched. */
export interface PublishedTally {
  readonly matched: number;
  readonly total: number;
}

/**
 * Counts the published numbers a record matched, cell by cell (the report's comparison).
 * @returns undefined when no model carries published numbers (the data is not the course's)
 */
export function tallyPublished(record: RegularizationRecord): PublishedTally | undefined {
  const cells = compareWithPublished(
    record.models,
    record.models.map((model) => model.name),
  );
  if (cells.length === 0) return undefined;
  return { matched: cells.filter((cell) => cell.matches).length, total: cells.length };
}
