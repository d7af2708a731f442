import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { PoolTimeline } from '@lab/trainer/node';
import type { CliIo } from './cli-io';

/** The environment variable that names the file {@link savePoolTimeline} writes. */
export const POOL_TIMELINE_ENV = 'LAB_POOL_TIMELINE';

/** What {@link savePoolTimeline} writes: the pool's threads, and the CPU time of the whole process and of its main thread. */
export interface PoolTimelineFile {
  readonly timeline: PoolTimeline;
  /** When the pool was made, in ms since the process started. */
  readonly poolCreatedAt: number;
  /** When the file was written, in ms since the pool was made. */
  readonly at: number;
  /** `process.cpuUsage()` so far, in ms: every thread of the process (main, workers, V8's GC and compiler threads). */
  readonly processCpuMs: { readonly user: number; readonly system: number };
  /** The main thread's CPU time so far (Linux). */
  readonly mainCpuMs?: number;
}

/**
 * For benchmarks: when `LAB_POOL_TIMELINE` names a file, writes a worker pool's timeline there (each
 * thread's start, jobs and CPU time; see `formatPoolTimeline`) with the process's CPU time, as JSON.
 * Nothing happens without the variable. A file that cannot be written is a warning, not a failure.
 */
export async function savePoolTimeline(io: CliIo, timeline: PoolTimeline): Promise<void> {
  const path = io.env[POOL_TIMELINE_ENV];
  if (path === undefined || path === '') return;
  const cpu = process.cpuUsage();
  // Loaded here, so that the commands importing this module do not load @lab/trainer/node for it.
  const { threadCpuMs } = await import('@lab/trainer/node');
  const mainCpuMs = threadCpuMs();
  const file: PoolTimelineFile = {
    timeline,
    poolCreatedAt: timeline.origin - performance.timeOrigin,
    at: performance.timeOrigin + performance.now() - timeline.origin,
    processCpuMs: { user: cpu.user / 1000, system: cpu.system / 1000 },
    ...(mainCpuMs === undefined ? {} : { mainCpuMs }),
  };
  try {
    await writeFile(resolve(io.cwd, path), `${JSON.stringify(file)}\n`);
  } catch (error) {
    io.stderr.write(`lab: warning: cannot write ${POOL_TIMELINE_ENV}=${path}: ${(error as Error).message}\n`);
  }
}
