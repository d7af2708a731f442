import { formatExact, formatSignificant } from '@lab/report';
import type { RecordedCost } from '@lab/run-record';

/** A cost in a table, exactly: `inf` for +∞, as the course prints it. */
export function formatCostExact(cost: RecordedCost | number): string {
  return cost === 'Infinity' || cost === Number.POSITIVE_INFINITY ? 'inf' : formatExact(cost);
}

/** A cost to `significant` digits, `+∞` for +∞. */
export function formatCost(cost: RecordedCost | number, significant = 6): string {
  return cost === 'Infinity' || cost === Number.POSITIVE_INFINITY ? '+∞' : formatSignificant(cost, significant);
}
