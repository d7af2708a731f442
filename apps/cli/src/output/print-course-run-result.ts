import { dirname } from 'node:path';
import type { CliIo } from '../cli-io';
import { displayPath } from './display-path';
import { reportPageField, reportPageLines } from './report-page';
import type { RunOutputs } from './run-outputs';
import { formatTextTable } from './text-table';

/** How many comparable published numbers a run matched, and how many its settings made incomparable. */
export interface CoursePublishedTally {
  readonly matched: number;
  readonly total: number;
  readonly notComparable: number;
}

/** What {@link printCourseRunResult} prints: the initialization and optimization experiments' results. */
export interface CourseRunResult {
  /** e.g. `experiment initialization` */
  readonly command: string;
  readonly outputs: RunOutputs;
  readonly json: boolean;
  readonly published: CoursePublishedTally | undefined;
  /** The run's settings, for `--json` (iterations or epochs, learning rate, …). */
  readonly settings: Readonly<Record<string, number>>;
  /** Column headers of the terminal table after `model`. */
  readonly columns: readonly string[];
  /** Per model: its numbers for `--json` (costs as the record holds them: `'Infinity'` for +∞), and its table cells. */
  readonly models: readonly {
    readonly name: string;
    readonly values: Readonly<Record<string, number | string | null>>;
    readonly cells: readonly string[];
  }[];
  readonly totalSeconds: number;
}

/**
 * Prints a finished course experiment on stdout: with `json`, one JSON object (`command`,
 * `runRecord`, `report`, `figures`, `replaced`, the settings, the models, `published`, `totalSeconds`) and
 * nothing else; otherwise the results table, the published-numbers tally and where the record
 * and the report are.
 */
export function printCourseRunResult(io: CliIo, result: CourseRunResult): void {
  const { outputs, published } = result;
  if (result.json) {
    const summary = {
      command: result.command,
      runRecord: outputs.runPath,
      report: outputs.reportPath,
      ...reportPageField(outputs.htmlPath),
      figures: [...outputs.figures],
      replaced: outputs.replaced,
      ...result.settings,
      models: result.models.map((model) => ({ name: model.name, ...model.values })),
      ...(published === undefined ? {} : { published }),
      totalSeconds: result.totalSeconds,
    };
    io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  let text = `${formatTextTable(
    [{ header: 'model', align: 'left' }, ...result.columns.map((header) => ({ header, align: 'right' as const }))],
    result.models.map((model) => [model.name, ...model.cells]),
  )}\n`;
  if (published !== undefined && published.total === 0) {
    text += `Published results: none comparable with these settings (${published.notComparable} not comparable); see the report's comparison.\n`;
  } else if (published !== undefined) {
    const verdict = published.matched === published.total ? 'all match' : `${published.total - published.matched} differ`;
    const incomparable = published.notComparable === 0 ? '' : `, ${published.notComparable} not comparable with these settings`;
    text += `Published results: ${published.matched} of ${published.total} numbers matched (${verdict}${incomparable}); see the report's comparison.\n`;
  }
  if (outputs.replaced) text += `Replaced the previous outputs in ${displayPath(dirname(outputs.runPath), io.cwd)}.\n`;
  text += `Run record: ${displayPath(outputs.runPath, io.cwd)}\n`;
  text += `Report:     ${displayPath(outputs.reportPath, io.cwd)} (${outputs.figures.length} figures beside it)\n`;
  for (const line of reportPageLines(outputs.htmlPath, io.cwd, 'Page:       ')) text += `${line}\n`;
  io.stdout.write(text);
}
