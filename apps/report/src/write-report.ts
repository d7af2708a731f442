import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type FileWriter, nodeFileWriter, writeFileAtomic } from './atomic-write';
import { renderReport } from './render-report';
import type { ReportKindsOption, RunRecord } from './report-kind';

/** The name of the markdown file {@link writeReport} writes. */
export const REPORT_FILE = 'report.md';

/** Options of {@link writeReport}. */
export interface WriteReportOptions extends ReportKindsOption {
  /** The file operations; Node's by default. Tests inject a failing one. */
  readonly writer?: FileWriter;
}

/** Where {@link writeReport} put the report. */
export interface WrittenReport {
  /** `<outDir>/report.md` */
  readonly reportPath: string;
  /** `<outDir>/<figure>.svg`, in the order the report shows them. */
  readonly figures: string[];
}

/**
 * Renders a run record and writes `report.md` with its SVG figures into `outDir`
 * (created if missing). Every file is written atomically (temporary file, then rename);
 * the figures come first and report.md last, so a report on disk never links a figure
 * that is not there, and a failed write leaves the previous report.md intact.
 * @param record - a validated record
 * @param outDir - the output directory
 * @param options - `kinds`: record kinds besides the built-in `train`; `writer`: the file operations
 * @returns the paths written
 * @throws ReportError for an inconsistent record; the file system's error when a write fails
 */
export async function writeReport(record: RunRecord, outDir: string, options: WriteReportOptions = {}): Promise<WrittenReport> {
  const writer = options.writer ?? nodeFileWriter;
  const { markdown, figures } = await renderReport(record, options);
  await mkdir(outDir, { recursive: true });
  const figurePaths: string[] = [];
  for (const figure of figures) {
    const path = join(outDir, figure.fileName);
    await writeFileAtomic(path, figure.svg, writer);
    figurePaths.push(path);
  }
  const reportPath = join(outDir, REPORT_FILE);
  await writeFileAtomic(reportPath, markdown, writer);
  return { reportPath, figures: figurePaths };
}
