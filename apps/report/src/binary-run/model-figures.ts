import type { BinaryRunRecord } from '@lab/run-record';
import type { RootContent } from 'mdast';
import type { TopLevelSpec } from 'vega-lite';
import { formatExact, formatFixed } from '../format-number';
import { renderFigure } from '../render-vega-lite';
import type { Figure } from '../rendered-report';
import { COST_CURVES_FILE, costCurvesSpec } from './cost-curves-figure';
import { decisionBoundarySpec } from './decision-boundary-figure';
import { type PlotRange, plotRangeFor } from './decision-regions';
import { figuresSection } from './figures-section';
import { decisionBoundaryFileNames } from './model-labels';
import { trainingCurvesSpec } from './training-curves-figure';

/** The figures of a record's models and the report sections that show them. */
export interface ModelFigures {
  /** The cost curves first, then one decision boundary per model with a grid, in model order. */
  readonly figures: readonly Figure[];
  /** The cost-curve and decision-boundary sections, linking {@link figures}. */
  readonly sections: readonly RootContent[];
}

/**
 * Renders the figures of a `regularization` or `train` record: the cost curves of all models,
 * and each model's decision boundary on one plot window shared by all of them.
 * @param labels - one distinct label per model (see `modelLabels`)
 */
export async function modelFigures(record: BinaryRunRecord, labels: readonly string[]): Promise<ModelFigures> {
  const range = plotRangeFor(record.trainPoints.x);
  const names = decisionBoundaryFileNames(labels);
  const fileNames = record.models.map((model, m) => (model.decisionGrid === undefined ? undefined : names[m]));

  // A mini-batch run's costs are single batches': noisy, so drawn with their moving average and the test curve.
  const [only] = record.models;
  const miniBatch = record.models.length === 1 && only !== undefined && record.training.batchSize !== undefined;
  const costSpec = miniBatch ? trainingCurvesSpec(only) : costCurvesSpec(record.models, labels);
  const figures: Figure[] = [await renderFigure(COST_CURVES_FILE, costSpec)];
  for (const [m, model] of record.models.entries()) {
    const fileName = fileNames[m];
    const spec = modelBoundarySpec(record, model, labels[m] ?? model.name, range);
    if (spec === undefined || fileName === undefined) continue;
    figures.push(await renderFigure(fileName, spec));
  }
  return { figures, sections: figuresSection(record, labels, fileNames, range, miniBatch) };
}

/**
 * The decision-boundary figure of one model of a record, as {@link modelFigures} draws it; e.g. to
 * draw it ahead with `prerenderFigure` while the record's other models still train.
 * @param record - the record's training points (x (N, 2), labels (N,)) and data set
 * @param label - the model's label in the report (see `modelLabels`: its name, unless two models share it)
 * @param range - the plot window; default `plotRangeFor` the training points, as the report's
 * @returns undefined when the model has no decision grid
 */
export function modelBoundarySpec(
  record: Pick<BinaryRunRecord, 'trainPoints' | 'dataset'>,
  model: BinaryRunRecord['models'][number],
  label: string,
  range: PlotRange = plotRangeFor(record.trainPoints.x),
): TopLevelSpec | undefined {
  if (model.decisionGrid === undefined) return undefined;
  const classes = record.dataset.classes ?? 2;
  return decisionBoundarySpec({
    label,
    subtitle: `${classes > 2 ? `${classes} classes; ` : ''}λ = ${formatExact(model.lambd)}, keep_prob = ${formatExact(model.keepProb)}; train accuracy ${formatFixed(model.trainAccuracy, 4)}, test accuracy ${formatFixed(model.testAccuracy, 4)}`,
    grid: model.decisionGrid,
    points: record.trainPoints,
    range,
    classes,
  });
}
