import { bestPoint, type PointSummary, type SweepConfig, summarizePoints, type TrialResult, variedParameters } from '@lab/trainer';
import type { CliIo } from '../cli-io';
import { displayPath } from './display-path';
import { formatMetric, formatValue } from './format-sweep-values';
import { reportPageField, reportPageLines } from './report-page';
import { formatTextTable } from './text-table';

/** A finished sweep, as the command prints it. */
export interface SweepOutputs {
  readonly config: SweepConfig;
  readonly results: readonly TrialResult[];
  readonly journalPath: string;
  readonly outDir: string;
  /** `report.md`, once written. */
  readonly reportPath?: string;
  /** `report.html`, when `--html` wrote it. */
  readonly htmlPath?: string;
}

/** The `--json` document of `lab sweep`. */
export interface SweepSummary {
  readonly command: 'sweep';
  readonly name: string;
  readonly journal: string;
  readonly report: string | null;
  /** `report.html`, when `--html` wrote it. */
  readonly html?: string;
  readonly metric: { readonly name: string; readonly goal: 'maximize' | 'minimize' };
  readonly trials: readonly {
    readonly id: string;
    readonly point: number;
    readonly params: { readonly [name: string]: unknown };
    readonly seed: number;
    readonly status: 'completed' | 'stopped';
    readonly stoppedAt?: number;
    readonly metrics: { readonly [name: string]: number };
    readonly seconds: number;
    readonly record: string | null;
  }[];
  readonly best: {
    readonly point: number;
    readonly params: { readonly [name: string]: unknown };
    readonly mean: number;
    readonly std: number;
  } | null;
}

/** The `--json` document: paths (absolute), every trial with its values, seed and final metrics, and the best point. */
export function summarizeSweep(outputs: SweepOutputs): SweepSummary {
  const { config, results } = outputs;
  const best = bestPoint(config, summarizePoints(results));
  const spread = best?.metrics[config.metric.name];
  return {
    command: 'sweep',
    name: config.name,
    journal: outputs.journalPath,
    report: outputs.reportPath ?? null,
    ...reportPageField(outputs.htmlPath),
    metric: config.metric,
    trials: results.map((r) => ({
      id: r.trial.id,
      point: r.trial.point,
      params: r.trial.params,
      seed: r.trial.seed,
      status: r.status,
      ...(r.stoppedAt === undefined ? {} : { stoppedAt: r.stoppedAt }),
      metrics: r.metrics,
      seconds: r.seconds,
      record: r.record === undefined ? null : `${outputs.outDir}/${r.record}`,
    })),
    best:
      best === undefined || spread === undefined ? null : { point: best.point, params: best.params, mean: spread.mean, std: spread.std },
  };
}

/**
 * Prints a finished sweep on stdout: with `json`, one JSON document ({@link summarizeSweep});
 * otherwise one row per point (the varied parameters, each metric's mean ± standard deviation over
 * the repeats), the best point, and where the journal and report are.
 */
export function printSweepResult(io: CliIo, outputs: SweepOutputs, json: boolean): void {
  if (json) {
    io.stdout.write(`${JSON.stringify(summarizeSweep(outputs), null, 2)}\n`);
    return;
  }
  const { config, results } = outputs;
  const points = summarizePoints(results);
  const varied = variedParameters(config, points);
  const shown = varied.length > 0 ? varied : config.parameters.map((p) => p.name);
  const metrics = Object.keys(points[0]?.metrics ?? {});
  const repeats = config.repeats > 1;
  const rows = points.map((point) => [
    ...shown.map((name) => formatValue(point.params[name])),
    ...metrics.map((name) => cell(point, name, repeats)),
    ...(config.earlyTermination === undefined ? [] : [String(point.stopped)]),
  ]);
  let text = formatTextTable(
    [
      ...shown.map((header) => ({ header, align: 'right' as const })),
      ...metrics.map((name) => ({ header: repeats ? `${name} (mean ± sd)` : name, align: 'right' as const })),
      ...(config.earlyTermination === undefined ? [] : [{ header: 'stopped', align: 'right' as const }]),
    ],
    rows,
  );
  const best = bestPoint(config, points);
  if (best !== undefined) {
    const values = shown.map((name) => `${name} = ${formatValue(best.params[name])}`).join(', ');
    text += `Best (${config.metric.goal === 'maximize' ? 'highest' : 'lowest'} mean ${config.metric.name}): ${values}: ${cell(best, config.metric.name, repeats)}\n`;
  }
  text += `Journal: ${displayPath(outputs.journalPath, io.cwd)}\n`;
  if (outputs.reportPath !== undefined) text += `Report:  ${displayPath(outputs.reportPath, io.cwd)}\n`;
  for (const line of reportPageLines(outputs.htmlPath, io.cwd, 'Page:    ')) text += `${line}\n`;
  io.stdout.write(text);
}

function cell(point: PointSummary, metric: string, repeats: boolean): string {
  const spread = point.metrics[metric];
  if (spread === undefined) return '';
  return repeats ? `${formatMetric(spread.mean)} ± ${formatMetric(spread.std)}` : formatMetric(spread.mean);
}
