import { basename } from 'node:path';
import { readRegularFile } from '@lab/datasets';
import { parseRunRecord } from './parse-run-record';
import { ReportError } from './report-error';
import type { ReportKindsOption, RunRecord } from './report-kind';

/** The largest run record {@link loadRunRecord} reads: 64 MiB (a batch-norm record is well under 1 MiB). */
export const MAX_RUN_RECORD_BYTES = 64 * 2 ** 20;

/** A run record read from disk, with the text it was read from. */
export interface LoadedRunRecord {
  readonly record: RunRecord;
  /** The file's text, to write the record elsewhere byte for byte (`writeReport`'s `recordText`). */
  readonly text: string;
}

/**
 * Reads and validates a run record (JSON) from disk. Only a regular file of at most
 * {@link MAX_RUN_RECORD_BYTES} is read, checked before reading (a FIFO or a device is refused at once).
 * @param path - the record's file, e.g. `out/run.json`
 * @param options - `kinds`: record kinds besides the built-in `train`, e.g. an experiment's
 * @returns the validated record
 * @throws ReportError one line naming the file: `/abs/out/run.json: the file does not exist`,
 *   `/dev/zero: not a regular file (a character device)`, `run.json: not valid JSON: …`, or a
 *   validation error from {@link parseRunRecord}
 */
export async function loadRunRecord(path: string, options: ReportKindsOption = {}): Promise<RunRecord> {
  return (await loadRunRecordFile(path, options)).record;
}

/**
 * {@link loadRunRecord}, returning the file's text too.
 * @throws ReportError as {@link loadRunRecord}
 */
export async function loadRunRecordFile(path: string, options: ReportKindsOption = {}): Promise<LoadedRunRecord> {
  const source = basename(path);
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(path, { maxBytes: MAX_RUN_RECORD_BYTES, kind: 'run record' });
  } catch (error) {
    throw new ReportError((error as Error).message);
  }
  const text = new TextDecoder().decode(bytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ReportError(`${source}: not valid JSON: ${(error as Error).message}`);
  }
  return { record: parseRunRecord(value, { ...options, source }), text };
}
