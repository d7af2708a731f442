/** One job as a {@link WorkerPool} thread ran it; milliseconds since the pool was made. */
export interface JobTimeline {
  readonly label: string;
  /** The pool handed the job to the thread. */
  readonly sentAt: number;
  /** The thread took it (after any earlier job's message, the shared data and the module import)… */
  readonly startedAt: number;
  /** …and finished it (measured in the thread). */
  readonly endedAt: number;
  /** The pool had the result. */
  readonly receivedAt: number;
  /** Of `endedAt − startedAt`, the time spent importing the task's module (the first job of a thread that did not preload it). */
  readonly importMs: number;
  /** The thread's CPU time over the job (Linux; 10 ms resolution). */
  readonly cpuMs?: number;
}

/** One thread of a {@link WorkerPool}. */
export interface WorkerTimeline {
  readonly name: string;
  readonly spawnedAt: number;
  /** The thread had started and imported the pool's preload modules. */
  readonly readyAt?: number;
  readonly preloadMs?: number;
  /** The thread's CPU time at its last report (Linux): start-up, preload and jobs. */
  readonly cpuMs?: number;
  readonly jobs: readonly JobTimeline[];
}

/** What {@link WorkerPool.timeline} returns. */
export interface PoolTimeline {
  /** When the pool was made, in epoch milliseconds (`performance.timeOrigin + performance.now()`). */
  readonly origin: number;
  readonly workers: readonly WorkerTimeline[];
}

/** A thread's timeline in a few numbers (milliseconds since the pool was made). */
export interface WorkerSummary {
  readonly name: string;
  readonly jobs: number;
  readonly spawnedAt: number;
  /** The thread was ready (or, without a ready report, took its first job). */
  readonly readyAt: number;
  readonly firstJobAt: number;
  readonly lastJobEndedAt: number;
  /** Time inside jobs, and of it the module imports. */
  readonly busyMs: number;
  readonly importMs: number;
  /** Time between jobs (hand-over, waiting for the next job), first job to last. */
  readonly gapMs: number;
  readonly cpuMs?: number;
}

/** Sums up each thread of a timeline. */
export function summarizePoolTimeline(timeline: PoolTimeline): WorkerSummary[] {
  return timeline.workers.map((worker) => {
    const jobs = [...worker.jobs].sort((a, b) => a.startedAt - b.startedAt);
    const first = jobs[0];
    const last = jobs.at(-1);
    let busyMs = 0;
    let importMs = 0;
    let gapMs = 0;
    jobs.forEach((job, i) => {
      busyMs += job.endedAt - job.startedAt;
      importMs += job.importMs;
      const previous = jobs[i - 1];
      if (previous !== undefined) gapMs += Math.max(0, job.startedAt - previous.endedAt);
    });
    return {
      name: worker.name,
      jobs: jobs.length,
      spawnedAt: worker.spawnedAt,
      readyAt: worker.readyAt ?? first?.startedAt ?? worker.spawnedAt,
      firstJobAt: first?.startedAt ?? Number.NaN,
      lastJobEndedAt: last?.endedAt ?? Number.NaN,
      busyMs,
      importMs,
      gapMs,
      ...(worker.cpuMs === undefined ? {} : { cpuMs: worker.cpuMs }),
    };
  });
}

/**
 * A table of a pool's threads for benchmarks and `--debug` output: when each thread was started,
 * ready, took its first job and finished its last, how long it worked (and imported), the gaps
 * between its jobs, and its CPU time (seconds).
 */
export function formatPoolTimeline(timeline: PoolTimeline): string {
  const s = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '-').padStart(6);
  const lines = ['worker     | jobs | spawned |  ready | first job | last end |   busy | import |   gaps |    cpu'];
  for (const w of summarizePoolTimeline(timeline)) {
    lines.push(
      `${w.name.padEnd(10)} | ${String(w.jobs).padStart(4)} |  ${s(w.spawnedAt)} | ${s(w.readyAt)} |    ${s(w.firstJobAt)} |   ${s(w.lastJobEndedAt)} | ${s(w.busyMs)} | ${s(w.importMs)} | ${s(w.gapMs)} | ${s(w.cpuMs ?? Number.NaN)}`,
    );
  }
  return lines.join('\n');
}
