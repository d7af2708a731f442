import { bestPoint, type PointSummary, type SweepConfig, scoreOf, summarizePoints, type TrialResult, variedParameters } from '@lab/trainer';
import type { Code, RootContent } from 'mdast';
import { formatFixed, formatSignificant } from '../format-number';
import { type Cell, code, heading, image, paragraph, root, table, toGfm } from '../markdown';
import { renderFigure } from '../render-vega-lite';
import type { Figure, RenderedReport } from '../rendered-report';
import { LEARNING_CURVES_FILE, learningCurvesSpec } from './learning-curves-figure';
import { metricFigureFile, metricFigureSpec, pairedMetrics } from './metric-figure';
import type { SweepReportInput } from './sweep-report-input';

/**
 * The best and the worst trial by the sweep's metric (completed trials first: a stopped one is
 * only picked when no trial ran to the end): whose learning curves the report overlays.
 */
export function bestAndWorstTrials(config: SweepConfig, results: readonly TrialResult[]): { best?: TrialResult; worst?: TrialResult } {
  const completed = results.filter((r) => r.status === 'completed');
  const pool = completed.length > 0 ? completed : results;
  const score = (r: TrialResult) => scoreOf(r.metrics[config.metric.name] ?? Number.NaN, config.metric.goal);
  let best: TrialResult | undefined;
  let worst: TrialResult | undefined;
  for (const r of pool) {
    if (best === undefined || score(r) > score(best)) best = r;
    if (worst === undefined || score(r) < score(worst)) worst = r;
  }
  return { best, worst };
}

function formatParam(value: unknown): string {
  if (typeof value === 'number') return formatSignificant(value, 4);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function spreadCell(point: PointSummary, metric: string): string {
  const s = point.metrics[metric];
  if (s === undefined) return '';
  return s.n > 1 ? `${formatFixed(s.mean, 4)} ± ${formatFixed(s.std, 4)}` : formatFixed(s.mean, 4);
}

/**
 * A sweep's report: what was varied and how, the best configuration (with the file that trains
 * it), the metric against each varied parameter (train and test side by side, mean ± sd over
 * the repeats), the best and worst trials' learning curves, a table of the points, and the runs
 * table (only the varied parameters, each trial's run record beside it).
 */
export async function renderSweepReport(input: SweepReportInput): Promise<RenderedReport> {
  const { config, results } = input;
  const points = summarizePoints(results);
  const varied = variedParameters(config, points);
  const shown = varied.length > 0 ? varied : config.parameters.map((p) => p.name);
  const metricNames = Object.keys(points[0]?.metrics ?? {});
  const { name: metric, goal } = config.metric;
  const best = bestPoint(config, points);
  const stopped = results.filter((r) => r.status === 'stopped').length;
  const children: RootContent[] = [heading(1, `Sweep: ${config.name}`)];

  const method = config.method === 'grid' ? 'a grid' : config.method === 'random' ? 'random search' : 'TPE';
  children.push(
    paragraph(
      `${results.length} trials: ${points.length} points of ${method} over ${config.parameters.map((p) => p.name).join(', ')}, `,
      `each trained ${config.repeats === 1 ? 'once' : `${config.repeats} times (seeds ${config.seed} to ${config.seed + config.repeats - 1})`}; `,
      `metric ${metric}, to be ${goal === 'maximize' ? 'maximized' : 'minimized'}`,
      stopped > 0 ? `; early termination (${config.earlyTermination?.rule}) stopped ${stopped}.` : '.',
    ),
  );

  children.push(heading(2, 'Best configuration'));
  if (best !== undefined) {
    children.push(
      paragraph(
        `${shown.map((name) => `${name} = ${formatParam(best.params[name])}`).join(', ')}: ${metric} ${spreadCell(best, metric)}`,
        best.metrics[metric] !== undefined && best.metrics[metric].n > 1 ? ' (mean ± sd over the repeats). ' : '. ',
        'Train it: ',
        code(`lab train --config ${input.bestConfigFile}`),
        '.',
      ),
    );
    const block: Code = { type: 'code', lang: 'yaml', value: input.bestConfigText.trimEnd() };
    children.push(block);
  }

  const figures: Figure[] = [];
  const metrics = pairedMetrics(metric, metricNames);
  children.push(heading(2, `${metrics.join(' and ')} against each varied parameter`));
  for (const parameter of shown) {
    const fileName = metricFigureFile(parameter);
    figures.push(await renderFigure(fileName, metricFigureSpec(points, parameter, metrics, shown.length === 1)));
    children.push(paragraph(image(fileName, `${metrics.join(' and ')} against ${parameter}`)));
  }

  const curves = input.learningCurves.filter((c) => c.costs.length > 0);
  if (curves.length > 0) {
    children.push(heading(2, 'Learning curves'));
    figures.push(await renderFigure(LEARNING_CURVES_FILE, learningCurvesSpec(curves)));
    children.push(paragraph(image(LEARNING_CURVES_FILE, 'training cost of the best and worst trials')));
  }

  children.push(heading(2, 'Points'));
  children.push(
    table(
      [
        ...shown.map((header) => ({ header, align: 'right' as const })),
        ...metricNames.map((header) => ({ header, align: 'right' as const })),
        { header: 'trials', align: 'right' },
      ],
      points.map((point) => [
        ...shown.map((name) => formatParam(point.params[name])),
        ...metricNames.map((m) => spreadCell(point, m)),
        String(point.trials.length),
      ]),
    ),
  );

  children.push(heading(2, 'Runs'));
  children.push(
    table(
      [
        { header: 'trial' },
        ...shown.map((header) => ({ header, align: 'right' as const })),
        { header: 'seed', align: 'right' },
        { header: 'status' },
        ...metricNames.map((header) => ({ header, align: 'right' as const })),
        { header: 'run record' },
      ],
      results.map((r): Cell[] => [
        r.trial.id,
        ...shown.map((name) => formatParam(r.trial.params[name])),
        String(r.trial.seed),
        r.status === 'stopped' ? `stopped at ${r.stoppedAt}` : 'completed',
        ...metricNames.map((m) => (r.metrics[m] === undefined ? '' : formatFixed(r.metrics[m] as number, 4))),
        r.record === undefined ? '' : { type: 'link', url: r.record, children: [{ type: 'text', value: r.record }] },
      ]),
    ),
  );
  return { markdown: toGfm(root(children)), figures };
}
