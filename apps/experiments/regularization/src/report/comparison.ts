import type { RegularizationModel } from '../record';

/**
 * Tolerances of the comparison with the published numbers. The cost at iteration 0
 * depends only on the initial weights and the data, so it must agree to rounding
 * (absolute difference ≤ 1e-12); accuracies are ratios of counts, so they must be equal.
 */
export const COMPARISON_TOLERANCE = { costAt0: 1e-12, accuracy: 0 } as const;

/** One published number against ours. `ours` is undefined when the record lacks it (no cost at iteration 0). */
export interface ComparisonCell {
  readonly model: string;
  readonly quantity: 'cost at iteration 0' | 'train accuracy' | 'test accuracy';
  readonly published: number;
  readonly ours: number | undefined;
  readonly tolerance: number;
  readonly matches: boolean;
}

function cell(
  model: string,
  quantity: ComparisonCell['quantity'],
  published: number,
  ours: number | undefined,
  tolerance: number,
): ComparisonCell {
  const matches = ours !== undefined && (tolerance === 0 ? ours === published : Math.abs(ours - published) <= tolerance);
  return { model, quantity, published, ours, tolerance, matches };
}

/**
 * Compares every model that carries `published` numbers, cell by cell: cost at
 * iteration 0, train accuracy, test accuracy (see {@link COMPARISON_TOLERANCE}).
 * @param models - the record's models
 * @param labels - one distinct label per model
 * @returns three cells per model with published numbers, in model order
 */
export function compareWithPublished(models: readonly RegularizationModel[], labels: readonly string[]): ComparisonCell[] {
  return models.flatMap((model, m) => {
    const published = model.published;
    if (published === undefined) return [];
    const label = labels[m] ?? model.name;
    const costAt0 = model.costs.find((c) => c.iteration === 0)?.cost;
    return [
      cell(label, 'cost at iteration 0', published.costAt0, costAt0, COMPARISON_TOLERANCE.costAt0),
      cell(label, 'train accuracy', published.trainAccuracy, model.trainAccuracy, COMPARISON_TOLERANCE.accuracy),
      cell(label, 'test accuracy', published.testAccuracy, model.testAccuracy, COMPARISON_TOLERANCE.accuracy),
    ];
  });
}
