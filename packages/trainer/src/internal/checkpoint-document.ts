import { ConfigError, formatShape, type RandomStateSnapshot, shapeSize } from '@lab/tensor';
import type { OptimizerState } from '../optimizers/index';
import type { Checkpoint, ParamData } from '../resume';
import { decodeFloat64, encodeFloat64 } from './float64-base64';
import { findJsonProblem, type JsonValue } from './json-safe';
import { assertOptimizerState } from './optimizer-state';
import { describeValue, isRecord } from './validate';

/**
 * The on-disk form of a checkpoint (JSON). Parameter data and moment buffers are base64
 * of their little-endian float64 bytes, so every value (-0, subnormals, NaN) comes back
 * bit for bit. The other numbers are plain JSON numbers, which round-trip exactly: the
 * iteration and epoch are integers, the hyperparameters are finite (and never -0), and
 * the RNG state is 32-bit words plus the cached gaussian, a finite double that the polar
 * method cannot make -0.
 */
export const CHECKPOINT_FORMAT = 'lab-checkpoint';
const ENCODING = 'float64-le-base64';
const MT_WORDS = 624;

/**
 * Validates a checkpoint and converts it to the JSON document `saveCheckpoint` writes.
 * @throws ConfigError `saveCheckpoint: <field>: <problem>` for anything JSON would lose
 */
export function toDocument(checkpoint: Checkpoint): Record<string, unknown> {
  const fail = (field: string, problem: string) => new ConfigError(`saveCheckpoint: ${field}: ${problem}`);
  if (!isRecord(checkpoint)) throw new ConfigError(`saveCheckpoint: expected a checkpoint object, got ${describeValue(checkpoint)}`);
  if (checkpoint.version !== 1) throw fail('version', `expected 1, got ${describeValue(checkpoint.version)}`);
  for (const key of ['iteration', 'epoch'] as const) {
    const x = checkpoint[key];
    if (!Number.isSafeInteger(x) || x < 0) throw fail(key, `expected an integer >= 0, got ${describeValue(x)}`);
  }
  if (!isRecord(checkpoint.params)) throw fail('params', `expected an object, got ${describeValue(checkpoint.params)}`);
  const params: [string, { shape: number[]; data: string }][] = [];
  for (const [name, entry] of Object.entries(checkpoint.params as Record<string, ParamData>)) {
    const shapeProblem = checkShape(entry?.shape);
    if (shapeProblem !== null) throw fail(`params.${name}.shape`, shapeProblem);
    if (!(entry.data instanceof Float64Array))
      throw fail(`params.${name}.data`, `expected a Float64Array, got ${describeValue(entry.data)}`);
    if (entry.data.length !== shapeSize(entry.shape)) {
      throw fail(
        `params.${name}.data`,
        `expected ${shapeSize(entry.shape)} values for shape ${formatShape(entry.shape)}, got ${entry.data.length}`,
      );
    }
    params.push([name, { shape: [...entry.shape], data: encodeFloat64(entry.data) }]);
  }
  assertOptimizerState(checkpoint.optimizer, 'saveCheckpoint', 'optimizer');
  const rngProblem = checkRng(checkpoint.rng);
  if (rngProblem !== null) throw new ConfigError(`saveCheckpoint: ${rngProblem}`);
  const batchingProblem = checkBatching(checkpoint.batching);
  if (batchingProblem !== null) throw new ConfigError(`saveCheckpoint: ${batchingProblem}`);
  const jsonProblem = checkpoint.extra === undefined ? null : findJsonProblem(checkpoint.extra, 'extra');
  if (jsonProblem !== null) throw new ConfigError(`saveCheckpoint: ${jsonProblem}`);
  return {
    format: CHECKPOINT_FORMAT,
    version: 1,
    encoding: ENCODING,
    iteration: checkpoint.iteration,
    epoch: checkpoint.epoch,
    params: Object.fromEntries(params),
    optimizer: checkpoint.optimizer,
    rng: checkpoint.rng,
    ...(checkpoint.batching === undefined ? {} : { batching: { ...checkpoint.batching } }),
    ...(checkpoint.extra === undefined ? {} : { extra: checkpoint.extra }),
  };
}

/**
 * Validates a parsed checkpoint document and decodes its parameters.
 * @param source - the file, named first in every message
 * @throws ConfigError `<source>: <field>: <problem>`, e.g. `ckpt.json: params.W1.data: expected 40 float64 values, got 39`
 */
export function fromDocument(doc: unknown, source: string): Checkpoint {
  const fail = (field: string, problem: string) => new ConfigError(`${source}: ${field}: ${problem}`);
  if (!isRecord(doc) || doc.format !== CHECKPOINT_FORMAT) {
    throw new ConfigError(`${source}: not a lab checkpoint (expected an object with format "${CHECKPOINT_FORMAT}")`);
  }
  if (doc.version !== 1)
    throw fail('version', `expected 1, got ${describeValue(doc.version)} (written by another version of @lab/trainer?)`);
  if (doc.encoding !== ENCODING) throw fail('encoding', `expected "${ENCODING}", got ${describeValue(doc.encoding)}`);
  for (const key of ['iteration', 'epoch']) {
    const x = doc[key];
    if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < 0) throw fail(key, `expected an integer >= 0, got ${describeValue(x)}`);
  }
  if (!isRecord(doc.params)) throw fail('params', `expected an object, got ${describeValue(doc.params)}`);
  const params: [string, ParamData][] = [];
  for (const [name, entry] of Object.entries(doc.params)) {
    if (!isRecord(entry)) throw fail(`params.${name}`, `expected { shape, data }, got ${describeValue(entry)}`);
    const shapeProblem = checkShape(entry.shape);
    if (shapeProblem !== null) throw fail(`params.${name}.shape`, shapeProblem);
    const shape = Object.freeze([...(entry.shape as number[])]);
    const data = decodeFloat64(entry.data, shapeSize(shape));
    if (typeof data === 'string') throw fail(`params.${name}.data`, `${data} (shape ${formatShape(shape)})`);
    params.push([name, { shape, data }]);
  }
  assertOptimizerState(doc.optimizer, source, 'optimizer');
  const rngProblem = checkRng(doc.rng);
  if (rngProblem !== null) throw new ConfigError(`${source}: ${rngProblem}`);
  const batchingProblem = checkBatching(doc.batching);
  if (batchingProblem !== null) throw new ConfigError(`${source}: ${batchingProblem}`);
  return {
    version: 1,
    iteration: doc.iteration as number,
    epoch: doc.epoch as number,
    params: Object.fromEntries(params),
    optimizer: doc.optimizer as OptimizerState,
    rng: doc.rng as RandomStateSnapshot,
    ...(doc.batching === undefined ? {} : { batching: doc.batching as { examples: number; batchSize: number } }),
    ...(doc.extra === undefined ? {} : { extra: doc.extra as JsonValue }),
  };
}

/** `batching`, when present: `{ examples, batchSize }`, integers with 1 <= batchSize <= examples. */
function checkBatching(batching: unknown): string | null {
  if (batching === undefined) return null;
  if (!isRecord(batching)) return `batching: expected { examples, batchSize }, got ${describeValue(batching)}`;
  const { examples, batchSize } = batching;
  if (typeof examples !== 'number' || !Number.isSafeInteger(examples) || examples < 1) {
    return `batching.examples: expected an integer >= 1, got ${describeValue(examples)}`;
  }
  if (typeof batchSize !== 'number' || !Number.isSafeInteger(batchSize) || batchSize < 1 || batchSize > examples) {
    return `batching.batchSize: expected an integer in [1, ${examples}], got ${describeValue(batchSize)}`;
  }
  return null;
}

function checkShape(shape: unknown): string | null {
  if (Array.isArray(shape) && shape.every((d) => Number.isSafeInteger(d) && d >= 0)) return null;
  return `expected a list of non-negative integers, got ${describeValue(shape)}`;
}

/** Checks a RandomState snapshot field by field: `rng.key: expected 624 integers in [0, 4294967295]`. */
function checkRng(rng: unknown): string | null {
  if (!isRecord(rng)) return `rng: expected a RandomState snapshot, got ${describeValue(rng)}`;
  if (rng.kind !== 'MT19937') return `rng.kind: expected "MT19937", got ${describeValue(rng.kind)}`;
  const key = rng.key;
  if (!Array.isArray(key) || key.length !== MT_WORDS || !key.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff)) {
    return `rng.key: expected ${MT_WORDS} integers in [0, 4294967295]`;
  }
  const pos = rng.pos;
  if (typeof pos !== 'number' || !Number.isInteger(pos) || pos < 0 || pos > MT_WORDS) {
    return `rng.pos: expected an integer in [0, ${MT_WORDS}], got ${describeValue(pos)}`;
  }
  if (typeof rng.hasGauss !== 'boolean') return `rng.hasGauss: expected a boolean, got ${describeValue(rng.hasGauss)}`;
  if (typeof rng.gauss !== 'number' || !Number.isFinite(rng.gauss))
    return `rng.gauss: expected a finite number, got ${describeValue(rng.gauss)}`;
  return null;
}
