import { binaryModelFigures, formatFixed, type ModelFigures } from '@lab/report';
import type { InitializationRecord } from '../record';

/**
 * The cost curves of all models (a cost of +∞ marked on the top edge) and one decision boundary per
 * model with a grid, on the grid's window (the course's: x₁ and x₂ from −1.5 to 1.5), with the
 * sections that show them.
 */
export function initializationFigures(record: InitializationRecord, labels: readonly string[]): Promise<ModelFigures> {
  return binaryModelFigures({
    models: record.models.map((model, m) => ({
      label: labels[m] ?? model.name,
      costs: model.costs.map((c) => ({ x: c.iteration, cost: c.cost })),
      decisionGrid: model.decisionGrid,
      subtitle: `train accuracy ${formatFixed(model.trainAccuracy, 4)}, test accuracy ${formatFixed(model.testAccuracy, 4)}`,
    })),
    xTitle: 'iteration',
    costCurvesAlt: 'Cost against iteration for every model',
    boundariesText: 'Predicted regions of each model (P(y = 1) > 0.5, blue) with the training points on top, as the course plots them.',
    points: record.trainPoints,
  });
}
