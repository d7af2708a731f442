import { formatCost, formatFixed, heading, paragraph } from '@lab/report';
import { fromRecordedCost } from '@lab/run-record';
import type { RootContent } from 'mdast';
import type { InitializationModel, InitializationRecord } from '../record';

/** Recorded costs within this of each other count as "the same cost throughout". */
export const FLAT_COST_TOLERANCE = 1e-12;

/** What one model's numbers show, in a sentence or two. */
export function modelConclusion(model: InitializationModel, label: string, numIterations: number): string {
  const costs = model.costs.map((c) => fromRecordedCost(c.cost));
  const accuracies = `train accuracy ${formatFixed(model.trainAccuracy, 4)}, test accuracy ${formatFixed(model.testAccuracy, 4)}`;
  const first = costs[0];
  if (first === undefined) return `${label}: no cost was recorded; ${accuracies}.`;
  const spread = Math.max(...costs) - Math.min(...costs);
  if (Number.isFinite(first) && spread <= FLAT_COST_TOLERANCE) {
    const ln2 = Math.abs(first - Math.LN2) <= FLAT_COST_TOLERANCE ? ' (ln 2, the cost of predicting 0.5 for every example)' : '';
    const symmetric =
      model.init.kind === 'zeros'
        ? ': with equal weights every unit of a layer computes the same function and receives the same gradient, so training never breaks the symmetry'
        : '';
    return `${label}: the cost stays at ${formatCost(first)}${ln2} at all ${costs.length} recorded iterations and the model ends at ${accuracies}; it learns nothing${symmetric}.`;
  }
  const start = Number.isFinite(first)
    ? `the cost starts at ${formatCost(first)}`
    : 'the cost at iteration 0 is +∞: the weights are so large that sigmoid outputs round to exactly 0 or 1, some on the wrong side (−log 0)';
  const firstFinite = model.costs.find((c) => c.cost !== 'Infinity');
  const recovers =
    !Number.isFinite(first) && firstFinite !== undefined
      ? `; the first finite recorded cost is ${formatCost(firstFinite.cost)} at iteration ${firstFinite.iteration}`
      : '';
  return `${label}: ${start}${recovers}; after ${numIterations} iterations it is ${formatCost(model.finalCost)}, with ${accuracies}.`;
}

/** The ranking by test accuracy (ties keep record order). */
export function rankingConclusion(models: readonly InitializationModel[], labels: readonly string[]): string {
  const order = models
    .map((model, m) => ({ model, label: labels[m] ?? model.name }))
    .sort((a, b) => b.model.testAccuracy - a.model.testAccuracy);
  const best = order[0];
  if (best === undefined) return 'No models.';
  if (order.length === 1) return `One model: ${best.label}, test accuracy ${formatFixed(best.model.testAccuracy, 4)}.`;
  const rest = order.slice(1).map((o) => `${o.label} (${formatFixed(o.model.testAccuracy, 4)})`);
  const lower = fromRecordedCost(best.model.finalCost) <= Math.min(...models.map((m) => fromRecordedCost(m.finalCost)));
  return (
    `Highest test accuracy: ${best.label} (${formatFixed(best.model.testAccuracy, 4)}), then ${rest.join(', ')}` +
    (lower ? `; ${best.label} also ends with the lowest cost (${formatCost(best.model.finalCost)}).` : '.')
  );
}

/** The conclusions section: one paragraph per model, then the ranking. */
export function conclusionsSection(record: InitializationRecord, labels: readonly string[]): RootContent[] {
  return [
    heading(2, 'Conclusions'),
    ...record.models.map((model, m) => paragraph(modelConclusion(model, labels[m] ?? model.name, record.training.numIterations))),
    paragraph(rankingConclusion(record.models, labels)),
  ];
}
