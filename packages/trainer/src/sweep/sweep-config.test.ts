import { describe, expect, it } from 'vitest';
import { BASE } from '../../test/fixtures/sweep-base';
import { parseRunConfig } from '../config/run-config';
import type { JsonValue } from './param-path';
import { applyParameters, parseSweepConfig, spaced } from './sweep-config';
import { SweepStudy } from './sweep-study';

const l2Sweep = {
  name: 'l2',
  base: BASE,
  parameters: { 'model.l2': { kind: 'logspace', min: 0.01, max: 10, count: 13 } },
  metric: { name: 'testAccuracy', goal: 'maximize' },
};

describe('parseSweepConfig', () => {
  it('expands a log grid like numpy.logspace', () => {
    const config = parseSweepConfig(l2Sweep, { source: 'l2.yaml' });
    const domain = config.parameters[0]?.domain;
    // np.logspace(-2, 1, 13), NumPy 1.24.
    const numpy = [
      0.01, 0.01778279410038923, 0.03162277660168379, 0.056234132519034905, 0.09999999999999999, 0.1778279410038923, 0.31622776601683794,
      0.5623413251903491, 1.0, 1.7782794100389228, 3.162277660168379, 5.62341325190349, 10.0,
    ];
    expect(domain?.kind).toBe('values');
    const values = (domain as { values: readonly number[] }).values;
    expect(values).toHaveLength(13);
    values.forEach((v, k) => expect(Math.abs(v - (numpy[k] as number)) / (numpy[k] as number)).toBeLessThan(1e-15));
    expect(config.points).toBe(13);
    expect(config.method).toBe('grid');
    // The seed defaults to the base config's.
    expect(config.seed).toBe(3);
  });

  it('spaces values like NumPy: start + k·step (then 10 ** x), the last exactly max', () => {
    expect(spaced(1e-4, 1, 5, true)).toEqual([10 ** -4, 10 ** -3, 10 ** -2, 10 ** -1, 1]);
    expect(spaced(0.5, 1, 6, false)).toEqual([0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });

  it('takes a bare list as grid values, and multiplies grids', () => {
    const config = parseSweepConfig({
      ...l2Sweep,
      parameters: { 'model.l2': [0, 0.7], 'model.layers[2].keepProb': { kind: 'linspace', min: 0.5, max: 1, count: 3 } },
      repeats: 2,
      seed: 10,
    });
    expect(config.points).toBe(6);
    expect(config.repeats).toBe(2);
    expect(config.seed).toBe(10);
  });

  it('names the field path of a schema problem', () => {
    expect(() => parseSweepConfig({ ...l2Sweep, metric: { name: 'testAccuracy', goal: 'up' } }, { source: 's.yaml' })).toThrow(
      /^s\.yaml: metric\.goal: /,
    );
    expect(() =>
      parseSweepConfig({ ...l2Sweep, parameters: { 'model.l2': { kind: 'logspace', min: -1, max: 10, count: 3 } } }, { source: 's.yaml' }),
    ).toThrow(/^s\.yaml: parameters\["model\.l2"\]\.min: /);
    expect(() => parseSweepConfig({ ...l2Sweep, extra: 1 }, { source: 's.yaml' })).toThrow(
      /^s\.yaml: \(top level\): Unrecognized key: "extra"/,
    );
    expect(() => parseSweepConfig({ ...l2Sweep, repeats: 0 }, { source: 's.yaml' })).toThrow(/^s\.yaml: repeats: Too small/);
  });

  it('checks that the method fits the parameters', () => {
    const uniform = { 'optimizer.learningRate': { kind: 'log-uniform', min: 1e-3, max: 1 } };
    expect(() => parseSweepConfig({ ...l2Sweep, parameters: uniform })).toThrow(
      /parameters\["optimizer\.learningRate"\]: a grid needs finite values: use kind linspace or logspace, or method: random/,
    );
    expect(() => parseSweepConfig({ ...l2Sweep, parameters: uniform, method: 'random' })).toThrow(
      /trials: method random needs a budget: trials: N/,
    );
    expect(() => parseSweepConfig({ ...l2Sweep, trials: 5 })).toThrow(/trials: a grid sweep tries every point/);
    expect(parseSweepConfig({ ...l2Sweep, parameters: uniform, method: 'random', trials: 7, repeats: 3 }).points).toBe(7);
    expect(() => parseSweepConfig({ ...l2Sweep, parameters: {} })).toThrow(/parameters: name at least one parameter to vary/);
    expect(() =>
      parseSweepConfig({
        ...l2Sweep,
        parameters: { 'model.l2': { kind: 'uniform', min: 1, max: 1 } },
        method: 'random',
        trials: 2,
      }),
    ).toThrow(/min 1 must be less than max 1/);
  });

  it('refuses paths that do not parse, repeat, or collide with the seed', () => {
    expect(() => parseSweepConfig({ ...l2Sweep, parameters: { 'model..l2': [1] } })).toThrow(/parameters\["model\.\.l2"\]: parameter path/);
    expect(() => parseSweepConfig({ ...l2Sweep, parameters: { seed: [1, 2] } })).toThrow(/seedPath: "seed" is also a varied parameter/);
  });

  it("checks every value against lab train's schema, naming the parameter and the run config's field", () => {
    expect(() => parseSweepConfig({ ...l2Sweep, parameters: { 'model.l2': [0.1, -1] } }, { source: 'l2.yaml' })).toThrow(
      /^l2\.yaml: parameters\["model\.l2"\] = -1: model\.l2: Too small/,
    );
    expect(() => parseSweepConfig({ ...l2Sweep, parameters: { 'optimizer.learningRat': [0.1] } }, { source: 'l2.yaml' })).toThrow(
      /^l2\.yaml: parameters\["optimizer\.learningRat"\] = 0\.1: optimizer\.learningRat: unknown field/,
    );
    expect(() => parseSweepConfig({ ...l2Sweep, parameters: { 'model.blocks[0]': [1] } }, { source: 'l2.yaml' })).toThrow(
      /^l2\.yaml: parameters\["model\.blocks\[0\]"\] = 1: model\.blocks\[0\]: "blocks" does not exist in the base config/,
    );
    expect(() =>
      parseSweepConfig({ ...l2Sweep, base: { ...BASE, optimizer: { kind: 'gd', learningRate: 0 } } }, { source: 'l2.yaml' }),
    ).toThrow(/^l2\.yaml: base: optimizer\.learningRate: Too small/);
  });

  it('bounds the size of a sweep', () => {
    const big = { kind: 'linspace', min: 0, max: 1, count: 1000 };
    expect(() =>
      parseSweepConfig({ ...l2Sweep, parameters: { 'model.l2': big, 'model.layers[2].keepProb': { ...big, min: 0.5 } } }),
    ).toThrow(/parameters: the grid has more than 100000 points/);
  });

  it('fills early termination with the sweep metric and asks for a goal when the metric differs', () => {
    const config = parseSweepConfig({ ...l2Sweep, earlyTermination: { rule: 'median', minStep: 10, interval: 10 } });
    expect(config.earlyTermination).toEqual({
      rule: 'median',
      metric: 'testAccuracy',
      goal: 'maximize',
      minStep: 10,
      interval: 10,
      minTrials: 3,
    });
    expect(() => parseSweepConfig({ ...l2Sweep, earlyTermination: { rule: 'asha', minStep: 10, metric: 'cost' } })).toThrow(
      /earlyTermination\.goal: say whether cost is to be maximized or minimized/,
    );
  });

  it('sets one value at every [*] item that has the path, after a parameter that replaces the list', () => {
    const plain = BASE.model.layers.filter((layer) => layer.kind !== 'dropout');
    const scaled = (layers: readonly object[]): JsonValue[] =>
      layers.map((layer) => ('units' in layer ? { ...layer, init: { kind: 'scaled-normal', scale: 0.01 } } : layer) as JsonValue);
    const config = parseSweepConfig({
      ...l2Sweep,
      parameters: {
        'model.layers': { kind: 'named', values: { plain: scaled(plain), dropout: scaled(BASE.model.layers) } },
        'model.layers[*].init.scale': [1e-3, 0.5],
      },
    });
    // Trials carry the names; the run config, what they stand for.
    expect(config.parameters[0]?.domain).toMatchObject({ kind: 'values', values: ['plain', 'dropout'] });
    const trial = parseRunConfig(applyParameters(config, ['plain', 0.5], 7));
    expect(trial.model.layers.map((layer) => (layer.kind === 'linear' ? layer.init : layer.kind))).toEqual([
      { kind: 'scaled-normal', scale: 0.5 },
      'relu',
      { kind: 'scaled-normal', scale: 0.5 },
      'relu',
      { kind: 'scaled-normal', scale: 0.5 },
      'sigmoid',
    ]);
    expect(trial.seed).toBe(7);
    expect(parseRunConfig(applyParameters(config, ['dropout', 1e-3], 7)).model.layers.filter((l) => l.kind === 'dropout')).toHaveLength(2);
    expect(() =>
      parseSweepConfig({ ...l2Sweep, parameters: { 'model.layers': { kind: 'named', values: {} } } }, { source: 's.yaml' }),
    ).toThrow(/^s\.yaml: parameters\["model\.layers"\]\.values: name at least one value$/);
    // The other order would undo the scale: refused, naming both.
    expect(() =>
      parseSweepConfig(
        { ...l2Sweep, parameters: { 'model.layers[*].init.scale': [1e-3], 'model.layers': [scaled(plain)] } },
        { source: 's.yaml' },
      ),
    ).toThrow(
      /^s\.yaml: parameters\["model\.layers"\]: replaces what "model\.layers\[\*\]\.init\.scale" \(written before it\) sets: write "model\.layers" first$/,
    );
    expect(() =>
      parseSweepConfig(
        { ...l2Sweep, parameters: { 'model.layers[*].keepProb': [0.5], 'model.layers[2].keepProb': [1] } },
        { source: 's.yaml' },
      ),
    ).toThrow(/^s\.yaml: parameters\["model\.layers\[2\]\.keepProb"\]: sets what "model\.layers\[\*\]\.keepProb" sets too$/);
    // A base whose linear layers have no scale: [*] finds nothing to set.
    expect(() => parseSweepConfig({ ...l2Sweep, parameters: { 'model.layers[*].init.scale': [0.1] } }, { source: 's.yaml' })).toThrow(
      /^s\.yaml: parameters\["model\.layers\[\*\]\.init\.scale"\] = 0\.1: model\.layers\[\*\]\.init\.scale: no item of the list at model\.layers has init\.scale$/,
    );
  });

  it('keeps the old paths of a base in the format before layer lists', () => {
    const old = {
      seed: 3,
      dataset: { kind: 'builtin', name: 'football' },
      model: { layerSizes: [2, 20, 3, 1] },
      regularization: { l2: 0, keepProb: 1 },
      optimizer: { kind: 'gd', learningRate: 0.3 },
      training: { numIterations: 100 },
    };
    const study = new SweepStudy(parseSweepConfig({ ...l2Sweep, base: old, parameters: { 'regularization.keepProb': [0.8] } }));
    const next = study.ask();
    if (next.kind !== 'trial') throw new Error('expected a trial');
    expect(parseRunConfig(next.trial.config).model.layers.filter((layer) => layer.kind === 'dropout')).toEqual([
      { kind: 'dropout', keepProb: 0.8, masks: 'fresh' },
      { kind: 'dropout', keepProb: 0.8, masks: 'fresh' },
    ]);
  });
});
