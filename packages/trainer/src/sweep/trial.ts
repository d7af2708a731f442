import type { JsonValue } from './param-path';

/**
 * Where a trial reports its intermediate metrics (the rungs of early termination), in training
 * steps: `first, first + interval, …` (median rule) or `first, first·factor, first·factor², …` (ASHA).
 */
export type RungSchedule =
  | { readonly kind: 'linear'; readonly first: number; readonly interval: number }
  | { readonly kind: 'geometric'; readonly first: number; readonly factor: number };

/** The rung steps of a schedule up to `maxStep` inclusive, in increasing order. */
export function rungSteps(schedule: RungSchedule, maxStep: number): number[] {
  const steps: number[] = [];
  for (let step = schedule.first; step <= maxStep; ) {
    steps.push(step);
    step = schedule.kind === 'linear' ? step + schedule.interval : step * schedule.factor;
  }
  return steps;
}

/** One planned training of a sweep: a point of the search space, one repeat, its seed and its run config. */
export interface TrialSpec {
  /** `t0000`, `t0001`, … in the order trials are planned. */
  readonly id: string;
  readonly index: number;
  /** The point of the search space (trials of one point differ only in their seed). */
  readonly point: number;
  readonly repeat: number;
  /** The seed written at the sweep's `seedPath`: the sweep's seed + repeat. */
  readonly seed: number;
  /** The varied parameters' values, by name as written in the sweep config. */
  readonly params: { readonly [name: string]: JsonValue };
  /** The whole run config: the base with the parameters and the seed set. */
  readonly config: JsonValue;
  /** When early termination is on: the steps at which to report a {@link RungReport}. */
  readonly rungs?: RungSchedule;
}

/** Metrics at one rung, e.g. `{ step: 1000, metrics: { cost: 0.31, testAccuracy: 0.91 } }`. */
export interface RungReport {
  readonly step: number;
  readonly metrics: { readonly [name: string]: number };
}

/** What running a trial gives back, whatever ran it. */
export interface TrialOutcome {
  /** Final metrics, e.g. `trainAccuracy`, `testAccuracy`, `finalCost`. */
  readonly metrics: { readonly [name: string]: number };
  /** The rungs reached, in order (empty without early termination). */
  readonly rungs: readonly RungReport[];
  /** Wall-clock seconds of the training where it ran. */
  readonly seconds: number;
  /** Which worker ran it, e.g. `thread 2` or `host:pid/thread 1`. */
  readonly worker?: string;
  /** The trial's run record, relative to the sweep's output folder. */
  readonly record?: string;
  /**
   * The run record itself, as the worker sent it: the coordinator writes it to a file and journals
   * its path (`record`), never the record.
   */
  readonly runRecord?: unknown;
}

/** A trial's final result: its outcome with early termination applied. */
export interface TrialResult {
  readonly trial: TrialSpec;
  /** `stopped`: early termination ended it at `stoppedAt`, and its metrics are those of that rung. */
  readonly status: 'completed' | 'stopped';
  readonly stoppedAt?: number;
  readonly metrics: { readonly [name: string]: number };
  readonly rungs: readonly RungReport[];
  readonly seconds: number;
  readonly worker?: string;
  readonly record?: string;
}
