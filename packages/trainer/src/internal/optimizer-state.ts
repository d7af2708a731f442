import { ConfigError, formatShape, shapeSize } from '@lab/tensor';
import type { OptimizerKind, OptimizerState } from '../optimizers/index';
import { decodeFloat64 } from './float64-base64';
import { describeValue, isRecord } from './validate';

/** Which moment buffers each optimizer keeps per param. */
export const MOMENTS_BY_KIND: Readonly<Record<OptimizerKind, readonly ('v' | 's')[]>> = {
  gd: [],
  momentum: ['v'],
  rmsprop: ['s'],
  adam: ['v', 's'],
};

/** Which hyperparameters each optimizer's snapshot holds. */
export const HYPERPARAMETERS_BY_KIND: Readonly<Record<OptimizerKind, readonly string[]>> = {
  gd: ['learningRate', 'weightDecay'],
  momentum: ['learningRate', 'weightDecay', 'beta'],
  rmsprop: ['learningRate', 'weightDecay', 'beta', 'epsilon'],
  adam: ['learningRate', 'weightDecay', 'beta1', 'beta2', 'epsilon'],
};

/** One param's decoded moments; buffers this kind does not use are absent. */
export interface DecodedMoments {
  readonly shape: readonly number[];
  readonly v?: Float64Array;
  readonly s?: Float64Array;
}

/** A structurally valid snapshot with its buffers decoded. Hyperparameter ranges are the optimizer's to check. */
export interface DecodedOptimizerState {
  readonly kind: OptimizerKind;
  readonly hyperparameters: Readonly<Record<string, number>>;
  readonly t: number;
  readonly moments: ReadonlyMap<string, DecodedMoments>;
}

/**
 * Checks that `value` is an {@link OptimizerState} (after a JSON round trip) and decodes its buffers.
 * @param owner - who is reading, first in the message: `Adam.loadState` or a checkpoint's file name
 * @param path - where the state sits, e.g. `state` or `optimizer`
 * @throws ConfigError `<owner>: <path>.<field>: <what is wrong>`, e.g.
 *   `ckpt.json: optimizer.moments.W1.v: expected 40 float64 values, got 39`
 */
export function decodeOptimizerState(value: unknown, owner: string, path: string): DecodedOptimizerState {
  const fail = (field: string, problem: string): never => {
    throw new ConfigError(`${owner}: ${path}${field}: ${problem}`);
  };
  if (!isRecord(value)) return fail('', `expected an optimizer state object, got ${describeValue(value)}`);
  const kind = value.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(MOMENTS_BY_KIND, kind)) {
    return fail('.kind', `expected one of 'gd', 'momentum', 'rmsprop', 'adam', got ${describeValue(kind)}`);
  }
  const k = kind as OptimizerKind;
  const t = value.t;
  if (typeof t !== 'number' || !Number.isSafeInteger(t) || t < 0) fail('.t', `expected an integer >= 0, got ${describeValue(t)}`);

  const rawHyper = value.hyperparameters;
  if (!isRecord(rawHyper)) return fail('.hyperparameters', `expected an object, got ${describeValue(rawHyper)}`);
  const allowed = HYPERPARAMETERS_BY_KIND[k];
  for (const key of Object.keys(rawHyper)) {
    if (!allowed.includes(key)) fail(`.hyperparameters.${key}`, `does not apply to ${k}`);
  }
  const hyperparameters: Record<string, number> = {};
  for (const key of allowed) {
    const x = rawHyper[key];
    if (typeof x !== 'number' || !Number.isFinite(x)) fail(`.hyperparameters.${key}`, `expected a finite number, got ${describeValue(x)}`);
    hyperparameters[key] = x as number;
  }

  const rawMoments = value.moments;
  if (!isRecord(rawMoments)) return fail('.moments', `expected an object, got ${describeValue(rawMoments)}`);
  const names = MOMENTS_BY_KIND[k];
  const moments = new Map<string, DecodedMoments>();
  for (const [name, entry] of Object.entries(rawMoments)) {
    const at = `.moments.${name}`;
    if (names.length === 0) fail(at, `${k} keeps no moment buffers`);
    if (!isRecord(entry)) fail(at, `expected { shape, ${names.join(', ')} }, got ${describeValue(entry)}`);
    const record = entry as Record<string, unknown>;
    const shape = record.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      fail(`${at}.shape`, `expected a list of non-negative integers, got ${describeValue(shape)}`);
    }
    const dims = shape as number[];
    const decoded: { shape: readonly number[]; v?: Float64Array; s?: Float64Array } = { shape: Object.freeze([...dims]) };
    for (const key of Object.keys(record)) {
      if (key !== 'shape' && !names.includes(key as 'v' | 's')) fail(`${at}.${key}`, `${k} keeps no such buffer`);
    }
    for (const moment of names) {
      if (record[moment] === undefined) fail(`${at}.${moment}`, 'missing');
      const buffer = decodeFloat64(record[moment], shapeSize(dims));
      if (typeof buffer === 'string') return fail(`${at}.${moment}`, `${buffer} (shape ${formatShape(dims)})`);
      decoded[moment] = buffer;
    }
    moments.set(name, decoded);
  }
  return { kind: k, hyperparameters, t: t as number, moments };
}

/** The structural check of {@link decodeOptimizerState} without keeping the decoded buffers. */
export function assertOptimizerState(value: unknown, owner: string, path: string): asserts value is OptimizerState {
  decodeOptimizerState(value, owner, path);
}
