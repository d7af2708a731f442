import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'vitest';
import { hasRedisServer, startRedis } from '../test/helpers/redis-server';

// `lab sweep` as whole processes (node + the built CLI), same run, alternating:
//
// 1. The λ sweep (the course's network on football.mat, λ on a log grid of 13 values from 0.01 to
//    10, 30000 iterations each, keep_prob 1) with --workers 1 and --workers 2, LAB_BENCH_ROUNDS
//    times (default 3): the best wall-clock time of each, their ratio (target: at least 1.8× on two
//    cores) and the cores each run really got (CPU / wall). LAB_BENCH_SWEEP_CONFIG runs another
//    sweep config instead (examples/sweep-l2.yaml once it exists). Skipped (one line) without
//    football.mat.
// 2. The Redis executor's overhead per trial: 100 trials that do nothing (0 iterations) through
//    one `lab worker` (one thread) against the same trials on one worker thread; (redis − threads)
//    / 100 (target: under 20 ms). Skipped (one line) without redis-server.
//
// Every time is printed with the load average at its start: the machine may be shared.
// Build first: `pnpm --filter @lab/cli... build`.

const lab = fileURLToPath(new URL('../dist/lab.js', import.meta.url));
const football = process.env.LAB_FOOTBALL_MAT || fileURLToPath(new URL('../../../../shared/data/football.mat', import.meta.url));
const rounds = Number(process.env.LAB_BENCH_ROUNDS ?? 3);

interface Timing {
  readonly wall: number;
  readonly cpu: number;
  readonly load: number;
}

function timedSweep(args: readonly string[], cwd: string): Timing {
  const load = loadavg()[0] ?? 0;
  const started = performance.now();
  const child = spawnSync('/usr/bin/time', ['-f', 'TIME %U %S', process.execPath, lab, 'sweep', '--quiet', ...args], {
    cwd,
    encoding: 'utf8',
  });
  const wall = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`lab sweep ${args.join(' ')} failed: ${child.stderr}`);
  const match = /TIME ([\d.]+) ([\d.]+)\s*$/.exec(child.stderr);
  return { wall, cpu: match === null ? Number.NaN : Number(match[1]) + Number(match[2]), load };
}

const show = (label: string, t: Timing) =>
  `${label}: ${t.wall.toFixed(2)} s, ${(t.cpu / t.wall).toFixed(2)} cores used, load ${t.load.toFixed(1)}`;

test('lab sweep: 2 workers against 1, and the Redis executor against threads', { timeout: 3_600_000 }, async () => {
  if (!existsSync(lab)) throw new Error(`${lab} is missing: build first (pnpm --filter @lab/cli... build)`);
  const dir = mkdtempSync(join(tmpdir(), 'lab-sweep-bench-'));
  try {
    console.log(`${availableParallelism()} cores`);
    const config = process.env.LAB_BENCH_SWEEP_CONFIG;
    if (config === undefined && !existsSync(football)) {
      console.log(`λ sweep skipped: no football.mat at ${football} (set LAB_FOOTBALL_MAT)`);
    } else {
      const path = config ?? join(dir, 'l2.yaml');
      if (config === undefined) {
        writeFileSync(
          path,
          `name: l2\nbase:\n  seed: 3\n  dataset: { kind: mat, path: ${JSON.stringify(football)} }\n  model: { layerSizes: [2, 20, 3, 1] }\n  regularization: { keepProb: 1 }\n  optimizer: { kind: gd, learningRate: 0.3 }\n  training: { numIterations: 30000, costEvery: 1000 }\nparameters:\n  regularization.l2: { kind: logspace, min: 0.01, max: 10, count: 13 }\nmetric: { name: testAccuracy, goal: maximize }\n`,
        );
      }
      const best: Record<number, Timing | undefined> = {};
      for (let round = 0; round < rounds; round++) {
        for (const workers of [1, 2]) {
          const out = join(dir, `out-${round}-${workers}`);
          const t = timedSweep(['--config', path, '--out', out, '--workers', String(workers)], dir);
          console.log(show(`round ${round + 1}, ${workers} worker${workers === 1 ? '' : 's'}`, t));
          if (best[workers] === undefined || t.wall < (best[workers] as Timing).wall) best[workers] = t;
        }
      }
      const ratio = (best[1] as Timing).wall / (best[2] as Timing).wall;
      console.log(`λ sweep: 2 workers ${ratio.toFixed(2)}× faster than 1 (best of ${rounds}; target ≥ 1.8×)`);
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
      worker = spawn(process.execPath, [lab, 'worker', '--queue', redis.url, '--workers', '1', '--quiet'], { cwd: dir, stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, 3000));
      for (let round = 0; round < rounds; round++) {
        const threads = timedSweep(['--config', noop, '--out', join(dir, `noop-t-${round}`), '--workers', '1'], dir);
        const queued = timedSweep(['--config', noop, '--out', join(dir, `noop-q-${round}`), '--queue', redis.url], dir);
        console.log(show(`round ${round + 1}, threads`, threads));
        console.log(show(`round ${round + 1}, redis`, queued));
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
