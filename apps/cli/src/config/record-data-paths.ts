import { relative } from 'node:path';
import type { TrainRecord } from '@lab/run-record';

/** The fields of a data spec that name files (`@lab/trainer`'s `DataFileField`). */
type DataFileField = 'path' | 'testPath';

/**
 * A train record whose config names each data file that was given by a relative path relative to
 * the record's own folder (`outDir`), as `lab train --config run.json` resolves it: the record then
 * reruns from wherever the folders holding it and the data are moved together, and holds no absolute
 * path of this machine. Files given by an absolute path stay absolute.
 * @param relativeFiles - the data spec's fields that were written as relative paths
 */
export function withDataPathsRelativeTo(record: TrainRecord, relativeFiles: readonly DataFileField[], outDir: string): TrainRecord {
  const config = record.config;
  if (config === undefined || relativeFiles.length === 0) return record;
  const data: Record<string, unknown> = { ...(config.data as Record<string, unknown>) };
  for (const field of relativeFiles) {
    const file = data[field];
    if (typeof file === 'string') data[field] = relative(outDir, file);
  }
  return { ...record, config: { ...config, data: data as typeof config.data } };
}
