import { ConfigError } from '@lab/tensor';

/** @throws ConfigError `<op>: keepProb must be in (0, 1], got <value>` */
export function assertKeepProb(op: string, keepProb: number): void {
  // Written so NaN fails too.
  if (!(keepProb > 0 && keepProb <= 1)) {
    throw new ConfigError(
      `${op}: keepProb must be in (0, 1], got ${keepProb} (the probability of keeping a unit; PyTorch's p = 1 - keepProb)`,
    );
  }
}

/** @throws ConfigError when λ is negative or not finite, or m is not a positive integer */
export function assertL2Config(op: string, lambd: number, m: number): void {
  if (!(Number.isFinite(lambd) && lambd >= 0)) throw new ConfigError(`${op}: lambd must be finite and >= 0, got ${lambd}`);
  if (!Number.isInteger(m) || m <= 0) throw new ConfigError(`${op}: m (the number of examples) must be a positive integer, got ${m}`);
}
