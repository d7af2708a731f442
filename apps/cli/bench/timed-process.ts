import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatPoolTimeline, summarizePoolTimeline } from '@lab/trainer/node';
import type { PoolTimelineFile } from '../src/pool-timeline-file';

/** The built bin. */
export const LAB = fileURLToPath(new URL('../dist/lab.js', import.meta.url));

/** One `lab …` process: wall time, CPU time of all its threads, the load average at its start, its pool's timeline. */
export interface TimedRun {
  readonly wall: number;
  /** User + system seconds of the process (`/usr/bin/time`). */
  readonly cpu: number;
  readonly load: number;
  readonly timeline?: PoolTimelineFile;
}

/**
 * Runs `node dist/lab.js …args` in `cwd` under `/usr/bin/time`, with LAB_POOL_TIMELINE set so that
 * the command writes its pool's timeline (threads, jobs, CPU) beside it.
 * @throws Error when the command fails
 */
export function timedLab(args: readonly string[], cwd: string, name: string, env: Readonly<Record<string, string>> = {}): TimedRun {
  const timelinePath = join(cwd, `${name}.timeline.json`);
  rmSync(timelinePath, { force: true });
  const load = loadavg()[0] ?? 0;
  const started = performance.now();
  const child = spawnSync('/usr/bin/time', ['-f', 'TIME %U %S', process.execPath, LAB, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env, LAB_POOL_TIMELINE: timelinePath },
    maxBuffer: 64 * 2 ** 20,
  });
  const wall = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`lab ${args.join(' ')} failed: ${child.stderr}`);
  const match = /TIME ([\d.]+) ([\d.]+)\s*$/.exec(child.stderr);
  const timeline = existsSync(timelinePath) ? (JSON.parse(readFileSync(timelinePath, 'utf8')) as PoolTimelineFile) : undefined;
  return {
    wall,
    cpu: match === null ? Number.NaN : Number(match[1]) + Number(match[2]),
    load,
    ...(timeline === undefined ? {} : { timeline }),
  };
}

/**
 * A run in a few lines: wall and CPU seconds, the cores it got (CPU / wall), the load, then where the
 * CPU went (worker threads, the main thread, the rest: V8's GC and compiler threads, libuv) and each
 * thread's timeline.
 */
export function describeRun(label: string, run: TimedRun): string {
  const lines = [
    `${label}: ${run.wall.toFixed(2)} s wall, ${run.cpu.toFixed(2)} s CPU (${(run.cpu / run.wall).toFixed(2)} cores), load ${run.load.toFixed(1)}`,
  ];
  const file = run.timeline;
  if (file !== undefined) {
    const workers = file.timeline.workers.reduce((sum, w) => sum + (w.cpuMs ?? 0), 0) / 1000;
    const main = (file.mainCpuMs ?? Number.NaN) / 1000;
    const summary = summarizePoolTimeline(file.timeline);
    const idle = summary.reduce((sum, w) => sum + w.gapMs, 0) / 1000;
    lines.push(
      `  pool made ${(file.poolCreatedAt / 1000).toFixed(2)} s after the process started, its timeline saved ${(file.at / 1000).toFixed(2)} s after that (times below: since the pool was made)`,
      `  CPU by thread when the pool finished: workers ${workers.toFixed(2)} s, main ${main.toFixed(2)} s, other (GC, compiler, I/O) ${((file.processCpuMs.user + file.processCpuMs.system) / 1000 - workers - main).toFixed(2)} s; gaps between jobs ${idle.toFixed(2)} s`,
    );
    lines.push(
      ...formatPoolTimeline(file.timeline)
        .split('\n')
        .map((line) => `  ${line}`),
    );
  }
  return lines.join('\n');
}

/** The best (least) wall time of the runs with `workers`, and the runs' median. */
export function bestAndMedian(runs: readonly TimedRun[]): { best: number; median: number } {
  const walls = runs.map((r) => r.wall).sort((a, b) => a - b);
  return { best: walls[0] ?? Number.NaN, median: walls[walls.length >> 1] ?? Number.NaN };
}
