import { join } from 'node:path';
import { REPORT_HTML_FILE, renderReportHtml } from './html/render-report-html';
import { type OutputDirectory, type OutputFile, openOutputDirectory } from './output-directory';
import { parseRunRecord } from './parse-run-record';
import { renderReport } from './render-report';
import { ReportError } from './report-error';
import type { ReportKindsOption, RunRecord } from './report-kind';

/** The name of the markdown file {@link writeReport} writes. */
export const REPORT_FILE = 'report.md';

/** The name of the run record {@link writeReport} writes beside the report. */
export const RUN_RECORD_FILE = 'run.json';

/** Options of {@link writeReport}. */
export interface WriteReportOptions extends ReportKindsOption {
  /**
   * The text `run.json` gets, when the record came from a file: pass what was read, so the record
   * is kept byte for byte. Default: the record as JSON, indented by two spaces.
   */
  readonly recordText?: string;
  /** Also write `report.html`: the report as one page with interactive figures (see `renderReportHtml`). Default false. */
  readonly html?: boolean;
}

/** Where {@link writeReport} put the outputs. */
export interface WrittenReport {
  /** `<outDir>/run.json` */
  readonly runPath: string;
  /** `<outDir>/report.md` */
  readonly reportPath: string;
  /** `<outDir>/report.html`, when the `html` option asked for it. */
  readonly htmlPath?: string;
  /** `<outDir>/<figure>.svg`, in the order the report shows them. */
  readonly figures: string[];
  /** True when the directory held a previous set of outputs, which these replaced. */
  readonly replaced: boolean;
}

/**
 * Writes a run's outputs — `run.json`, `report.md` and its SVG figures, and `report.html` when
 * asked — into an output directory,
 * as one transaction: the record is validated (as `parseRunRecord` would read it back) and
 * everything rendered in memory first, then {@link openOutputDirectory}'s `commit` puts the whole
 * set in place at once. A failure at any point leaves the previous outputs exactly as they were;
 * a previous set is replaced as a whole (files it had that the new set lacks are gone).
 * @param record - a record (from `loadRunRecord`/`parseRunRecord`, or built by a trainer)
 * @param out - the directory (opened, locked and released here), or one the caller opened with
 *   {@link openOutputDirectory} and releases itself (to hold the lock over a whole run)
 * @param options - `kinds`: record kinds besides the built-in `train`; `recordText`: run.json's text;
 *   `html`: also write report.html
 * @returns the paths written, and whether a previous set was replaced
 * @throws ReportError for a record that does not validate; OutputError when the directory cannot be
 *   used (holds other files, is locked by another run) or written (one line naming it)
 */
export async function writeReport(
  record: RunRecord,
  out: string | OutputDirectory,
  options: WriteReportOptions = {},
): Promise<WrittenReport> {
  const recordText = options.recordText ?? `${JSON.stringify(record, null, 2)}\n`;
  // What a reader of run.json will get: checked before anything is written.
  let value: unknown;
  try {
    value = JSON.parse(recordText);
  } catch (error) {
    throw new ReportError(`${RUN_RECORD_FILE}: not valid JSON: ${(error as Error).message}`);
  }
  parseRunRecord(value, { source: RUN_RECORD_FILE, kinds: options.kinds });
  const rendered = await renderReport(record, options);
  const { markdown, figures } = rendered;
  const files: OutputFile[] = [
    { name: RUN_RECORD_FILE, data: recordText },
    { name: REPORT_FILE, data: markdown },
    ...(options.html === true ? [{ name: REPORT_HTML_FILE, data: await renderReportHtml(rendered) }] : []),
    ...figures.map((figure) => ({ name: figure.fileName, data: figure.svg })),
  ];
  const directory = typeof out === 'string' ? openOutputDirectory(out) : out;
  try {
    const { replaced } = directory.commit(files);
    return {
      runPath: join(directory.path, RUN_RECORD_FILE),
      reportPath: join(directory.path, REPORT_FILE),
      ...(options.html === true ? { htmlPath: join(directory.path, REPORT_HTML_FILE) } : {}),
      figures: figures.map((figure) => join(directory.path, figure.fileName)),
      replaced,
    };
  } finally {
    if (typeof out === 'string') directory.release();
  }
}
