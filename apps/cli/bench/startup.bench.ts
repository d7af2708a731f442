import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'vitest';

// How fast `lab` starts and how fast its main job runs, as whole processes (node + the built CLI):
//
// 1. `lab --help`, `lab --version`, a config error (`lab train` on an invalid config) and
//    `lab report RUN.json`, LAB_BENCH_ROUNDS times each (default 10): the fastest and the median.
//    Target: --help, --version and config errors under 0.3 s.
// 2. The regularization experiment end to end (load the data, train the three models, predict,
//    write the run record and the report with its figures) against the course's NumPy script end to
//    end (bench/regularization_course.py: load the data, train the three models, predict, no plots),
//    both on football.mat, alternating, LAB_BENCH_E2E_ROUNDS times (default 3). NumPy is Debian's
//    /usr/bin/python3 with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (its fastest kernel here).
//    Target: lab at least 5× faster. Skipped (one line) without football.mat or /usr/bin/python3.
//
// Every time is printed with the load average at its start: the machine may be shared.
// Build first: `pnpm --filter @lab/cli... build`.

const lab = fileURLToPath(new URL('../dist/lab.js', import.meta.url));
const numpyScript = fileURLToPath(new URL('./regularization_course.py', import.meta.url));
const python = '/usr/bin/python3';
const football = process.env.LAB_FOOTBALL_MAT || fileURLToPath(new URL('../../../../shared/data/football.mat', import.meta.url));
const rounds = Number(process.env.LAB_BENCH_ROUNDS ?? 10);
const e2eRounds = Number(process.env.LAB_BENCH_E2E_ROUNDS ?? 3);

interface Timing {
  /** Wall-clock seconds of the whole process. */
  readonly wall: number;
  /** User + system CPU seconds of the process and its threads (GNU time). */
  readonly cpu: number;
  readonly load: number;
}

/** Runs a command under GNU time; returns its timing, and its exit code and output for checking. */
function timed(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
  const load = loadavg()[0] ?? 0;
  const started = performance.now();
  const child = spawnSync('/usr/bin/time', ['-f', 'TIME %U %S', command, ...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: 'utf8',
  });
  const wall = (performance.now() - started) / 1000;
  const match = /TIME ([\d.]+) ([\d.]+)\s*$/.exec(child.stderr);
  const cpu = match === null ? Number.NaN : Number(match[1]) + Number(match[2]);
  const stderr = match === null ? child.stderr : child.stderr.slice(0, match.index);
  return { timing: { wall, cpu, load } satisfies Timing, status: child.status, stdout: child.stdout, stderr };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`;

test('lab start-up and the main job end to end against NumPy', () => {
  if (!existsSync(lab)) throw new Error(`${lab} is missing: build first (pnpm --filter @lab/cli... build)`);
  const dir = mkdtempSync(join(tmpdir(), 'lab-startup-bench-'));
  try {
    writeFileSync(
      join(dir, 'bad.yaml'),
      'name: typo\ndataset: { kind: builtin, name: football }\nmodel: { layerSizes: [2, 0, 1] }\noptimizer: { kind: gd, learningRate: 0.3 }\ntraining: { numIterations: 100 }\n',
    );
    writeFileSync(
      join(dir, 'tiny.yaml'),
      'name: tiny\ndataset: { kind: builtin, name: football }\nmodel: { layerSizes: [2, 5, 1] }\noptimizer: { kind: gd, learningRate: 0.3 }\ntraining: { numIterations: 100 }\n',
    );
    const made = timed('node', [lab, 'train', '--config', 'tiny.yaml', '--out', 'tiny', '--quiet'], { cwd: dir });
    if (made.status !== 0) throw new Error(`lab train failed: ${made.stderr}`);

    const commands: { name: string; args: string[]; status: number; target?: number }[] = [
      { name: 'lab --version', args: ['--version'], status: 0, target: 0.3 },
      { name: 'lab --help', args: ['--help'], status: 0, target: 0.3 },
      { name: 'lab train (config error)', args: ['train', '--config', 'bad.yaml'], status: 1, target: 0.3 },
      { name: 'lab report run.json', args: ['report', 'tiny/run.json', '--out', 'again'], status: 0 },
    ];
    console.log(`\nlab start-up, ${rounds} runs each, ${availableParallelism()} cores (load average at the start of each run)`);
    console.log('command                    | fastest | median  | CPU (fastest) | target  | load');
    for (const command of commands) {
      const runs: Timing[] = [];
      for (let round = 0; round < rounds; round++) {
        const run = timed('node', [lab, ...command.args], { cwd: dir });
        if (run.status !== command.status)
          throw new Error(`${command.name}: exit ${run.status}, expected ${command.status}: ${run.stderr}`);
        runs.push(run.timing);
      }
      const walls = runs.map((r) => r.wall);
      const loads = runs.map((r) => r.load);
      const cpu = Math.min(...runs.map((r) => r.cpu));
      console.log(
        `${command.name.padEnd(26)} | ${ms(Math.min(...walls)).padStart(7)} | ${ms(median(walls)).padStart(7)} | ${ms(cpu).padStart(13)} | ${command.target === undefined ? '       ' : `< ${command.target} s`} | ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
      );
    }

    if (!existsSync(football) || !existsSync(python)) {
      console.log(`end-to-end comparison skipped: needs ${football} (LAB_FOOTBALL_MAT) and ${python}`);
      return;
    }
    const numpyEnv = { ...process.env };
    delete numpyEnv.OPENBLAS_CORETYPE;
    delete numpyEnv.OPENBLAS_L2_SIZE;
    const labRuns: Timing[] = [];
    const numpyRuns: Timing[] = [];
    for (let round = 0; round < e2eRounds; round++) {
      const labRun = timed('node', [lab, 'experiment', 'regularization', '--data', football, '--out', `e2e-${round}`, '--quiet'], {
        cwd: dir,
      });
      if (labRun.status !== 0) throw new Error(`lab experiment regularization failed: ${labRun.stderr}`);
      labRuns.push(labRun.timing);
      const numpyRun = timed(python, [numpyScript, football], { cwd: dir, env: numpyEnv });
      if (numpyRun.status !== 0) throw new Error(`the NumPy script failed: ${numpyRun.stderr}`);
      // The baseline did the real work: the course's published test accuracies.
      const tests = numpyRun.stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { testAccuracy: number }).testAccuracy);
      if (JSON.stringify(tests) !== JSON.stringify([0.915, 0.93, 0.95])) throw new Error(`the NumPy script gave test accuracies ${tests}`);
      numpyRuns.push(numpyRun.timing);
    }
    const best = (runs: readonly Timing[], key: 'wall' | 'cpu') => Math.min(...runs.map((r) => r[key]));
    console.log(`\nregularization experiment end to end on football.mat, ${e2eRounds} alternating rounds`);
    console.log('round | lab wall | NumPy wall | ratio | lab CPU | NumPy CPU | load (lab, NumPy)');
    for (let round = 0; round < e2eRounds; round++) {
      const l = labRuns[round] as Timing;
      const n = numpyRuns[round] as Timing;
      console.log(
        `${String(round + 1).padStart(5)} | ${l.wall.toFixed(2).padStart(7)}s | ${n.wall.toFixed(2).padStart(9)}s | ${(n.wall / l.wall).toFixed(1).padStart(4)}× | ${l.cpu.toFixed(2).padStart(6)}s | ${n.cpu.toFixed(2).padStart(8)}s | ${l.load.toFixed(1)}, ${n.load.toFixed(1)}`,
      );
    }
    console.log(
      `best of ${e2eRounds}: lab ${best(labRuns, 'wall').toFixed(2)} s, NumPy ${best(numpyRuns, 'wall').toFixed(2)} s: ${(best(numpyRuns, 'wall') / best(labRuns, 'wall')).toFixed(1)}× (target ≥ 5×); CPU time ${(best(numpyRuns, 'cpu') / best(labRuns, 'cpu')).toFixed(1)}×\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 1_800_000);
