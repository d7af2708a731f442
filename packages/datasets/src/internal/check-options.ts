import { ConfigError } from '@lab/tensor';

/**
 * Checks a count option.
 * @throws ConfigError `<op>: <name> must be an integer >= <min>, got <value>`
 */
export function checkCount(op: string, name: string, value: number, min = 1): void {
  if (!Number.isInteger(value) || value < min) throw new ConfigError(`${op}: ${name} must be an integer >= ${min}, got ${value}`);
}

/**
 * Checks a non-negative finite option such as a noise level.
 * @throws ConfigError `<op>: <name> must be a finite number >= 0, got <value>`
 */
export function checkNonNegative(op: string, name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new ConfigError(`${op}: ${name} must be a finite number >= 0, got ${value}`);
}
