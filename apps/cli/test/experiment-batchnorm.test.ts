import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BatchnormJob, batchnormReportKind, planBatchnormJobs, runJobsInProcess, runMeasurements } from '@lab/experiment-batchnorm';
import { loadRunRecord } from '@lab/report';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchnormPool, batchnormWorkerFile, runJobsOnPool } from '../src/batchnorm-pool';
import type { CommandContext } from '../src/command-context';
import { experimentBatchnorm } from '../src/commands/experiment-batchnorm';
import { handleError } from '../src/handle-error';
import type { BatchnormSummary } from '../src/output/print-batchnorm-result';
import { syntheticClasses, TINY_CONFIG } from './helpers/batchnorm-fixtures';
import { FakeStream, runCli, tempDir } from './helpers/run-cli';

const DATA = syntheticClasses();
const JOBS = planBatchnormJobs(TINY_CONFIG);

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => dir.cleanup());

describe('the batch-norm worker pool', () => {
  it('runs the built worker entry', () => {
    expect(batchnormWorkerFile()).toMatch(/dist[/\\]batchnorm-worker\.js$/);
    expect(existsSync(batchnormWorkerFile())).toBe(true);
  });

  it('gives identical runs with 1 and 2 workers, identical to running them in-process, in job order', async () => {
    const inProcess = (await runJobsInProcess(JOBS, DATA)).map((o) => o.run);
    const one = await runJobsOnPool(JOBS, DATA, { workers: 1 });
    const done: number[] = [];
    const two = await runJobsOnPool(JOBS, DATA, { workers: 2, onJobDone: (_outcome, count) => done.push(count) });
    expect(one.map((o) => o.run.job.id)).toEqual(JOBS.map((j) => j.id));
    expect(one.map((o) => o.run)).toEqual(inProcess);
    expect(two.map((o) => o.run)).toEqual(inProcess);
    expect(done).toEqual(JOBS.map((_, i) => i + 1));
    for (const outcome of two) expect(outcome.seconds).toBeGreaterThanOrEqual(0);
  });

  it('runs parts 1–3 on a thread while the data is still loading, then the trainings, with the in-process results', async () => {
    let give: (data: typeof DATA) => void = () => undefined;
    const pool = new BatchnormPool({ workers: 2, data: new Promise((resolve) => (give = resolve)) });
    try {
      const measured = await pool.runMeasurements(TINY_CONFIG);
      const here = runMeasurements(TINY_CONFIG);
      expect(measured.forwardStatistics).toEqual(here.forwardStatistics);
      expect(measured.gradientChecks).toEqual(here.gradientChecks);
      expect(measured.parts.map((p) => p.part)).toEqual(['forward statistics', 'gradient checks', 'backward speed']);
      expect(measured.backwardSpeed.timings.map((t) => [t.n, t.d])).toEqual(here.backwardSpeed.timings.map((t) => [t.n, t.d]));
      // Two jobs, one per thread: neither thread waits idle for the data while the other measures.
      const ranOn = pool.timeline().workers.map((w) => w.jobs.map((j) => j.label));
      expect(ranOn).toEqual([['part 3 (backward speed)'], ['parts 1–2 (forward statistics, gradient checks)']]);
      const trainings = pool.runJobs(JOBS);
      give(DATA);
      expect((await trainings).map((o) => o.run)).toEqual((await runJobsInProcess(JOBS, DATA)).map((o) => o.run));
      // Both threads were started at once, before any job.
      expect(pool.timeline().workers).toHaveLength(2);
    } finally {
      await pool.close();
    }
  });

  it("passes a job's LabError on as one line naming the training and the worker", async () => {
    const tooBig: BatchnormJob = { ...(JOBS[0] as BatchnormJob), trainSize: 1000 };
    await expect(runJobsOnPool([tooBig], DATA, { workers: 1 })).rejects.toThrow(
      'training deep-mlp/none on worker 1: runJob: trainX has 40 rows, the job needs 1000',
    );
  });
});

describe('lab experiment batchnorm fails loudly', () => {
  const faulty = fileURLToPath(new URL('./fixtures/faulty-trainings.mjs', import.meta.url));

  it.each([
    ['exitOnOne', undefined, 'exited with code 3'],
    ['throwOnOne', undefined, 'threw TypeError: injected fault'],
    ['hangOnOne', 1000, 'did not finish within its deadline of 1 s; stopped it'],
  ])('%s: one line naming the training and the worker, exit 1', async (taskExport, deadlineMs, what) => {
    const { context: ctx, stderr } = context();
    const setup = {
      config: TINY_CONFIG,
      loadData: async () => ({ data: DATA, dataset: { name: 'synthetic', description: 'three prototypes', seed: 7 } }),
      workerFile: faulty,
      taskExport,
    };
    let code = 0;
    try {
      if (deadlineMs === undefined) await experimentBatchnorm({ out: `bn-${taskExport}`, workers: 2, quiet: true }, ctx, setup);
      // The deadline comes from the training's cost (a minute or more); a hang is shown on the pool
      // itself with a short one, on the hanging training alone (a real one might miss 1 s under load).
      else {
        const hanging = JOBS.filter((job) => job.id === 'deep-mlp/batchnorm');
        await runJobsOnPool(hanging, DATA, { workers: 2, workerFile: faulty, taskExport, deadlineMs });
      }
    } catch (error) {
      code = handleError(error, stderr, false);
    }
    expect(code).toBe(1);
    expect(stderr.text).toMatch(new RegExp(`^lab: training deep-mlp/batchnorm on worker [12]: ${what}\\n$`));
  });
});

function context(): { context: CommandContext; stdout: FakeStream; stderr: FakeStream } {
  const stdout = new FakeStream();
  const stderr = new FakeStream();
  return { context: { io: { stdout, stderr, env: {}, cwd: dir.path }, exitCode: 0 }, stdout, stderr };
}

describe('lab experiment batchnorm (reduced sizes, synthetic data)', () => {
  it('writes a valid run.json and the report, and prints one JSON summary with --json', async () => {
    const { context: ctx, stdout, stderr } = context();
    const setup = {
      config: TINY_CONFIG,
      loadData: async () => ({ data: DATA, dataset: { name: 'synthetic', description: 'three prototypes', seed: 7 } }),
    };
    await experimentBatchnorm({ out: 'bn', json: true, workers: 2 }, ctx, setup);
    expect(stderr.text).toBe('');
    const summary = JSON.parse(stdout.text) as BatchnormSummary;
    expect(summary.runRecord).toBe(join(dir.path, 'bn', 'run.json'));
    expect(summary.workers).toBe(2);
    expect(summary.figures).toHaveLength(7);
    expect(summary.conclusions).toHaveLength(5);
    expect(Object.keys(summary.bestValAccuracy)).toEqual(JOBS.map((j) => j.id));
    const record = await loadRunRecord(summary.runRecord, { kinds: [batchnormReportKind] });
    expect(record.kind).toBe('batchnorm');
    const report = await readFile(summary.report, 'utf8');
    expect(report).toContain('## 5. Weight-initialization scale');
    for (const f of summary.figures) expect(existsSync(f)).toBe(true);
  });

  it('shows notes and plain progress lines on a non-terminal stderr, then the conclusions', async () => {
    const { context: ctx, stdout, stderr } = context();
    const setup = {
      config: TINY_CONFIG,
      loadData: async () => ({ data: DATA, dataset: { name: 'synthetic', description: 'three prototypes', seed: 7 } }),
    };
    await experimentBatchnorm({ out: 'bn-text', workers: 1 }, ctx, setup);
    const lines = stderr.text.trimEnd().split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'Data: synthetic, three prototypes.',
      'Running the forward statistics…',
      'Running the gradient checks…',
      'Running the backward speed…',
    ]);
    // The pool counts whole trainings of unrelated models: no iterations, no cost mixed across them.
    const progress = lines.filter((line) => line.startsWith('pool (1 worker): '));
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.at(-1)).toBe('pool (1 worker): 100% (16/16 trainings)');
    for (const line of progress) expect(line).toMatch(/^pool \(1 worker\): \d+% \(\d+\/16 trainings\)(, ETA \S+)?$/);
    expect(stdout.text).toMatch(/^Conclusions:\n- In training mode batch norm gives every feature the mean β/);
    expect(stdout.text).toContain('Report:     bn-text/report.md (7 figures beside it)');
  });

  it('--workers 1000 is capped at the number of trainings and a few per core, and says so', async () => {
    const { context: ctx, stdout, stderr } = context();
    const setup = {
      config: TINY_CONFIG,
      loadData: async () => ({ data: DATA, dataset: { name: 'synthetic', description: 'three prototypes', seed: 7 } }),
    };
    await experimentBatchnorm({ out: 'bn-capped', workers: 1000 }, ctx, setup);
    const expected = Math.min(16, 4 * availableParallelism());
    const why =
      expected === 16 ? 'one per training: there are 16 trainings' : `at most 4 per core on this ${availableParallelism()}-core machine`;
    expect(stderr.text.split('\n')[0]).toBe(`lab: note: --workers 1000: using ${expected} (${why})`);
    expect(stdout.text).toContain(`with ${expected} workers.`);
  });
});

describe('lab experiment batchnorm on the command line', () => {
  it('lists its options in --help', async () => {
    const { code, stdout } = await runCli(['experiment', 'batchnorm', '--help'], dir.path);
    expect(code).toBe(0);
    for (const option of ['--out <dir>', '--workers <n>', '--json', '--quiet']) expect(stdout).toContain(option);
  });

  it('rejects a worker count below 1 as a usage error', async () => {
    const { code, stderr } = await runCli(['experiment', 'batchnorm', '--workers', '0'], dir.path);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^lab: .*--workers <n>.*expected an integer >= 1/);
  });
});
