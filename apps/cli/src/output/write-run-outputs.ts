import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type RunRecord, writeFileAtomic, writeReport } from '@lab/report';
import { CliError } from '../cli-error';
import { describeFsError, isFsError } from '../fs-error';
import { REPORT_KINDS } from '../report-kinds';

/** The name of the run record a run writes into its output directory. */
export const RUN_RECORD_FILE = 'run.json';

/** What {@link writeRunOutputs} wrote. */
export interface RunOutputs {
  /** `<outDir>/run.json` */
  readonly runPath: string;
  /** `<outDir>/report.md` */
  readonly reportPath: string;
  /** `<outDir>/<figure>.svg`, in report order. */
  readonly figures: readonly string[];
}

/**
 * Writes a run's record (`run.json`, atomically) and its report (`report.md` and the figures)
 * into `outDir`, created if missing.
 * @param outDir - an absolute directory
 * @throws CliError when the directory or a file cannot be written (one line naming the path)
 */
export async function writeRunOutputs(record: RunRecord, outDir: string): Promise<RunOutputs> {
  const runPath = join(outDir, RUN_RECORD_FILE);
  try {
    await mkdir(outDir, { recursive: true });
    await writeFileAtomic(runPath, `${JSON.stringify(record, null, 2)}\n`);
  } catch (error) {
    throw asWriteError(error, outDir);
  }
  const { reportPath, figures } = await writeReportInto(record, outDir);
  return { runPath, reportPath, figures };
}

/**
 * {@link writeReport} with file system errors turned into one-line {@link CliError}s.
 * @throws CliError when `outDir` cannot be written; ReportError for an inconsistent record
 */
export async function writeReportInto(record: RunRecord, outDir: string): Promise<{ reportPath: string; figures: readonly string[] }> {
  try {
    return await writeReport(record, outDir, { kinds: REPORT_KINDS });
  } catch (error) {
    throw asWriteError(error, outDir);
  }
}

function asWriteError(error: unknown, outDir: string): unknown {
  return isFsError(error) ? new CliError(`cannot write to ${outDir}: ${describeFsError(error)}`) : error;
}
