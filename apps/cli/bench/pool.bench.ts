import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BATCHNORM_EXPERIMENT_DEFAULTS, type BatchnormRecord, loadBatchnormDigits, weightScaleJobs } from '@lab/experiment-batchnorm';
import { formatPoolTimeline, type PoolTimeline, threadCpuMs } from '@lab/trainer/node';
import { test } from 'vitest';
import { runJobsOnPool } from '../src/batchnorm-pool';
import { bestAndMedian, describeRun, LAB, type TimedRun, timedLab } from './timed-process';

// The batch-norm experiment's speedup from a second worker, same run, alternating 1 and 2 workers
// LAB_BENCH_ROUNDS times (default 3); every time is printed with the load average at its start
// (the machine may be shared: then the ratio means little, the CPU times still do).
//
// 1. `lab experiment batchnorm --workers 1` against `--workers 2`, whole processes (start-up, data,
//    parts 1–3, the 51 trainings, the report): best and median wall time of each, their ratio
//    (target: at least 1.8× on two cores), the CPU time, where it went (worker threads, main
//    thread, the rest) and each worker's timeline (LAB_POOL_TIMELINE), and a check that the
//    deterministic results (parts 1, 2, 4–6) are identical in every run.
// 2. The pool alone: the 40 trainings of the weight-scale sweep on 1 and 2 threads, in this process
//    (LAB_BENCH_SCALES=n: the first n scales only; LAB_BENCH_POOL=0 skips this part).
//
// Build first: `pnpm --filter @lab/cli... build`.

const config = BATCHNORM_EXPERIMENT_DEFAULTS;
const rounds = Number(process.env.LAB_BENCH_ROUNDS ?? 3);

/** What must not depend on the number of workers: everything but timings, speeds and the worker count. */
function deterministic(record: BatchnormRecord): string {
  return JSON.stringify([record.forwardStatistics, record.gradientChecks, record.deepMlp, record.weightScaleSweep, record.batchSize]);
}

test('lab experiment batchnorm: --workers 2 against --workers 1', { timeout: 3_600_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-pool-bench-'));
  try {
    console.log(`\nlab experiment batchnorm (${LAB}), ${availableParallelism()} cores, ${rounds} rounds`);
    const runs: Record<number, TimedRun[]> = { 1: [], 2: [] };
    const results = new Set<string>();
    for (let round = 0; round < rounds; round++) {
      for (const workers of [1, 2]) {
        const out = `out-${round}-${workers}`;
        const run = timedLab(['experiment', 'batchnorm', '--workers', String(workers), '--out', out, '--quiet'], dir, out);
        runs[workers]?.push(run);
        console.log(describeRun(`round ${round + 1}, ${workers} worker${workers === 1 ? '' : 's'}`, run));
        results.add(deterministic(JSON.parse(readFileSync(join(dir, out, 'run.json'), 'utf8')) as BatchnormRecord));
      }
    }
    const one = bestAndMedian(runs[1] ?? []);
    const two = bestAndMedian(runs[2] ?? []);
    const cpu = (workers: number) => bestAndMedian((runs[workers] ?? []).map((r) => ({ ...r, wall: r.cpu }))).median;
    console.log(
      `lab experiment batchnorm: 2 workers ${(one.best / two.best).toFixed(2)}× faster than 1 (best of ${rounds}: ${one.best.toFixed(2)} s vs ${two.best.toFixed(2)} s; medians ${(one.median / two.median).toFixed(2)}×; target ≥ 1.8×); CPU (median) ${cpu(1).toFixed(2)} s vs ${cpu(2).toFixed(2)} s (${((cpu(2) / cpu(1) - 1) * 100).toFixed(0)}% more with 2); identical results: ${results.size === 1 ? 'yes' : 'NO'}\n`,
    );
    if (results.size !== 1) throw new Error('the deterministic results differ between runs');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.runIf(process.env.LAB_BENCH_POOL !== '0')(
  'batch-norm pool alone: the weight-scale trainings on 1 and 2 threads',
  { timeout: 1_800_000 },
  async () => {
    const scales = Number(process.env.LAB_BENCH_SCALES ?? config.weightScaleSweep.scales.length);
    const jobs = weightScaleJobs({ ...config.weightScaleSweep, scales: config.weightScaleSweep.scales.slice(0, scales) }, config.seed);
    const { data } = await loadBatchnormDigits(config);
    const timed = async (workers: number) => {
      const cpu = process.cpuUsage();
      const mainCpu = threadCpuMs() ?? 0;
      const start = performance.now();
      let timeline: PoolTimeline | undefined;
      const outcomes = await runJobsOnPool(jobs, data, { workers, onTimeline: (t) => (timeline = t) });
      const seconds = (performance.now() - start) / 1000;
      const used = process.cpuUsage(cpu);
      const total = (used.user + used.system) / 1e6;
      const threads = (timeline?.workers ?? []).reduce((sum, w) => sum + (w.cpuMs ?? 0), 0) / 1000;
      const main = ((threadCpuMs() ?? 0) - mainCpu) / 1000;
      console.log(
        `${workers} worker${workers === 1 ? '' : 's'}: ${seconds.toFixed(2)} s wall, ${total.toFixed(2)} s CPU = workers ${threads.toFixed(2)} + main ${main.toFixed(2)} + other (GC, compiler) ${(total - threads - main).toFixed(2)}`,
      );
      if (timeline !== undefined) console.log(formatPoolTimeline(timeline));
      return { seconds, runs: JSON.stringify(outcomes.map((o) => o.run)) };
    };
    console.log(`\nbatch-norm pool alone: ${jobs.length} weight-scale trainings, ${availableParallelism()} cores, ${rounds} rounds`);
    const results: { workers: number; seconds: number; runs: string }[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const workers of [1, 2]) results.push({ workers, ...(await timed(workers)) });
    }
    const best = (workers: number) => Math.min(...results.filter((r) => r.workers === workers).map((r) => r.seconds));
    const identical = results.every((r) => r.runs === results[0]?.runs);
    console.log(
      `pool alone: 2 workers ${(best(1) / best(2)).toFixed(2)}× faster than 1 (best of ${rounds}); identical runs: ${identical ? 'yes' : 'NO'}\n`,
    );
    if (!identical) throw new Error('the runs differ between worker counts (or a package was rebuilt during the benchmark)');
  },
);
