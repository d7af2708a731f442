import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'vitest';
import { hasRedisServer, startRedis } from '../test/helpers/redis-server';
import { bestAndMedian, describeRun, LAB, type TimedRun, timedLab } from './timed-process';

// `lab sweep` as whole processes (node + the built CLI), same run, alternating:
//
// 1. examples/sweep-l2.yaml (the course's network on football.mat, λ on a log grid of 13 values
//    from 0.01 to 10, 3 seeds each: 39 trials of 30000 iterations) with --workers 1 and --workers 2,
//    LAB_BENCH_ROUNDS times (default 3): best and median wall time of each, their ratio (target: at
//    least 1.8× on two cores), the CPU time and where it went (worker threads, main thread, the
//    rest), each worker's timeline (LAB_POOL_TIMELINE), and a check that every run gave the same
//    trial results. LAB_BENCH_SWEEP_CONFIG runs another sweep config instead. Skipped (one line)
//    without football.mat (LAB_FOOTBALL_MAT, else ../shared/data/football.mat).
// 2. The Redis executor's overhead per trial: 100 trials that do nothing (0 iterations) through
//    one `lab worker` (one thread) against the same trials on one worker thread; (redis − threads)
//    / 100 (target: under 20 ms). Skipped (one line) without redis-server.
//
// Every time is printed with the load average at its start: the machine may be shared (then the
// ratio means little; the CPU times still do). Build first: `pnpm --filter @lab/cli... build`.

const football = process.env.LAB_FOOTBALL_MAT || fileURLToPath(new URL('../../../../shared/data/football.mat', import.meta.url));
const example = fileURLToPath(new URL('../../../examples/sweep-l2.yaml', import.meta.url));
const rounds = Number(process.env.LAB_BENCH_ROUNDS ?? 3);

/** The trials' results in a journal, without times and workers: what must not depend on the executor. */
function trialResults(journal: string): string {
  const events = readFileSync(journal, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { type: string; id?: string; metrics?: unknown });
  return JSON.stringify(
    events
      .filter((e) => e.type === 'result')
      .map((e) => [e.id, e.metrics])
      .sort(),
  );
}

test('lab sweep: 2 workers against 1, and the Redis executor against threads', { timeout: 3_600_000 }, async () => {
  if (!existsSync(LAB)) throw new Error(`${LAB} is missing: build first (pnpm --filter @lab/cli... build)`);
  const dir = mkdtempSync(join(tmpdir(), 'lab-sweep-bench-'));
  try {
    console.log(`${availableParallelism()} cores`);
    const config = process.env.LAB_BENCH_SWEEP_CONFIG === undefined ? example : resolve(process.env.LAB_BENCH_SWEEP_CONFIG);
    if (process.env.LAB_BENCH_SWEEP_CONFIG === undefined && !existsSync(football)) {
      console.log(`λ sweep skipped: no football.mat at ${football} (set LAB_FOOTBALL_MAT)`);
    } else {
      console.log(`lab sweep --config ${config}, ${rounds} rounds`);
      const runs: Record<number, TimedRun[]> = { 1: [], 2: [] };
      const results = new Set<string>();
      for (let round = 0; round < rounds; round++) {
        for (const workers of [1, 2]) {
          const out = `out-${round}-${workers}`;
          const run = timedLab(['sweep', '--quiet', '--config', config, '--out', out, '--workers', String(workers)], dir, out, {
            LAB_FOOTBALL_MAT: football,
          });
          runs[workers]?.push(run);
          console.log(describeRun(`round ${round + 1}, ${workers} worker${workers === 1 ? '' : 's'}`, run));
          results.add(trialResults(join(dir, out, 'journal.jsonl')));
        }
      }
      const one = bestAndMedian(runs[1] ?? []);
      const two = bestAndMedian(runs[2] ?? []);
      const cpu = (workers: number) => bestAndMedian((runs[workers] ?? []).map((r) => ({ ...r, wall: r.cpu }))).median;
      console.log(
        `lab sweep: 2 workers ${(one.best / two.best).toFixed(2)}× faster than 1 (best of ${rounds}: ${one.best.toFixed(2)} s vs ${two.best.toFixed(2)} s; medians ${(one.median / two.median).toFixed(2)}×; target ≥ 1.8×); CPU (median) ${cpu(1).toFixed(2)} s vs ${cpu(2).toFixed(2)} s (${((cpu(2) / cpu(1) - 1) * 100).toFixed(0)}% more with 2); identical trial results: ${results.size === 1 ? 'yes' : 'NO'}`,
      );
      if (results.size !== 1) throw new Error('the trial results differ between runs');
    }

    if (!hasRedisServer()) {
      console.log('Redis overhead skipped: no redis-server');
      return;
    }
    const noop = join(dir, 'noop.yaml');
    writeFileSync(
      noop,
      'name: noop\nbase:\n  seed: 3\n  dataset: { kind: builtin, name: football }\n  model: { layerSizes: [2, 3, 1] }\n  optimizer: { kind: gd, learningRate: 0.3 }\n  training: { numIterations: 0, costEvery: 1 }\nparameters:\n  regularization.l2: { kind: linspace, min: 0, max: 1, count: 100 }\nmetric: { name: testAccuracy, goal: maximize }\n',
    );
    const redis = await startRedis();
    let worker: ChildProcess | undefined;
    try {
      worker = spawn(process.execPath, [LAB, 'worker', '--queue', redis.url, '--workers', '1', '--quiet'], { cwd: dir, stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, 3000));
      for (let round = 0; round < rounds; round++) {
        const threads = timedLab(
          ['sweep', '--quiet', '--config', noop, '--out', `noop-t-${round}`, '--workers', '1'],
          dir,
          `noop-t-${round}`,
        );
        const queued = timedLab(
          ['sweep', '--quiet', '--config', noop, '--out', `noop-q-${round}`, '--queue', redis.url],
          dir,
          `noop-q-${round}`,
        );
        console.log(describeRun(`round ${round + 1}, threads`, { ...threads, timeline: undefined }));
        console.log(describeRun(`round ${round + 1}, redis`, queued));
        console.log(`Redis overhead per trial: ${(((queued.wall - threads.wall) / 100) * 1000).toFixed(1)} ms (target < 20 ms)`);
      }
    } finally {
      worker?.kill('SIGKILL');
      await redis.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
