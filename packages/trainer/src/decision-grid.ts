import type { DecisionGrid } from '@lab/run-record';
import { ConfigError, Tensor } from '@lab/tensor';

/** A rectangle of the plane: x in [xMin, xMax], y in [yMin, yMax]. */
export interface PlaneBounds {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

/**
 * A model's P(y = 1) at the nodes of a size × size grid spanning `bounds` edge to edge, for
 * decision-boundary figures: node (ix, iy) sits at x = xMin + ix·(xMax − xMin)/(size − 1),
 * y = yMin + iy·(yMax − yMin)/(size − 1), and its value is `values[iy * size + ix]`.
 * @param model - anything with predictProba(x: (N, 2)) → (N, 1)
 */
export function predictGrid(model: { predictProba(x: Tensor): Tensor }, bounds: PlaneBounds, size: number): DecisionGrid {
  if (!Number.isInteger(size) || size < 2) throw new ConfigError(`predictGrid: size must be an integer >= 2, got ${size}`);
  const { xMin, xMax, yMin, yMax } = bounds;
  const points = new Float64Array(size * size * 2);
  for (let iy = 0; iy < size; iy++) {
    for (let ix = 0; ix < size; ix++) {
      const cell = iy * size + ix;
      points[2 * cell] = xMin + (ix * (xMax - xMin)) / (size - 1);
      points[2 * cell + 1] = yMin + (iy * (yMax - yMin)) / (size - 1);
    }
  }
  const proba = model.predictProba(new Tensor(points, [size * size, 2]));
  return { xMin, xMax, yMin, yMax, nx: size, ny: size, values: Array.from(proba.data) };
}
