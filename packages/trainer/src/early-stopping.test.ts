import type { Param } from '@lab/layers';
import { ConfigError, StateError, Tensor } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { EarlyStopping } from './early-stopping';

function model(): Param[] {
  return [
    { name: 'W1', value: new Tensor(new Float64Array(4), [2, 2]), grad: new Tensor(new Float64Array(4), [2, 2]) },
    { name: 'b1', value: new Tensor(new Float64Array(2), [2, 1]), grad: new Tensor(new Float64Array(2), [2, 1]) },
  ];
}

/** Runs epochs whose weights are all `epoch + 1`, returning the epoch update() said to stop at (or -1). */
function run(stopper: EarlyStopping, params: Param[], values: number[]): number {
  for (let epoch = 0; epoch < values.length; epoch++) {
    for (const p of params) p.value.data.fill(epoch + 1);
    if (stopper.update(epoch, { accuracy: values[epoch], cost: 1 - values[epoch] }, params)) return epoch;
  }
  return -1;
}

describe('EarlyStopping', () => {
  it('max mode: stops after `patience` epochs without improvement and restores the best weights', () => {
    const params = model();
    const stopper = new EarlyStopping({ metric: 'accuracy', mode: 'max', patience: 2 });
    expect(run(stopper, params, [0.5, 0.7, 0.6, 0.7, 0.65, 0.9])).toBe(3);
    expect(stopper.bestValue).toBe(0.7);
    expect(stopper.bestEpoch).toBe(1);
    expect(stopper.shouldStop).toBe(true);
    expect(Array.from(params[0].value.data)).toEqual([4, 4, 4, 4]);
    stopper.restoreBest(params);
    expect(Array.from(params[0].value.data)).toEqual([2, 2, 2, 2]);
    expect(Array.from(params[1].value.data)).toEqual([2, 2]);
  });

  it('min mode with minDelta: small gains do not reset the patience', () => {
    const params = model();
    const stopper = new EarlyStopping({ metric: 'cost', mode: 'min', patience: 3, minDelta: 0.05 });
    // cost = 1 − accuracy: 0.5, 0.4, 0.38, 0.37, 0.36 → only epoch 1 improves by more than 0.05
    expect(run(stopper, params, [0.5, 0.6, 0.62, 0.63, 0.64, 0.99])).toBe(4);
    expect(stopper.bestEpoch).toBe(1);
    stopper.restoreBest(params);
    expect(params[1].value.data[0]).toBe(2);
  });

  it('patience 0 stops at the first epoch that does not improve; NaN never improves', () => {
    const stopper = new EarlyStopping({ metric: 'accuracy', mode: 'max', patience: 0 });
    expect(run(stopper, model(), [0.5, 0.6, 0.6])).toBe(2);
    const nan = new EarlyStopping({ metric: 'cost', mode: 'min', patience: 1 });
    expect(nan.update(0, { cost: Number.NaN }, model())).toBe(true);
    expect(nan.hasBest).toBe(false);
  });

  it('keeps its copies independent of later training (owned buffers)', () => {
    const params = model();
    const stopper = new EarlyStopping({ metric: 'accuracy', mode: 'max', patience: 5 });
    params[0].value.data.set([1, -0, 3, 4]);
    stopper.update(0, { accuracy: 0.9 }, params);
    params[0].value.data.fill(100);
    stopper.update(1, { accuracy: 0.1 }, params);
    stopper.restoreBest(params);
    expect(Array.from(params[0].value.data)).toEqual([1, -0, 3, 4]);
    expect(Object.is(params[0].value.data[1], -0)).toBe(true);
  });

  it('state()/loadState() round-trips through JSON', () => {
    const params = model();
    const a = new EarlyStopping({ metric: 'accuracy', mode: 'max', patience: 3 });
    run(a, params, [0.5, 0.8, 0.7]);
    const b = new EarlyStopping({ metric: 'accuracy', mode: 'max', patience: 3 });
    b.loadState(JSON.parse(JSON.stringify(a.state())));
    expect(b.state()).toEqual(a.state());
    expect([b.bestValue, b.bestEpoch, b.epochsWithoutImprovement]).toEqual([0.8, 1, 1]);
    b.restoreBest(params);
    expect(params[0].value.data[0]).toBe(2);
    expect(() => b.loadState({ ...a.state(), epochsWithoutImprovement: -1 })).toThrow(
      'EarlyStopping.loadState: epochsWithoutImprovement: expected an integer >= 0, got -1',
    );
  });

  it('rejects bad options, a missing metric, changed params and restoring too early', () => {
    expect(() => new EarlyStopping({ metric: 'accuracy', mode: 'max', patience: -1 })).toThrow(ConfigError);
    expect(() => new EarlyStopping({ metric: 'accuracy', mode: 'max', patience: -1 })).toThrow(
      'EarlyStopping: patience must be an integer >= 0, got -1',
    );
    expect(() => new EarlyStopping({ metric: 'accuracy', mode: 'up' as 'max', patience: 1 })).toThrow(
      "EarlyStopping: mode must be 'max' or 'min', got \"up\"",
    );
    expect(() => new EarlyStopping({ metric: 'accuracy', mode: 'max', patience: 1, minDelta: -0.1 })).toThrow(
      'EarlyStopping: minDelta must be >= 0, got -0.1',
    );
    const stopper = new EarlyStopping({ metric: 'valAccuracy', mode: 'max', patience: 1 });
    expect(() => stopper.restoreBest(model())).toThrow(StateError);
    expect(() => stopper.update(0, { accuracy: 1, cost: 0 }, model())).toThrow(
      "EarlyStopping: metric valAccuracy is not among this epoch's metrics (accuracy, cost)",
    );
    stopper.update(0, { valAccuracy: 0.5 }, model());
    const [w] = model();
    const reshaped: Param = { ...w, value: w.value.reshape(4, 1) };
    expect(() => stopper.restoreBest([reshaped, model()[1]])).toThrow(
      'EarlyStopping.restoreBest: param W1 has shape (4, 1) but the saved weights are (2, 2)',
    );
    expect(() => stopper.update(1, { valAccuracy: 0.9 }, [model()[0]])).toThrow(
      'EarlyStopping.update: got 1 params but the saved weights have 2',
    );
  });
});
