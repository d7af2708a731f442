// Apart from the schemas (zod): the training loop records its costs with these alone.

/** A recorded cost: a finite number, or `'Infinity'` for +∞ (see the `recordedCost` schema). */
export type RecordedCost = number | 'Infinity';

/**
 * A cost as a record holds it (see the `recordedCost` schema).
 * @throws Error for NaN or −∞, which no recorded cost may be (training stops on those first)
 */
export function toRecordedCost(cost: number): RecordedCost {
  if (cost === Number.POSITIVE_INFINITY) return 'Infinity';
  if (!Number.isFinite(cost)) throw new Error(`toRecordedCost: a cost must be finite or +Infinity, got ${cost}`);
  return cost;
}

/** The number a recorded cost stands for: `'Infinity'` is +∞. */
export function fromRecordedCost(cost: RecordedCost): number {
  return cost === 'Infinity' ? Number.POSITIVE_INFINITY : cost;
}
