import type { Param } from '@lab/layers';
import { ConfigError, Tensor } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { createOptimizer, type OptimizerSpec, type OptimizerState } from './index';

function makeParams(): Param[] {
  const shapes: [string, number[]][] = [
    ['W1', [2, 3]],
    ['b1', [2, 1]],
  ];
  return shapes.map(([name, shape]) => {
    const size = shape[0] * shape[1];
    return { name, value: new Tensor(new Float64Array(size), shape), grad: new Tensor(new Float64Array(size), shape) };
  });
}

/** Deterministic awkward gradients: -0, subnormals, large and tiny values. */
function fillGrads(params: readonly Param[], step: number): void {
  const special = [-0, 5e-324, -2.5e-310, 1e300 ** 0.5, -1 / 3, 0];
  for (const p of params) {
    for (let i = 0; i < p.grad.size; i++)
      p.grad.data[i] = i % 3 === 0 ? special[(i + step) % special.length] : Math.sin(step * 7 + i) * 0.1;
  }
}

function initValues(params: readonly Param[]): void {
  for (const p of params) for (let i = 0; i < p.value.size; i++) p.value.data[i] = i % 4 === 0 ? -0 : Math.cos(i + 1);
}

const bytes = (params: readonly Param[]) => params.map((p) => Array.from(new Uint8Array(p.value.data.buffer)));

const SPECS: OptimizerSpec[] = [
  { kind: 'gd', learningRate: 0.1, weightDecay: 0.01 },
  { kind: 'momentum', learningRate: 0.1, beta: 0.4 },
  { kind: 'rmsprop', learningRate: 0.01, weightDecay: 0.1 },
  { kind: 'adam', learningRate: 0.01, beta1: 0.5, weightDecay: 0.05 },
];

describe('Optimizer state()/loadState()', () => {
  for (const spec of SPECS) {
    it(`${spec.kind}: resumes bit-identically after a JSON round trip (train 6 == train 3, save, load, train 3)`, () => {
      const straight = makeParams();
      const resumed = makeParams();
      initValues(straight);
      initValues(resumed);
      const a = createOptimizer(spec);
      const first = createOptimizer(spec);
      for (let step = 0; step < 6; step++) {
        fillGrads(straight, step);
        a.step(straight);
      }
      for (let step = 0; step < 3; step++) {
        fillGrads(resumed, step);
        first.step(resumed);
      }
      const json = JSON.stringify(first.state());
      // A fresh optimizer built with other hyperparameters: loadState adopts the saved ones.
      const b = createOptimizer({ ...spec, learningRate: 0.5, weightDecay: 0 });
      b.loadState(JSON.parse(json));
      expect(JSON.stringify(b.state())).toBe(json);
      expect(b.learningRate).toBe(spec.learningRate);
      for (let step = 3; step < 6; step++) {
        fillGrads(resumed, step);
        b.step(resumed);
      }
      expect(bytes(resumed)).toEqual(bytes(straight));
      expect(JSON.stringify(b.state())).toBe(JSON.stringify(a.state()));
    });
  }

  it('keeps -0 and subnormals in the moment buffers (base64 of the float64 bytes)', () => {
    const params = makeParams();
    const optimizer = createOptimizer({ kind: 'momentum', learningRate: 0.1, beta: 0.4 });
    params[0].grad.data.set([-5e-324, 5e-324, 1e-310, -0, 0, 1]);
    optimizer.step(params); // v = 0.6·g: ±5e-324 stays ±5e-324, 1e-310 is rounded
    params[0].grad.data.set([-0, -0, 0, -0, 0, 0]);
    optimizer.step(params); // 0.4·(−5e-324) underflows to −0
    const state = JSON.parse(JSON.stringify(optimizer.state())) as OptimizerState;
    const raw = Buffer.from(state.moments.W1.v as string, 'base64');
    const v = Array.from({ length: 6 }, (_, i) => raw.readDoubleLE(i * 8));
    expect(Object.is(v[0], -0)).toBe(true);
    expect(v[2]).toBe(0.4 * (0.6 * 1e-310));
    expect(v[2]).toBeLessThan(2.2250738585072014e-308); // subnormal
    expect(Object.is(v[1], 0)).toBe(true); // 0.4·5e-324 underflows to +0
  });

  it('names the mismatch: kind, buffer length, param shape, missing and extra params', () => {
    const params = makeParams();
    const adam = createOptimizer({ kind: 'adam', learningRate: 0.01 });
    adam.step(params);
    const state = adam.state();
    expect(() => createOptimizer({ kind: 'momentum', learningRate: 0.1 }).loadState(state)).toThrow(
      "Momentum.loadState: state.kind is 'adam', expected 'momentum'",
    );
    const short = { ...state, moments: { ...state.moments, W1: { ...state.moments.W1, v: state.moments.b1.v } } };
    expect(() => createOptimizer({ kind: 'adam', learningRate: 0.01 }).loadState(short)).toThrow(
      'Adam.loadState: state.moments.W1.v: expected 6 float64 values, got 2 (shape (2, 3))',
    );
    const missing = { ...state, moments: { W1: { shape: [2, 3], v: state.moments.W1.v } } };
    expect(() => createOptimizer({ kind: 'adam', learningRate: 0.01 }).loadState(missing)).toThrow(
      'Adam.loadState: state.moments.W1.s: missing',
    );
    const badHyper = { ...state, hyperparameters: { ...state.hyperparameters, beta2: 1 } };
    expect(() => createOptimizer({ kind: 'adam', learningRate: 0.01 }).loadState(badHyper)).toThrow(
      'Adam.loadState: state.hyperparameters.beta2 must be in [0, 1), got 1',
    );
    expect(() => createOptimizer({ kind: 'adam', learningRate: 0.01 }).loadState({ ...state, t: -1 })).toThrow(
      'Adam.loadState: state.t: expected an integer >= 0, got -1',
    );

    const transposed: Param[] = [{ ...params[0], value: params[0].value.reshape(3, 2), grad: params[0].grad.reshape(3, 2) }, params[1]];
    const b = createOptimizer({ kind: 'adam', learningRate: 0.01 });
    b.loadState(state);
    expect(() => b.step(transposed)).toThrow(ConfigError);
    expect(() => b.step(transposed)).toThrow('Adam.step: param W1 has shape (3, 2) but the loaded state has (2, 3)');
    expect(() => b.step(params.slice(0, 1))).toThrow(
      'Adam.step: the loaded state has moment buffers for b1, which is not among the params',
    );
    const extra: Param = { ...params[1], name: 'W2' };
    expect(() => b.step([...params, extra])).toThrow('Adam.step: param W2 has no moment buffers in the loaded state (which has W1, b1)');
    b.step(params); // the matching params are accepted
  });

  it('a failed loadState leaves the optimizer as it was', () => {
    const params = makeParams();
    const rms = createOptimizer({ kind: 'rmsprop', learningRate: 0.01 });
    fillGrads(params, 1);
    rms.step(params);
    const before = JSON.stringify(rms.state());
    const other = createOptimizer({ kind: 'rmsprop', learningRate: 0.3 });
    const bad = { ...other.state(), hyperparameters: { ...other.state().hyperparameters, epsilon: 0 } };
    expect(() => rms.loadState(bad)).toThrow('RMSProp.loadState: state.hyperparameters.epsilon must be > 0, got 0');
    expect(() => rms.loadState({ ...other.state(), hyperparameters: { learningRate: 0.1, weightDecay: 0, beta1: 0.9 } } as never)).toThrow(
      'RMSProp.loadState: state.hyperparameters.beta1: does not apply to rmsprop',
    );
    expect(JSON.stringify(rms.state())).toBe(before);
  });

  it('a snapshot taken before any step fits any params', () => {
    const fresh = createOptimizer({ kind: 'adam', learningRate: 0.01 }).state();
    expect(fresh).toEqual({
      kind: 'adam',
      hyperparameters: { learningRate: 0.01, weightDecay: 0, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
      t: 0,
      moments: {},
    });
    const optimizer = createOptimizer({ kind: 'adam', learningRate: 0.2 });
    optimizer.loadState(fresh);
    optimizer.step(makeParams());
    expect(optimizer.state().t).toBe(1);
  });
});
