import { availableParallelism } from 'node:os';

/** At most this many threads per core: more only adds memory and switching, never speed. */
export const WORKERS_PER_CORE = 4;

/** A worker count and, when it differs from what was asked for, a note saying why. */
export interface WorkerCount {
  readonly count: number;
  readonly note?: string;
}

/**
 * How many worker threads to start: the requested number (default: one per core), capped at the
 * number of jobs (an idle thread costs memory) and at {@link WORKERS_PER_CORE} per core. A note
 * says so when an explicit request was capped.
 * @param requested - `--workers N`, or undefined for the default
 * @param jobs - how many jobs there are to run (≥ 1 thread even for none)
 * @param noun - what a job is called in the note: `trial`, `training`
 * @param cores - default `os.availableParallelism()`
 */
export function resolveWorkerCount(requested: number | undefined, jobs: number, noun = 'job', cores = availableParallelism()): WorkerCount {
  const perCore = WORKERS_PER_CORE * Math.max(1, cores);
  const wanted = requested ?? Math.max(1, cores);
  const count = Math.max(1, Math.min(wanted, perCore, Math.max(1, jobs)));
  if (requested === undefined || count === requested) return { count };
  const why =
    count === perCore && perCore < Math.max(1, jobs)
      ? `at most ${WORKERS_PER_CORE} per core on this ${cores}-core machine`
      : `one per ${noun}: there ${jobs === 1 ? 'is' : 'are'} ${jobs} ${noun}${jobs === 1 ? '' : 's'}`;
  return { count, note: `--workers ${requested}: using ${count} (${why})` };
}
