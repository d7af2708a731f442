import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOOTBALL_TAG, footballMatPath } from '../../../vitest.football';
import type { RunSummary } from '../src/output/run-summary';
import { type CliResult, runCli, tempDir } from './helpers/run-cli';

/** Few iterations keep each run well under a second of training. */
const FAST = ['--iterations', '200'];

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => dir.cleanup());

describe('lab experiment regularization on the built-in data', () => {
  let result: CliResult;
  beforeAll(async () => {
    // No --out: the default out/regularization, relative to the working directory.
    result = await runCli(['experiment', 'regularization', ...FAST], dir.path);
  });

  it('says it uses the built-in set and shows plain progress lines, each naming its model, when stderr is not a terminal', () => {
    expect(result.code).toBe(0);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(
      "Data: the built-in football-field set (seed 5); pass --data FILE.mat to use a MAT file such as the course's football.mat.",
    );
    // The models train at the same time (one thread per core): their lines come in any order.
    expect([...lines.slice(1)].sort()).toEqual([
      expect.stringMatching(/^L2 \(2\/3\): 100% \(200\/200 iterations\), cost \d\.\d{6}(, ETA \d+s)?$/),
      expect.stringMatching(/^dropout \(3\/3\): 100% \(200\/200 iterations\), cost \d\.\d{6}$/),
      expect.stringMatching(/^no regularization \(1\/3\): 100% \(200\/200 iterations\), cost \d\.\d{6}(, ETA \d+s)?$/),
    ]);
  });

  it('prints the results table and where the record and the report are', () => {
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^model\s+λ\s+keep_prob\s+final cost\s+train acc\s+test acc\s+seconds$/);
    expect(lines[2]).toMatch(/^no regularization\s+0\s+1\s+\d\.\d{6}\s+\d\.\d{4}\s+\d\.\d{4}\s+\d+\.\d{2}$/);
    expect(lines[3]).toMatch(/^L2\s+0\.7\s+1\s/);
    expect(lines[4]).toMatch(/^dropout\s+0\s+0\.86\s/);
    expect(result.stdout).toContain('Run record: out/regularization/run.json\n');
    expect(result.stdout).toContain('Report:     out/regularization/report.md (4 figures beside it)\n');
    expect(result.stdout).not.toContain('Published results');
  });

  it('writes run.json, report.md and the SVG figures into out/regularization', async () => {
    const out = join(dir.path, 'out', 'regularization');
    const files = (await readdir(out)).sort();
    expect(files).toEqual([
      'cost-curves.svg',
      'decision-boundary-dropout.svg',
      'decision-boundary-l2.svg',
      'decision-boundary-no-regularization.svg',
      'report.md',
      'run.json',
    ]);
    const record = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
    expect(record).toMatchObject({
      kind: 'regularization',
      seed: 3,
      dataset: { name: 'football (built-in)', source: 'builtin', isCourseData: false, trainSize: 211, testSize: 200 },
      training: { numIterations: 200, learningRate: 0.3, dropoutMasks: 'fresh' },
    });
    expect(record.models.map((model: { name: string }) => model.name)).toEqual(['no regularization', 'L2', 'dropout']);
    expect(Object.keys(record.environment.packages)).toEqual(
      expect.arrayContaining([
        '@lab/tensor',
        '@lab/layers',
        '@lab/regularizers',
        '@lab/batchnorm',
        '@lab/datasets',
        '@lab/trainer',
        '@lab/cli',
      ]),
    );
    const report = await readFile(join(out, 'report.md'), 'utf8');
    expect(report).toContain('cost-curves.svg');
    for (const file of files.filter((name) => name.endsWith('.svg'))) {
      expect(await readFile(join(out, file), 'utf8')).toMatch(/^<svg[\s>]/);
    }
    // The atomic writes leave no temporary files behind.
    expect(files.some((name) => name.endsWith('.tmp'))).toBe(false);
  });

  it("ends every model's cost curve with its final cost, the cost its last progress line shows", async () => {
    const record = JSON.parse(await readFile(join(dir.path, 'out', 'regularization', 'run.json'), 'utf8'));
    const shown = new Map(
      result.stderr.split('\n').flatMap((line) => {
        const match = /^(.+) \(\d\/3\): 100% \(200\/200 iterations\), cost (\d\.\d{6})/.exec(line);
        return match === null ? [] : [[match[1], match[2]] as const];
      }),
    );
    expect(shown.size).toBe(3);
    record.models.forEach((model: { name: string; costs: { iteration: number; cost: number }[]; finalCost: number }) => {
      expect(model.costs.map((point) => point.iteration)).toEqual([0, 200]);
      expect(model.costs[1]?.cost).toBe(model.finalCost);
      expect(shown.get(model.name)).toBe(model.finalCost.toFixed(6));
    });
  });

  it("records each model's weight norms, L2's the smallest, and the report's conclusions show them", async () => {
    const record = JSON.parse(await readFile(join(dir.path, 'out', 'regularization', 'run.json'), 'utf8'));
    const totals = record.models.map((model: { weightNorms: number[] }) => {
      expect(model.weightNorms).toHaveLength(3);
      return Math.hypot(...model.weightNorms);
    });
    expect(totals[1]).toBeLessThan(totals[0]);
    const report = await readFile(join(dir.path, 'out', 'regularization', 'report.md'), 'utf8');
    expect(report).toContain('## Conclusions');
    expect(report).toMatch(/\| model +\| +‖W1‖ \| +‖W2‖ \| +‖W3‖ \| ‖W‖ \(all\) \|/);
    expect(report).toContain("L2's weights are ");
  });
});

describe('lab experiment regularization --workers', () => {
  /** A record without what depends on the clock or the machine. */
  const timeless = (record: { models: object[] }) => ({
    ...record,
    createdAt: undefined,
    totalSeconds: undefined,
    environment: undefined,
    models: record.models.map((model) => ({ ...model, seconds: undefined })),
  });

  it('--workers 1 trains the models one after the other on the main thread, and the threads train them to the same bits', async () => {
    const one = await runCli(['experiment', 'regularization', ...FAST, '--workers', '1', '--out', 'workers-1'], dir.path);
    expect(one.code).toBe(0);
    expect(one.stderr.trimEnd().split('\n').slice(1)).toEqual([
      expect.stringMatching(/^no regularization \(1\/3\): 100% \(200\/200 iterations\), cost \d\.\d{6}, ETA \d+s$/),
      expect.stringMatching(/^L2 \(2\/3\): 100% \(200\/200 iterations\), cost \d\.\d{6}, ETA \d+s$/),
      expect.stringMatching(/^dropout \(3\/3\): 100% \(200\/200 iterations\), cost \d\.\d{6}$/),
    ]);
    const three = await runCli(['experiment', 'regularization', ...FAST, '--workers', '3', '--out', 'workers-3', '--quiet'], dir.path);
    expect(three.code).toBe(0);
    const read = async (out: string) => JSON.parse(await readFile(join(dir.path, out, 'run.json'), 'utf8'));
    const [sequential, concurrent] = [await read('workers-1'), await read('workers-3')];
    // JSON keeps every double's shortest round-trip digits: equal text is equal bits.
    expect(JSON.stringify(timeless(concurrent))).toBe(JSON.stringify(timeless(sequential)));
    expect(sequential.models[2].costs[1].cost).not.toBe(sequential.models[0].costs[1].cost);
  });

  it('uses at most one thread per model, and says so', async () => {
    const { code, stderr } = await runCli(
      ['experiment', 'regularization', '--iterations', '1', '--workers', '5', '--out', 'workers-5'],
      dir.path,
    );
    expect(code).toBe(0);
    expect(stderr.split('\n')[0]).toBe('lab: note: --workers 5: using 3 (one per training: there are 3 trainings)');
  });
});

describe('lab experiment regularization --json', () => {
  it('prints one JSON object on stdout with the paths and the summary, and nothing on stderr', async () => {
    const { code, stdout, stderr } = await runCli(
      ['experiment', 'regularization', ...FAST, '--seed', '7', '--out', 'json-run', '--json'],
      dir.path,
    );
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const summary = JSON.parse(stdout) as RunSummary;
    expect(summary).toMatchObject({
      command: 'experiment regularization',
      runRecord: join(dir.path, 'json-run', 'run.json'),
      report: join(dir.path, 'json-run', 'report.md'),
      dataset: { source: 'builtin', isCourseData: false, trainSize: 211, testSize: 200 },
      seed: 7,
      numIterations: 200,
      learningRate: 0.3,
    });
    expect(summary.figures).toHaveLength(4);
    expect(summary.models.map((model) => [model.name, model.lambd, model.keepProb])).toEqual([
      ['no regularization', 0, 1],
      ['L2', 0.7, 1],
      ['dropout', 0, 0.86],
    ]);
    for (const model of summary.models) {
      expect(model.trainAccuracy).toBeGreaterThan(0.5);
      expect(model.testAccuracy).toBeGreaterThan(0.5);
      expect(Number.isFinite(model.finalCost)).toBe(true);
    }
    expect(summary.published).toBeUndefined();
    for (const path of [summary.runRecord, summary.report, ...summary.figures]) expect(existsSync(path)).toBe(true);
  });
});

describe('lab experiment regularization --data', () => {
  it("recognizes the course's football.mat and compares with the published results", { tags: [FOOTBALL_TAG] }, async () => {
    const { code, stdout, stderr } = await runCli(
      ['experiment', 'regularization', ...FAST, '--data', footballMatPath(), '--out', 'course'],
      dir.path,
    );
    expect(code).toBe(0);
    expect(stderr.split('\n')[0]).toBe(
      `Data: ${footballMatPath()}, the course's football data (X 211×2, Xval 200×2): the report compares with the published results.`,
    );
    // 200 iterations are not the course's 30000: the costs at iteration 0 are compared (and match),
    // the accuracies are not comparable rather than failed.
    expect(stdout).toContain(
      "Published results: 3 of 3 comparable numbers matched (all match); 6 not comparable (iterations 200 ≠ 30000); see the report's comparison.\n",
    );
    const record = JSON.parse(await readFile(join(dir.path, 'course', 'run.json'), 'utf8'));
    expect(record.dataset).toMatchObject({ name: 'football.mat', source: 'file', path: footballMatPath(), isCourseData: true });
    expect(record.training.dropoutMasks).toBe('course');
    // The course's cost at iteration 0, within the report's comparison tolerance.
    expect(record.models[0].costs[0].iteration).toBe(0);
    expect(Math.abs(record.models[0].costs[0].cost - 0.6557412523481002)).toBeLessThanOrEqual(1e-12);
    const report = await readFile(join(dir.path, 'course', 'report.md'), 'utf8');
    expect(report).toContain('The other 6 are not comparable (iterations 200 ≠ 30000)');
    expect(report).not.toContain('✗');
  });

  it('says a run with another seed is not comparable, in the summary and the report', { tags: [FOOTBALL_TAG] }, async () => {
    const { code, stdout } = await runCli(
      ['experiment', 'regularization', '--iterations', '20', '--seed', '4', '--data', footballMatPath(), '--out', 'seed-4', '--json'],
      dir.path,
    );
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as RunSummary;
    expect(summary.published).toEqual({ matched: 0, comparable: 0, total: 9, notComparable: ['seed 4 ≠ 3', 'iterations 20 ≠ 30000'] });
    const report = await readFile(join(dir.path, 'seed-4', 'report.md'), 'utf8');
    expect(report.match(/\| +not comparable \(seed 4 ≠ 3\) +\|/g)).toHaveLength(3);
    expect(report.match(/\| +not comparable \(seed 4 ≠ 3, iterations 20 ≠ 30000\) +\|/g)).toHaveLength(6);
    expect(report).not.toMatch(/✗|✓/);
  });

  it('fails with one line and exit code 1 for a missing file', async () => {
    const { code, stdout, stderr } = await runCli(['experiment', 'regularization', '--data', 'missing.mat'], dir.path);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`lab: ${join(dir.path, 'missing.mat')}: the file does not exist\n`);
  });

  it('fails with one line and exit code 1 for a corrupt MAT file', async () => {
    await writeFile(join(dir.path, 'garbage.mat'), Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37 + 11) % 256)));
    const { code, stdout, stderr } = await runCli(['experiment', 'regularization', '--data', 'garbage.mat'], dir.path);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^lab: .*garbage\.mat: .+\n$/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [['--debug', 'experiment', 'regularization', '--data', 'missing.mat']],
    [['experiment', 'regularization', '--data', 'missing.mat', '--debug']],
  ])('shows the stack trace with --debug: %j', async (argv) => {
    const { code, stderr } = await runCli(argv, dir.path);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^lab: .*missing\.mat: the file does not exist\nDatasetError: .*\n\s+at /);
  });
});

describe('lab experiment regularization --out', () => {
  it('fails with one line when the output directory cannot be created', async () => {
    await writeFile(join(dir.path, 'a-file'), 'not a directory');
    const { code, stdout, stderr } = await runCli(
      ['experiment', 'regularization', '--iterations', '1', '--quiet', '--out', 'a-file/out'],
      dir.path,
    );
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`lab: cannot write to ${join(dir.path, 'a-file', 'out')}: a parent is not a directory (ENOTDIR)\n`);
  });

  it('prints only the results with --quiet', async () => {
    const { code, stdout, stderr } = await runCli(
      ['experiment', 'regularization', '--iterations', '1', '--quiet', '--out', 'quiet'],
      dir.path,
    );
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^model\s+λ/);
  });
});
