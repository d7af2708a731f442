import { checkDecayingRun } from '../internal/schedule-run';
import { checkTime } from '../internal/schedule-time';
import { requireDecayFactor, requireInteger, requirePositive } from '../internal/validate';
import type { Schedule, ScheduleRun } from './index';

/** Options of {@link StepDecay}. */
export interface StepDecayOptions {
  /** lr0, the rate during the first `epochsPerDrop` epochs, > 0. */
  readonly learningRate: number;
  /** Multiplies the rate at every drop, in (0, 1]. */
  readonly dropFactor: number;
  /** Epochs between drops, an integer ≥ 1. */
  readonly epochsPerDrop: number;
}

/** Step decay: `lr0 · dropFactor ^ floor(epoch / epochsPerDrop)`, e.g. halve every 10 epochs. */
export class StepDecay implements Schedule {
  private readonly lr0: number;
  private readonly dropFactor: number;
  private readonly epochsPerDrop: number;

  /** @throws ConfigError `StepDecay: dropFactor must be in (0, 1], got 2` and the like */
  constructor(options: StepDecayOptions) {
    this.lr0 = requirePositive('StepDecay', 'learningRate', options.learningRate);
    this.dropFactor = requireDecayFactor('StepDecay', 'dropFactor', options.dropFactor);
    this.epochsPerDrop = requireInteger('StepDecay', 'epochsPerDrop', options.epochsPerDrop, 1);
  }

  learningRate(epoch: number, iteration: number): number {
    checkTime('StepDecay', epoch, iteration);
    return this.lr0 * this.dropFactor ** Math.floor(epoch / this.epochsPerDrop);
  }

  /** @throws ConfigError when the rate underflows to 0 before the run ends (it never increases, so the last step decides). */
  checkRun(run: ScheduleRun): void {
    checkDecayingRun('StepDecay', this, run);
  }

  describe(): string {
    return `step: ${this.lr0} * ${this.dropFactor} ^ floor(epoch / ${this.epochsPerDrop})`;
  }
}
