import { dirname } from 'node:path';
import type { BinaryRunRecord } from '@lab/run-record';
import type { CliIo } from '../cli-io';
import { displayPath } from './display-path';
import { reportPageLines } from './report-page';
import { formatResultsTable } from './results-table';
import type { RunOutputs } from './run-outputs';
import { type PublishedComparison, summarizeRun } from './run-summary';

/**
 * Prints a finished run on stdout: with `json`, one JSON object (see `summarizeRun`) and
 * nothing else; otherwise the results table, the published-numbers tally when there is one,
 * where the record and the report are, and whether they replaced a previous run's outputs.
 * @param published - how many published numbers the run matched, when it was compared with any
 */
export function printRunResult(
  io: CliIo,
  command: string,
  record: BinaryRunRecord,
  outputs: RunOutputs,
  json: boolean,
  published?: PublishedComparison,
): void {
  if (json) {
    io.stdout.write(`${JSON.stringify(summarizeRun(command, record, outputs, published), null, 2)}\n`);
    return;
  }
  let text = `${formatResultsTable(record.models)}\n`;
  if (published !== undefined) text += `${publishedLine(published)}\n`;
  const figures = outputs.figures.length === 1 ? '1 figure' : `${outputs.figures.length} figures`;
  text += `Run record: ${displayPath(outputs.runPath, io.cwd)}\n`;
  text += `Report:     ${displayPath(outputs.reportPath, io.cwd)} (${figures} beside it)\n`;
  for (const line of reportPageLines(outputs.htmlPath, io.cwd, 'Page:       ')) text += `${line}\n`;
  if (outputs.replaced) text += `Replaced the previous outputs in ${displayPath(dirname(outputs.runPath), io.cwd)}.\n`;
  io.stdout.write(text);
}

/**
 * `Published results: 9 of 9 numbers matched (all match); …`, counting only comparable numbers:
 * `… 3 of 3 comparable numbers matched (all match); 6 not comparable (iterations 200 ≠ 30000); …`,
 * or `Published results: not comparable (seed 4 ≠ 3); …` when none is.
 */
function publishedLine({ matched, comparable, total, notComparable }: PublishedComparison): string {
  const why = `not comparable (${notComparable.join(', ')})`;
  const see = "see the report's comparison.";
  if (comparable === 0) return `Published results: ${why}; ${see}`;
  const verdict = matched === comparable ? 'all match' : `${comparable - matched} differ`;
  if (comparable === total) return `Published results: ${matched} of ${total} numbers matched (${verdict}); ${see}`;
  return `Published results: ${matched} of ${comparable} comparable numbers matched (${verdict}); ${total - comparable} ${why}; ${see}`;
}
