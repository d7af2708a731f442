import { checkDecayingRun } from '../internal/schedule-run';
import { checkTime } from '../internal/schedule-time';
import { requireNonNegative, requirePositive } from '../internal/validate';
import type { Schedule, ScheduleRun } from './index';

/** Options of {@link InverseTimeDecay}. */
export interface InverseTimeDecayOptions {
  /** lr0, the rate during the first interval, > 0. */
  readonly learningRate: number;
  /** How fast the rate falls, ≥ 0 (0: constant). */
  readonly decayRate: number;
  /** Epochs per decay stage, > 0; default 1000 as in the course. 1 gives the smooth `lr0 / (1 + decayRate·epoch)`. */
  readonly timeInterval?: number;
}

/**
 * Inverse-time decay with fixed intervals, the course's `schedule_lr_decay`:
 * `lr0 / (1 + decayRate · floor(epoch / timeInterval))`.
 */
export class InverseTimeDecay implements Schedule {
  private readonly lr0: number;
  private readonly decayRate: number;
  private readonly timeInterval: number;

  /** @throws ConfigError `InverseTimeDecay: timeInterval must be > 0, got 0` and the like */
  constructor(options: InverseTimeDecayOptions) {
    this.lr0 = requirePositive('InverseTimeDecay', 'learningRate', options.learningRate);
    this.decayRate = requireNonNegative('InverseTimeDecay', 'decayRate', options.decayRate);
    this.timeInterval = requirePositive('InverseTimeDecay', 'timeInterval', options.timeInterval ?? 1000);
  }

  learningRate(epoch: number, iteration: number): number {
    checkTime('InverseTimeDecay', epoch, iteration);
    return this.lr0 / (1 + this.decayRate * Math.floor(epoch / this.timeInterval));
  }

  /** @throws ConfigError when the rate underflows to 0 before the run ends (it never increases, so the last step decides). */
  checkRun(run: ScheduleRun): void {
    checkDecayingRun('InverseTimeDecay', this, run);
  }

  describe(): string {
    return `inverse-time: ${this.lr0} / (1 + ${this.decayRate} * floor(epoch / ${this.timeInterval}))`;
  }
}
