import { Tensor } from '@lab/tensor';
import type { FootballSplit } from './football';
import { checkCount } from './internal/check-options';
import { resolveRng, type SeedOptions } from './internal/resolve-rng';

/** Options of {@link footballField}. */
export interface FootballFieldOptions extends SeedOptions {
  /** Training points (default 211, as in the course's file). */
  readonly trainSize?: number;
  /** Test points (default 200, as in the course's file). */
  readonly testSize?: number;
}

/**
 * The football field: the window the course plots its data and decision boundaries on, which
 * holds every point of the course's file and of {@link footballField}: x₁ in [-0.75, 0.40], x₂ in [-0.75, 0.65].
 */
export const FOOTBALL_FIELD = { xMin: -0.75, xMax: 0.4, yMin: -0.75, yMax: 0.65 } as const;

const X_RANGE = [FOOTBALL_FIELD.xMin, FOOTBALL_FIELD.xMax] as const;
const Y_RANGE = [FOOTBALL_FIELD.yMin, FOOTBALL_FIELD.yMax] as const;
/** Points this close to the boundary (vertically) are contested: their label is flipped with FLIP_PROBABILITY. */
const CONTESTED = 0.06;
const FLIP_PROBABILITY = 0.25;
/**
 * Training-only islands of mislabeled points (centers on the wrong side of the boundary,
 * a few points each): the noise an unregularized net carves out and a regularized one ignores.
 */
const ISLANDS: readonly (readonly [x: number, y: number, points: number])[] = [
  [-0.45, 0.2, 4],
  [0.15, -0.35, 4],
  [-0.2, -0.5, 3],
  [0.25, 0.35, 3],
];
const ISLAND_SPREAD = 0.035;

/** Where the own team wins: above a wavy line across the field. */
function boundary(x: number): number {
  return -0.05 + 0.18 * Math.sin(5 * x + 0.6) + 0.06 * Math.sin(13 * x);
}

/**
 * A built-in stand-in for the course's football data (where the goalkeeper should kick
 * the ball): points on the field labelled 1 where the own team wins the header, split by
 * a wavy boundary; points near the boundary are contested (labels flipped at random), and
 * the training split also holds a few small islands of mislabeled points. An
 * unregularized 3-layer net fits the islands and generalizes worse than with L2 or
 * dropout — the course's lesson (numbers in the README). Dependency-free and seeded.
 * @returns trainX (trainSize, 2), trainY (trainSize, 1), testX (testSize, 2), testY (testSize, 1); labels in {0, 1}
 * @throws ConfigError when a size is not a positive integer or trainSize cannot hold the islands
 */
export function footballField(options: FootballFieldOptions = {}): FootballSplit {
  const { trainSize = 211, testSize = 200 } = options;
  const islandPoints = ISLANDS.reduce((sum, island) => sum + island[2], 0);
  checkCount('footballField', 'trainSize', trainSize, islandPoints + 1);
  checkCount('footballField', 'testSize', testSize);
  const rng = resolveRng(options);
  const uniform = (range: readonly [number, number]): number => range[0] + (range[1] - range[0]) * rng.nextDouble();
  const fieldPoint = (x: Float64Array, y: Float64Array, row: number): void => {
    const px = uniform(X_RANGE);
    const py = uniform(Y_RANGE);
    const above = py > boundary(px);
    const contested = Math.abs(py - boundary(px)) < CONTESTED && rng.nextDouble() < FLIP_PROBABILITY;
    x[2 * row] = px;
    x[2 * row + 1] = py;
    y[row] = above !== contested ? 1 : 0;
  };

  const trainX = new Float64Array(trainSize * 2);
  const trainY = new Float64Array(trainSize);
  let row = 0;
  for (const [cx, cy, points] of ISLANDS) {
    const label = cy > boundary(cx) ? 0 : 1;
    for (let i = 0; i < points; i++, row++) {
      trainX[2 * row] = cx + ISLAND_SPREAD * rng.nextGaussian();
      trainX[2 * row + 1] = cy + ISLAND_SPREAD * rng.nextGaussian();
      trainY[row] = label;
    }
  }
  for (; row < trainSize; row++) fieldPoint(trainX, trainY, row);
  const testX = new Float64Array(testSize * 2);
  const testY = new Float64Array(testSize);
  for (let i = 0; i < testSize; i++) fieldPoint(testX, testY, i);

  // Mix the islands in with the rest, so the rows carry no order.
  const order = rng.permutation(trainSize).data;
  const mixedX = new Float64Array(trainSize * 2);
  const mixedY = new Float64Array(trainSize);
  for (let i = 0; i < trainSize; i++) {
    mixedX[2 * i] = trainX[2 * order[i]];
    mixedX[2 * i + 1] = trainX[2 * order[i] + 1];
    mixedY[i] = trainY[order[i]];
  }
  return {
    trainX: new Tensor(mixedX, [trainSize, 2]),
    trainY: new Tensor(mixedY, [trainSize, 1]),
    testX: new Tensor(testX, [testSize, 2]),
    testY: new Tensor(testY, [testSize, 1]),
  };
}
