import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'vitest';

// How fast `lab` starts and how fast its main job runs, as whole processes (node + the built CLI):
//
// 1. `lab --help`, `lab --version`, config errors (`lab train` and `lab sweep` on an invalid config)
//    and `lab report RUN.json`, LAB_BENCH_ROUNDS times each (default 10): the fastest and the median.
//    Target: --help, --version and config errors under 0.3 s.
// 2. The README's main command end to end, `lab experiment regularization` (load the data, train the
//    three models — on worker threads, one per core, and with `--workers 1` on the main thread — predict,
//    write the run record and the report with its figures), on the built-in data and on football.mat,
//    against the course's NumPy script end to end (bench/regularization_course.py on football.mat:
//    load the data, train the three models, predict, no plots), alternating, LAB_BENCH_E2E_ROUNDS
//    times (default 3). NumPy is Debian's /usr/bin/python3 with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
//    unset (its fastest kernel here). Target: lab at least 5× faster. Skipped (one line) without
//    football.mat or /usr/bin/python3.
//
// Every time is printed with the load average at its start: the machine may be shared; the ratios
// come from the same run.
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
    const model = (units: number) =>
      `model:\n  layers: [{ kind: linear, units: ${units} }, { kind: relu }, { kind: linear, units: 1 }, { kind: sigmoid }]\n  loss: binary-cross-entropy\n`;
    const training = 'optimizer: { kind: gd, learningRate: 0.3 }\ntraining: { iterations: 100 }\n';
    writeFileSync(join(dir, 'bad.yaml'), `name: typo\ndata: { kind: football }\n${model(0)}${training}`);
    writeFileSync(
      join(dir, 'bad-sweep.yaml'),
      'name: typo\nbase: bad.yaml\nparameters: { model.l2: { kind: grid, values: [0, 1] } }\nmetric: { name: testAccuracy, goal: maximize }\n',
    );
    writeFileSync(join(dir, 'tiny.yaml'), `name: tiny\ndata: { kind: football }\n${model(5)}${training}`);
    const made = timed('node', [lab, 'train', '--config', 'tiny.yaml', '--out', 'tiny', '--quiet'], { cwd: dir });
    if (made.status !== 0) throw new Error(`lab train failed: ${made.stderr}`);

    const commands: { name: string; args: string[]; status: number; target?: number }[] = [
      { name: 'lab --version', args: ['--version'], status: 0, target: 0.3 },
      { name: 'lab --help', args: ['--help'], status: 0, target: 0.3 },
      { name: 'lab train (config error)', args: ['train', '--config', 'bad.yaml'], status: 1, target: 0.3 },
      { name: 'lab sweep (config error)', args: ['sweep', '--config', 'bad-sweep.yaml'], status: 1, target: 0.3 },
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
    const variants = [
      { name: 'lab, built-in data', args: [] as string[] },
      { name: 'lab, football.mat', args: ['--data', football] },
      { name: 'lab, football.mat, --workers 1', args: ['--data', football, '--workers', '1'] },
    ];
    const labRuns: Timing[][] = variants.map(() => []);
    const numpyRuns: Timing[] = [];
    for (let round = 0; round < e2eRounds; round++) {
      variants.forEach((variant, v) => {
        const run = timed('node', [lab, 'experiment', 'regularization', ...variant.args, '--out', `e2e-${round}-${v}`, '--quiet'], {
          cwd: dir,
        });
        if (run.status !== 0) throw new Error(`lab experiment regularization (${variant.name}) failed: ${run.stderr}`);
        labRuns[v]?.push(run.timing);
      });
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
    const cell = (t: Timing) => `${t.wall.toFixed(2)} s (CPU ${t.cpu.toFixed(2)} s, load ${t.load.toFixed(1)})`;
    console.log(
      `\nregularization experiment end to end against the course's NumPy script on football.mat, ${e2eRounds} alternating rounds`,
    );
    for (let round = 0; round < e2eRounds; round++) {
      const numpy = numpyRuns[round] as Timing;
      const labCells = variants.map((variant, v) => `${variant.name} ${cell(labRuns[v]?.[round] as Timing)}`);
      console.log(`round ${round + 1}: NumPy ${cell(numpy)}; ${labCells.join('; ')}`);
    }
    const numpyBest = best(numpyRuns, 'wall');
    console.log(`best of ${e2eRounds}, wall: NumPy ${numpyBest.toFixed(2)} s (CPU ${best(numpyRuns, 'cpu').toFixed(2)} s)`);
    variants.forEach((variant, v) => {
      const runs = labRuns[v] ?? [];
      console.log(
        `  ${variant.name.padEnd(32)} ${best(runs, 'wall').toFixed(2)} s (CPU ${best(runs, 'cpu').toFixed(2)} s): NumPy/lab = ${(numpyBest / best(runs, 'wall')).toFixed(1)}× (target ≥ 5×)`,
      );
    });
    console.log('');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 1_800_000);
