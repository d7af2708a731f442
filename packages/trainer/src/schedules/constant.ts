import { checkDecayingRun } from '../internal/schedule-run';
import { checkTime } from '../internal/schedule-time';
import { requirePositive } from '../internal/validate';
import type { Schedule, ScheduleRun } from './index';

/** Options of {@link ConstantSchedule}. */
export interface ConstantScheduleOptions {
  /** The rate at every step, > 0. */
  readonly learningRate: number;
}

/** The same learning rate at every step (the course's reference runs: 0.3). */
export class ConstantSchedule implements Schedule {
  private readonly lr0: number;

  /** @throws ConfigError `ConstantSchedule: learningRate must be > 0, got 0` */
  constructor(options: ConstantScheduleOptions) {
    this.lr0 = requirePositive('ConstantSchedule', 'learningRate', options.learningRate);
  }

  learningRate(epoch: number, iteration: number): number {
    checkTime('ConstantSchedule', epoch, iteration);
    return this.lr0;
  }

  /** Nothing to check beyond the run's fields: the rate is the same at every step. */
  checkRun(run: ScheduleRun): void {
    checkDecayingRun('ConstantSchedule', this, run);
  }

  describe(): string {
    return `constant: ${this.lr0}`;
  }
}
