import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseRunRecord, type RunRecord } from './parse-run-record';
import { ReportError } from './report-error';

/**
 * Reads and validates a run record (JSON) from disk.
 * @param path - the record's file, e.g. `out/run.json`
 * @returns the validated record
 * @throws ReportError one line naming the file: `run.json: cannot read: ENOENT …`,
 *   `run.json: not valid JSON: …`, or a validation error from {@link parseRunRecord}
 */
export async function loadRunRecord(path: string): Promise<RunRecord> {
  const source = basename(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ReportError(`${source}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ReportError(`${source}: not valid JSON: ${(error as Error).message}`);
  }
  return parseRunRecord(value, source);
}
