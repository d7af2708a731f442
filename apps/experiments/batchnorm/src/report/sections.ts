import {
  bulletList,
  type Cell,
  formatExact,
  formatFixed,
  formatSignificant,
  heading,
  html,
  image,
  paragraph,
  TIMINGS_END,
  TIMINGS_START,
  table,
} from '@lab/report';
import { GRADIENT_CHECK_TOLERANCE } from '@lab/tensor';
import type { RootContent } from 'mdast';
import type { BatchnormRecord, BatchnormRun, FeatureStatistics } from '../record';
import {
  batchnormConclusions,
  batchSizeConclusion,
  deepMlpConclusion,
  formatLoss,
  forwardConclusion,
  gradientConclusion,
  speedConclusion,
  TRAINS_THRESHOLD,
  weightScaleConclusion,
} from './conclusions';
import { BATCHNORM_FIGURES } from './figures';
import { findRun, formatScientific, NORMALIZATION_LABELS, shapeText } from './labels';

function list(values: readonly number[] | null, format: (x: number) => string): string {
  return values === null ? '—' : values.map(format).join(', ');
}

function architecture(inputSize: number, hiddenSizes: readonly number[], classes: number, norm: string): string {
  return `${inputSize} → ${hiddenSizes.map((h) => `${h}`).join(' → ')} → ${classes} (affine → ${norm} → ReLU per hidden layer)`;
}

/** Setup: the data and the settings of every part. */
export function batchnormSetupSection(record: BatchnormRecord): RootContent[] {
  const { dataset, forwardStatistics: fs, gradientChecks: gc, deepMlp, weightScaleSweep: ws, batchSize: bs } = record;
  const scales = ws.settings.scales;
  const rows: Cell[][] = [
    [
      'data (parts 4–6)',
      `${dataset.name}: ${dataset.description}; ${dataset.features} features, ${dataset.classes} classes, seed ${dataset.seed}`,
    ],
    [
      '1. forward statistics',
      `N = ${fs.n}, D1 = ${fs.d1}, D2 = ${fs.d2}, D3 = ${fs.d3}, randn after seed(${fs.seed}); ${fs.warmupBatches} warm-up batches`,
    ],
    [
      '2. gradient checks',
      `(${gc.n}, ${gc.d}) against centered differences; staged vs alt at ${shapeText(gc.agreement.n, gc.agreement.d)}`,
    ],
    ['3. backward speed', record.backwardSpeed.timings.map((t) => shapeText(t.n, t.d)).join(', ')],
    [
      '4. deep MLP',
      `${architecture(dataset.features, deepMlp.settings.hiddenSizes, dataset.classes, 'batch norm or nothing')}; weight scale ${formatExact(deepMlp.settings.weightScale)}; ` +
        `Adam ${formatExact(deepMlp.settings.learningRate)}, batch ${deepMlp.settings.batchSize}, ${deepMlp.settings.numEpochs} epochs; ` +
        `${deepMlp.settings.trainSize} training / ${deepMlp.settings.validationSize} validation digits`,
    ],
    [
      '5. weight-scale sweep',
      `${architecture(dataset.features, ws.settings.hiddenSizes, dataset.classes, 'batch norm or nothing')}; ${scales.length} scales from ` +
        `${formatScientific(Math.min(...scales))} to ${formatScientific(Math.max(...scales))} (log-spaced); Adam ${formatExact(ws.settings.learningRate)}, ` +
        `batch ${ws.settings.batchSize}, ${ws.settings.numEpochs} epochs; ${ws.settings.trainSize} training / ${ws.settings.validationSize} validation digits`,
    ],
    [
      '6. batch size',
      `${architecture(dataset.features, bs.settings.hiddenSizes, dataset.classes, bs.settings.normalizations.map((n) => NORMALIZATION_LABELS[n]).join(' or '))}; ` +
        `batch sizes ${bs.settings.batchSizes.join(', ')}; weight scale ${formatExact(bs.settings.weightScale)}; Adam ${formatSignificant(bs.settings.learningRate, 4)}, ` +
        `${bs.settings.numEpochs} epochs; ${bs.settings.trainSize} training / ${bs.settings.validationSize} validation digits`,
    ],
    ['seed', `${record.seed}: every training seeds its own generator with it (weights, then one shuffle per epoch)`],
  ];
  return [heading(2, 'Setup'), table([{ header: 'part' }, { header: 'settings' }], rows)];
}

const STAGE_NAMES: Readonly<Record<FeatureStatistics['stage'], string>> = {
  before: 'before batch norm',
  train: 'batch norm, train mode',
  'train-scaled': 'batch norm, train mode, scaled and shifted',
  test: 'batch norm, test mode after warm-up',
};

/** Part 1: the table of per-feature means and stds, the figure and the finding. */
export function forwardStatisticsSection(record: BatchnormRecord): RootContent[] {
  // Ten digits show how close to γ the stds come (1 − eps/(2·var)); tiny means in scientific notation.
  const format = (x: number) => (x !== 0 && Math.abs(x) < 1e-4 ? formatScientific(x) : formatSignificant(x, 10));
  const rows = record.forwardStatistics.stages.map((s) => [
    STAGE_NAMES[s.stage],
    list(s.gamma, formatExact),
    list(s.beta, formatExact),
    list(s.means, format),
    list(s.stds, format),
  ]);
  return [
    heading(2, '1. Forward statistics'),
    paragraph(
      `Per-feature mean and standard deviation of a = relu(X·W1)·W2 over N = ${record.forwardStatistics.n} examples, `,
      "as in CS231n's BatchNormalization notebook.",
    ),
    table([{ header: 'stage' }, { header: 'γ' }, { header: 'β' }, { header: 'means' }, { header: 'stds' }], rows),
    paragraph(image(BATCHNORM_FIGURES.forwardStatistics, 'Per-feature mean ± std at each stage')),
    paragraph(forwardConclusion(record)),
  ];
}

/** Part 2: relative errors of each backward. */
export function gradientChecksSection(record: BatchnormRecord): RootContent[] {
  const { checks, agreement, n, d } = record.gradientChecks;
  const pass = (...errors: number[]) => (errors.every((e) => e < GRADIENT_CHECK_TOLERANCE) ? '✓' : '✗');
  const rows: Cell[][] = [
    ...checks.map((c) => [
      `${c.kernel} vs numerical ${shapeText(n, d)}`,
      formatScientific(c.dx),
      formatScientific(c.dgamma),
      formatScientific(c.dbeta),
      pass(c.dx, c.dgamma, c.dbeta),
    ]),
    [
      `batchnormBackward vs batchnormBackwardAlt ${shapeText(agreement.n, agreement.d)}`,
      formatScientific(agreement.dx),
      formatScientific(agreement.dgamma),
      formatScientific(agreement.dbeta),
      pass(agreement.dx, agreement.dgamma, agreement.dbeta),
    ],
  ];
  return [
    heading(2, '2. Gradient checks'),
    paragraph(`Relative errors (the largest over elements), passing below ${formatScientific(GRADIENT_CHECK_TOLERANCE)}.`),
    table(
      [
        { header: 'check' },
        { header: 'dx', align: 'right' },
        { header: 'dγ', align: 'right' },
        { header: 'dβ', align: 'right' },
        { header: 'pass', align: 'center' },
      ],
      rows,
    ),
    paragraph(image(BATCHNORM_FIGURES.gradientChecks, 'Relative errors of the gradient checks')),
    paragraph(gradientConclusion(record)),
  ];
}

/** Part 3: timings, inside the timing markers (they change from run to run). */
export function backwardSpeedSection(record: BatchnormRecord): RootContent[] {
  const rows = record.backwardSpeed.timings.map((t) => [
    shapeText(t.n, t.d),
    formatFixed(t.stagedMs, 3),
    formatFixed(t.altMs, 3),
    `${formatFixed(t.speedup, 2)}×`,
    String(t.repeats),
  ]);
  return [
    heading(2, '3. Backward speed'),
    paragraph(
      'Median milliseconds per call of the staged backward (every node of the computation graph) and of the closed form ',
      'dx = γ/(N·σ)·(N·dout − Σdout − x̂·Σ(dout·x̂)), on this machine. The figure and the numbers are a measurement: they change from run to run.',
    ),
    paragraph(image(BATCHNORM_FIGURES.backwardSpeed, 'Milliseconds per backward call, staged vs closed form')),
    html(TIMINGS_START),
    table(
      [
        { header: 'shape (N, D)' },
        { header: 'staged ms', align: 'right' },
        { header: 'alt ms', align: 'right' },
        { header: 'speedup', align: 'right' },
        { header: 'calls', align: 'right' },
      ],
      rows,
    ),
    paragraph(speedConclusion(record.backwardSpeed)),
    html(TIMINGS_END),
  ];
}

function runRow(label: string, run: BatchnormRun): Cell[] {
  const last = run.epochs[run.epochs.length - 1];
  return [
    label,
    formatLoss(run.finalTrainLoss),
    formatFixed(run.bestTrainAccuracy, 3),
    formatFixed(run.bestValAccuracy, 3),
    last === undefined ? '—' : formatFixed(last.valAccuracy, 3),
    run.diverged === null ? '' : `diverged at iteration ${run.diverged.iteration}`,
  ];
}

const RUN_COLUMNS = [
  { header: 'run' },
  { header: 'final train loss', align: 'right' },
  { header: 'best train acc', align: 'right' },
  { header: 'best val acc', align: 'right' },
  { header: 'last val acc', align: 'right' },
  { header: 'note' },
] as const;

/** Part 4: the deep MLP with and without batch norm. */
export function deepMlpSection(record: BatchnormRecord): RootContent[] {
  return [
    heading(2, '4. Deep MLP with and without batch norm'),
    table(
      RUN_COLUMNS,
      record.deepMlp.runs.map((run) => runRow(NORMALIZATION_LABELS[run.job.normalization], run)),
    ),
    paragraph("Final train loss: the mean loss over the last epoch's iterations (CS231n averages the last 100 iterations)."),
    paragraph(image(BATCHNORM_FIGURES.deepMlpLoss, 'Training loss per iteration, with and without batch norm')),
    paragraph(image(BATCHNORM_FIGURES.deepMlpAccuracy, 'Training and validation accuracy per epoch, with and without batch norm')),
    paragraph(deepMlpConclusion(record)),
  ];
}

/** Part 5: the weight-scale sweep. */
export function weightScaleSection(record: BatchnormRecord): RootContent[] {
  const runs = record.weightScaleSweep.runs;
  const at = (normalization: 'none' | 'batchnorm', scale: number) =>
    runs.find((r) => r.job.normalization === normalization && r.job.weightScale === scale);
  const acc = (run: BatchnormRun | undefined, key: 'bestValAccuracy' | 'bestTrainAccuracy') =>
    run === undefined ? '—' : formatFixed(run[key], 3);
  const rows = record.weightScaleSweep.settings.scales.map((scale) => {
    const base = at('none', scale);
    const bn = at('batchnorm', scale);
    return [
      formatScientific(scale),
      acc(base, 'bestValAccuracy'),
      acc(bn, 'bestValAccuracy'),
      acc(base, 'bestTrainAccuracy'),
      acc(bn, 'bestTrainAccuracy'),
      base === undefined ? '—' : formatLoss(base.finalTrainLoss),
      bn === undefined ? '—' : formatLoss(bn.finalTrainLoss),
    ];
  });
  return [
    heading(2, '5. Weight-initialization scale'),
    paragraph(
      `Best accuracies over the epochs and the final training loss; a run counts as trained when its best training accuracy reaches ${TRAINS_THRESHOLD}.`,
    ),
    table(
      [
        { header: 'weight scale', align: 'right' },
        { header: 'best val (none)', align: 'right' },
        { header: 'best val (BN)', align: 'right' },
        { header: 'best train (none)', align: 'right' },
        { header: 'best train (BN)', align: 'right' },
        { header: 'final loss (none)', align: 'right' },
        { header: 'final loss (BN)', align: 'right' },
      ],
      rows,
    ),
    paragraph(
      image(
        BATCHNORM_FIGURES.weightScale,
        'Best validation accuracy, best training accuracy and final training loss against the weight scale',
      ),
    ),
    paragraph(weightScaleConclusion(record)),
  ];
}

/** Part 6: batch sizes with batch norm, layer norm and neither. */
export function batchSizeSection(record: BatchnormRecord): RootContent[] {
  const { normalizations, batchSizes } = record.batchSize.settings;
  const rows: Cell[][] = [];
  for (const normalization of normalizations) {
    for (const size of batchSizes) {
      const run = findRun(record.batchSize.runs, normalization, size);
      if (run !== undefined) rows.push(runRow(`${NORMALIZATION_LABELS[normalization]}, batch ${size}`, run));
    }
  }
  return [
    heading(2, '6. Batch size: batch norm vs layer norm'),
    table(RUN_COLUMNS, rows),
    paragraph(image(BATCHNORM_FIGURES.batchSize, 'Accuracy per epoch for each batch size and normalization')),
    paragraph(batchSizeConclusion(record)),
  ];
}

/** The conclusions of every part, gathered (the speed's stays in its marked section). */
export function conclusionsSection(record: BatchnormRecord): RootContent[] {
  return [heading(2, 'Conclusions'), bulletList(batchnormConclusions(record).map((sentence) => [sentence]))];
}

/** Timings: seconds per stage and per part's trainings, the worker count, the total. All inside the markers. */
export function batchnormTimingsSection(record: BatchnormRecord): RootContent[] {
  const { timings } = record;
  const sumOf = (prefix: string) => timings.runs.filter((r) => r.id.startsWith(prefix)).reduce((sum, r) => sum + r.seconds, 0);
  const rows = [
    ...timings.parts.map((p) => [p.part, formatFixed(p.seconds, 2)]),
    ['deep MLP jobs (sum over workers)', formatFixed(sumOf('deep-mlp/'), 2)],
    ['weight-scale jobs (sum over workers)', formatFixed(sumOf('weight-scale/'), 2)],
    ['batch-size jobs (sum over workers)', formatFixed(sumOf('batch-size/'), 2)],
  ];
  return [
    heading(2, 'Timings'),
    html(TIMINGS_START),
    table([{ header: 'stage' }, { header: 'seconds', align: 'right' }], rows),
    paragraph(
      `Trainings ran on ${record.workers} worker thread${record.workers === 1 ? '' : 's'}. `,
      `Total: ${formatFixed(timings.totalSeconds, 2)} s. Record created ${record.createdAt}.`,
    ),
    html(TIMINGS_END),
  ];
}
