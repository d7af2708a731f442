import { ConfigError, RandomState, type Tensor } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { blobs } from './blobs';
import { circles } from './circles';
import { footballField } from './football-field';
import { makeCircles } from './make-circles';
import { makeMoons } from './make-moons';
import { moons } from './moons';
import { planarFlower } from './planar-flower';
import { spiral } from './spiral';

function range(t: Tensor, column: number): [number, number] {
  const values = t.data.filter((_, k) => k % t.shape[1] === column);
  return [Math.min(...values), Math.max(...values)];
}

function labelsIn(t: Tensor, allowed: readonly number[]): boolean {
  return t.data.every((v) => allowed.includes(v));
}

describe('footballField', () => {
  it('has the course split sizes, field range and both labels', () => {
    const data = footballField({ seed: 0 });
    expect(data.trainX.shape).toEqual([211, 2]);
    expect(data.trainY.shape).toEqual([211, 1]);
    expect(data.testX.shape).toEqual([200, 2]);
    expect(data.testY.shape).toEqual([200, 1]);
    for (const x of [data.trainX, data.testX]) {
      const [xLow, xHigh] = range(x, 0);
      const [yLow, yHigh] = range(x, 1);
      expect(xLow).toBeGreaterThanOrEqual(-0.85);
      expect(xHigh).toBeLessThanOrEqual(0.5);
      expect(yLow).toBeGreaterThanOrEqual(-0.85);
      expect(yHigh).toBeLessThanOrEqual(0.75);
    }
    for (const y of [data.trainY, data.testY]) {
      expect(labelsIn(y, [0, 1])).toBe(true);
      const ones = y.data.reduce((s, v) => s + v, 0);
      expect(ones / y.size).toBeGreaterThan(0.3);
      expect(ones / y.size).toBeLessThan(0.7);
    }
  });

  it('is determined by the seed, and a RandomState works the same as its seed', () => {
    const a = footballField({ seed: 7 });
    expect(footballField({ seed: 7 }).trainX.data).toEqual(a.trainX.data);
    expect(footballField({ rng: new RandomState(7) }).testY.data).toEqual(a.testY.data);
    expect(footballField({ seed: 8 }).trainX.data).not.toEqual(a.trainX.data);
    expect(footballField({ trainSize: 50, testSize: 20 }).testX.shape).toEqual([20, 2]);
    expect(() => footballField({ trainSize: 3 })).toThrow(ConfigError);
  });
});

describe('planarFlower', () => {
  it('draws the same points as the course load_planar_dataset() after np.random.seed(1)', () => {
    const { x, y } = planarFlower({ seed: 1 });
    expect(x.shape).toEqual([400, 2]);
    expect(y.shape).toEqual([400, 1]);
    // Reference values from NumPy (X.T rows 0, 1, 250, 399).
    const expected: [number, number, number][] = [
      [0, 1.204442292254319, 3.5761141481288448],
      [1, 0.15870990398255372, -1.4821709003683443],
      [250, -1.3816599715614952, -1.795472350771327],
      [399, 0.7307808250007513, 3.0683292081876545],
    ];
    for (const [row, a, b] of expected) {
      expect(x.data[2 * row]).toBeCloseTo(a, 12);
      expect(x.data[2 * row + 1]).toBeCloseTo(b, 12);
    }
    expect(y.data[199]).toBe(0);
    expect(y.data[200]).toBe(1);
    expect(() => planarFlower({ n: 5 })).toThrow('planarFlower: n must be even (half per class), got 5');
  });
});

describe('spiral', () => {
  it('has K arms of N points with integer labels, radius at most 1 + noise', () => {
    const { x, y } = spiral({ pointsPerClass: 50, classes: 4, seed: 0 });
    expect(x.shape).toEqual([200, 2]);
    expect(y.shape).toEqual([200]);
    expect(labelsIn(y, [0, 1, 2, 3])).toBe(true);
    expect(y.data[49]).toBe(0);
    expect(y.data[50]).toBe(1);
    for (let i = 0; i < 200; i++) expect(Math.hypot(x.data[2 * i], x.data[2 * i + 1])).toBeLessThanOrEqual(1 + 1e-12);
    expect(spiral({ seed: 3 }).x.data).toEqual(spiral({ seed: 3 }).x.data);
    expect(() => spiral({ classes: 0 })).toThrow('spiral: classes must be an integer from 1 to 10000000, got 0');
  });

  it('draws the same points as the CS231n NumPy code after np.random.seed(0)', () => {
    const { x } = spiral({ seed: 0 });
    // Reference values from NumPy (rows 1, 150 and 299).
    expect(x.data[2]).toBeCloseTo(0.0012135812756681982, 12);
    expect(x.data[3]).toBeCloseTo(0.010027842517114818, 12);
    expect(x.data[300]).toBeCloseTo(-0.13793781591089843, 12);
    expect(x.data[598]).toBeCloseTo(-0.47270638487404987, 12);
  });
});

describe('moons, circles and blobs', () => {
  it('moons: shape, labels (the lower moon gets the odd point), range and determinism', () => {
    const { x, y } = moons({ n: 101, noise: 0.05, seed: 2 });
    expect(x.shape).toEqual([101, 2]);
    expect(y.shape).toEqual([101, 1]);
    expect(y.data.reduce((s, v) => s + v, 0)).toBe(51);
    const [low, high] = range(x, 0);
    expect(low).toBeGreaterThan(-1.3);
    expect(high).toBeLessThan(2.3);
    expect(moons({ seed: 2 }).x.data).toEqual(moons({ seed: 2 }).x.data);
    expect(() => moons({ noise: -1 })).toThrow('moons: noise must be a finite number >= 0, got -1');
  });

  it('circles: the inner circle has radius factor', () => {
    const { x, y } = circles({ n: 40, factor: 0.3, noise: 0 });
    for (let i = 0; i < 40; i++) expect(Math.hypot(x.data[2 * i], x.data[2 * i + 1])).toBeCloseTo(y.data[i] === 0 ? 1 : 0.3, 12);
    expect(() => circles({ factor: 1 })).toThrow('circles: factor must be in (0, 1), got 1');
  });

  it('circles and moons are makeCircles and makeMoons with lab’s defaults (one implementation)', () => {
    expect(circles({ seed: 3 }).x.data).toEqual(makeCircles({ nSamples: 200, factor: 0.5, noise: 0.05, seed: 3 }).x.data);
    expect(moons({ rng: new RandomState(4) }).y.data).toEqual(makeMoons({ nSamples: 200, noise: 0.1, seed: 4 }).y.data);
  });

  it('blobs: drawn or given centers, points around them, integer labels', () => {
    const drawn = blobs({ n: 10, centers: 3, seed: 1 });
    expect(drawn.x.shape).toEqual([10, 2]);
    expect(drawn.y.toArray()).toEqual([0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
    expect(drawn.centers.shape).toEqual([3, 2]);
    expect(drawn.centers.data.every((v) => v >= -10 && v < 10)).toBe(true);
    const given = blobs({
      n: 4,
      centers: [
        [5, -5],
        [0, 0],
      ],
      std: 0,
    });
    expect(given.x.toArray()).toEqual([
      [5, -5],
      [5, -5],
      [0, 0],
      [0, 0],
    ]);
    expect(blobs({ seed: 4 }).x.data).toEqual(blobs({ rng: new RandomState(4) }).x.data);
    expect(() => blobs({ centers: [] })).toThrow('blobs: centers must hold at least one [x, y] pair');
  });
});
