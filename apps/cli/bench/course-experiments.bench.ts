import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'vitest';

// `lab experiment initialization` and `lab experiment optimization` end to end (make the data, train
// the three models, predict, write the run record and the report with its figures) against the
// course's notebooks as NumPy scripts end to end (apps/experiments/*/scripts/*_course.py: make the
// data with scikit-learn, train the three models, predict, no plots), whole processes, alternating,
// LAB_BENCH_E2E_ROUNDS times (default 3). Target: each experiment under 5 s.
//
// The NumPy scripts are Debian's /usr/bin/python3 with NumPy 1.24 on one OpenBLAS thread and NumPy's
// AVX-512 routines switched off (the course's glibc path, as the scripts compute the fixtures); the
// networks are tiny, so the time is Python's and NumPy's per-call overhead, not arithmetic.
// Every time is printed with the load average at its start: the machine may be shared.
// Build first: `pnpm --filter @lab/cli... build`.

const lab = fileURLToPath(new URL('../dist/lab.js', import.meta.url));
const python = '/usr/bin/python3';
const rounds = Number(process.env.LAB_BENCH_E2E_ROUNDS ?? 3);

interface Timing {
  /** Wall-clock seconds of the whole process. */
  readonly wall: number;
  /** User + system CPU seconds of the process and its threads (GNU time). */
  readonly cpu: number;
  readonly load: number;
}

/** Runs a command under GNU time; returns its timing, and its exit code and output for checking. */
function timed(command: string, args: readonly string[], cwd: string) {
  const load = loadavg()[0] ?? 0;
  const started = performance.now();
  const child = spawnSync('/usr/bin/time', ['-f', 'TIME %U %S', command, ...args], { cwd, encoding: 'utf8' });
  const wall = (performance.now() - started) / 1000;
  const match = /TIME ([\d.]+) ([\d.]+)\s*$/.exec(child.stderr);
  const cpu = match === null ? Number.NaN : Number(match[1]) + Number(match[2]);
  const stderr = match === null ? child.stderr : child.stderr.slice(0, match.index);
  return { timing: { wall, cpu, load } satisfies Timing, status: child.status, stdout: child.stdout, stderr };
}

const experiments = [
  {
    name: 'initialization',
    script: fileURLToPath(new URL('../../experiments/initialization/scripts/initialization_course.py', import.meta.url)),
    // The baseline did the real work: the course's published accuracies.
    expected: [
      [0.5, 0.5],
      [0.83, 0.86],
      [0.9933333333333333, 0.96],
    ],
    accuracies: (line: { trainAccuracy: number; testAccuracy: number }) => [line.trainAccuracy, line.testAccuracy],
  },
  {
    name: 'optimization',
    script: fileURLToPath(new URL('../../experiments/optimization/scripts/optimization_course.py', import.meta.url)),
    expected: [[0.7966666666666666], [0.7966666666666666], [0.94]],
    accuracies: (line: { trainAccuracy: number }) => [line.trainAccuracy],
  },
] as const;

test('lab experiment initialization and optimization end to end against the course as NumPy scripts', () => {
  if (!existsSync(lab)) throw new Error(`${lab} is missing: build first (pnpm --filter @lab/cli... build)`);
  if (!existsSync(python)) {
    console.log(`comparison skipped: needs ${python}`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'lab-course-bench-'));
  try {
    console.log(`\n${availableParallelism()} cores; load average (1 min) at the start of each run`);
    for (const experiment of experiments) {
      const labRuns: Timing[] = [];
      const numpyRuns: Timing[] = [];
      for (let round = 0; round < rounds; round++) {
        const labRun = timed('node', [lab, 'experiment', experiment.name, '--out', `${experiment.name}-${round}`, '--quiet'], dir);
        if (labRun.status !== 0) throw new Error(`lab experiment ${experiment.name} failed: ${labRun.stderr}`);
        labRuns.push(labRun.timing);
        const numpyRun = timed(python, [experiment.script], dir);
        if (numpyRun.status !== 0) throw new Error(`the NumPy script failed: ${numpyRun.stderr}`);
        const got = numpyRun.stdout
          .trim()
          .split('\n')
          .map((line) => experiment.accuracies(JSON.parse(line)));
        if (JSON.stringify(got) !== JSON.stringify(experiment.expected))
          throw new Error(`the NumPy script gave accuracies ${JSON.stringify(got)}`);
        numpyRuns.push(numpyRun.timing);
      }
      const best = (runs: readonly Timing[], key: 'wall' | 'cpu') => Math.min(...runs.map((r) => r[key]));
      console.log(`\n${experiment.name} experiment end to end, ${rounds} alternating rounds`);
      console.log('round | lab wall | NumPy wall | ratio | lab CPU | NumPy CPU | load (lab, NumPy)');
      for (let round = 0; round < rounds; round++) {
        const l = labRuns[round] as Timing;
        const n = numpyRuns[round] as Timing;
        console.log(
          `${String(round + 1).padStart(5)} | ${l.wall.toFixed(2).padStart(7)}s | ${n.wall.toFixed(2).padStart(9)}s | ${(n.wall / l.wall).toFixed(1).padStart(4)}× | ${l.cpu.toFixed(2).padStart(6)}s | ${n.cpu.toFixed(2).padStart(8)}s | ${l.load.toFixed(1)}, ${n.load.toFixed(1)}`,
        );
      }
      console.log(
        `best of ${rounds}: lab ${best(labRuns, 'wall').toFixed(2)} s (target < 5 s), NumPy ${best(numpyRuns, 'wall').toFixed(2)} s: ${(best(numpyRuns, 'wall') / best(labRuns, 'wall')).toFixed(1)}×; CPU time lab ${best(labRuns, 'cpu').toFixed(2)} s, NumPy ${best(numpyRuns, 'cpu').toFixed(2)} s: ${(best(numpyRuns, 'cpu') / best(labRuns, 'cpu')).toFixed(1)}×`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 1_800_000);
