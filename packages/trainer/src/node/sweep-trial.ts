import type { TrainRecord } from '@lab/run-record';
import { parseRunConfig } from '../config/run-config';
import type { RungReport, RungSchedule, TrialOutcome } from '../sweep/trial';
import { runCheckedSweepTrial } from './checked-trial';
import type { TaskContext } from './task-context';

/** The input of {@link runSweepTrial}: one trial of a sweep, as JSON. */
export interface SweepTrialInput {
  /** `t0003`, for messages. */
  readonly id: string;
  /** The trial's run config (checked again here: it may come from a queue). */
  readonly config: unknown;
  readonly rungs?: RungSchedule;
  /** Relative data paths resolve here. */
  readonly dataDir: string;
  /** Refuse data paths that leave `dataDir` (a queue worker: jobs are untrusted). */
  readonly confineData?: boolean;
  /** @lab package versions for the record's environment. */
  readonly packages?: Readonly<Record<string, string>>;
}

/** What {@link runSweepTrial} gives back: the outcome and the trial's run record. */
export interface SweepTrialOutput extends TrialOutcome {
  readonly runRecord: TrainRecord;
}

/** A message a trial posts at each rung. */
export interface RungMessage {
  readonly rung: RungReport;
}

/**
 * Runs one sweep trial: validates the run config with `lab train`'s schema, then runs it with
 * {@link runCheckedSweepTrial}. The task of `lab worker`, whose jobs come from a queue (untrusted).
 * @throws ConfigError / DatasetError for a bad config or data (the sweep then ends with one line)
 */
export function runSweepTrial(input: SweepTrialInput, context: TaskContext): Promise<SweepTrialOutput> {
  return runCheckedSweepTrial({ ...input, config: parseRunConfig(input.config, `trial ${input.id}`) }, context);
}
