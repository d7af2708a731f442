import type { DecisionGrid } from '@lab/run-record';
import type { RootContent } from 'mdast';
import { heading, image, paragraph } from '../markdown';
import { renderFigure } from '../render-vega-lite';
import type { Figure } from '../rendered-report';
import { COST_CURVES_FILE, type CostSeries, costCurvesChart } from './cost-curves-figure';
import { decisionBoundarySpec } from './decision-boundary-figure';
import type { PlotRange } from './decision-regions';
import type { ModelFigures } from './model-figures';
import { decisionBoundaryFileNames } from './model-labels';

/** One model of {@link binaryModelFigures}: its cost curve and, when it has a grid, its decision boundary. */
export interface BinaryModelFigure {
  /** The model's distinct label (see `modelLabels`): legend entry, heading and file name. */
  readonly label: string;
  /** x is the iteration or epoch; a cost of `'Infinity'` is +∞ (marked on the top edge). */
  readonly costs: CostSeries['points'];
  /** Undefined when the record has none: the section says so and no figure is drawn. */
  readonly decisionGrid: DecisionGrid | undefined;
  /** The line under the decision boundary's title, e.g. the model's accuracies. */
  readonly subtitle: string;
}

/** What {@link binaryModelFigures} draws and the words around the figures. */
export interface BinaryModelFiguresInput {
  readonly models: readonly BinaryModelFigure[];
  /** The cost curves' x axis, e.g. `iteration`, `epoch`. */
  readonly xTitle: string;
  /** The alt text of the cost-curve image. */
  readonly costCurvesAlt: string;
  /** The paragraph under the `Decision boundaries` heading. */
  readonly boundariesText: string;
  /** x (N, 2) and labels (N,) of the training set, drawn on every decision boundary. */
  readonly points: { readonly x: readonly (readonly [number, number])[]; readonly y: readonly number[] };
  /** The plot window of every decision boundary; default each grid's own window. */
  readonly range?: PlotRange;
}

/**
 * The figures of binary classifiers trained side by side, and the report sections that show them:
 * `cost-curves.svg` (all models; see `costCurvesChart`), then under `Decision boundaries` one heading
 * per model with its `decision-boundary-<slug>.svg` (see `decisionBoundarySpec`) or, without a
 * grid, a sentence saying so.
 * @returns figures: the cost curves first, then one decision boundary per model with a grid, in model order
 */
export async function binaryModelFigures(input: BinaryModelFiguresInput): Promise<ModelFigures> {
  const costSpec = costCurvesChart(
    input.models.map((model) => ({ label: model.label, points: model.costs })),
    { xTitle: input.xTitle },
  );
  const figures: Figure[] = [await renderFigure(COST_CURVES_FILE, costSpec)];
  const sections: RootContent[] = [
    heading(2, 'Cost curves'),
    paragraph(image(COST_CURVES_FILE, input.costCurvesAlt)),
    heading(2, 'Decision boundaries'),
    paragraph(input.boundariesText),
  ];
  const names = decisionBoundaryFileNames(input.models.map((model) => model.label));
  for (const [m, model] of input.models.entries()) {
    sections.push(heading(3, model.label));
    const grid = model.decisionGrid;
    const fileName = names[m];
    if (grid === undefined || fileName === undefined) {
      sections.push(paragraph('No decision grid was recorded for this model.'));
      continue;
    }
    const spec = decisionBoundarySpec({
      label: model.label,
      subtitle: model.subtitle,
      grid,
      points: input.points,
      range: input.range ?? { x: [grid.xMin, grid.xMax], y: [grid.yMin, grid.yMax] },
    });
    figures.push(await renderFigure(fileName, spec));
    sections.push(paragraph(image(fileName, `Decision boundary of ${model.label}`)));
  }
  return { figures, sections };
}
