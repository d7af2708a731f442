import { ConfigError } from '@lab/tensor';
import type { Schedule, ScheduleRun } from '../schedules';
import { describeValue } from './validate';

/** The steps of a run as (epoch, iteration) bounds, after checking its fields. */
export interface RunSteps {
  readonly firstIteration: number;
  /** The last step's iteration; -1 when the run takes no step. */
  readonly lastIteration: number;
  readonly batchesPerEpoch: number;
}

/**
 * Validates a {@link ScheduleRun}: integers, startIteration in [0, numIterations], batchesPerEpoch ≥ 1.
 * @throws ConfigError `<owner>.checkRun: batchesPerEpoch must be an integer >= 1, got 0`
 */
export function runSteps(owner: string, run: ScheduleRun): RunSteps {
  const { startIteration = 0, numIterations, batchesPerEpoch } = run;
  const integer = (name: string, value: number, min: number) => {
    if (!Number.isSafeInteger(value) || value < min) {
      throw new ConfigError(`${owner}.checkRun: ${name} must be an integer >= ${min}, got ${describeValue(value)}`);
    }
  };
  integer('numIterations', numIterations, 0);
  integer('startIteration', startIteration, 0);
  integer('batchesPerEpoch', batchesPerEpoch, 1);
  if (startIteration > numIterations) {
    throw new ConfigError(`${owner}.checkRun: startIteration ${startIteration} is past numIterations ${numIterations}`);
  }
  return { firstIteration: startIteration, lastIteration: numIterations - 1, batchesPerEpoch };
}

/**
 * Checks a schedule whose rate never increases with the epoch (the closed-form decays): when
 * the last step's rate is > 0, all are. Otherwise (a decay that underflows to 0 in a long run)
 * it names the first epoch whose rate is 0, found by bisection.
 * @throws ConfigError `ExponentialDecay: 0.1 * 0.5 ^ epoch reaches 0 at epoch 1071 (the run ends in epoch 1999); …`
 */
export function checkDecayingRun(owner: string, schedule: Schedule, run: ScheduleRun): void {
  const { firstIteration, lastIteration, batchesPerEpoch } = runSteps(owner, run);
  if (lastIteration < firstIteration) return;
  const rateAt = (epoch: number) => schedule.learningRate(epoch, epoch * batchesPerEpoch);
  let good = Math.floor(firstIteration / batchesPerEpoch);
  let bad = Math.floor(lastIteration / batchesPerEpoch);
  if (rateAt(bad) > 0) return;
  if (!(rateAt(good) > 0)) bad = good;
  else {
    while (bad - good > 1) {
      const middle = Math.floor((good + bad) / 2);
      if (rateAt(middle) > 0) good = middle;
      else bad = middle;
    }
  }
  const formula = schedule.describe().replace(/^[a-z-]+: /, '');
  throw new ConfigError(
    `${owner}: ${formula} reaches 0 at epoch ${bad} (the run ends in epoch ${Math.floor(lastIteration / batchesPerEpoch)}); a learning rate must be > 0: decay more slowly or train for fewer epochs`,
  );
}
