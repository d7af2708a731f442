import { RandomState } from '@lab/tensor';
import type { JsonValue } from './param-path';
import type { ParameterDomain, SweepParameter } from './sweep-config';
import { domainSize } from './sweep-config';

/**
 * A 32-bit seed for point `point` of a sweep seeded with `seed`: a murmur3-style mix of the two, so
 * neighbouring points (and neighbouring sweep seeds) get unrelated generators. Every point's
 * values come from its own generator, so a point is the same whatever order points are
 * proposed, run or resumed in.
 */
export function pointSeed(seed: number, point: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ point;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h ^ Math.imul(point + 0x6a09e667, 0x27d4eb2f), 0x165667b1);
  return (h ^ (h >>> 15)) >>> 0;
}

/** The generator of point `point`'s draws. */
export function pointRng(seed: number, point: number): RandomState {
  return new RandomState(pointSeed(seed, point));
}

/**
 * Point `point` of the grid spanned by the parameters' values: the last parameter varies
 * fastest (like nested loops in the order the parameters are written).
 * @param point - 0 ≤ point < product of the domain sizes
 */
export function gridPoint(parameters: readonly SweepParameter[], point: number): JsonValue[] {
  const values: JsonValue[] = new Array(parameters.length);
  let rest = point;
  for (let k = parameters.length - 1; k >= 0; k--) {
    const domain = (parameters[k] as SweepParameter).domain;
    const size = domainSize(domain);
    values[k] = valueAt(domain, rest % size);
    rest = Math.floor(rest / size);
  }
  return values;
}

/** The value at a position of a finite domain. */
function valueAt(domain: ParameterDomain, position: number): JsonValue {
  if (domain.kind === 'values') return domain.values[position] as JsonValue;
  if (domain.kind === 'integer') return domain.min + position;
  return domain.min;
}

/**
 * One value drawn from a domain with one uniform draw `u` in [0, 1): a list's values equally
 * likely; a range uniform (in log space when `log`); an integer range uniform over its integers
 * (in log space when `log`, each integer's share that of its interval [k, k + 1)).
 */
export function drawValue(domain: ParameterDomain, u: number): JsonValue {
  switch (domain.kind) {
    case 'values':
      return domain.values[Math.min(domain.values.length - 1, Math.floor(u * domain.values.length))] as JsonValue;
    case 'uniform':
      return fromUnit(domain.min, domain.max, domain.log, u);
    case 'integer': {
      const x = fromUnit(domain.min, domain.max + 1, domain.log, u);
      return Math.min(domain.max, Math.max(domain.min, Math.floor(x)));
    }
  }
}

/** u ∈ [0, 1) mapped onto [min, max), linearly or in log space; the result never leaves [min, max]. */
function fromUnit(min: number, max: number, log: boolean, u: number): number {
  const x = log ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
  return Math.min(max, Math.max(min, x));
}

/** Point `point` of a random search: each parameter drawn in order from the point's own generator. */
export function randomPoint(parameters: readonly SweepParameter[], seed: number, point: number): JsonValue[] {
  const rng = pointRng(seed, point);
  return parameters.map((parameter) => drawValue(parameter.domain, rng.nextDouble()));
}
