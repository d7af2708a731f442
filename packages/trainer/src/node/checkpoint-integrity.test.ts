import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Param } from '@lab/layers';
import { isLabError, RandomState, Tensor } from '@lab/tensor';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toDocument } from '../internal/checkpoint-document';
import { Adam } from '../optimizers/adam';
import { type Checkpoint, snapshotParams } from '../resume';
import { loadCheckpoint, previousCheckpointPath, saveCheckpoint } from './checkpoint';
import { decodeCheckpoint } from './checkpoint-envelope';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(join(tmpdir(), 'lab-checkpoint-integrity-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A checkpoint whose params all hold `fill`, after one Adam step (so the moments are not zero). */
function checkpointOf(fill: number, iteration: number): Checkpoint {
  const params: Param[] = [
    { name: 'W1', value: new Tensor(new Float64Array(6).fill(fill), [3, 2]), grad: new Tensor(new Float64Array(6).fill(0.5), [3, 2]) },
    { name: 'b1', value: new Tensor(new Float64Array(3).fill(fill), [3]), grad: new Tensor(new Float64Array(3).fill(-0.25), [3]) },
  ];
  const optimizer = new Adam({ learningRate: 0.01 });
  optimizer.step(params);
  for (const p of params) p.value.data.fill(fill);
  return {
    version: 1,
    iteration,
    epoch: iteration,
    params: snapshotParams(params),
    optimizer: optimizer.state(),
    rng: new RandomState(iteration).getState(),
    batching: { examples: 10, batchSize: 10 },
    extra: { note: `checkpoint ${fill}` },
  };
}

/** A checkpoint as JSON, comparable with toEqual (Float64Arrays as plain arrays, bit-exact via their bytes). */
const comparable = (checkpoint: Checkpoint) => toDocument(checkpoint);

describe('a checksum over the whole file: damage is refused, never loaded as another state', () => {
  it('every byte with one bit flipped, and all eight bits of a sample of bytes, is refused', () => {
    const path = join(dir, 'ckpt.json');
    saveCheckpoint(path, checkpointOf(1, 3));
    const good = fs.readFileSync(path);
    const rng = new RandomState(11);
    const flips: [byte: number, bit: number][] = [];
    for (let byte = 0; byte < good.length; byte++) flips.push([byte, Math.floor(rng.nextDouble() * 8)]);
    for (let k = 0; k < 64; k++) {
      const byte = Math.floor(rng.nextDouble() * good.length);
      for (let bit = 0; bit < 8; bit++) flips.push([byte, bit]);
    }
    const refusal = (load: () => unknown, what: string) => {
      let error: unknown;
      try {
        load();
      } catch (e) {
        error = e;
      }
      expect(isLabError(error), `${what}: ${String(error)}`).toBe(true);
      expect((error as Error).message.startsWith(`${path}: `), what).toBe(true);
      expect((error as Error).message).not.toContain('\n');
    };
    // All of them in memory, through what loadCheckpoint does with the bytes it read…
    for (const [byte, bit] of flips) {
      const damaged = Buffer.from(good);
      damaged[byte] ^= 1 << bit;
      refusal(() => decodeCheckpoint(damaged, path), `byte ${byte}, bit ${bit}`);
    }
    // …and a sample through the file itself.
    for (const [byte, bit] of flips.filter((_, k) => k % 40 === 0)) {
      const damaged = Buffer.from(good);
      damaged[byte] ^= 1 << bit;
      fs.writeFileSync(path, damaged);
      refusal(() => loadCheckpoint(path, { fallBack: false }), `file, byte ${byte}, bit ${bit}`);
    }
    expect(flips.length).toBe(good.length + 64 * 8);
  });

  it('a flipped bit in the newest checkpoint falls back to the previous one, saying why', () => {
    const path = join(dir, 'ckpt.json');
    saveCheckpoint(path, checkpointOf(1, 3));
    saveCheckpoint(path, checkpointOf(2, 4));
    expect(comparable(loadCheckpoint(path))).toEqual(comparable(checkpointOf(2, 4)));
    const good = fs.readFileSync(path);
    const rng = new RandomState(5);
    for (let k = 0; k < 50; k++) {
      const damaged = Buffer.from(good);
      damaged[Math.floor(rng.nextDouble() * good.length)] ^= 1 << Math.floor(rng.nextDouble() * 8);
      fs.writeFileSync(path, damaged);
      const loaded = loadCheckpoint(path);
      expect(loaded.path).toBe(previousCheckpointPath(path));
      expect(loaded.fellBack?.path).toBe(path);
      expect(loaded.fellBack?.reason).toMatch(new RegExp(`^${path}: `));
      const { path: _path, fellBack: _fellBack, ...checkpoint } = loaded;
      expect(comparable(checkpoint)).toEqual(comparable(checkpointOf(1, 3)));
    }
  });

  it('names the damage in one line', () => {
    const path = join(dir, 'ckpt.json');
    saveCheckpoint(path, checkpointOf(1, 3));
    const text = fs.readFileSync(path, 'utf8');
    const newline = text.indexOf('\n');
    fs.writeFileSync(path, `${text.slice(0, newline + 20)}9${text.slice(newline + 21)}`);
    expect(() => loadCheckpoint(path)).toThrow(`${path}: damaged: the SHA-256 of its contents differs from the one it records`);
    fs.writeFileSync(path, text.slice(0, text.length - 7));
    expect(() => loadCheckpoint(path)).toThrow(new RegExp(`^${path}: damaged: \\d+ bytes after the header, which records \\d+$`));
  });

  it('loads a checkpoint written before the checksum existed (the document alone, one line)', () => {
    const path = join(dir, 'old.json');
    fs.writeFileSync(path, `${JSON.stringify(toDocument(checkpointOf(7, 2)))}\n`);
    expect(comparable(loadCheckpoint(path))).toEqual(comparable(checkpointOf(7, 2)));
  });
});

describe('the previous checkpoint is kept beside the newest', () => {
  it('each save moves the intact newest to <path>.previous; a damaged newest never replaces a good previous', () => {
    const path = join(dir, 'ckpt.json');
    saveCheckpoint(path, checkpointOf(1, 1));
    expect(fs.existsSync(previousCheckpointPath(path))).toBe(false);
    saveCheckpoint(path, checkpointOf(2, 2));
    expect(comparable(loadCheckpoint(previousCheckpointPath(path)))).toEqual(comparable(checkpointOf(1, 1)));
    fs.appendFileSync(path, 'x');
    saveCheckpoint(path, checkpointOf(3, 3));
    expect(comparable(loadCheckpoint(previousCheckpointPath(path)))).toEqual(comparable(checkpointOf(1, 1)));
    expect(comparable(loadCheckpoint(path))).toEqual(comparable(checkpointOf(3, 3)));
    expect(fs.readdirSync(dir).sort()).toEqual(['ckpt.json', 'ckpt.json.previous']);
  });

  it('a newest that is missing (a crash between the renames) falls back too; with both damaged, both reasons', () => {
    const path = join(dir, 'ckpt.json');
    saveCheckpoint(path, checkpointOf(1, 1));
    saveCheckpoint(path, checkpointOf(2, 2));
    fs.unlinkSync(path);
    const loaded = loadCheckpoint(path);
    expect(loaded.fellBack).toEqual({ path, reason: `${path}: the file does not exist` });
    fs.writeFileSync(path, 'garbage');
    fs.appendFileSync(previousCheckpointPath(path), 'x');
    expect(() => loadCheckpoint(path)).toThrow(
      new RegExp(`^${path}: not valid JSON .*; the previous checkpoint cannot be used either: ${previousCheckpointPath(path)}: damaged: `),
    );
    expect(() => loadCheckpoint(path, { fallBack: false })).toThrow(new RegExp(`^${path}: not valid JSON`));
  });
});

describe('stale temporary files and files that are not checkpoints', () => {
  it('temporary files of dead processes are removed on save and on load; a live process keeps its own', () => {
    const path = join(dir, 'ckpt.json');
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const stale = [`.ckpt.json.${gone}.0a1b2c.tmp`, `.ckpt.json.${gone}.3d4e5f.previous.tmp`];
    // pid 1 (init) is always alive: a save it had in progress is not ours to remove.
    const live = '.ckpt.json.1.abcdef.tmp';
    for (const name of [...stale, live]) fs.writeFileSync(join(dir, name), 'partial');
    saveCheckpoint(path, checkpointOf(1, 1));
    expect(fs.readdirSync(dir).sort()).toEqual([live, 'ckpt.json'].sort());
    fs.writeFileSync(join(dir, stale[0] as string), 'partial');
    loadCheckpoint(path);
    expect(fs.readdirSync(dir).sort()).toEqual([live, 'ckpt.json'].sort());
  });

  it('refuses a FIFO and a device at once', () => {
    if (process.platform === 'win32') return;
    const fifo = join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    expect(() => loadCheckpoint(fifo)).toThrow(`${fifo}: not a regular file`);
    expect(() => loadCheckpoint('/dev/zero')).toThrow('/dev/zero: not a regular file');
  });
});
