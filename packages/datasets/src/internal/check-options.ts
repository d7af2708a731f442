import { ConfigError } from '@lab/tensor';
import { MAX_GENERATED_EXAMPLES } from '../limits';

/**
 * Checks a count option.
 * @throws ConfigError `<op>: <name> must be an integer from <min> to <max>, got <value>`
 */
export function checkCount(op: string, name: string, value: number, min = 1, max = MAX_GENERATED_EXAMPLES): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${op}: ${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

/**
 * Checks a non-negative finite option such as a noise level.
 * @throws ConfigError `<op>: <name> must be a finite number >= 0, got <value>`
 */
export function checkNonNegative(op: string, name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new ConfigError(`${op}: ${name} must be a finite number >= 0, got ${value}`);
}
