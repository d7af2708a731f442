import { fromRecordedCost, type RecordedCost, toRecordedCost } from '@lab/run-record';
import { ConfigError } from '@lab/tensor';
import type { EarlyStoppingState } from '../early-stopping';
import { decodeFloat64, encodeFloat64 } from '../internal/float64-base64';
import type { JsonValue } from '../internal/json-safe';
import type { Checkpoint } from '../resume';
import { canonicalJson } from '../sweep/canonical-json';
import type { CostPoint } from '../train-loop';
import type { ModelBuffer } from './build-model';
import type { RunConfig } from './run-config';
import type { TestPoint } from './test-curve';

/** One measurement of early stopping's metric. */
export interface Measurement {
  readonly epoch: number;
  readonly iteration: number;
  readonly value: number;
}

/** What a `lab train` run keeps in a checkpoint beside params, optimizer and RNG (its `extra`). */
export interface RunProgressState {
  /** The run's config, to refuse a checkpoint of another run. */
  readonly config: RunConfig;
  /** The data file's SHA-256, when the data is a file. */
  readonly dataSha256?: string;
  /** The cost curve so far. */
  readonly costs: readonly CostPoint[];
  readonly measurements: readonly Measurement[];
  /** The test curve so far. */
  readonly testCurve: readonly TestPoint[];
  /** Batch norm's running statistics, by buffer name. */
  readonly buffers: Readonly<Record<string, Float64Array>>;
  readonly earlyStopping?: { readonly state: EarlyStoppingState; readonly bestBuffers: Readonly<Record<string, Float64Array>> };
}

/** The parts of a config that decide how a run trains: a checkpoint from a run that differs in one of them cannot continue this one. */
const SAME_RUN: readonly (readonly [string, (c: RunConfig) => unknown])[] = [
  ['seed', (c) => c.seed],
  ['data', (c) => c.data],
  ['model', (c) => c.model],
  ['optimizer', (c) => c.optimizer],
  ['schedule', (c) => c.schedule],
  ['training.batchSize', (c) => c.training.batchSize ?? null],
  ['training.costEvery', (c) => c.training.costEvery ?? null],
  ['training.costEveryEpochs', (c) => c.training.costEveryEpochs ?? null],
  ['training.epochSeedBase', (c) => c.training.epochSeedBase ?? null],
  ['training.earlyStopping', (c) => c.training.earlyStopping ?? null],
];

/** A run's progress as a checkpoint's `extra` (JSON), for {@link readRunCheckpoint}. */
export function runCheckpointExtra(progress: RunProgressState): JsonValue {
  return {
    config: JSON.parse(JSON.stringify(progress.config)) as JsonValue,
    ...(progress.dataSha256 === undefined ? {} : { dataSha256: progress.dataSha256 }),
    costs: progress.costs.map(({ iteration, cost }) => ({ iteration, cost: toRecordedCost(cost) })),
    measurements: progress.measurements.map(({ epoch, iteration, value }) => ({ epoch, iteration, value: toRecordedCost(value) })),
    testCurve: progress.testCurve.map(({ iteration, accuracy, cost }) => ({ iteration, accuracy, cost: toRecordedCost(cost) })),
    buffers: encodeBuffers(progress.buffers),
    ...(progress.earlyStopping === undefined
      ? {}
      : {
          earlyStopping: {
            state: JSON.parse(JSON.stringify(progress.earlyStopping.state)) as JsonValue,
            bestBuffers: encodeBuffers(progress.earlyStopping.bestBuffers),
          },
        }),
  };
}

/** Copies of the model's buffers' values, by name. */
export function copyBuffers(buffers: readonly ModelBuffer[]): Record<string, Float64Array> {
  return Object.fromEntries(buffers.map((b) => [b.name, b.value.data.slice()]));
}

/** Writes saved values back into the model's buffers (names and sizes checked by the caller's decode). */
export function loadBuffers(buffers: readonly ModelBuffer[], values: Readonly<Record<string, Float64Array>>): void {
  for (const b of buffers) b.value.data.set(values[b.name]);
}

function encodeBuffers(buffers: Readonly<Record<string, Float64Array>>): Record<string, string> {
  return Object.fromEntries(Object.entries(buffers).map(([name, data]) => [name, encodeFloat64(data)]));
}

/** What {@link readRunCheckpoint} found in a checkpoint's `extra`. */
export interface SavedProgress {
  readonly costs: CostPoint[];
  readonly measurements: Measurement[];
  /** Empty in a checkpoint of a run that kept no test curve (or taken before this field existed). */
  readonly testCurve: TestPoint[];
  readonly buffers: Record<string, Float64Array>;
  readonly earlyStopping?: { readonly state: EarlyStoppingState; readonly bestBuffers: Record<string, Float64Array> };
}

/**
 * Reads the progress a `lab train` checkpoint holds beside params, optimizer and RNG, after
 * checking it comes from the same run: the same config but for its length, the same data file.
 * Changes nothing; the caller restores (`train({ resumeFrom })` does params, optimizer and RNG).
 * @param buffers - the model's buffers (names and sizes to expect)
 * @param earlyStopping - whether this run stops early (the checkpoint must agree)
 * @throws ConfigError `<checkpoint>: …` naming what differs
 */
export function readRunCheckpoint(
  checkpoint: Checkpoint & { readonly path?: string },
  expected: {
    readonly config: RunConfig;
    readonly dataSha256?: string;
    readonly buffers: readonly ModelBuffer[];
    readonly earlyStopping: boolean;
  },
): SavedProgress {
  const source = checkpoint.path ?? 'checkpoint';
  const fail = (message: string): never => {
    throw new ConfigError(`${source}: ${message}`);
  };
  const extra = (typeof checkpoint.extra === 'object' && checkpoint.extra !== null ? checkpoint.extra : {}) as Record<string, unknown>;
  if (typeof extra.config !== 'object' || extra.config === null) {
    fail('not a checkpoint of lab train (it holds no run config): resume it with the code that wrote it');
  }
  const saved = extra.config as RunConfig;
  for (const [field, of] of SAME_RUN) {
    if (canonicalJson(of(saved)) !== canonicalJson(of(expected.config))) {
      fail(`saved by a run whose ${field} differs from this config's: resume with the config the run started with`);
    }
  }
  if (expected.dataSha256 !== undefined && extra.dataSha256 !== expected.dataSha256) {
    fail('saved by a run on other data (the data file’s SHA-256 differs)');
  }
  const decode = (field: string, encoded: unknown): Record<string, Float64Array> => {
    const record = (typeof encoded === 'object' && encoded !== null ? encoded : {}) as Record<string, unknown>;
    const result: Record<string, Float64Array> = {};
    for (const b of expected.buffers) {
      const data = decodeFloat64(record[b.name], b.value.size);
      if (typeof data === 'string') fail(`extra.${field}.${b.name}: ${data}`);
      result[b.name] = data as Float64Array;
    }
    return result;
  };
  const early = extra.earlyStopping as { state?: EarlyStoppingState; bestBuffers?: unknown } | undefined;
  if (expected.earlyStopping !== (early !== undefined)) fail('extra.earlyStopping: the run and the checkpoint disagree on early stopping');
  return {
    costs: ((extra.costs as { iteration: number; cost: RecordedCost }[] | undefined) ?? []).map(({ iteration, cost }) => ({
      iteration,
      cost: fromRecordedCost(cost),
    })),
    measurements: ((extra.measurements as { epoch: number; iteration: number; value: RecordedCost }[] | undefined) ?? []).map(
      ({ epoch, iteration, value }) => ({ epoch, iteration, value: fromRecordedCost(value) }),
    ),
    testCurve: ((extra.testCurve as { iteration: number; accuracy: number; cost: RecordedCost }[] | undefined) ?? []).map(
      ({ iteration, accuracy, cost }) => ({ iteration, accuracy, cost: fromRecordedCost(cost) }),
    ),
    buffers: decode('buffers', extra.buffers),
    ...(early === undefined
      ? {}
      : {
          earlyStopping: { state: early.state as EarlyStoppingState, bestBuffers: decode('earlyStopping.bestBuffers', early.bestBuffers) },
        }),
  };
}
