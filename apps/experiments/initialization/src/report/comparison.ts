import type { ComparisonStatus } from '@lab/report';
import { fromRecordedCost } from '@lab/run-record';
import type { InitializationModel } from '../record';
import type { CourseDifferences } from './course-settings';

/**
 * Tolerances of the comparison with the published numbers. The costs depend only on the weights
 * and the data, so they must agree to rounding (absolute difference ≤ 1e-12; +∞ must be +∞);
 * accuracies are ratios of counts, so they must be equal.
 */
export const COMPARISON_TOLERANCE = { cost: 1e-12, accuracy: 0 } as const;

/** One published number against ours. */
export interface ComparisonCell {
  readonly model: string;
  readonly quantity: 'cost at iteration 0' | 'cost at every recorded iteration' | 'train accuracy' | 'test accuracy';
  readonly published: number;
  /**
   * Ours; for the cost at every recorded iteration, the recorded cost farthest from the published
   * one. Undefined when the record lacks it (no cost at iteration 0).
   */
  readonly ours: number | undefined;
  readonly tolerance: number;
  /** `not comparable` when the run's settings differ from the course's in a way that changes this number. */
  readonly status: ComparisonStatus;
  /** Why it is not comparable: the settings that differ. */
  readonly reasons?: readonly string[];
}

function cell(
  model: string,
  quantity: ComparisonCell['quantity'],
  published: number,
  ours: number | undefined,
  tolerance: number,
  reasons: readonly string[],
): ComparisonCell {
  if (reasons.length > 0) return { model, quantity, published, ours, tolerance, status: 'not comparable', reasons };
  const matches =
    ours !== undefined && (tolerance === 0 || !Number.isFinite(published) ? ours === published : Math.abs(ours - published) <= tolerance);
  return { model, quantity, published, ours, tolerance, status: matches ? 'match' : 'differs' };
}

/**
 * Compares every model that carries `published` numbers, cell by cell: the cost at iteration 0, the
 * cost at every recorded iteration when the course prints one value throughout, train and test
 * accuracy (see {@link COMPARISON_TOLERANCE}). A cell whose number the run's differences from the
 * course change is `not comparable`: all of them when the starting point differs, all but the cost
 * at iteration 0 when only the training does.
 * @param labels - one distinct label per model
 */
export function compareWithPublished(
  models: readonly InitializationModel[],
  labels: readonly string[],
  differences: CourseDifferences,
): ComparisonCell[] {
  const start = differences.start;
  const trained = [...differences.start, ...differences.training];
  return models.flatMap((model, m) => {
    const published = model.published;
    if (published === undefined) return [];
    const label = labels[m] ?? model.name;
    const first = model.costs.find((c) => c.iteration === 0);
    const cells = [
      cell(
        label,
        'cost at iteration 0',
        fromRecordedCost(published.costAt0),
        first === undefined ? undefined : fromRecordedCost(first.cost),
        COMPARISON_TOLERANCE.cost,
        start,
      ),
    ];
    const throughout = published.costThroughout;
    if (throughout !== undefined) {
      const distance = (cost: number) => Math.abs(cost - throughout);
      const farthest = model.costs
        .map((c) => fromRecordedCost(c.cost))
        .reduce<number | undefined>((a, b) => (a === undefined || distance(b) > distance(a) ? b : a), undefined);
      cells.push(cell(label, 'cost at every recorded iteration', throughout, farthest, COMPARISON_TOLERANCE.cost, trained));
    }
    cells.push(cell(label, 'train accuracy', published.trainAccuracy, model.trainAccuracy, COMPARISON_TOLERANCE.accuracy, trained));
    cells.push(cell(label, 'test accuracy', published.testAccuracy, model.testAccuracy, COMPARISON_TOLERANCE.accuracy, trained));
    return cells;
  });
}
