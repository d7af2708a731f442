import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Param } from '@lab/layers';
import { ConfigError, LabError, RandomState, Tensor } from '@lab/tensor';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Adam } from '../optimizers/adam';
import { type Checkpoint, restoreParams, snapshotParams } from '../resume';
import { loadCheckpoint, saveCheckpoint } from './checkpoint';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(join(tmpdir(), 'lab-checkpoint-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

function param(name: string, shape: number[], values?: number[]): Param {
  const size = shape.reduce((a, b) => a * b, 1);
  const data = values === undefined ? new Float64Array(size) : Float64Array.from(values);
  return { name, value: new Tensor(data, shape), grad: new Tensor(new Float64Array(size), shape) };
}

function makeCheckpoint(params: readonly Param[], extra?: Checkpoint['extra']): Checkpoint {
  const optimizer = new Adam({ learningRate: 0.01 });
  return {
    version: 1,
    iteration: 7,
    epoch: 2,
    params: snapshotParams(params),
    optimizer: optimizer.state(),
    rng: new RandomState(3).getState(),
    extra,
  };
}

const bytesOf = (data: Float64Array) => Array.from(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
const tempFiles = () => fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'));

describe('saveCheckpoint / loadCheckpoint', () => {
  it('round-trips every float64 bit for bit: -0, subnormals, extremes, NaN, ±Infinity', () => {
    const special = [-0, 0, 5e-324, -5e-324, 2.2250738585072009e-308, 1e-310, Number.MAX_VALUE, -Number.MIN_VALUE, 1 / 3, 0.1 + 0.2];
    const nonFinite = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1e-320];
    const params = [param('W1', [2, 5], special), param('b1', [4], nonFinite), param('empty', [0, 3])];
    const path = join(dir, 'ckpt.json');
    const original = makeCheckpoint(params, { history: [0.69, 0.5], note: 'hi', nested: { ok: true, none: null } });
    saveCheckpoint(path, original);
    const loaded = loadCheckpoint(path);
    expect(loaded.path).toBe(path);
    expect(loaded.iteration).toBe(7);
    expect(loaded.epoch).toBe(2);
    expect(loaded.extra).toEqual(original.extra);
    expect(loaded.rng).toEqual(original.rng);
    expect(loaded.optimizer).toEqual(original.optimizer);
    for (const p of params) {
      expect(loaded.params[p.name].shape).toEqual(p.value.shape);
      expect(bytesOf(loaded.params[p.name].data)).toEqual(bytesOf(p.value.data));
    }
    expect(Object.is(loaded.params.W1.data[0], -0)).toBe(true);
    expect(tempFiles()).toEqual([]);
  });

  it('resumes a run bit-identically: train 2n == train n, save, load, train n (params, Adam, RNG)', () => {
    const n = 5;
    const makeModel = () => [param('W1', [3, 2], [0.5, -0.25, 1, -1, 0.125, 2]), param('b1', [3, 1])];
    const train = (params: Param[], optimizer: Adam, rng: RandomState, steps: number) => {
      for (let step = 0; step < steps; step++) {
        for (const p of params) {
          const noise = rng.randn(p.value.size).data;
          for (let i = 0; i < p.value.size; i++) p.grad.data[i] = p.value.data[i] * 0.3 + noise[i];
        }
        optimizer.step(params);
      }
    };
    const straight = makeModel();
    train(straight, new Adam({ learningRate: 0.01, weightDecay: 0.1 }), new RandomState(1), 2 * n);

    const first = makeModel();
    const optimizer = new Adam({ learningRate: 0.01, weightDecay: 0.1 });
    const rng = new RandomState(1);
    train(first, optimizer, rng, n);
    const path = join(dir, 'run.ckpt.json');
    saveCheckpoint(path, {
      version: 1,
      iteration: n,
      epoch: n,
      params: snapshotParams(first),
      optimizer: optimizer.state(),
      rng: rng.getState(),
    });

    const resumed = makeModel(); // fresh initial values, overwritten by the checkpoint
    const loaded = loadCheckpoint(path);
    restoreParams(resumed, loaded);
    const optimizer2 = new Adam({ learningRate: 0.5 });
    optimizer2.loadState(loaded.optimizer);
    const rng2 = new RandomState(99).setState(loaded.rng);
    train(resumed, optimizer2, rng2, n);
    for (let i = 0; i < straight.length; i++) expect(bytesOf(resumed[i].value.data)).toEqual(bytesOf(straight[i].value.data));
  });

  it('a non-serializable value fails before anything is written; the previous checkpoint stays', () => {
    const path = join(dir, 'ckpt.json');
    saveCheckpoint(path, makeCheckpoint([param('W1', [2], [1, 2])]));
    const before = fs.readFileSync(path);
    const bad = (extra: unknown) => () => saveCheckpoint(path, makeCheckpoint([param('W1', [2], [3, 4])], extra as never));
    expect(bad({ history: [1, Number.NaN] })).toThrow('saveCheckpoint: extra.history[1]: NaN is not JSON-safe');
    expect(bad({ big: 10n })).toThrow('saveCheckpoint: extra.big: 10n is not JSON-safe');
    expect(bad({ when: new Date(0) })).toThrow('saveCheckpoint: extra.when: a Date instance is not JSON-safe');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(bad(cyclic)).toThrow('saveCheckpoint: extra.self: a cycle is not JSON-safe');
    expect(bad({ f: undefined })).toThrow(ConfigError);
    expect(fs.readFileSync(path)).toEqual(before);
    expect(tempFiles()).toEqual([]);
  });

  it('a write that fails halfway leaves the previous checkpoint intact and no temporary file', () => {
    const path = join(dir, 'ckpt.json');
    saveCheckpoint(path, makeCheckpoint([param('W1', [2], [1, 2])]));
    const before = fs.readFileSync(path);
    const realWrite = fs.writeSync;
    const write = vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, buffer: Uint8Array, offset: number, length: number) => {
      realWrite(fd, buffer, offset, Math.floor(length / 2)); // a partial write reaches the disk...
      throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' }); // ...then the device fails
    }) as unknown as typeof fs.writeSync);
    const big = [param('W1', [200, 50])];
    expect(() => saveCheckpoint(path, makeCheckpoint(big))).toThrow(LabError);
    expect(() => saveCheckpoint(path, makeCheckpoint(big))).toThrow(`saveCheckpoint: cannot write ${path}: EIO: i/o error, write`);
    expect(write).toHaveBeenCalled();
    expect(fs.readFileSync(path)).toEqual(before);
    expect(tempFiles()).toEqual([]);
    expect(loadCheckpoint(path).params.W1.data).toEqual(Float64Array.from([1, 2]));
  });

  it('a failed fsync or rename leaves the previous checkpoint intact; a first save leaves no file', () => {
    const path = join(dir, 'ckpt.json');
    const fresh = join(dir, 'fresh.json');
    saveCheckpoint(path, makeCheckpoint([param('W1', [2], [1, 2])]));
    const before = fs.readFileSync(path);
    vi.spyOn(fs, 'fsyncSync').mockImplementationOnce(() => {
      throw new Error('EIO: fsync failed');
    });
    expect(() => saveCheckpoint(path, makeCheckpoint([param('W1', [2], [5, 6])]))).toThrow(/cannot write .*EIO: fsync failed/);
    vi.spyOn(fs, 'renameSync').mockImplementation(() => {
      throw new Error('EXDEV: rename failed');
    });
    expect(() => saveCheckpoint(path, makeCheckpoint([param('W1', [2], [5, 6])]))).toThrow(/EXDEV: rename failed/);
    expect(() => saveCheckpoint(fresh, makeCheckpoint([param('W1', [2], [5, 6])]))).toThrow(/EXDEV/);
    expect(fs.readFileSync(path)).toEqual(before);
    expect(fs.existsSync(fresh)).toBe(false);
    expect(tempFiles()).toEqual([]);
  });

  it('rejects malformed checkpoints on save, naming the field', () => {
    const good = makeCheckpoint([param('W1', [2], [1, 2])]);
    const path = join(dir, 'ckpt.json');
    expect(() => saveCheckpoint(path, { ...good, iteration: -1 })).toThrow('saveCheckpoint: iteration: expected an integer >= 0, got -1');
    expect(() => saveCheckpoint(path, { ...good, params: { W1: { shape: [3], data: new Float64Array(2) } } })).toThrow(
      'saveCheckpoint: params.W1.data: expected 3 values for shape (3,), got 2',
    );
    expect(() => saveCheckpoint(path, { ...good, rng: { ...good.rng, pos: 700 } })).toThrow(
      'saveCheckpoint: rng.pos: expected an integer in [0, 624], got 700',
    );
    expect(fs.existsSync(path)).toBe(false);
  });
});

/** The fields of a saved file these tests tamper with. */
interface SavedDocument {
  version: unknown;
  iteration: unknown;
  params: { W1: { shape: unknown; data: string } };
  optimizer: { kind: unknown };
  rng: { key: unknown };
}

describe('loadCheckpoint errors: one line naming the file and the field', () => {
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    fs.writeFileSync(path, text);
    return path;
  };
  const valid = () => {
    const path = join(dir, 'good.json');
    saveCheckpoint(path, makeCheckpoint([param('W1', [2, 2], [1, 2, 3, 4])]));
    // The second line: the document after the header (a file of the document alone still loads, unchecked).
    return JSON.parse(fs.readFileSync(path, 'utf8').split('\n')[1] ?? '') as SavedDocument;
  };

  it('missing, truncated and foreign files', () => {
    const missing = join(dir, 'nope.json');
    expect(() => loadCheckpoint(missing)).toThrow(LabError);
    expect(() => loadCheckpoint(missing)).toThrow(`${missing}: the file does not exist`);
    const text = JSON.stringify(valid());
    const truncated = write('torn.json', text.slice(0, text.length / 2));
    expect(() => loadCheckpoint(truncated)).toThrow(`${truncated}: not valid JSON (a truncated, damaged or foreign file?)`);
    const foreign = write('foreign.json', '{"weights": []}');
    expect(() => loadCheckpoint(foreign)).toThrow(`${foreign}: not a lab checkpoint (expected an object with format "lab-checkpoint")`);
  });

  it('bad fields', () => {
    const cases: [string, (doc: SavedDocument) => void, string][] = [
      ['version', (d) => (d.version = 2), 'version: expected 1, got 2'],
      ['iteration', (d) => (d.iteration = 1.5), 'iteration: expected an integer >= 0, got 1.5'],
      ['shape', (d) => (d.params.W1.shape = [2, -2]), 'params.W1.shape: expected a list of non-negative integers, got an array'],
      ['short data', (d) => (d.params.W1.data = d.params.W1.data.slice(0, 20)), 'params.W1.data: expected 4 float64 values, got 15 bytes'],
      ['not base64', (d) => (d.params.W1.data = '!!!!'), 'params.W1.data: not valid base64 (shape (2, 2))'],
      [
        'optimizer kind',
        (d) => (d.optimizer.kind = 'lbfgs'),
        "optimizer.kind: expected one of 'gd', 'momentum', 'rmsprop', 'adam', got \"lbfgs\"",
      ],
      ['rng', (d) => (d.rng.key = [1, 2, 3]), 'rng.key: expected 624 integers in [0, 4294967295]'],
    ];
    for (const [name, mutate, message] of cases) {
      const doc = valid();
      mutate(doc);
      const path = write(`${name}.json`, JSON.stringify(doc));
      expect(() => loadCheckpoint(path)).toThrow(ConfigError);
      expect(() => loadCheckpoint(path)).toThrow(`${path}: ${message}`);
    }
  });
});

describe('restoreParams', () => {
  it('copies the values in place', () => {
    const path = join(dir, 'ckpt.json');
    saveCheckpoint(path, makeCheckpoint([param('W1', [2, 2], [1, -0, 3, 4]), param('b1', [2, 1], [5, 6])]));
    const model = [param('W1', [2, 2]), param('b1', [2, 1])];
    const w = model[0].value.data;
    restoreParams(model, loadCheckpoint(path));
    expect(model[0].value.data).toBe(w);
    expect(Array.from(w)).toEqual([1, -0, 3, 4]);
    expect(Object.is(w[1], -0)).toBe(true);
    expect(Array.from(model[1].value.data)).toEqual([5, 6]);
  });

  it('names the file, the param and both shapes on a mismatch, and changes nothing', () => {
    const path = join(dir, 'ckpt.json');
    saveCheckpoint(path, makeCheckpoint([param('W1', [2, 20]), param('b1', [20, 1])]));
    const loaded = loadCheckpoint(path);
    const model = [param('W1', [20, 2], new Array(40).fill(7)), param('b1', [20, 1])];
    expect(() => restoreParams(model, loaded)).toThrow(ConfigError);
    expect(() => restoreParams(model, loaded)).toThrow(`${path}: params.W1.shape: expected (20, 2), got (2, 20)`);
    expect(model[0].value.data[0]).toBe(7);
    expect(() => restoreParams([param('b1', [20, 1])], loaded)).toThrow(`${path}: params.W1: not a parameter of the model (it has b1)`);
    expect(() => restoreParams([...model, param('W2', [1, 20])], { ...loaded, path: 'ckpt.json' })).toThrow(
      'ckpt.json: params.W1.shape: expected (20, 2), got (2, 20)',
    );
    const { path: _path, ...inMemory } = loaded;
    expect(() => restoreParams([param('W1', [2, 20]), param('b1', [20, 1]), param('W2', [1, 20])], inMemory)).toThrow(
      'checkpoint: params.W2: missing (the model has W2 with shape (1, 20))',
    );
  });
});
