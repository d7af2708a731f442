import type { Param } from '@lab/layers';
import { arenaOf, ConfigError, formatShape, type KernelSet, ShapeError } from '@lab/tensor';
import type { Optimizer, OptimizerKind, OptimizerState, ParamMoments } from '../optimizers/index';
import { type DecayFilter, defaultDecayFilter } from '../optimizers/weight-decay';
import { encodeFloat64 } from './float64-base64';
import { decodeOptimizerState, HYPERPARAMETERS_BY_KIND, MOMENTS_BY_KIND } from './optimizer-state';
import { requireNonNegative, requirePositive } from './validate';

const EMPTY = new Float64Array(0);

/** Per-param state: moment buffers (EMPTY when the kind does not use them) and cached decisions. */
export interface Slot {
  readonly shape: readonly number[];
  /** First moment, same size as the param (momentum, Adam). */
  readonly v: Float64Array;
  /** Second moment, same size as the param (RMSProp, Adam). */
  readonly s: Float64Array;
  /** Whether weight decay applies (the decay filter's answer, asked once). */
  readonly decay: boolean;
  /**
   * The kernels of the arena that held the param's value and grad when these moments were
   * allocated there too (a compiled model's), for an update in one kernel call; null when they
   * were not all in one arena. Use them only while value and grad still lie in `arenaBuffer`.
   */
  readonly kernels: KernelSet | null;
  /** That arena's memory (null without kernels). */
  readonly arenaBuffer: ArrayBufferLike | null;
  /** The `step` call that last saw this name, to catch duplicate names. */
  visit: number;
}

/** What every optimizer's constructor gets besides its own hyperparameters. */
export interface BaseOptions {
  readonly learningRate: number;
  readonly weightDecay?: number;
  readonly decayFilter?: DecayFilter;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The machinery the four optimizers share: learning rate and weight decay, moment
 * buffers by param name, the two-pass `step` (check everything, then update), and
 * `state`/`loadState`. A subclass supplies its update rule and its own hyperparameters.
 */
export abstract class OptimizerBase implements Optimizer {
  readonly kind: OptimizerKind;
  /** Steps taken so far. */
  protected t = 0;
  private lr: number;
  private decayRate: number;
  private readonly decayFilter: DecayFilter;
  private readonly slots = new Map<string, Slot>();
  private readonly momentNames: readonly ('v' | 's')[];
  private visits = 0;
  /** Set by `loadState` when the snapshot's params must match the next step's. */
  private restoredNames: ReadonlySet<string> | null = null;

  /**
   * @param label - the class name that prefixes messages, e.g. `Adam`
   * @throws ConfigError when learningRate or weightDecay is out of range
   */
  protected constructor(
    protected readonly label: string,
    kind: OptimizerKind,
    options: BaseOptions,
  ) {
    this.kind = kind;
    this.momentNames = MOMENTS_BY_KIND[kind];
    this.lr = requirePositive(label, 'learningRate', options.learningRate);
    this.decayRate = requireNonNegative(label, 'weightDecay', options.weightDecay ?? 0);
    if (options.decayFilter !== undefined && typeof options.decayFilter !== 'function') {
      throw new ConfigError(`${label}: decayFilter must be a function (name) => boolean`);
    }
    this.decayFilter = options.decayFilter ?? defaultDecayFilter;
  }

  get learningRate(): number {
    return this.lr;
  }

  set learningRate(value: number) {
    this.lr = requirePositive(this.label, 'learningRate', value);
  }

  /** The decoupled weight decay factor (0: off). */
  get weightDecay(): number {
    return this.decayRate;
  }

  /** Steps taken so far. */
  get stepCount(): number {
    return this.t;
  }

  /** Called once per step, after `t` is incremented and before any update (Adam's bias corrections). */
  protected beginStep(_t: number): void {}

  /**
   * Updates one param in place.
   * @param w - the param's values, (K,) flattened
   * @param g - its gradient, (K,)
   * @param slot - its moment buffers, (K,) each (EMPTY when unused)
   */
  protected abstract update(w: Float64Array, g: Float64Array, slot: Slot): void;

  /** The subclass's own hyperparameters, for `state()`. */
  protected abstract ownHyperparameters(): Record<string, number>;

  /**
   * Validates the subclass's hyperparameters from a snapshot, then adopts them; throws before changing anything.
   * @param owner - the message prefix, `Adam.loadState`
   */
  protected abstract restoreHyperparameters(hyperparameters: Readonly<Record<string, number>>, owner: string): void;

  step(params: readonly Param[]): void {
    const visit = ++this.visits;
    // Pass 1: check every param (and allocate buffers for new names) before touching any value.
    for (let i = 0; i < params.length; i++) {
      const p = params[i];
      const value = p.value;
      const grad = p.grad;
      if (!sameShape(value.shape, grad.shape)) {
        throw new ShapeError(`${this.label}.step`, [value.shape, grad.shape], `param ${p.name}: value and grad shapes differ`, ' and ');
      }
      let slot = this.slots.get(p.name);
      if (slot === undefined) {
        if (this.restoredNames !== null) {
          throw new ConfigError(
            `${this.label}.step: param ${p.name} has no moment buffers in the loaded state (which has ${[...this.restoredNames].join(', ')})`,
          );
        }
        slot = this.createSlot(p);
      } else if (slot.visit === visit) {
        throw new ConfigError(`${this.label}.step: two params are named ${p.name}`);
      } else if (!sameShape(slot.shape, value.shape)) {
        const origin = this.restoredNames !== null ? 'the loaded state has' : 'earlier steps had';
        throw new ConfigError(
          `${this.label}.step: param ${p.name} has shape ${formatShape(value.shape)} but ${origin} ${formatShape(slot.shape)}`,
        );
      }
      slot.visit = visit;
    }
    if (this.restoredNames !== null) {
      for (const name of this.restoredNames) {
        if (this.slots.get(name)?.visit !== visit) {
          throw new ConfigError(`${this.label}.step: the loaded state has moment buffers for ${name}, which is not among the params`);
        }
      }
      this.restoredNames = null;
    }

    // Pass 2: update.
    const t = ++this.t;
    this.beginStep(t);
    const lr = this.lr;
    const shrink = lr * this.decayRate;
    for (let i = 0; i < params.length; i++) {
      const p = params[i];
      const w = p.value.data;
      const slot = this.slots.get(p.name) as Slot;
      if (slot.decay && shrink !== 0) {
        // Decoupled: w −= lr·weightDecay·w, from the weights before this step's update.
        for (let j = 0; j < w.length; j++) w[j] -= shrink * w[j];
      }
      this.update(w, p.grad.data, slot);
    }
  }

  state(): OptimizerState {
    const moments: [string, ParamMoments][] = [];
    if (this.momentNames.length > 0) {
      for (const [name, slot] of this.slots) {
        const entry: { shape: number[]; v?: string; s?: string } = { shape: [...slot.shape] };
        for (const moment of this.momentNames) entry[moment] = encodeFloat64(slot[moment]);
        moments.push([name, entry]);
      }
    }
    return {
      kind: this.kind,
      hyperparameters: { learningRate: this.lr, weightDecay: this.decayRate, ...this.ownHyperparameters() },
      t: this.t,
      // fromEntries defines own properties, so even a param named `__proto__` survives.
      moments: Object.fromEntries(moments),
    };
  }

  loadState(state: OptimizerState): void {
    const owner = `${this.label}.loadState`;
    const decoded = decodeOptimizerState(state, owner, 'state');
    if (decoded.kind !== this.kind) {
      throw new ConfigError(`${owner}: state.kind is '${decoded.kind}', expected '${this.kind}'`);
    }
    const h = decoded.hyperparameters;
    const lr = requirePositive(owner, 'state.hyperparameters.learningRate', h.learningRate);
    const decayRate = requireNonNegative(owner, 'state.hyperparameters.weightDecay', h.weightDecay);
    const subclassKeys = HYPERPARAMETERS_BY_KIND[this.kind].filter((k) => k !== 'learningRate' && k !== 'weightDecay');
    const slots: [string, Slot][] = [];
    for (const [name, m] of decoded.moments) {
      slots.push([
        name,
        {
          shape: m.shape,
          v: m.v ?? EMPTY,
          s: m.s ?? EMPTY,
          decay: Boolean(this.decayFilter(name)),
          kernels: null,
          arenaBuffer: null,
          visit: 0,
        },
      ]);
    }
    this.restoreHyperparameters(Object.fromEntries(subclassKeys.map((k) => [k, h[k]])), owner);
    // Nothing below can throw: the snapshot is adopted as a whole or not at all.
    this.lr = lr;
    this.decayRate = decayRate;
    this.t = decoded.t;
    this.slots.clear();
    for (const [name, slot] of slots) this.slots.set(name, slot);
    this.restoredNames = this.momentNames.length > 0 && decoded.t > 0 ? new Set(decoded.moments.keys()) : null;
  }

  /**
   * A new param's slot. When the param's value and grad lie in one arena (a compiled model's) with
   * room to spare, the moments are allocated there too, so that an update can be one call of the
   * arena's kernel (see Adam); otherwise they are plain arrays.
   */
  private createSlot(param: Param): Slot {
    const { name } = param;
    const shape = param.value.shape;
    let size = 1;
    for (const d of shape) size *= d;
    const needsV = this.momentNames.includes('v');
    const needsS = this.momentNames.includes('s');
    const arena = arenaOf(param.value.data);
    let v: Float64Array | null = null;
    let s: Float64Array | null = null;
    if (arena !== undefined && arenaOf(param.grad.data) === arena) {
      v = needsV ? arena.allocate(size) : EMPTY;
      s = needsS && v !== null ? arena.allocate(size) : EMPTY;
    }
    const inArena = v !== null && s !== null && arena !== undefined;
    const slot: Slot = {
      shape: Object.freeze([...shape]),
      v: needsV ? (inArena ? (v as Float64Array) : new Float64Array(size)) : EMPTY,
      s: needsS ? (inArena ? (s as Float64Array) : new Float64Array(size)) : EMPTY,
      decay: Boolean(this.decayFilter(name)),
      kernels: inArena ? arena.kernels : null,
      arenaBuffer: inArena ? param.value.data.buffer : null,
      visit: 0,
    };
    this.slots.set(name, slot);
    return slot;
  }
}
