import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, runCli, tempDir } from './helpers/run-cli';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => dir.cleanup());

describe('lab experiment initialization', () => {
  let result: CliResult;
  beforeAll(async () => {
    // Few iterations: a second of training. No --out: the default out/initialization.
    result = await runCli(['experiment', 'initialization', '--iterations', '300'], dir.path);
  });

  it('names the data, then shows plain progress lines per model when stderr is not a terminal', () => {
    expect(result.code).toBe(0);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(
      "Data: the course's circles, make_circles(n_samples=300, noise=0.05) after seed(1) to train and make_circles(n_samples=100, noise=0.05) after seed(2) to test.",
    );
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^zeros \(1\/3\): 100% \(300\/300 iterations\), cost 0\.693147, ETA \d+s$/),
      // The last cost recorded is that of iteration 0: +∞.
      expect.stringMatching(/^random \(2\/3\): 100% \(300\/300 iterations\), cost inf, ETA \d+s$/),
      expect.stringMatching(/^he \(3\/3\): 100% \(300\/300 iterations\), cost \d\.\d{6}$/),
    ]);
  });

  it('prints the results table, the published numbers it can be compared with, and where its files are', () => {
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^model\s+cost at 0\s+final cost\s+train acc\s+test acc\s+seconds$/);
    expect(lines[2]).toMatch(/^zeros\s+0\.693147\s+0\.693147\s+0\.5000\s+0\.5000\s+\d+\.\d{2}$/);
    expect(lines[3]).toMatch(/^random\s+inf\s+\d+\.\d{6}\s/);
    expect(lines[4]).toMatch(/^he\s+0\.883054\s/);
    // With 300 iterations only the costs at iteration 0 are comparable with the course's 15000.
    expect(result.stdout).toContain(
      "Published results: 3 of 3 numbers matched (all match, 7 not comparable with these settings); see the report's comparison.\n",
    );
    expect(result.stdout).toContain('Run record: out/initialization/run.json\n');
    expect(result.stdout).toContain('Report:     out/initialization/report.md (4 figures beside it)\n');
  });

  it('writes run.json (+∞ as "Infinity"), report.md and the figures into out/initialization', async () => {
    const out = join(dir.path, 'out', 'initialization');
    expect((await readdir(out)).sort()).toEqual([
      'cost-curves.svg',
      'decision-boundary-he.svg',
      'decision-boundary-random.svg',
      'decision-boundary-zeros.svg',
      'report.md',
      'run.json',
    ]);
    const record = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
    expect(record).toMatchObject({
      kind: 'initialization',
      seed: 3,
      training: { numIterations: 300, learningRate: 0.01, costEvery: 1000 },
    });
    expect(record.models[1].costs[0]).toEqual({ iteration: 0, cost: 'Infinity' });
    const report = await readFile(join(out, 'report.md'), 'utf8');
    expect(report).toContain('not comparable (iterations 15000 in the course, 300 here)');
  });

  it('--json prints one JSON object naming the run record, and nothing on stderr', async () => {
    const { code, stdout, stderr } = await runCli(
      ['experiment', 'initialization', '--iterations', '50', '--out', 'init-json', '--json'],
      dir.path,
    );
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({
      command: 'experiment initialization',
      runRecord: join(dir.path, 'init-json', 'run.json'),
      report: join(dir.path, 'init-json', 'report.md'),
      numIterations: 50,
      learningRate: 0.01,
      published: { matched: 3, total: 3, notComparable: 7 },
    });
    expect(summary.models.map((m: { name: string; costAt0: unknown }) => [m.name, m.costAt0])).toEqual([
      // biome-ignore lint/suspicious/noApproximativeNumericConstant: the course's printed cost, as printed
      ['zeros', 0.6931471805599453],
      ['random', 'Infinity'],
      ['he', 0.8830537463419761],
    ]);
    for (const path of [summary.runRecord, summary.report, ...summary.figures]) expect(existsSync(path)).toBe(true);
  });

  it('lab report renders its record again', async () => {
    const { code, stdout } = await runCli(['report', join('out', 'initialization', 'run.json'), '--out', 'init-again'], dir.path);
    expect(code).toBe(0);
    expect(stdout).toContain('init-again');
    expect(await readFile(join(dir.path, 'init-again', 'report.md'), 'utf8')).toContain('# Initialization experiment');
  });
});

describe('lab experiment optimization', () => {
  it('trains the three optimizers, compares the printed costs after epoch 0 and writes the outputs', async () => {
    const result = await runCli(['experiment', 'optimization', '--epochs', '20', '--out', 'opt'], dir.path);
    expect(result.code).toBe(0);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe("Data: the course's moons, make_moons(n_samples=300, noise=0.2) after seed(3).");
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^gd \(1\/3\): 100% \(100\/100 iterations\), cost 0\.690736, ETA \d+s$/),
      expect.stringMatching(/^momentum \(2\/3\): 100% \(100\/100 iterations\), cost 0\.690741, ETA \d+s$/),
      expect.stringMatching(/^adam \(3\/3\): 100% \(100\/100 iterations\), cost 0\.690552$/),
    ]);
    const out = result.stdout.split('\n');
    expect(out[0]).toMatch(/^model\s+cost after epoch 0\s+final cost\s+train acc\s+seconds$/);
    expect(out[2]).toMatch(/^gd\s+0\.690736\s/);
    expect(out[4]).toMatch(/^adam\s+0\.690552\s/);
    expect(result.stdout).toContain(
      "Published results: 3 of 3 numbers matched (all match, 3 not comparable with these settings); see the report's comparison.\n",
    );
    const record = JSON.parse(await readFile(join(dir.path, 'opt', 'run.json'), 'utf8'));
    expect(record).toMatchObject({
      kind: 'optimization',
      training: { epochs: 20, batchSize: 64, epochSeedBase: 10, costEveryEpochs: 1000 },
    });
    expect(record.models[0].costs).toEqual([{ epoch: 0, iteration: 4, cost: expect.any(Number) }]);
    expect((await readdir(join(dir.path, 'opt'))).filter((f) => f.endsWith('.svg'))).toHaveLength(4);
  });

  it('--json prints one JSON object naming the run record', async () => {
    const { code, stdout, stderr } = await runCli(['experiment', 'optimization', '--epochs', '2', '--out', 'opt-json', '--json'], dir.path);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({
      command: 'experiment optimization',
      runRecord: join(dir.path, 'opt-json', 'run.json'),
      epochs: 2,
      batchSize: 64,
      learningRate: 0.0007,
      published: { matched: 3, total: 3, notComparable: 3 },
    });
    expect(summary.models.map((m: { name: string }) => m.name)).toEqual(['gd', 'momentum', 'adam']);
  });
});
