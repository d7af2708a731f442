/**
 * Learning-rate schedules: constant, step decay, exponential decay, inverse-time decay
 * (the course's `schedule_lr_decay`) and an expression string evaluated with mathjs
 * (loaded only for expression schedules: {@link loadExpressionParser}).
 *
 * ## The Schedule interface
 *
 * - `learningRate(epoch, iteration)` is the rate to use for the step taken at that
 *   epoch (from 0) and iteration (the global step count, from 0); the training loop
 *   assigns it to `optimizer.learningRate` before each step. It is a pure function of
 *   its arguments, so a resumed run needs no schedule state: only the epoch and
 *   iteration, which the checkpoint holds.
 * - Every schedule is validated when it is built (ConfigError naming the field and the
 *   value), and always returns a finite number > 0 for epoch, iteration ≥ 0.
 * - `describe()` is a one-line summary for logs and run records whose formula part is
 *   valid expression syntax, e.g. `exponential: 0.1 * 0.95 ^ epoch`.
 * - `checkRun(run)` checks the rate at every step of a run before it starts (the training
 *   loop calls it), so that a schedule that fails only at a later epoch (an expression that
 *   cannot be evaluated there, a decay that underflows to 0) fails before the first step.
 */

/** The steps a training run will take: step i (from `startIteration` to `numIterations - 1`) is in epoch ⌊i / batchesPerEpoch⌋. */
export interface ScheduleRun {
  /** The first step's iteration: 0, or where a resumed run starts. Default 0. */
  readonly startIteration?: number;
  /** One past the last step's iteration. */
  readonly numIterations: number;
  /** Optimizer steps per epoch, ≥ 1 (1 for full-batch training). */
  readonly batchesPerEpoch: number;
}

/** Maps training progress to a learning rate. See the module description above. */
export interface Schedule {
  /**
   * @param epoch - passes over the data so far, ≥ 0 (whole numbers in the training loop)
   * @param iteration - optimizer steps so far, ≥ 0
   * @returns the learning rate, a finite number > 0
   * @throws ConfigError for a negative or non-finite epoch or iteration, or (expression
   *   schedules only) when the expression gives no positive finite number there
   */
  learningRate(epoch: number, iteration: number): number;
  /** One line: the kind and its formula with the numbers filled in. */
  describe(): string;
  /**
   * Checks up front that `learningRate` gives a finite number > 0 at every step of `run`
   * (an expression schedule evaluates every step it can check cheaply, and keeps the values).
   * @throws ConfigError naming the formula and the first epoch where it fails
   */
  checkRun?(run: ScheduleRun): void;
}

export { ConstantSchedule, type ConstantScheduleOptions } from './constant';
export { type CreateScheduleOptions, createSchedule, loadSchedule, type ScheduleSpec } from './create-schedule';
export { ExponentialDecay, type ExponentialDecayOptions } from './exponential-decay';
export { type ExpressionParser, loadExpressionParser } from './expression-parser';
export { EXPRESSION_LIMITS, ExpressionSchedule, type ExpressionScheduleOptions } from './expression-schedule';
export { InverseTimeDecay, type InverseTimeDecayOptions } from './inverse-time-decay';
export { StepDecay, type StepDecayOptions } from './step-decay';
