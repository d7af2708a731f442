import { fromRecordedCost } from '@lab/run-record';
import { COURSE_ITERATIONS, COURSE_LEARNING_RATE, COURSE_SEED } from '../defaults';
import type { RegularizationModel, RegularizationRecord } from '../record';

/**
 * Tolerances of the comparison with the published numbers. The cost at iteration 0
 * depends only on the initial weights and the data, so it must agree to rounding
 * (absolute difference ≤ 1e-12); accuracies are ratios of counts, so they must be equal.
 */
export const COMPARISON_TOLERANCE = { costAt0: 1e-12, accuracy: 0 } as const;

/**
 * The settings the published numbers hold for: the course's seed, iterations and learning rate,
 * and, for a dropout model, the course's reseeded masks.
 */
export const PUBLISHED_SETTINGS = {
  seed: COURSE_SEED,
  numIterations: COURSE_ITERATIONS,
  learningRate: COURSE_LEARNING_RATE,
  dropoutMasks: 'course',
} as const;

/**
 * One published number against ours. `ours` is undefined when the record lacks it (no cost at
 * iteration 0); `notComparable` lists the run's settings that differ from those the published
 * number holds for (`seed 4 ≠ 3`), empty when it is comparable — only then does `matches` count.
 */
export interface ComparisonCell {
  readonly model: string;
  readonly quantity: 'cost at iteration 0' | 'train accuracy' | 'test accuracy';
  readonly published: number;
  readonly ours: number | undefined;
  readonly tolerance: number;
  readonly notComparable: readonly string[];
  readonly matches: boolean;
}

/** The parts of a record the comparison reads. */
export type ComparedRun = Pick<RegularizationRecord, 'seed' | 'training'> & { readonly models: readonly RegularizationModel[] };

function cell(
  model: string,
  quantity: ComparisonCell['quantity'],
  published: number,
  ours: number | undefined,
  tolerance: number,
  notComparable: readonly string[],
): ComparisonCell {
  const matches =
    notComparable.length === 0 && ours !== undefined && (tolerance === 0 ? ours === published : Math.abs(ours - published) <= tolerance);
  return { model, quantity, published, ours, tolerance, notComparable, matches };
}

/**
 * The run's settings that differ from the published run's, as `name ours ≠ published`: the seed
 * decides the initial weights, so every number; iterations, learning rate and (for a dropout
 * model) the mask mode decide where training ends, so the accuracies but not the cost at iteration 0.
 */
function differences(run: ComparedRun, model: RegularizationModel): { initial: string[]; trained: string[] } {
  const initial: string[] = [];
  const trained: string[] = [];
  if (run.seed !== PUBLISHED_SETTINGS.seed) initial.push(`seed ${run.seed} ≠ ${PUBLISHED_SETTINGS.seed}`);
  const { numIterations, learningRate, dropoutMasks } = run.training;
  if (numIterations !== PUBLISHED_SETTINGS.numIterations) trained.push(`iterations ${numIterations} ≠ ${PUBLISHED_SETTINGS.numIterations}`);
  if (learningRate !== PUBLISHED_SETTINGS.learningRate) trained.push(`learning rate ${learningRate} ≠ ${PUBLISHED_SETTINGS.learningRate}`);
  if (model.keepProb < 1 && dropoutMasks !== PUBLISHED_SETTINGS.dropoutMasks) {
    trained.push(`dropout masks ${dropoutMasks} ≠ ${PUBLISHED_SETTINGS.dropoutMasks}`);
  }
  return { initial, trained: [...initial, ...trained] };
}

/**
 * Compares every model that carries `published` numbers, cell by cell: cost at
 * iteration 0, train accuracy, test accuracy (see {@link COMPARISON_TOLERANCE}). A cell whose
 * number depends on a setting that differs from the published run's is not comparable: it
 * neither matches nor fails.
 * @param run - the record (its seed and training settings, its models)
 * @param labels - one distinct label per model
 * @returns three cells per model with published numbers, in model order
 */
export function compareWithPublished(run: ComparedRun, labels: readonly string[]): ComparisonCell[] {
  return run.models.flatMap((model, m) => {
    const published = model.published;
    if (published === undefined) return [];
    const label = labels[m] ?? model.name;
    const recorded = model.costs.find((c) => c.iteration === 0)?.cost;
    const costAt0 = recorded === undefined ? undefined : fromRecordedCost(recorded);
    const { initial, trained } = differences(run, model);
    return [
      cell(label, 'cost at iteration 0', published.costAt0, costAt0, COMPARISON_TOLERANCE.costAt0, initial),
      cell(label, 'train accuracy', published.trainAccuracy, model.trainAccuracy, COMPARISON_TOLERANCE.accuracy, trained),
      cell(label, 'test accuracy', published.testAccuracy, model.testAccuracy, COMPARISON_TOLERANCE.accuracy, trained),
    ];
  });
}

/** `not comparable (seed 4 ≠ 3, iterations 200 ≠ 30000)`. */
export function notComparableText(reasons: readonly string[]): string {
  return `not comparable (${reasons.join(', ')})`;
}

/** The distinct reasons of the cells that are not comparable, in first-seen order. */
export function notComparableReasons(cells: readonly ComparisonCell[]): string[] {
  return [...new Set(cells.flatMap((c) => c.notComparable))];
}
