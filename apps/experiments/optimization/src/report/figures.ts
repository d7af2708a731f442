import { binaryModelFigures, formatFixed, type ModelFigures } from '@lab/report';
import type { OptimizationRecord } from '../record';

/**
 * The cost curves of all models against epochs and one decision boundary per model with a grid, on
 * the grid's window (the course's: x₁ from −1.5 to 2.5, x₂ from −1 to 1.5), with the sections that
 * show them.
 */
export function optimizationFigures(record: OptimizationRecord, labels: readonly string[]): Promise<ModelFigures> {
  return binaryModelFigures({
    models: record.models.map((model, m) => ({
      label: labels[m] ?? model.name,
      costs: model.costs.map((c) => ({ x: c.epoch, cost: c.cost })),
      decisionGrid: model.decisionGrid,
      subtitle: `train accuracy ${formatFixed(model.trainAccuracy, 4)}`,
    })),
    xTitle: 'epoch',
    costCurvesAlt: "Cost of the epoch's last mini-batch against epoch for every model",
    boundariesText: 'Predicted regions of each model (P(y = 1) > 0.5, blue) with the training points on top, as the course plots them.',
    points: record.trainPoints,
  });
}
