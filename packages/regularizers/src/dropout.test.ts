import { Linear, Sequential } from '@lab/layers';
import { ConfigError, numericGradient, RandomState, relError, StateError, setBackend, tensor, zeros } from '@lab/tensor';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { readReference } from '../test/reference';
import { GRAD_CHECK_REL } from '../test/tolerances';
import { Dropout, drawDropoutMask, dropoutBackward, dropoutForward } from './dropout';

/** np.random.seed(1); np.random.rand(2, 5) */
const SEED1_RAND_2x5 = readReference<{ cases: { seed: number; call: string; values: number[][] }[] }>('rng.json').cases.find(
  (c) => c.seed === 1 && c.call === 'rand',
)?.values as number[][];

describe('dropoutForward / dropoutBackward', () => {
  it('keeps units whose uniform is below keepProb and scales them by 1/keepProb (hand-worked)', () => {
    // seed(1) rand(2, 5) = [[0.417, 0.720, 0.0001, 0.302, 0.147], [0.092, 0.186, 0.346, 0.397, 0.539]]
    expect(SEED1_RAND_2x5[0][1]).toBeGreaterThan(0.5);
    const x = tensor([
      [1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10],
    ]);
    const { out, mask } = dropoutForward(x, 0.4, new RandomState(1));
    expect(mask.toArray()).toEqual([
      [0, 0, 1, 1, 1],
      [1, 1, 1, 1, 0],
    ]);
    expect(out.toArray()).toEqual([
      [0, 0, 3 / 0.4, 4 / 0.4, 5 / 0.4],
      [6 / 0.4, 7 / 0.4, 8 / 0.4, 9 / 0.4, 0],
    ]);
    const { dx } = dropoutBackward(
      tensor([
        [1, 1, 1, 1, 1],
        [2, 2, 2, 2, 2],
      ]),
      mask,
      0.4,
    );
    expect(dx.toArray()).toEqual([
      [0, 0, 2.5, 2.5, 2.5],
      [5, 5, 5, 5, 0],
    ]);
  });

  it("draws the course's rand(D, N) and transposes it with drawOrder: 'course'", () => {
    const x = tensor([
      [1, 1],
      [1, 1],
      [1, 1],
      [1, 1],
      [1, 1],
    ]); // (N, D) = (5, 2): the course's rand(2, 5)
    const { mask } = dropoutForward(x, 0.4, new RandomState(1), { drawOrder: 'course' });
    const expected = SEED1_RAND_2x5[0].map((_, i) => SEED1_RAND_2x5.map((row) => (row[i] < 0.4 ? 1 : 0)));
    expect(mask.toArray()).toEqual(expected);
  });

  it('rejects keepProb outside (0, 1], unknown draw orders and mismatched shapes, with the numbers', () => {
    const rng = new RandomState(0);
    expect(() => dropoutForward(zeros(2, 2), 0, rng)).toThrow(ConfigError);
    expect(() => dropoutForward(zeros(2, 2), 0, rng)).toThrow('dropoutForward: keepProb must be in (0, 1], got 0');
    expect(() => dropoutForward(zeros(2, 2), 1.2, rng)).toThrow('keepProb must be in (0, 1], got 1.2');
    expect(() => dropoutForward(zeros(2, 2), Number.NaN, rng)).toThrow('keepProb must be in (0, 1], got NaN');
    expect(() => dropoutForward(zeros(2, 2), 0.5, rng, { drawOrder: 'columns' as 'course' })).toThrow(
      `dropoutForward: drawOrder must be 'batch-first' or 'course', got "columns"`,
    );
    expect(() => dropoutForward(zeros(8), 0.5, rng, { drawOrder: 'course' })).toThrow('dropoutForward: (8,): x must be 2-D, got 1-D');
    expect(() => dropoutBackward(zeros(2, 3), zeros(3, 2), 0.5)).toThrow(
      'dropoutBackward: (2, 3) and (3, 2): dout and mask must have the same shape',
    );
    expect(() => dropoutBackward(zeros(2, 3), zeros(2, 3), -0.5)).toThrow('dropoutBackward: keepProb must be in (0, 1], got -0.5');
  });

  it.each([
    [1, 1, 0.5],
    [4, 5, 0.8],
    [7, 3, 0.3],
  ])('matches numerical gradients with a fixed mask for N=%i, D=%i, keepProb=%f', (n, d, keepProb) => {
    const rng = new RandomState(n * 10 + d);
    const x = rng.randn(n, d);
    const dout = rng.randn(n, d);
    // A fresh generator with the same seed every call: the same mask each time.
    const f = (v: typeof x) => dropoutForward(v, keepProb, new RandomState(99)).out;
    const { mask } = dropoutForward(x, keepProb, new RandomState(99));
    const { dx } = dropoutBackward(dout, mask, keepProb);
    expect(relError(dx, numericGradient(f, x, dout))).toBeLessThan(GRAD_CHECK_REL);
  });

  it('keeps about keepProb of the units and preserves the mean (inverted scaling)', () => {
    const x = zeros(200, 100);
    x.data.fill(1);
    const { out, mask } = dropoutForward(x, 0.8, new RandomState(7));
    const kept = mask.data.reduce((s, v) => s + v, 0) / mask.size;
    const mean = out.data.reduce((s, v) => s + v, 0) / out.size;
    expect(Math.abs(kept - 0.8)).toBeLessThan(0.01);
    expect(Math.abs(mean - 1)).toBeLessThan(0.0125);
  });
});

describe('Dropout', () => {
  it('draws a fresh mask at every training forward and is the identity in test mode', () => {
    const layer = new Dropout(0.5, new RandomState(0));
    const x = zeros(4, 6);
    x.data.fill(1);
    const first = layer.forward(x, 'train').toArray();
    const firstMask = layer.lastMask()?.toArray();
    const second = layer.forward(x, 'train').toArray();
    expect(second).not.toEqual(first);
    expect(layer.lastMask()?.toArray()).not.toEqual(firstMask);
    const dx = layer.backward(x);
    expect(dx.toArray()).toEqual(second); // dout of ones: mask / keepProb, like the forward
    expect(layer.forward(x, 'test')).toBe(x);
    expect(layer.lastMask()).toBeNull();
    const dout = tensor([[1, 2, 3, 4, 5, 6]]);
    expect(layer.backward(dout)).toBe(dout);
    expect(layer.params()).toEqual([]);
  });

  it('validates in the constructor and needs a forward before backward', () => {
    expect(() => new Dropout(0, new RandomState(0))).toThrow('Dropout: keepProb must be in (0, 1], got 0');
    expect(() => new Dropout(1.5, new RandomState(0))).toThrow('Dropout: keepProb must be in (0, 1], got 1.5');
    const layer = new Dropout(1, new RandomState(0));
    expect(() => layer.backward(zeros(1, 1))).toThrow(StateError);
    expect(() => layer.backward(zeros(1, 1))).toThrow('Dropout.backward: call forward first');
    const x = tensor([[1, -2, 3]]);
    expect(layer.forward(x, 'train').toArray()).toEqual([[1, -2, 3]]); // keepProb = 1 keeps everything
  });

  it('fits in a Sequential and passes its gradient check there', () => {
    const rng = new RandomState(4);
    const linear = new Linear(3, 4, rng);
    const masks = new RandomState(5);
    const model = new Sequential([linear, new Dropout(0.6, masks)]);
    const x = rng.randn(5, 3);
    const dout = rng.randn(5, 4);
    // Reseed before every forward so the numerical gradient sees the same mask.
    const f = () => {
      masks.seed(5);
      return model.forward(x, 'train');
    };
    f();
    const dx = model.backward(dout);
    const dw = linear.weightGrad.clone();
    expect(relError(dx, numericGradient(f, x, dout))).toBeLessThan(GRAD_CHECK_REL);
    expect(relError(dw, numericGradient(f, linear.weight, dout))).toBeLessThan(GRAD_CHECK_REL);
  });
});

// The masks are drawn in bulk (RandomState.fillMask), which runs on @lab/tensor's backend.
describe.each(['wasm', 'js'] as const)('drawDropoutMask and Dropout.drawMask on the %s backend', (backend) => {
  beforeEach(() => setBackend(backend));
  afterAll(() => setBackend('wasm'));

  /** The mask a nextDouble loop draws in `order` for n examples × d units, as nested [i][j]. */
  function expectedMask(seed: number, n: number, d: number, keepProb: number, order: 'batch-first' | 'course'): number[][] {
    const rng = new RandomState(seed);
    const mask = Array.from({ length: n }, () => new Array<number>(d).fill(0));
    if (order === 'batch-first') for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mask[i][j] = rng.nextDouble() < keepProb ? 1 : 0;
    else for (let j = 0; j < d; j++) for (let i = 0; i < n; i++) mask[i][j] = rng.nextDouble() < keepProb ? 1 : 0;
    return mask;
  }

  for (const order of ['batch-first', 'course'] as const) {
    it(`draws the same mask, in ${order} order, stored batch-first or feature-major`, () => {
      const [n, d, stride] = [211, 20, 212];
      const expected = expectedMask(7, n, d, 0.86, order);
      const batchFirst = new Float64Array(n * d);
      drawDropoutMask(batchFirst, n, d, 0.86, new RandomState(7), order);
      const featureMajor = new Float64Array(d * stride).fill(5);
      drawDropoutMask(featureMajor, n, d, 0.86, new RandomState(7), order, stride);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < d; j++) {
          expect(batchFirst[i * d + j]).toBe(expected[i][j]);
          expect(featureMajor[j * stride + i]).toBe(expected[i][j]);
        }
      }
      // The padding of each feature-major row is left alone.
      for (let j = 0; j < d; j++) expect(featureMajor[j * stride + n]).toBe(5);
      // The layer draws what its forward pass would.
      const layer = new Dropout(0.86, new RandomState(7), { drawOrder: order });
      const drawn = new Float64Array(n * d);
      layer.drawMask(drawn, n, d);
      layer.rng.seed(7);
      layer.forward(zeros(n, d), 'train');
      expect(Array.from(drawn)).toEqual(Array.from(layer.lastMask()?.data ?? []));
    });
  }

  it('rejects keepProb outside (0, 1]', () => {
    expect(() => drawDropoutMask(new Float64Array(2), 1, 2, 0, new RandomState(0))).toThrow(
      'drawDropoutMask: keepProb must be in (0, 1], got 0',
    );
  });
});
