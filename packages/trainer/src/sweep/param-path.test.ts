import { describe, expect, it } from 'vitest';
import { EVERY_ITEM, formatParamPath, getByPath, type JsonValue, parseParamPath, setByPath } from './param-path';

describe('parseParamPath', () => {
  it('splits keys and indices', () => {
    expect(parseParamPath('model.l2')).toEqual(['model', 'l2']);
    expect(parseParamPath('model.layers[2].keepProb')).toEqual(['model', 'layers', 2, 'keepProb']);
    expect(parseParamPath('model.layers[0].init.scale')).toEqual(['model', 'layers', 0, 'init', 'scale']);
    expect(parseParamPath('grid[1][0]')).toEqual(['grid', 1, 0]);
    expect(parseParamPath('seed')).toEqual(['seed']);
    expect(parseParamPath('model.layers[*].init.scale')).toEqual(['model', 'layers', EVERY_ITEM, 'init', 'scale']);
  });

  it('writes back what it parsed', () => {
    for (const path of ['model.l2', 'model.layers[2].keepProb', 'a[0][1].b_c-d', 'model.layers[*].init.scale', 'a[*][*]'])
      expect(formatParamPath(parseParamPath(path))).toBe(path);
  });

  it('names the position of what does not parse', () => {
    expect(() => parseParamPath('')).toThrow(/parameter path "": empty path at character 1/);
    expect(() => parseParamPath('model..l2')).toThrow(/"model..l2": expected a key .* at character 7/);
    expect(() => parseParamPath('model.layers[x]')).toThrow(/expected an index such as \[2\] or \[\*\] at character 13/);
    expect(() => parseParamPath('model.layers[**]')).toThrow(/expected an index such as \[2\] or \[\*\] at character 13/);
    expect(() => parseParamPath('[*].a')).toThrow(/expected a key/);
    expect(() => parseParamPath('[0].a')).toThrow(/expected a key/);
    expect(() => parseParamPath('model.')).toThrow(/expected a key after "."/);
    expect(() => parseParamPath('model.__proto__.x')).toThrow(/"__proto__" is not allowed/);
    expect(() => parseParamPath('layers[01]')).toThrow(/expected an index such as \[2\] or \[\*\] at character 7/);
    expect(() => parseParamPath('model l2')).toThrow(/expected "." or "\[" at character 6/);
  });
});

describe('setByPath', () => {
  const base: { model: { l2: number; layers: { readonly [key: string]: JsonValue }[] }; seed: number } = {
    model: { l2: 0, layers: [{ kind: 'linear', units: 20 }, { kind: 'relu' }, { kind: 'dropout', keepProb: 1 }] },
    seed: 3,
  };

  it('returns a copy with the value set and leaves the original alone', () => {
    const copy = setByPath(base, ['model', 'layers', 2, 'keepProb'], 0.8) as unknown as typeof base;
    expect(copy.model.layers[2]).toEqual({ kind: 'dropout', keepProb: 0.8 });
    expect(base.model.layers[2]).toEqual({ kind: 'dropout', keepProb: 1 });
    // Untouched branches are shared, touched ones copied.
    expect(copy.model.layers[0]).toBe(base.model.layers[0]);
    expect(copy.model).not.toBe(base.model);
  });

  it('adds a missing last key, but not a missing container', () => {
    expect(setByPath(base, ['model', 'loss'], 'bce')).toMatchObject({ model: { loss: 'bce', l2: 0 } });
    expect(() => setByPath(base, ['optimizer', 'learningRate'], 0.1)).toThrow(
      /optimizer.learningRate: "optimizer" does not exist in the base config/,
    );
    expect(() => setByPath(base, ['model', 'layers', 3, 'keepProb'], 0.5)).toThrow(/index 3 is out of range: the list has 3 items/);
    expect(() => setByPath(base, ['seed', 'x'], 1)).toThrow(/"x" is a key of something that is not an object/);
    expect(() => setByPath(base, ['model', 0], 1)).toThrow(/\[0\] indexes something that is not a list/);
  });

  it('reads back what it set', () => {
    const path = parseParamPath('model.layers[0].units');
    expect(getByPath(setByPath(base, path, 50), path)).toBe(50);
    expect(getByPath(base, parseParamPath('model.layers[7]'))).toBeUndefined();
  });
});

describe('setByPath at [*]: every item that has the rest of the path', () => {
  const net: { model: { layers: { readonly [key: string]: JsonValue }[] } } = {
    model: {
      layers: [
        { kind: 'linear', units: 50, init: { kind: 'scaled-normal', scale: 0.01 } },
        { kind: 'batchnorm', momentum: 0.9 },
        { kind: 'relu' },
        { kind: 'linear', units: 10, init: { kind: 'course' } },
        { kind: 'linear', units: 2, init: { kind: 'scaled-normal', scale: 0.01 } },
      ],
    },
  };

  it('sets the value in each item that has it, and leaves the others as they were', () => {
    const copy = setByPath(net, parseParamPath('model.layers[*].init.scale'), 1e-3) as unknown as typeof net;
    expect(copy.model.layers.map((layer) => (layer as { init?: { scale?: number } }).init?.scale)).toEqual([
      1e-3,
      undefined,
      undefined,
      undefined,
      1e-3,
    ]);
    expect(copy.model.layers[3]).toBe(net.model.layers[3]);
    expect(getByPath(net, parseParamPath('model.layers[0].init.scale'))).toBe(0.01);
    expect(getByPath(copy, parseParamPath('model.layers[*].init.scale'))).toBe(1e-3);
    expect(getByPath(copy, parseParamPath('model.layers[*].momentum'))).toBe(0.9);
  });

  it('refuses a path no item has, or [*] on something that is not a list', () => {
    expect(() => setByPath(net, parseParamPath('model.layers[*].keepProb'), 0.5)).toThrow(
      /^model.layers\[\*\].keepProb: no item of the list at model.layers has keepProb$/,
    );
    expect(() => setByPath(net, parseParamPath('model[*].x'), 1)).toThrow(/\[\*\] stands for the items of something that is not a list/);
  });
});
