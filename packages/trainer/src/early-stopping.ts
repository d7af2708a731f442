import type { Param } from '@lab/layers';
import { ConfigError, formatShape, StateError } from '@lab/tensor';
import { decodeFloat64, encodeFloat64 } from './internal/float64-base64';
import { describeValue, isRecord, requireInteger, requireNonNegative } from './internal/validate';

/** Options of {@link EarlyStopping}. */
export interface EarlyStoppingOptions {
  /** The metric to watch, a key of the metrics passed to `update`, e.g. `testAccuracy`. */
  readonly metric: string;
  /** `max` for accuracies (higher is better), `min` for costs. */
  readonly mode: 'max' | 'min';
  /** Epochs without improvement to tolerate before stopping, an integer ≥ 0. */
  readonly patience: number;
  /** How much better than the best a value must be to count as an improvement, ≥ 0; default 0. */
  readonly minDelta?: number;
}

/** A JSON-safe snapshot of {@link EarlyStopping}, for a checkpoint's `extra`. */
export interface EarlyStoppingState {
  readonly bestValue: number | null;
  readonly bestEpoch: number | null;
  readonly epochsWithoutImprovement: number;
  /** The best weights by param name: base64 of little-endian float64 bytes. */
  readonly weights: Readonly<Record<string, { readonly shape: readonly number[]; readonly data: string }>>;
}

interface Snapshot {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/**
 * Stops training when a validation metric has not improved for `patience` epochs,
 * and keeps a copy of the weights from the best epoch so they can be put back.
 *
 * An epoch improves when its value beats the best so far by more than `minDelta`
 * (`value > best + minDelta` for `max`, `value < best − minDelta` for `min`); the first
 * finite value always does, NaN never does. The copies live in buffers this object
 * owns, allocated at the first improvement and reused after it.
 *
 * @example
 * const stopper = new EarlyStopping({ metric: 'testAccuracy', mode: 'max', patience: 10 });
 * // each epoch:  if (stopper.update(epoch, { testAccuracy }, model.params())) break;
 * // at the end:  if (stopper.hasBest) stopper.restoreBest(model.params());
 */
export class EarlyStopping {
  readonly metric: string;
  readonly mode: 'max' | 'min';
  readonly patience: number;
  readonly minDelta: number;
  private best: number | null = null;
  private bestAt: number | null = null;
  private wait = 0;
  private readonly weights = new Map<string, Snapshot>();

  /** @throws ConfigError `EarlyStopping: patience must be an integer >= 0, got -1` and the like */
  constructor(options: EarlyStoppingOptions) {
    if (typeof options.metric !== 'string' || options.metric === '') {
      throw new ConfigError(`EarlyStopping: metric must be a non-empty string, got ${describeValue(options.metric)}`);
    }
    if (options.mode !== 'max' && options.mode !== 'min') {
      throw new ConfigError(`EarlyStopping: mode must be 'max' or 'min', got ${describeValue(options.mode)}`);
    }
    this.metric = options.metric;
    this.mode = options.mode;
    this.patience = requireInteger('EarlyStopping', 'patience', options.patience, 0);
    this.minDelta = requireNonNegative('EarlyStopping', 'minDelta', options.minDelta ?? 0);
  }

  /** The best value so far, or null before the first finite one. */
  get bestValue(): number | null {
    return this.best;
  }

  /** The epoch of the best value, or null. */
  get bestEpoch(): number | null {
    return this.bestAt;
  }

  /** Epochs since the last improvement. */
  get epochsWithoutImprovement(): number {
    return this.wait;
  }

  /** True once `patience` epochs in a row have not improved. */
  get shouldStop(): boolean {
    return this.wait > 0 && this.wait >= this.patience;
  }

  /** True when best weights have been saved, i.e. {@link EarlyStopping.restoreBest} can run. */
  get hasBest(): boolean {
    return this.best !== null;
  }

  /**
   * Records one epoch: on an improvement, copies the params' values as the new best.
   * @param epoch - the epoch just finished
   * @param metrics - this epoch's metrics; must contain `metric`
   * @param params - the model's params (any shapes; the same names and shapes every epoch)
   * @returns whether to stop now ({@link EarlyStopping.shouldStop})
   * @throws ConfigError when `metric` is missing, or the params changed since the last snapshot
   */
  update(epoch: number, metrics: Readonly<Record<string, number>>, params: readonly Param[]): boolean {
    const value = metrics[this.metric];
    if (!Object.hasOwn(metrics, this.metric) || typeof value !== 'number') {
      const names = Object.keys(metrics).join(', ') || 'none';
      throw new ConfigError(`EarlyStopping: metric ${this.metric} is not among this epoch's metrics (${names})`);
    }
    const improved =
      Number.isFinite(value) &&
      (this.best === null || (this.mode === 'max' ? value > this.best + this.minDelta : value < this.best - this.minDelta));
    if (improved) {
      this.copyWeights(params);
      this.best = value;
      this.bestAt = epoch;
      this.wait = 0;
    } else {
      this.wait += 1;
    }
    return this.shouldStop;
  }

  /**
   * Copies the best epoch's weights back into the params, in place.
   * @param params - the same names and shapes as at `update`
   * @throws StateError before any improvement has been recorded
   * @throws ConfigError when a param is missing from the snapshot or its shape differs
   */
  restoreBest(params: readonly Param[]): void {
    if (this.best === null) throw new StateError('EarlyStopping.restoreBest: no epoch has been recorded yet (call update first)');
    this.checkParams('restoreBest', params);
    for (const p of params) p.value.data.set((this.weights.get(p.name) as Snapshot).data);
  }

  /** A JSON-safe snapshot, restored exactly by {@link EarlyStopping.loadState}. */
  state(): EarlyStoppingState {
    const weights = [...this.weights].map(([name, s]) => [name, { shape: [...s.shape], data: encodeFloat64(s.data) }]);
    return { bestValue: this.best, bestEpoch: this.bestAt, epochsWithoutImprovement: this.wait, weights: Object.fromEntries(weights) };
  }

  /**
   * Restores a snapshot from {@link EarlyStopping.state}; the options stay this object's.
   * @throws ConfigError `EarlyStopping.loadState: <field>: <problem>`; a failed load changes nothing
   */
  loadState(state: EarlyStoppingState): void {
    const fail = (field: string, problem: string) => new ConfigError(`EarlyStopping.loadState: ${field}: ${problem}`);
    if (!isRecord(state)) throw fail('state', `expected an object, got ${describeValue(state)}`);
    const { bestValue, bestEpoch, epochsWithoutImprovement: wait } = state;
    if (bestValue !== null && !Number.isFinite(bestValue))
      throw fail('bestValue', `expected a finite number or null, got ${describeValue(bestValue)}`);
    if (bestEpoch !== null && typeof bestEpoch !== 'number')
      throw fail('bestEpoch', `expected a number or null, got ${describeValue(bestEpoch)}`);
    if (!Number.isSafeInteger(wait) || wait < 0)
      throw fail('epochsWithoutImprovement', `expected an integer >= 0, got ${describeValue(wait)}`);
    if (!isRecord(state.weights)) throw fail('weights', `expected an object, got ${describeValue(state.weights)}`);
    const weights = new Map<string, Snapshot>();
    for (const [name, entry] of Object.entries(state.weights)) {
      const shape = entry?.shape;
      if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
        throw fail(`weights.${name}.shape`, `expected a list of non-negative integers, got ${describeValue(shape)}`);
      }
      const data = decodeFloat64(
        entry.data,
        shape.reduce((a, b) => a * b, 1),
      );
      if (typeof data === 'string') throw fail(`weights.${name}.data`, data);
      weights.set(name, { shape: Object.freeze([...shape]), data });
    }
    if ((bestValue === null) !== (weights.size === 0)) throw fail('weights', 'must be present exactly when bestValue is');
    this.best = bestValue;
    this.bestAt = bestEpoch;
    this.wait = wait;
    this.weights.clear();
    for (const [name, snapshot] of weights) this.weights.set(name, snapshot);
  }

  private copyWeights(params: readonly Param[]): void {
    if (this.weights.size === 0) {
      for (const p of params) this.weights.set(p.name, { shape: Object.freeze([...p.value.shape]), data: p.value.data.slice() });
      return;
    }
    this.checkParams('update', params);
    for (const p of params) (this.weights.get(p.name) as Snapshot).data.set(p.value.data);
  }

  private checkParams(method: string, params: readonly Param[]): void {
    for (const p of params) {
      const saved = this.weights.get(p.name);
      if (saved === undefined) {
        throw new ConfigError(
          `EarlyStopping.${method}: param ${p.name} is not among the saved weights (${[...this.weights.keys()].join(', ')})`,
        );
      }
      const shape = p.value.shape;
      if (saved.shape.length !== shape.length || saved.shape.some((d, i) => d !== shape[i])) {
        throw new ConfigError(
          `EarlyStopping.${method}: param ${p.name} has shape ${formatShape(shape)} but the saved weights are ${formatShape(saved.shape)}`,
        );
      }
    }
    if (params.length !== this.weights.size) {
      throw new ConfigError(`EarlyStopping.${method}: got ${params.length} params but the saved weights have ${this.weights.size}`);
    }
  }
}
