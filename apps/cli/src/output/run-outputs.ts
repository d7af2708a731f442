import { resolve } from 'node:path';
import { type OutputDirectory, openOutputDirectory, type RunRecord, writeReport } from '@lab/report';
import { CliError } from '../cli-error';
import type { CliIo } from '../cli-io';
import { REPORT_KINDS } from '../report-kinds';

/** What {@link writeRunOutputs} wrote. */
export interface RunOutputs {
  /** `<outDir>/run.json` */
  readonly runPath: string;
  /** `<outDir>/report.md` */
  readonly reportPath: string;
  /** `<outDir>/report.html`, when asked for. */
  readonly htmlPath?: string;
  /** `<outDir>/<figure>.svg`, in report order. */
  readonly figures: readonly string[];
  /** True when `--out` held a previous run's outputs, which these replaced. */
  readonly replaced: boolean;
}

/**
 * `--out` for a run, opened before the run starts (see `openOutputDirectory` of `@lab/report`): a
 * path that cannot hold lab outputs (a file, a directory of other files, the working directory,
 * a place under `/proc`) or a directory another lab run is writing to is refused now, in one
 * line, not after the training. Release it when the command ends.
 * @param out - `--out` as typed, relative to `io.cwd`
 * @throws CliError for an empty path; OutputError for anything else
 */
export function openOutputs(out: string, io: CliIo): OutputDirectory {
  if (out === '') throw new CliError('--out is an empty path: name a directory');
  return openOutputDirectory(resolve(io.cwd, out), { cwd: io.cwd });
}

/**
 * Writes a run's record (`run.json`) and its report (`report.md` and the figures) into the opened
 * `--out` as one transaction: validated and rendered in memory, then swapped in as a whole, so
 * that a failure leaves the previous outputs exactly as they were.
 * @param recordText - run.json's text when the record came from a file (kept byte for byte)
 * @param options - `html`: also write report.html (interactive figures)
 * @throws ReportError for a record that does not validate; OutputError when `--out` cannot be written
 */
export async function writeRunOutputs(
  record: RunRecord,
  directory: OutputDirectory,
  recordText?: string,
  options: { readonly html?: boolean } = {},
): Promise<RunOutputs> {
  const { runPath, reportPath, htmlPath, figures, replaced } = await writeReport(record, directory, {
    kinds: REPORT_KINDS,
    ...(recordText === undefined ? {} : { recordText }),
    html: options.html === true,
  });
  return { runPath, reportPath, ...(htmlPath === undefined ? {} : { htmlPath }), figures, replaced };
}
