import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { loadRunRecordFile } from '@lab/report';
import { CliError } from '../cli-error';
import type { CommandContext } from '../command-context';
import { displayPath } from '../output/display-path';
import { withOutputs } from '../output/output-session';
import { reportPageField, reportPageLines } from '../output/report-page';
import { writeRunOutputs } from '../output/run-outputs';
import { REPORT_KINDS } from '../report-kinds';

/** Options of `lab report`, as commander parsed them. */
export interface ReportOptions {
  /** Default: the run record's directory. */
  readonly out?: string;
  readonly json?: boolean;
  /** Also write report.html, the report with interactive figures. */
  readonly html?: boolean;
}

/** True when `path` is `directory` or lies inside it. */
function isWithin(path: string, directory: string): boolean {
  const rel = relative(directory, path);
  return rel === '' || !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
}

/**
 * `lab report RUN.json`: validates a saved run record and (re)writes `report.md` and its
 * figures, beside the record unless `--out` says otherwise; the directory gets the record too
 * (byte for byte), and is written as one transaction like every run's outputs.
 * @throws ReportError for an unreadable or invalid record; CliError when `--out` cannot be written
 */
export async function reportCommand(runFile: string, options: ReportOptions, context: CommandContext): Promise<void> {
  const { io } = context;
  const runPath = resolve(io.cwd, runFile);
  const { record, text } = await loadRunRecordFile(runPath, { kinds: REPORT_KINDS });
  const outDir = options.out ?? dirname(runPath);
  if (options.out === undefined && isWithin(io.cwd, outDir)) {
    throw new CliError(
      `${outDir}: the run record's directory is the working directory, which lab would replace as a whole: pass --out DIR`,
    );
  }
  const { reportPath, htmlPath, figures, replaced } = await withOutputs(io, outDir, async (session) =>
    writeRunOutputs(record, session.directory, text, { html: options.html === true }),
  );
  if (options.json === true) {
    io.stdout.write(
      `${JSON.stringify({ command: 'report', runRecord: runPath, report: reportPath, ...reportPageField(htmlPath), figures, replaced }, null, 2)}\n`,
    );
    return;
  }
  const count = figures.length === 1 ? '1 figure' : `${figures.length} figures`;
  io.stdout.write(`Report: ${displayPath(reportPath, io.cwd)} (${count} beside it)\n`);
  for (const line of reportPageLines(htmlPath, io.cwd, 'Interactive page: ')) io.stdout.write(`${line}\n`);
  if (replaced) io.stdout.write(`Replaced the previous outputs in ${displayPath(dirname(reportPath), io.cwd)}.\n`);
}
