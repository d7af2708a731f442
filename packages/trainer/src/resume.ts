import type { Param } from '@lab/layers';
import { ConfigError, formatShape, type RandomState, type RandomStateSnapshot } from '@lab/tensor';
import type { JsonValue } from './internal/json-safe';
import type { Optimizer, OptimizerState } from './optimizers/index';
import type { TrainingModel } from './training-model';

export type { JsonValue } from './internal/json-safe';

/** One parameter's values in a checkpoint: `data` holds `shape`'s size, row-major. */
export interface ParamData {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/**
 * Everything needed to resume a run bit-identically: parameters, optimizer state, RNG
 * state, progress and how the run walks its data. `train` hands one to its `onEpoch` callback
 * (`event.checkpoint()`) and takes one back as `resumeFrom`; `extra` holds anything else JSON can
 * (history, early-stopping state).
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
  /**
   * How the run walks its data: N examples in batches of B (B = N for full batch). With the RNG
   * state this fixes the data order after a resume, so `train` refuses a checkpoint whose
   * batching differs from the run's.
   */
  readonly batching?: { readonly examples: number; readonly batchSize: number };
  /** Plain JSON: finite numbers, strings, booleans, null, arrays and plain objects. */
  readonly extra?: JsonValue;
}

/** What a run's state lives in: the model's params, the optimizer and the run's one RandomState. */
export interface RunState {
  readonly model: TrainingModel;
  readonly optimizer: Optimizer;
  /** The generator the model (initialization, dropout masks) and the shuffling draw from. */
  readonly rng: RandomState;
}

/** Where a run stands, for {@link captureCheckpoint}. */
export interface RunProgress {
  readonly iteration: number;
  readonly epoch: number;
  readonly batching?: Checkpoint['batching'];
  readonly extra?: JsonValue;
}

/**
 * A checkpoint of a run as it stands: copies of the params, the optimizer's state and the RNG
 * state, with its progress. `train` offers one at every epoch's end (`onEpoch`'s `checkpoint()`),
 * which also records the batching; use this for a loop of your own.
 */
export function captureCheckpoint(state: RunState, progress: RunProgress): Checkpoint {
  return {
    version: 1,
    iteration: progress.iteration,
    epoch: progress.epoch,
    params: snapshotParams(state.model.params()),
    optimizer: state.optimizer.state(),
    rng: state.rng.getState(),
    ...(progress.batching === undefined ? {} : { batching: { ...progress.batching } }),
    ...(progress.extra === undefined ? {} : { extra: progress.extra }),
  };
}

/**
 * Restores a run from a checkpoint in one step: the model's params, the optimizer's state and the
 * RNG state together, all or nothing (on any mismatch nothing changes). The model must be built
 * already — building it draws its initial weights from the RNG, which is why restoring the RNG
 * before building gives a different run; `train({ resumeFrom })` calls this for you at the right time.
 * @throws ConfigError naming the file (or `checkpoint`) and the param or field that does not fit
 */
export function restoreCheckpoint(checkpoint: Checkpoint & { readonly path?: string }, state: RunState): void {
  const params = state.model.params();
  const paramsBefore = snapshotParams(params);
  const optimizerBefore = state.optimizer.state();
  const rngBefore = state.rng.getState();
  try {
    restoreParams(params, checkpoint);
    state.optimizer.loadState(checkpoint.optimizer);
    state.rng.setState(checkpoint.rng);
  } catch (error) {
    for (const p of params) p.value.data.set(paramsBefore[p.name].data);
    state.optimizer.loadState(optimizerBefore);
    state.rng.setState(rngBefore);
    throw error;
  }
}

/**
 * Copies the params' current values into a `params` record for a {@link Checkpoint}.
 * @param params - any shapes; the copies do not change when training continues
 */
export function snapshotParams(params: readonly Param[]): Record<string, ParamData> {
  return Object.fromEntries(params.map((p) => [p.name, { shape: [...p.value.shape], data: p.value.data.slice() }]));
}

/**
 * Copies a checkpoint's parameter values into the model's params, in place. Checks
 * everything first: on any mismatch no param changes.
 * @param params - the model's params; each must be in the checkpoint with the same shape
 * @param checkpoint - from {@link loadCheckpoint} (its path is named in errors) or built in memory
 * @throws ConfigError `ckpt.json: params.W1.shape: expected (20, 2), got (2, 20)`; a param missing
 *   from the checkpoint, or a checkpoint param the model does not have, is named the same way
 */
export function restoreParams(params: readonly Param[], checkpoint: Checkpoint & { readonly path?: string }): void {
  const source = checkpoint.path ?? 'checkpoint';
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
