import { FIGURE_CONFIG, SERIES_COLORS, seriesColorScale, thin } from '@lab/report';
import type { TopLevelSpec } from 'vega-lite';
import type { BatchnormRecord, BatchnormRun, Normalization } from '../record';
import { NORMALIZATION_LABELS, NORMALIZATION_ORDER, shapeText } from './labels';

/** The figure files of a batch-norm report, in report order. */
export const BATCHNORM_FIGURES = {
  forwardStatistics: 'bn-forward-statistics.svg',
  gradientChecks: 'bn-gradient-checks.svg',
  backwardSpeed: 'bn-backward-speed.svg',
  deepMlpLoss: 'bn-deep-mlp-loss.svg',
  deepMlpAccuracy: 'bn-deep-mlp-accuracy.svg',
  weightScale: 'bn-weight-scale.svg',
  batchSize: 'bn-batch-size.svg',
} as const;

/** More points than this per line are thinned evenly (first and last kept). */
const MAX_POINTS_PER_SERIES = 600;

/** Relative errors are drawn on a log axis: exact zeros sit at this floor. */
export const ERROR_FLOOR = 1e-17;

/** The power of ten at or below the smallest value: where bars on a log axis start (a log axis has no zero). */
function logBaseline(values: readonly number[]): number {
  const smallest = values.filter((v) => v > 0).reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
  return Number.isFinite(smallest) ? 10 ** Math.floor(Math.log10(smallest)) : 1;
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

const LEGEND = { orient: 'top', direction: 'horizontal', title: null, labelLimit: 320 } as const;

/** The normalizations present in `runs`, in legend order, labelled. */
function normalizationDomain(runs: readonly BatchnormRun[]): string[] {
  const present = new Set(runs.map((r) => r.job.normalization));
  return NORMALIZATION_ORDER.filter((n) => present.has(n)).map((n) => NORMALIZATION_LABELS[n]);
}

const STAGE_LABELS: Readonly<Record<string, string>> = {
  before: 'before batch norm',
  train: 'train, γ = 1, β = 0',
  'train-scaled': 'train, scaled and shifted',
  test: 'test, after warm-up',
};

/** Part 1: per-feature mean ± std at each stage, one panel per stage (own y scale each). */
export function forwardStatisticsSpec(record: BatchnormRecord): TopLevelSpec {
  const stages = record.forwardStatistics.stages;
  const values = stages.flatMap((s) =>
    s.means.map((mean, j) => {
      const std = s.stds[j] ?? 0;
      return { stage: STAGE_LABELS[s.stage] ?? s.stage, feature: `${j + 1}`, mean, low: mean - std, high: mean + std };
    }),
  );
  return {
    $schema: SCHEMA,
    config: FIGURE_CONFIG,
    title: {
      text: 'Batch norm: per-feature statistics',
      subtitle: 'mean (dot) ± standard deviation (bar) of a = relu(X·W1)·W2, per feature',
    },
    data: { values },
    facet: { column: { field: 'stage', type: 'nominal', sort: stages.map((s) => STAGE_LABELS[s.stage] ?? s.stage), title: null } },
    spec: {
      width: 130,
      height: 220,
      layer: [
        {
          mark: { type: 'rule', strokeWidth: 3, color: SERIES_COLORS[0] },
          encoding: {
            x: { field: 'feature', type: 'ordinal', title: 'feature', axis: { labelAngle: 0 } },
            // Padded: a bar ending at the domain's end would touch the panel's edge, its cap hidden by the frame.
            y: { field: 'low', type: 'quantitative', title: 'mean ± std', scale: { zero: false, padding: PANEL_PADDING } },
            y2: { field: 'high' },
          },
        },
        {
          mark: { type: 'point', filled: true, size: 70, color: SERIES_COLORS[1] },
          encoding: { x: { field: 'feature', type: 'ordinal' }, y: { field: 'mean', type: 'quantitative' } },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  };
}

/** Pixels kept free between the data and a panel's edge. */
const PANEL_PADDING = 10;

const GRADIENT_NAMES = ['dx', 'dγ', 'dβ'] as const;

/** Part 2: the relative errors of every check on a log axis, with the pass threshold. */
export function gradientChecksSpec(record: BatchnormRecord, threshold: number): TopLevelSpec {
  const { checks, agreement } = record.gradientChecks;
  const rows = [
    ...checks.map((c) => ({ label: `${c.kernel} vs numerical`, errors: [c.dx, c.dgamma, c.dbeta] })),
    { label: `staged vs alt ${shapeText(agreement.n, agreement.d)}`, errors: [agreement.dx, agreement.dgamma, agreement.dbeta] },
  ];
  const values = rows.flatMap((row) =>
    row.errors.map((error, g) => ({ check: row.label, gradient: GRADIENT_NAMES[g], error: Math.max(error, ERROR_FLOOR) })),
  );
  const baseline = logBaseline([...values.map((v) => v.error), threshold]);
  // A decade past the largest value: the threshold, often the largest, then stands inside the panel, not on its frame.
  const top = 10 ** (Math.floor(Math.log10(Math.max(threshold, ...values.map((v) => v.error)))) + 1);
  return {
    $schema: SCHEMA,
    config: FIGURE_CONFIG,
    title: { text: 'Gradient checks', subtitle: `relative error (log scale); the dashed line is the pass threshold ${threshold}` },
    width: 520,
    height: 60 * rows.length,
    layer: [
      {
        data: { values },
        mark: { type: 'bar' },
        encoding: {
          // No label limit: Node measures text by estimate (0.8 em a character), and a limit cut
          // `batchnormBackwardAlt vs numerical` to `… vs numeri…` though it fitted.
          y: { field: 'check', type: 'nominal', sort: rows.map((r) => r.label), title: null, axis: { labelLimit: 0 } },
          yOffset: { field: 'gradient', type: 'nominal', sort: [...GRADIENT_NAMES] },
          x: {
            field: 'error',
            type: 'quantitative',
            title: 'relative error',
            scale: { type: 'log', domain: [baseline, top] },
            axis: { format: '.0e' },
          },
          x2: { datum: baseline },
          color: { field: 'gradient', type: 'nominal', sort: [...GRADIENT_NAMES], scale: seriesColorScale(GRADIENT_NAMES), legend: LEGEND },
        },
      },
      {
        data: { values: [{ threshold }] },
        mark: { type: 'rule', strokeDash: [6, 4], color: '#444', strokeWidth: 1.5 },
        encoding: { x: { field: 'threshold', type: 'quantitative' } },
      },
    ],
  };
}

const KERNELS = ['staged', 'alt (closed form)'] as const;

/** Part 3: median time of each backward per shape (log axis). */
export function backwardSpeedSpec(record: BatchnormRecord): TopLevelSpec {
  const values = record.backwardSpeed.timings.flatMap((t) => [
    { shape: shapeText(t.n, t.d), kernel: KERNELS[0], ms: t.stagedMs },
    { shape: shapeText(t.n, t.d), kernel: KERNELS[1], ms: t.altMs },
  ]);
  const baseline = logBaseline(values.map((v) => v.ms));
  const top = 10 ** Math.ceil(Math.log10(Math.max(baseline * 10, ...values.map((v) => v.ms))));
  return {
    $schema: SCHEMA,
    config: FIGURE_CONFIG,
    title: {
      text: 'Batch-norm backward: staged vs closed form',
      subtitle: 'median milliseconds per call (log scale), by input shape (N, D)',
    },
    width: 420,
    height: 280,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: {
        field: 'shape',
        type: 'nominal',
        sort: record.backwardSpeed.timings.map((t) => shapeText(t.n, t.d)),
        title: 'shape (N, D)',
        axis: { labelAngle: 0 },
      },
      xOffset: { field: 'kernel', type: 'nominal', sort: [...KERNELS] },
      y: { field: 'ms', type: 'quantitative', title: 'milliseconds', scale: { type: 'log', domain: [baseline, top] } },
      y2: { datum: baseline },
      color: { field: 'kernel', type: 'nominal', sort: [...KERNELS], scale: seriesColorScale(KERNELS), legend: LEGEND },
    },
  };
}

/** Part 4: the training loss of every iteration, one line per normalization. */
export function deepMlpLossSpec(record: BatchnormRecord): TopLevelSpec {
  const runs = record.deepMlp.runs;
  const domain = normalizationDomain(runs);
  const values = runs.flatMap((run) =>
    thin(
      run.losses.map((loss, iteration) => ({ iteration, loss })),
      MAX_POINTS_PER_SERIES,
    ).map((p) => ({ ...p, normalization: NORMALIZATION_LABELS[run.job.normalization] })),
  );
  const logScale = values.length > 0 && values.every((v) => v.loss > 0);
  return {
    $schema: SCHEMA,
    config: FIGURE_CONFIG,
    title: { text: 'Deep MLP: training loss', subtitle: `softmax cross-entropy of each mini-batch${logScale ? ' (log scale)' : ''}` },
    width: 620,
    height: 320,
    data: { values },
    mark: { type: 'line', strokeWidth: 1.5 },
    encoding: {
      x: { field: 'iteration', type: 'quantitative', title: 'iteration' },
      y: { field: 'loss', type: 'quantitative', title: 'training loss', scale: logScale ? { type: 'log' } : { zero: false } },
      color: { field: 'normalization', type: 'nominal', scale: seriesColorScale(domain), legend: LEGEND },
    },
  };
}

const SPLITS = ['train', 'validation'] as const;

/** The split's legend shows each line style (a dot would hide it). */
const DASH_LEGEND = {
  ...LEGEND,
  symbolType: 'stroke',
  symbolStrokeWidth: 2,
  symbolSize: 300,
  // The marks' points leave the symbol without a stroke: set it, or the dash is invisible.
  encode: { symbols: { update: { stroke: { value: '#444' }, fill: { value: 'transparent' } } } },
} as const;

/** Training solid, validation dashed: told apart without colour. */
const SPLIT_DASH = {
  field: 'split',
  type: 'nominal',
  sort: [...SPLITS],
  scale: {
    domain: [...SPLITS],
    range: [
      [1, 0],
      [6, 4],
    ],
  },
} as const;

/** Part 4: train and validation accuracy after every epoch, per normalization. */
export function deepMlpAccuracySpec(record: BatchnormRecord): TopLevelSpec {
  const runs = record.deepMlp.runs;
  const domain = normalizationDomain(runs);
  const values = runs.flatMap((run) =>
    run.epochs.flatMap((e) => [
      { normalization: NORMALIZATION_LABELS[run.job.normalization], split: SPLITS[0], epoch: e.epoch, accuracy: e.trainAccuracy },
      { normalization: NORMALIZATION_LABELS[run.job.normalization], split: SPLITS[1], epoch: e.epoch, accuracy: e.valAccuracy },
    ]),
  );
  return {
    $schema: SCHEMA,
    config: FIGURE_CONFIG,
    title: { text: 'Deep MLP: accuracy per epoch', subtitle: 'solid: training set, dashed: validation set (epoch 0: before training)' },
    width: 620,
    height: 320,
    data: { values },
    mark: { type: 'line', point: true, strokeWidth: 2 },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1, format: 'd' } },
      y: { field: 'accuracy', type: 'quantitative', title: 'accuracy', scale: { domain: [0, 1] } },
      color: { field: 'normalization', type: 'nominal', scale: seriesColorScale(domain), legend: LEGEND },
      strokeDash: { ...SPLIT_DASH, legend: DASH_LEGEND },
    },
  };
}

/** Part 5: best validation accuracy, best training accuracy and final training loss against the weight scale. */
export function weightScaleSpec(record: BatchnormRecord): TopLevelSpec {
  const runs = record.weightScaleSweep.runs;
  const domain = normalizationDomain(runs);
  const values = runs.map((run) => ({
    normalization: NORMALIZATION_LABELS[run.job.normalization],
    weightScale: run.job.weightScale,
    bestValAccuracy: run.bestValAccuracy,
    bestTrainAccuracy: run.bestTrainAccuracy,
    finalTrainLoss: run.finalTrainLoss,
  }));
  const losses = values.map((v) => v.finalTrainLoss).filter((l): l is number => l !== null);
  const logLoss = losses.length > 0 && losses.every((l) => l > 0);
  const x = {
    field: 'weightScale',
    type: 'quantitative',
    title: 'weight initialization scale',
    scale: { type: 'log' },
    axis: { format: '.0e' },
  } as const;
  const color = { field: 'normalization', type: 'nominal', scale: seriesColorScale(domain), legend: LEGEND } as const;
  const panel = (field: string, title: string, scale: object) => ({
    width: 560,
    height: 200,
    mark: { type: 'line', point: true, strokeWidth: 2 },
    transform: [{ filter: `isValid(datum.${field})` }],
    encoding: { x, y: { field, type: 'quantitative', title, scale }, color },
  });
  return {
    $schema: SCHEMA,
    config: FIGURE_CONFIG,
    title: {
      text: 'Weight-initialization scale sweep',
      subtitle: `${record.weightScaleSweep.settings.hiddenSizes.length + 1}-layer net, with and without batch norm`,
    },
    data: { values },
    vconcat: [
      panel('bestValAccuracy', 'best validation accuracy', { domain: [0, 1] }),
      panel('bestTrainAccuracy', 'best training accuracy', { domain: [0, 1] }),
      panel('finalTrainLoss', logLoss ? 'final training loss (log)' : 'final training loss', logLoss ? { type: 'log' } : { zero: false }),
    ],
  } as TopLevelSpec;
}

/** Part 6: accuracy per epoch for every batch size, a panel per normalization and split. */
export function batchSizeSpec(record: BatchnormRecord): TopLevelSpec {
  const runs = record.batchSize.runs;
  const batchSizes = [...record.batchSize.settings.batchSizes].sort((a, b) => a - b).map((b) => `batch ${b}`);
  const normalizations = NORMALIZATION_ORDER.filter((n: Normalization) => record.batchSize.settings.normalizations.includes(n)).map(
    (n) => NORMALIZATION_LABELS[n],
  );
  const values = runs.flatMap((run) =>
    run.epochs.flatMap((e) => [
      {
        normalization: NORMALIZATION_LABELS[run.job.normalization],
        batch: `batch ${run.job.batchSize}`,
        split: SPLITS[0],
        epoch: e.epoch,
        accuracy: e.trainAccuracy,
      },
      {
        normalization: NORMALIZATION_LABELS[run.job.normalization],
        batch: `batch ${run.job.batchSize}`,
        split: SPLITS[1],
        epoch: e.epoch,
        accuracy: e.valAccuracy,
      },
    ]),
  );
  return {
    $schema: SCHEMA,
    config: FIGURE_CONFIG,
    title: {
      text: 'Batch size: batch norm vs layer norm',
      subtitle: 'accuracy per epoch on the training set (top, solid) and the validation set (bottom, dashed)',
    },
    data: { values },
    facet: {
      row: { field: 'split', type: 'nominal', sort: [...SPLITS], title: null },
      column: { field: 'normalization', type: 'nominal', sort: normalizations, title: null },
    },
    spec: {
      width: 200,
      height: 170,
      mark: { type: 'line', point: true, strokeWidth: 2 },
      encoding: {
        x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1, format: 'd' } },
        y: { field: 'accuracy', type: 'quantitative', title: 'accuracy', scale: { domain: [0, 1] } },
        color: { field: 'batch', type: 'nominal', sort: batchSizes, scale: seriesColorScale(batchSizes), legend: LEGEND },
        // The rows say which split a panel shows; the dash says it too, as in the deep-MLP figure.
        strokeDash: { ...SPLIT_DASH, legend: DASH_LEGEND },
      },
    },
  };
}
