import type { BinaryRunRecord } from '@lab/run-record';
import type { RootContent } from 'mdast';
import { timingsSection } from '../timings-section';

/** What {@link modelTimingsSection} reads of a record: any record of models trained one after the other. */
export type TimedModels = Pick<BinaryRunRecord, 'totalSeconds' | 'createdAt'> & {
  readonly models: readonly { readonly name: string; readonly seconds: number }[];
};

/**
 * The timings section of a record of models (`regularization`, `train`, a course experiment's):
 * seconds per model, the total and the record's creation date.
 * @param labels - one distinct label per model (see `modelLabels`)
 */
export function modelTimingsSection(record: TimedModels, labels: readonly string[]): RootContent[] {
  return timingsSection({
    rows: record.models.map((model, m) => ({ label: labels[m] ?? model.name, seconds: model.seconds })),
    totalSeconds: record.totalSeconds,
    createdAt: record.createdAt,
  });
}
