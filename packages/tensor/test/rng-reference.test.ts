import { describe, expect, it } from 'vitest';
import { RandomState } from '../src/random-state';
import { readReference } from './reference';

interface RngCase {
  seed: number;
  call: 'rand' | 'randn' | 'randint' | 'permutation' | 'sequence';
  shape?: number[];
  args?: { low: number; high: number };
  values?: unknown;
  steps?: [call: 'rand' | 'randn', shape: number[], values: number[]][];
}

const { cases } = readReference<{ cases: RngCase[] }>('rng.json');

/** Distance in units in the last place between two doubles of the same sign. */
function ulpDistance(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  return Number(view.getBigInt64(0) - view.getBigInt64(8));
}

function flat(values: unknown): number[] {
  return (values as number[]).flat(Number.POSITIVE_INFINITY) as number[];
}

describe('RandomState reproduces NumPy legacy np.random (test/fixtures/rng.json)', () => {
  for (const c of cases) {
    it(`seed(${c.seed}) ${c.call} ${JSON.stringify(c.shape ?? c.steps?.map((s) => s[0]))}`, () => {
      const rng = new RandomState(c.seed);
      if (c.call === 'sequence') {
        for (const [call, shape, values] of c.steps ?? []) {
          const got = Array.from(rng[call](...shape).data);
          if (call === 'rand') expect(got).toEqual(values);
          else got.forEach((v, i) => expect(Math.abs(ulpDistance(v, values[i]))).toBeLessThanOrEqual(1));
        }
        return;
      }
      const expected = flat(c.values);
      let got: number[];
      if (c.call === 'randint') got = Array.from(rng.randint(c.args?.low ?? 0, c.args?.high ?? 1, c.shape).data);
      else if (c.call === 'permutation') got = Array.from(rng.permutation(c.shape?.[0] ?? 0).data);
      else got = Array.from(rng[c.call](...(c.shape ?? [])).data);
      expect(got.length).toBe(expected.length);
      if (c.call === 'randn') got.forEach((v, i) => expect(Math.abs(ulpDistance(v, expected[i]))).toBeLessThanOrEqual(1));
      else expect(got).toEqual(expected);
    });
  }
});
