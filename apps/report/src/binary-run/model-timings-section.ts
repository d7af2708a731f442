import type { BinaryRunRecord } from '@lab/run-record';
import type { RootContent } from 'mdast';
import { timingsSection } from '../timings-section';

/**
 * The timings section of a `regularization` or `train` record: seconds per model, the total
 * and the record's creation date.
 * @param labels - one distinct label per model (see `modelLabels`)
 */
export function modelTimingsSection(record: BinaryRunRecord, labels: readonly string[]): RootContent[] {
  return timingsSection({
    rows: record.models.map((model, m) => ({ label: labels[m] ?? model.name, seconds: model.seconds })),
    totalSeconds: record.totalSeconds,
    createdAt: record.createdAt,
  });
}
