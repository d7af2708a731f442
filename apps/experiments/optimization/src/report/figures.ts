import {
  COST_CURVES_FILE,
  costCurvesChart,
  decisionBoundaryFileNames,
  decisionBoundarySpec,
  type Figure,
  formatFixed,
  heading,
  image,
  paragraph,
  renderFigure,
} from '@lab/report';
import type { RootContent } from 'mdast';
import type { OptimizationRecord } from '../record';

/**
 * The cost curves of all models against epochs and one decision boundary per model with a grid, on
 * the grid's window (the course's: x₁ from −1.5 to 2.5, x₂ from −1 to 1.5), with the sections that
 * show them.
 */
export async function optimizationFigures(
  record: OptimizationRecord,
  labels: readonly string[],
): Promise<{ figures: Figure[]; sections: RootContent[] }> {
  const costSpec = costCurvesChart(
    record.models.map((model, m) => ({ label: labels[m] ?? model.name, points: model.costs.map((c) => ({ x: c.epoch, cost: c.cost })) })),
    { xTitle: 'epoch' },
  );
  const figures: Figure[] = [await renderFigure(COST_CURVES_FILE, costSpec)];
  const sections: RootContent[] = [
    heading(2, 'Cost curves'),
    paragraph(image(COST_CURVES_FILE, "Cost of the epoch's last mini-batch against epoch for every model")),
    heading(2, 'Decision boundaries'),
    paragraph('Predicted regions of each model (P(y = 1) > 0.5, blue) with the training points on top, as the course plots them.'),
  ];
  const names = decisionBoundaryFileNames(labels);
  for (const [m, model] of record.models.entries()) {
    const label = labels[m] ?? model.name;
    sections.push(heading(3, label));
    const grid = model.decisionGrid;
    const fileName = names[m];
    if (grid === undefined || fileName === undefined) {
      sections.push(paragraph('No decision grid was recorded for this model.'));
      continue;
    }
    const spec = decisionBoundarySpec({
      label,
      subtitle: `train accuracy ${formatFixed(model.trainAccuracy, 4)}`,
      grid,
      points: record.trainPoints,
      range: { x: [grid.xMin, grid.xMax], y: [grid.yMin, grid.yMax] },
    });
    figures.push(await renderFigure(fileName, spec));
    sections.push(paragraph(image(fileName, `Decision boundary of ${label}`)));
  }
  return { figures, sections };
}
