import { ConfigError } from '@lab/tensor';
import { describeValue } from './validate';

/**
 * Checks a schedule's arguments: both finite numbers ≥ 0.
 * @throws ConfigError `<owner>.learningRate: epoch must be >= 0, got -1`
 */
export function checkTime(owner: string, epoch: number, iteration: number): void {
  if (!(epoch >= 0 && epoch < Number.POSITIVE_INFINITY)) {
    throw new ConfigError(`${owner}.learningRate: epoch must be >= 0, got ${describeValue(epoch)}`);
  }
  if (!(iteration >= 0 && iteration < Number.POSITIVE_INFINITY)) {
    throw new ConfigError(`${owner}.learningRate: iteration must be >= 0, got ${describeValue(iteration)}`);
  }
}
