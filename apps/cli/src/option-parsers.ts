import { InvalidArgumentError } from 'commander';

/**
 * Parses `--seed`: an integer in [0, 2³² − 1], as NumPy's legacy `seed` accepts.
 * @throws InvalidArgumentError (commander prints it as a usage error)
 */
export function parseSeed(value: string): number {
  const seed = parseInteger(value);
  if (seed === undefined || seed < 0 || seed > 0xffffffff) throw new InvalidArgumentError('expected an integer from 0 to 4294967295.');
  return seed;
}

/**
 * Parses a count such as `--iterations`: an integer ≥ 1.
 * @throws InvalidArgumentError (commander prints it as a usage error)
 */
export function parsePositiveInteger(value: string): number {
  const count = parseInteger(value);
  if (count === undefined || count < 1) throw new InvalidArgumentError('expected an integer >= 1.');
  return count;
}

/** Plain decimal integers only: `3`, not `3.0`, `0x3`, `3e0` or ` 3`. */
function parseInteger(value: string): number | undefined {
  if (!/^-?\d+$/.test(value)) return undefined;
  const parsed = Number(value);
  return Number.isSafeInteger(parsed) ? parsed : undefined;
}
