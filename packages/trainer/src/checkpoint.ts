import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Param } from '@lab/layers';
import { ConfigError, formatShape, LabError, type RandomStateSnapshot } from '@lab/tensor';
import { fromDocument, toDocument } from './internal/checkpoint-document';
import type { JsonValue } from './internal/json-safe';
import type { OptimizerState } from './optimizers/index';

export type { JsonValue } from './internal/json-safe';

/** One parameter's values in a checkpoint: `data` holds `shape`'s size, row-major. */
export interface ParamData {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/**
 * Everything needed to resume a run bit-identically: parameters, optimizer state, RNG
 * state and progress. Build one with {@link snapshotParams}, `optimizer.state()` and
 * `rng.getState()`; `extra` holds anything else JSON can (history, early-stopping state).
 */
export interface Checkpoint {
  readonly version: 1;
  /** Optimizer steps completed. */
  readonly iteration: number;
  /** Epochs completed. */
  readonly epoch: number;
  /** Parameter values by name. */
  readonly params: Readonly<Record<string, ParamData>>;
  readonly optimizer: OptimizerState;
  readonly rng: RandomStateSnapshot;
  /** Plain JSON: finite numbers, strings, booleans, null, arrays and plain objects. */
  readonly extra?: JsonValue;
}

/** A checkpoint read from disk; `path` is named in {@link restoreParams}' errors. */
export interface LoadedCheckpoint extends Checkpoint {
  readonly path: string;
}

/**
 * Copies the params' current values into a `params` record for a {@link Checkpoint}.
 * @param params - any shapes; the copies do not change when training continues
 */
export function snapshotParams(params: readonly Param[]): Record<string, ParamData> {
  return Object.fromEntries(params.map((p) => [p.name, { shape: [...p.value.shape], data: p.value.data.slice() }]));
}

/**
 * Writes a checkpoint atomically: the JSON goes to a temporary file in the same
 * directory, which is flushed to disk (fsync) and then renamed over `path`. A rename
 * within one directory is atomic on POSIX file systems, so `path` always holds either
 * the previous checkpoint or the new one, never a torn file — even if the process
 * dies mid-write. On an error the temporary file is removed and `path` is untouched.
 *
 * Parameters and moment buffers are stored as base64 of their float64 bytes, so
 * {@link loadCheckpoint} restores them bit for bit (-0 and subnormals included).
 * @throws ConfigError when the checkpoint is malformed or `extra` is not JSON-safe (nothing is written)
 * @throws LabError `saveCheckpoint: cannot write <path>: <reason>` on an I/O error
 */
export function saveCheckpoint(path: string, checkpoint: Checkpoint): void {
  const bytes = Buffer.from(`${JSON.stringify(toDocument(checkpoint))}\n`, 'utf8');
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'wx');
    for (let offset = 0; offset < bytes.length; ) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) ignoreErrors(() => fs.closeSync(fd as number));
    ignoreErrors(() => fs.unlinkSync(temp));
    throw new LabError(`saveCheckpoint: cannot write ${path}: ${(error as Error).message}`, { cause: error });
  }
  // Make the rename itself durable. Directories cannot be opened for fsync on Windows; there
  // the rename is still atomic, only its durability across a power cut is up to the OS.
  ignoreErrors(() => {
    const dirFd = fs.openSync(dirname(path), 'r');
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
  });
}

/**
 * Reads and validates a checkpoint written by {@link saveCheckpoint}.
 * @throws LabError `<path>: cannot read: <reason>` when the file cannot be read
 * @throws ConfigError `<path>: <field>: <problem>`, one line naming the file and the field,
 *   e.g. `ckpt.json: params.W1.data: expected 40 float64 values, got 39 (shape (20, 2))`
 */
export function loadCheckpoint(path: string): LoadedCheckpoint {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (error) {
    throw new LabError(`${path}: cannot read: ${(error as Error).message}`, { cause: error });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${path}: not valid JSON (a truncated or foreign file?): ${(error as Error).message}`);
  }
  return { ...fromDocument(doc, path), path };
}

/**
 * Copies a checkpoint's parameter values into the model's params, in place. Checks
 * everything first: on any mismatch no param changes.
 * @param params - the model's params; each must be in the checkpoint with the same shape
 * @param checkpoint - from {@link loadCheckpoint} (its path is named in errors) or built in memory
 * @throws ConfigError `ckpt.json: params.W1.shape: expected (20, 2), got (2, 20)`; a param missing
 *   from the checkpoint, or a checkpoint param the model does not have, is named the same way
 */
export function restoreParams(params: readonly Param[], checkpoint: Checkpoint | LoadedCheckpoint): void {
  const source = 'path' in checkpoint ? checkpoint.path : 'checkpoint';
  const saved = checkpoint.params;
  const names = new Set<string>();
  for (const p of params) {
    names.add(p.name);
    if (!Object.hasOwn(saved, p.name)) {
      throw new ConfigError(`${source}: params.${p.name}: missing (the model has ${p.name} with shape ${formatShape(p.value.shape)})`);
    }
    const { shape } = saved[p.name];
    const same = shape.length === p.value.shape.length && shape.every((d, i) => d === p.value.shape[i]);
    if (!same)
      throw new ConfigError(`${source}: params.${p.name}.shape: expected ${formatShape(p.value.shape)}, got ${formatShape(shape)}`);
  }
  for (const name of Object.keys(saved)) {
    if (!names.has(name)) {
      throw new ConfigError(`${source}: params.${name}: not a parameter of the model (it has ${[...names].join(', ')})`);
    }
  }
  for (const p of params) p.value.data.set(saved[p.name].data);
}

function ignoreErrors(action: () => void): void {
  try {
    action();
  } catch {
    // Cleanup after a failure, or best-effort durability: the original error (if any) matters more.
  }
}
