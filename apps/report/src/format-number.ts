import type { RecordedCost } from '@lab/run-record';

/** Number formatting for the report: deterministic, locale-independent. */

/** The shortest text that reads back as the same float64 (`0.9478672985781991`), as Python's `repr` prints it. */
export function formatExact(x: number): string {
  return String(x);
}

/** `digits` digits after the point: `formatFixed(0.93, 4)` is `0.9300`. */
export function formatFixed(x: number, digits: number): string {
  return x.toFixed(digits);
}

/** `significant` significant digits without exponent noise for everyday magnitudes: `0.0926357`. */
export function formatSignificant(x: number, significant: number): string {
  if (x === 0) return '0';
  const magnitude = Math.abs(x);
  if (magnitude >= 1e-4 && magnitude < 1e6) return String(Number(x.toPrecision(significant)));
  return x.toExponential(significant - 1);
}

/** A recorded cost to `significant` digits (see {@link formatSignificant}), `+∞` for +∞ (`'Infinity'` in a record). */
export function formatCost(cost: RecordedCost | number, significant = 6): string {
  return cost === 'Infinity' || cost === Number.POSITIVE_INFINITY ? '+∞' : formatSignificant(cost, significant);
}

/** A recorded cost exactly (see {@link formatExact}), `inf` for +∞, as the course prints it. */
export function formatCostExact(cost: RecordedCost | number): string {
  return cost === 'Infinity' || cost === Number.POSITIVE_INFINITY ? 'inf' : formatExact(cost);
}
