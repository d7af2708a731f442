import { ConfigError } from '@lab/tensor';

/**
 * Hyperparameter checks shared by optimizers, schedules and early stopping. Each
 * throws a ConfigError `<owner>: <name> must be <rule>, got <value>`, e.g.
 * `Adam: learningRate must be > 0, got -1`, and returns the value with -0 turned
 * into 0 (JSON cannot hold -0, and a hyperparameter's sign of zero never matters).
 */

/** A short description of a value for error messages: `-1`, `"abc"`, `null`, `an array`, `an object`. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || value === undefined || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function finite(owner: string, name: string, value: unknown, rule: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ConfigError(`${owner}: ${name} must be ${rule}, got ${describeValue(value)}`);
  }
  return value + 0;
}

/** A finite number > 0. */
export function requirePositive(owner: string, name: string, value: unknown): number {
  const x = finite(owner, name, value, '> 0');
  if (!(x > 0)) throw new ConfigError(`${owner}: ${name} must be > 0, got ${describeValue(value)}`);
  return x;
}

/** A finite number ≥ 0. */
export function requireNonNegative(owner: string, name: string, value: unknown): number {
  const x = finite(owner, name, value, '>= 0');
  if (x < 0) throw new ConfigError(`${owner}: ${name} must be >= 0, got ${describeValue(value)}`);
  return x;
}

/** A number in [0, 1): a decay rate of an exponential moving average. */
export function requireUnitInterval(owner: string, name: string, value: unknown): number {
  const x = finite(owner, name, value, 'in [0, 1)');
  if (x < 0 || x >= 1) throw new ConfigError(`${owner}: ${name} must be in [0, 1), got ${describeValue(value)}`);
  return x;
}

/** A number in (0, 1]: a multiplicative decay factor. */
export function requireDecayFactor(owner: string, name: string, value: unknown): number {
  const x = finite(owner, name, value, 'in (0, 1]');
  if (x <= 0 || x > 1) throw new ConfigError(`${owner}: ${name} must be in (0, 1], got ${describeValue(value)}`);
  return x;
}

/** An integer ≥ `min`. */
export function requireInteger(owner: string, name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new ConfigError(`${owner}: ${name} must be an integer >= ${min}, got ${describeValue(value)}`);
  }
  return value + 0;
}

/** A plain object (not null, not an array), for validating parsed JSON. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
