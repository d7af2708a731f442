import { dirname, resolve } from 'node:path';
import { loadRunRecord } from '@lab/report';
import type { CommandContext } from '../command-context';
import { displayPath } from '../output/display-path';
import { writeReportInto } from '../output/write-run-outputs';
import { REPORT_KINDS } from '../report-kinds';

/** Options of `lab report`, as commander parsed them. */
export interface ReportOptions {
  /** Default: the run record's directory. */
  readonly out?: string;
  readonly json?: boolean;
}

/**
 * `lab report RUN.json`: validates a saved run record and (re)writes `report.md` and its
 * figures, beside the record unless `--out` says otherwise.
 * @throws ReportError for an unreadable or invalid record; CliError when `--out` cannot be written
 */
export async function reportCommand(runFile: string, options: ReportOptions, context: CommandContext): Promise<void> {
  const { io } = context;
  const runPath = resolve(io.cwd, runFile);
  const record = await loadRunRecord(runPath, { kinds: REPORT_KINDS });
  const outDir = options.out === undefined ? dirname(runPath) : resolve(io.cwd, options.out);
  const { reportPath, figures } = await writeReportInto(record, outDir);
  if (options.json === true) {
    io.stdout.write(`${JSON.stringify({ command: 'report', runRecord: runPath, report: reportPath, figures }, null, 2)}\n`);
    return;
  }
  const count = figures.length === 1 ? '1 figure' : `${figures.length} figures`;
  io.stdout.write(`Report: ${displayPath(reportPath, io.cwd)} (${count} beside it)\n`);
}
