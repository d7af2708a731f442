import { availableParallelism, loadavg } from 'node:os';
import { BATCHNORM_EXPERIMENT_DEFAULTS, type BatchnormRun, loadBatchnormDigits, weightScaleJobs } from '@lab/experiment-batchnorm';
import { test } from 'vitest';
import { runJobsOnPool } from '../src/batchnorm-pool';

// The batch-norm pool's speedup: the weight-scale sweep of `lab experiment batchnorm`
// (its 40 trainings at the experiment's default sizes) on the built worker with --workers 1 and
// 2, alternating, LAB_BENCH_ROUNDS times (default 3); the best wall-clock time of each and their
// ratio (target: at least 1.6× on two cores), and a check that every run gave the same results.
// The CPU time of the process (all its threads) over the wall time shows how many cores a run
// really got: on a machine shared with other work, 2 workers may get far less than 2 cores.
// Build first: `pnpm --filter @lab/cli build`. LAB_BENCH_SCALES=n sweeps only the first n scales.

const config = BATCHNORM_EXPERIMENT_DEFAULTS;
const scales = Number(process.env.LAB_BENCH_SCALES ?? config.weightScaleSweep.scales.length);
const rounds = Number(process.env.LAB_BENCH_ROUNDS ?? 3);
const jobs = weightScaleJobs({ ...config.weightScaleSweep, scales: config.weightScaleSweep.scales.slice(0, scales) }, config.seed);

interface Timed {
  readonly workers: number;
  readonly seconds: number;
  readonly coresUsed: number;
  readonly load: number;
  readonly runs: readonly BatchnormRun[];
}

test('batch-norm pool: weight-scale sweep with 1 and 2 workers', async () => {
  const { data } = await loadBatchnormDigits(config);
  const timed = async (workers: number): Promise<Timed> => {
    const load = loadavg()[0] ?? 0;
    const cpu = process.cpuUsage();
    const start = performance.now();
    const outcomes = await runJobsOnPool(jobs, data, { workers });
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    return { workers, seconds, coresUsed: (used.user + used.system) / 1e6 / seconds, load, runs: outcomes.map((o) => o.run) };
  };
  const results: Timed[] = [];
  for (let round = 0; round < rounds; round++) {
    results.push(await timed(1));
    results.push(await timed(2));
  }
  const reference = JSON.stringify(results[0]?.runs);
  const identical = results.every((r) => JSON.stringify(r.runs) === reference);
  const best = (workers: number) => Math.min(...results.filter((r) => r.workers === workers).map((r) => r.seconds));
  console.log(`\nbatch-norm pool: ${jobs.length} weight-scale trainings, ${availableParallelism()} cores, ${rounds} rounds`);
  console.log('workers | wall s | cores used (CPU s / wall s) | load average at start');
  for (const r of results) {
    console.log(
      `${String(r.workers).padStart(7)} | ${r.seconds.toFixed(1).padStart(6)} | ${r.coresUsed.toFixed(2).padStart(27)} | ${r.load.toFixed(1)}`,
    );
  }
  console.log(
    `speedup (--workers 2 vs 1, best of ${rounds} each): ${(best(1) / best(2)).toFixed(2)}× (target ≥ 1.6×); identical runs: ${identical ? 'yes' : 'NO'}\n`,
  );
  if (!identical) throw new Error('the runs differ between worker counts (or a package was rebuilt during the benchmark)');
}, 1_800_000);
