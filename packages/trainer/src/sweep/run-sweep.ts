import { type JournalEvent, resultEvent, trialEvent } from './journal';
import type { SweepStudy } from './sweep-study';
import type { RungReport, TrialOutcome, TrialResult, TrialSpec } from './trial';

/** What an executor is told while a trial runs. */
export interface TrialHooks {
  /** The trial reached a rung: the coordinator may answer with {@link TrialExecutor.stop}. */
  onRung(rung: RungReport): void;
}

/**
 * Runs trials somewhere: worker threads here, processes on other machines. Whatever it is, a
 * trial's outcome must depend on the trial alone.
 */
export interface TrialExecutor {
  /** Trials it runs at once; the coordinator keeps this many in flight. */
  readonly slots: number;
  /**
   * Runs one trial to its outcome.
   * @throws when the trial or its worker fails: the sweep ends with that error
   */
  run(trial: TrialSpec, hooks: TrialHooks): Promise<TrialOutcome>;
  /** Early termination decided to stop a running trial: end it at its next rung (best effort). */
  stop(trialId: string): void;
  /** Stops every worker; called once, whether the sweep ended well or not. */
  close(): Promise<void>;
}

/** Where journal lines go (a file, fsync'd, in Node). */
export interface JournalSink {
  append(event: JournalEvent): Promise<void>;
}

/** Progress of a sweep, for a progress display. */
export type SweepProgress =
  | { readonly kind: 'started'; readonly trial: TrialSpec }
  | { readonly kind: 'finished'; readonly trial: TrialSpec; readonly outcome: TrialOutcome; readonly done: number; readonly total: number };

/** Options of {@link runSweep}. */
export interface RunSweepOptions {
  readonly study: SweepStudy;
  readonly executor: TrialExecutor;
  readonly journal: JournalSink;
  readonly onProgress?: (progress: SweepProgress) => void;
  /** ISO time stamps for the journal; default `new Date().toISOString()`. */
  readonly now?: () => string;
  /**
   * Makes a trial's record before its result is journaled (e.g. writes its run record and returns
   * its path); the outcome it returns is the one journaled.
   */
  readonly finishOutcome?: (trial: TrialSpec, outcome: TrialOutcome) => Promise<TrialOutcome>;
}

/**
 * The coordinator: keeps `executor.slots` trials in flight, journals each trial when it is handed
 * out and each outcome when it arrives (before asking for more), passes rung reports to the study
 * and stop decisions back to the executor. Ends when every trial has a final result; on the
 * first failure it journals the failure, closes the executor (stopping the other trials) and
 * rethrows.
 * @returns the final results, in trial order
 */
export async function runSweep(options: RunSweepOptions): Promise<TrialResult[]> {
  const { study, executor, journal } = options;
  const now = options.now ?? (() => new Date().toISOString());
  const running = new Map<string, Promise<{ trial: TrialSpec; outcome: TrialOutcome }>>();
  const stopped = new Set<string>();

  const checkDecisions = (): void => {
    for (const id of running.keys()) {
      if (stopped.has(id)) continue;
      const trial = study.trial(id) as TrialSpec;
      if (trial.rungs === undefined) continue;
      for (const rung of study.rungsSoFar(id)) {
        if (study.decide(id, rung.step) === 'stop') {
          stopped.add(id);
          executor.stop(id);
          break;
        }
      }
    }
  };

  let closed = false;
  try {
    let total = 0;
    for (;;) {
      while (running.size < executor.slots) {
        const next = study.ask();
        if (next.kind !== 'trial') break;
        const trial = next.trial;
        await journal.append(trialEvent(trial, now()));
        options.onProgress?.({ kind: 'started', trial });
        const hooks: TrialHooks = {
          onRung: (rung) => {
            study.report(trial.id, rung);
            checkDecisions();
          },
        };
        const settled = executor.run(trial, hooks).then(
          (outcome) => ({ trial, outcome }),
          (error: unknown) => {
            throw new TrialFailure(trial, error);
          },
        );
        // Handled here (the race below reports it): a trial may fail while more are being handed out.
        settled.catch(() => undefined);
        running.set(trial.id, settled);
      }
      if (running.size === 0) break;
      let settled: { trial: TrialSpec; outcome: TrialOutcome };
      try {
        settled = await Promise.race(running.values());
      } catch (error) {
        if (error instanceof TrialFailure) {
          running.delete(error.trial.id);
          await executor.close().catch(() => undefined);
          closed = true;
          await journal.append({ type: 'failure', at: now(), id: error.trial.id, message: messageOf(error.cause) }).catch(() => undefined);
          throw error.cause;
        }
        throw error;
      }
      running.delete(settled.trial.id);
      stopped.delete(settled.trial.id);
      const outcome = options.finishOutcome === undefined ? settled.outcome : await options.finishOutcome(settled.trial, settled.outcome);
      if (study.tell(settled.trial.id, outcome)) {
        await journal.append(resultEvent(settled.trial.id, outcome, now()));
        total = study.toldCount();
        options.onProgress?.({ kind: 'finished', trial: settled.trial, outcome, done: total, total: study.totalTrials });
      }
      checkDecisions();
    }
    if (!study.isComplete()) {
      throw new Error(`runSweep: ${study.toldCount()} of ${study.totalTrials} trials finished and none is running: the study is stuck`);
    }
    await journal.append({ type: 'complete', at: now(), trials: study.totalTrials });
    return study.results();
  } finally {
    if (!closed) await executor.close();
  }
}

/** A trial's failure, carried through Promise.race with the trial it belongs to. */
class TrialFailure extends Error {
  readonly trial: TrialSpec;
  override readonly cause: unknown;

  constructor(trial: TrialSpec, cause: unknown) {
    super(messageOf(cause));
    this.trial = trial;
    this.cause = cause;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
