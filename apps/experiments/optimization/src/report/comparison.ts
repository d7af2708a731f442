import type { ComparisonStatus } from '@lab/report';
import { fromRecordedCost } from '@lab/run-record';
import type { OptimizationModel, OptimizationRecord } from '../record';
import { differencesFromCourse } from './course-settings';

/**
 * How the published numbers are compared: the cost after epoch 0 is published as printed
 * (`"%f"`, six decimals), so ours must print the same; the train accuracy is a ratio of counts, so
 * it must be equal.
 */
export const COMPARISON_RULE = { cost: 'printed digits (%f)', accuracy: 'exact' } as const;

/** One published number against ours. */
export interface ComparisonCell {
  readonly model: string;
  readonly quantity: 'cost after epoch 0' | 'train accuracy';
  /** As published: the printed cost, or the accuracy. */
  readonly published: string;
  /** Ours, the same way (the cost printed with six decimals); undefined when not recorded. */
  readonly ours: string | undefined;
  readonly rule: string;
  readonly status: ComparisonStatus;
  /** Why it is not comparable: the settings that differ. */
  readonly reasons?: readonly string[];
}

/** The course's `"%f" % cost`: six decimals (`inf` for +∞). */
export function printedCost(cost: number): string {
  return cost === Number.POSITIVE_INFINITY ? 'inf' : cost.toFixed(6);
}

function cell(
  model: string,
  quantity: ComparisonCell['quantity'],
  published: string,
  ours: string | undefined,
  rule: string,
  reasons: readonly string[],
): ComparisonCell {
  if (reasons.length > 0) return { model, quantity, published, ours, rule, status: 'not comparable', reasons };
  return { model, quantity, published, ours, rule, status: ours === published ? 'match' : 'differs' };
}

/**
 * Compares every model that carries `published` numbers, cell by cell: the cost printed after
 * epoch 0 and the train accuracy (see {@link COMPARISON_RULE}). A cell whose number the run's
 * differences from the course change is `not comparable`.
 * @param labels - one distinct label per model
 */
export function compareWithPublished(record: OptimizationRecord, labels: readonly string[]): ComparisonCell[] {
  return record.models.flatMap((model: OptimizationModel, m) => {
    const published = model.published;
    if (published === undefined) return [];
    const label = labels[m] ?? model.name;
    const differences = differencesFromCourse(record, model);
    const first = model.costs.find((c) => c.epoch === 0);
    return [
      cell(
        label,
        'cost after epoch 0',
        published.costAfterEpoch0,
        first === undefined ? undefined : printedCost(fromRecordedCost(first.cost)),
        COMPARISON_RULE.cost,
        differences.firstEpoch,
      ),
      cell(label, 'train accuracy', String(published.trainAccuracy), String(model.trainAccuracy), COMPARISON_RULE.accuracy, [
        ...differences.firstEpoch,
        ...differences.training,
      ]),
    ];
  });
}
