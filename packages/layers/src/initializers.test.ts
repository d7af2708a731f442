import { RandomState } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { readReference } from '../test/reference';
import { courseInit, heInit, scaledNormalInit, xavierInit, zerosInit } from './initializers';

interface RngCase {
  readonly seed: number;
  readonly call: string;
  readonly shape?: readonly number[];
  readonly values?: number[][];
}

describe('initializers', () => {
  it('scale randn(out, in) by the documented factors', () => {
    const draw = new RandomState(5).randn(4, 6).data;
    const cases = [
      [courseInit(new RandomState(5), 4, 6), (v: number) => v / Math.sqrt(6)],
      [heInit(new RandomState(5), 4, 6), (v: number) => v * Math.sqrt(2 / 6)],
      [xavierInit(new RandomState(5), 4, 6), (v: number) => v * Math.sqrt(2 / 10)],
      [scaledNormalInit(new RandomState(5), 4, 6, 0.01), (v: number) => v * 0.01],
    ] as const;
    for (const [w, scale] of cases) {
      expect(w.shape).toEqual([4, 6]);
      expect(Array.from(w.data)).toEqual(Array.from(draw, scale));
    }
  });

  it('zerosInit gives (out, in) zeros and draws nothing', () => {
    const rng = new RandomState(3);
    const w = zerosInit(rng, 10, 2);
    expect(w.shape).toEqual([10, 2]);
    expect(Array.from(w.data)).toEqual(new Array(20).fill(0));
    // The next layer's weights are the stream's first draws: zeros took none.
    expect(Array.from(heInit(rng, 5, 10).data)).toEqual(Array.from(heInit(new RandomState(3), 5, 10).data));
    expect(() => zerosInit(rng, 3, 0)).toThrow('zerosInit: inFeatures must be a positive integer, got 0');
  });

  it('reject bad sizes and scales with the value', () => {
    const rng = new RandomState(0);
    expect(() => courseInit(rng, 0, 3)).toThrow('courseInit: outFeatures must be a positive integer, got 0');
    expect(() => heInit(rng, 2, -1)).toThrow('heInit: inFeatures must be a positive integer, got -1');
    expect(() => scaledNormalInit(rng, 2, 2, -0.1)).toThrow('scaledNormalInit: weightScale must be finite and >= 0, got -0.1');
  });

  it('draws successive layers from one stream, like the course after seed(3)', () => {
    const rng = new RandomState(3);
    const w1 = courseInit(rng, 20, 2);
    const w2 = courseInit(rng, 3, 20);
    const stream = new RandomState(3).randn(20 * 2 + 3 * 20).data;
    expect(Array.from(w1.data)).toEqual(Array.from(stream.subarray(0, 40), (v) => v / Math.sqrt(2)));
    expect(Array.from(w2.data)).toEqual(Array.from(stream.subarray(40), (v) => v / Math.sqrt(20)));
  });

  it("reproduces NumPy's seed(3) randn(20, 2) / √2 (the course's first layer) to one ulp", () => {
    const cases = readReference<{ cases: RngCase[] }>('rng.json').cases;
    const reference = cases.find((c) => c.seed === 3 && c.call === 'randn');
    expect(reference?.shape).toEqual([20, 2]);
    const expected = (reference?.values ?? []).flat().map((v) => v / Math.sqrt(2));
    const w = courseInit(new RandomState(3), 20, 2);
    expected.forEach((v, i) => expect(Math.abs(w.data[i] - v)).toBeLessThanOrEqual(Number.EPSILON * Math.abs(v)));
  });
});
