/**
 * Optimizers: gradient descent, momentum, RMSProp and Adam, each with optional
 * decoupled weight decay, all behind one interface.
 *
 * ## The Optimizer interface
 *
 * - `step(params)` updates every `param.value` in place from `param.grad` (same shape),
 *   looping directly over the `Float64Array`s. Moment buffers are kept per parameter
 *   **name** and allocated on the first step that sees the name; after that a step
 *   allocates nothing. Each step first checks every param (grad shape, buffer shape,
 *   duplicate names) and only then updates, so a rejected step changes nothing.
 * - `learningRate` is read at every step; a schedule sets it before each step. Setting
 *   it to anything but a finite number > 0 throws a ConfigError.
 * - Decoupled weight decay (AdamW, Loshchilov & Hutter 2019), off by default: before its
 *   own update, each param that `decayFilter(name)` selects shrinks by
 *   `w −= learningRate·weightDecay·w` (the decay does not pass through the moments). The
 *   default filter, {@link defaultDecayFilter}, skips biases and normalization params
 *   (names starting with `b`, `beta` or `gamma`). The filter runs once per name, on first use.
 * - `state()` returns a JSON-safe snapshot: kind, hyperparameters, the step count `t` and
 *   the moment buffers by param name, each as base64 of its little-endian float64 bytes
 *   (JSON numbers would turn -0 into 0, see internal/float64-base64.ts).
 *   `JSON.parse(JSON.stringify(state()))` fed to `loadState` continues bit-identically.
 * - `loadState(state)` restores a snapshot, adopting its hyperparameters (like PyTorch's
 *   `load_state_dict`). It throws a ConfigError naming the mismatch: another kind, a
 *   malformed field, a buffer of the wrong length. Whether the snapshot fits the model is
 *   checked at the next `step`: its params must be exactly the snapshot's param names with
 *   the same shapes (unless the snapshot was taken before any step). A failed `loadState`
 *   leaves the optimizer as it was. `decayFilter` is code, not state: it is not saved.
 *
 * The update rules follow the course (deeplearning.ai, "Optimization methods"), where
 * momentum is an exponential moving average: `v = β·v + (1−β)·g`, `w −= lr·v`.
 *
 * @see https://arxiv.org/abs/1412.6980 (Adam), https://arxiv.org/abs/1711.05101 (decoupled weight decay)
 */
import type { Param } from '@lab/layers';

/** The optimizers {@link createOptimizer} knows. */
export type OptimizerKind = 'gd' | 'momentum' | 'rmsprop' | 'adam';

/** An optimizer: see the interface description at the top of this module. */
export interface Optimizer {
  /** Which update rule this is. */
  readonly kind: OptimizerKind;
  /** Current learning rate, a finite number > 0; schedules set it before each step. */
  learningRate: number;
  /**
   * Updates every `param.value` in place from `param.grad`; allocation-free after the first call.
   * @param params - any shapes; each `grad` has its `value`'s shape; names are unique
   * @throws ShapeError when a grad's shape differs from its value's
   * @throws ConfigError on a duplicate name, a param whose shape changed, or one that does not fit a loaded state
   */
  step(params: readonly Param[]): void;
  /** A JSON-safe snapshot (kind, hyperparameters, step count t, moment buffers by param name). */
  state(): OptimizerState;
  /**
   * Restores a snapshot from {@link Optimizer.state}, also after a JSON round trip.
   * @throws ConfigError naming the mismatch (kind, field, param name, buffer length)
   */
  loadState(state: OptimizerState): void;
}

/** Hyperparameters as saved in a snapshot; only those of the optimizer's kind are present. */
export interface OptimizerHyperparameters {
  readonly learningRate: number;
  readonly weightDecay: number;
  /** Momentum and RMSProp: the moving average's decay. */
  readonly beta?: number;
  /** Adam: first-moment decay. */
  readonly beta1?: number;
  /** Adam: second-moment decay. */
  readonly beta2?: number;
  /** RMSProp and Adam: added to the root-mean-square before dividing. */
  readonly epsilon?: number;
}

/** One param's moment buffers in a snapshot: base64 of little-endian float64 bytes, `shape`'s size each. */
export interface ParamMoments {
  /** The param's shape when the snapshot was taken. */
  readonly shape: readonly number[];
  /** First moment (momentum, Adam), same shape as the param. */
  readonly v?: string;
  /** Second moment (RMSProp, Adam), same shape as the param. */
  readonly s?: string;
}

/** A JSON-safe optimizer snapshot: `JSON.parse(JSON.stringify(state))` restores it exactly. */
export interface OptimizerState {
  readonly kind: OptimizerKind;
  readonly hyperparameters: OptimizerHyperparameters;
  /** Steps taken so far (Adam's bias correction uses t + 1 at the next step). */
  readonly t: number;
  /** Moment buffers by param name; empty for gradient descent. */
  readonly moments: Readonly<Record<string, ParamMoments>>;
}

export { Adam, type AdamOptions } from './adam';
export { createOptimizer, type OptimizerSpec } from './create-optimizer';
export { GradientDescent, type GradientDescentOptions } from './gradient-descent';
export { Momentum, type MomentumOptions } from './momentum';
export { RMSProp, type RMSPropOptions } from './rmsprop';
export { type DecayFilter, defaultDecayFilter, type WeightDecayOptions } from './weight-decay';
