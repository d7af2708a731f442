import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOOTBALL_TAG, footballMatPath } from '../../../vitest.football';
import type { RunSummary } from '../src/output/run-summary';
import { runCli, tempDir } from './helpers/run-cli';

const FOOTBALL_CONFIG = `# The course's network on the built-in football field, briefly.
name: small football
seed: 3
dataset:
  kind: builtin
  name: football
model:
  layerSizes: [2, 20, 3, 1]
regularization:
  l2: 0.7
optimizer:
  kind: gd
  learningRate: 0.3
training:
  numIterations: 200
  costEvery: 50
`;

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
  await writeFile(join(dir.path, 'run.yaml'), FOOTBALL_CONFIG);
});
afterAll(async () => dir.cleanup());

describe('lab train --config', () => {
  it('runs a YAML config and writes run.json and the report into out/train', async () => {
    const { code, stdout, stderr } = await runCli(['train', '--config', 'run.yaml'], dir.path);
    expect(code).toBe(0);
    // Progress every costEvery = 50 of 200 iterations: a line at 25, 50, 75 and 100 %.
    expect(stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^small football: 25% \(50\/200 iterations\), cost \d\.\d{6}, ETA \d+s$/),
      expect.stringMatching(/^small football: 50% /),
      expect.stringMatching(/^small football: 75% /),
      expect.stringMatching(/^small football: 100% \(200\/200 iterations\), cost \d\.\d{6}$/),
    ]);
    expect(stdout).toMatch(/^model\s+λ\s+keep_prob/);
    expect(stdout).toMatch(/^small football\s+0\.7\s+1\s/m);
    expect(stdout).toContain('Run record: out/train/run.json\n');
    const files = await readdir(join(dir.path, 'out', 'train'));
    expect(files).toEqual(expect.arrayContaining(['run.json', 'report.md', 'cost-curves.svg', 'decision-boundary-small-football.svg']));
    const record = JSON.parse(await readFile(join(dir.path, 'out', 'train', 'run.json'), 'utf8'));
    expect(record.kind).toBe('train');
    expect(record.models).toHaveLength(1);
    expect(record.models[0]).toMatchObject({ name: 'small football', lambd: 0.7, keepProb: 1 });
    expect(record.training).toMatchObject({ optimizer: 'gd (full batch)', numIterations: 200, costEvery: 50 });
    // Each progress line shows the cost at its own iteration; the 100 % line, the final cost, which ends the curve.
    const shown = stderr.split('\n').flatMap((line) => /\((\d+)\/200 iterations\), cost (\d\.\d{6})/.exec(line)?.slice(1) ?? []);
    const costs: { iteration: number; cost: number }[] = record.models[0].costs;
    expect(costs.map((c) => c.iteration)).toEqual([0, 50, 100, 150, 200]);
    expect(costs[4]?.cost).toBe(record.models[0].finalCost);
    expect(shown).toEqual(costs.slice(1).flatMap((c) => [String(c.iteration), c.cost.toFixed(6)]));
    const report = await readFile(join(dir.path, 'out', 'train', 'report.md'), 'utf8');
    expect(report.split('\n').slice(0, 3)).toEqual([
      '# Training run: small football',
      '',
      'small football: LINEAR(2→20) → RELU → LINEAR(20→3) → RELU → LINEAR(3→1) → SIGMOID trained with gd (full batch) for 200 iterations on football (built-in).',
    ]);
    expect(report).not.toContain('Highest test accuracy');
    expect(report).not.toContain('## Comparison with the published results');
  });

  it('lab report re-renders its run.json, and still reads a record lab train wrote with kind regularization', async () => {
    const runJson = join(dir.path, 'out', 'train', 'run.json');
    const rendered = await runCli(['report', runJson, '--out', 'again'], dir.path);
    expect(rendered.code).toBe(0);
    expect(rendered.stdout).toBe('Report: again/report.md (2 figures beside it)\n');
    const written = await readFile(join(dir.path, 'out', 'train', 'report.md'), 'utf8');
    expect(await readFile(join(dir.path, 'again', 'report.md'), 'utf8')).toBe(written);

    const old = { ...JSON.parse(await readFile(runJson, 'utf8')), kind: 'regularization' };
    await writeFile(join(dir.path, 'old-train.json'), JSON.stringify(old));
    const { code, stdout, stderr } = await runCli(['report', 'old-train.json', '--out', 'old'], dir.path);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe('Report: old/report.md (2 figures beside it)\n');
    expect(await readFile(join(dir.path, 'old', 'report.md'), 'utf8')).toMatch(
      /^# Regularization experiment\n\nOne model \(small football\)/,
    );
  });

  it('runs a JSON config on a MAT file named relative to the config, with --json', { tags: [FOOTBALL_TAG] }, async () => {
    const config = {
      name: 'course file',
      dataset: { kind: 'mat', path: footballMatPath() },
      model: { layerSizes: [2, 20, 3, 1] },
      optimizer: { kind: 'adam', learningRate: 0.01 },
      training: { numIterations: 100, batchSize: 64 },
    };
    await writeFile(join(dir.path, 'course.json'), JSON.stringify(config));
    const { code, stdout, stderr } = await runCli(['train', '--config', 'course.json', '--out', 'course-train', '--json'], dir.path);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const summary = JSON.parse(stdout) as RunSummary;
    expect(summary).toMatchObject({
      command: 'train',
      runRecord: join(dir.path, 'course-train', 'run.json'),
      dataset: { name: 'football.mat', source: 'file', path: footballMatPath(), isCourseData: true, trainSize: 211, testSize: 200 },
      numIterations: 100,
    });
    expect(summary.models).toHaveLength(1);
    expect(summary).not.toHaveProperty('published');
    const report = await readFile(join(dir.path, 'course-train', 'report.md'), 'utf8');
    expect(report.startsWith('# Training run: course file\n')).toBe(true);
    expect(report).toContain('trained with adam (batches of 64) for 100 iterations on football.mat.');
    expect(report).not.toContain('published');
  });

  it('names the file and the field path of an invalid field', async () => {
    await writeFile(join(dir.path, 'bad-field.yaml'), FOOTBALL_CONFIG.replace('learningRate: 0.3', 'learningRate: -0.3'));
    const { code, stdout, stderr } = await runCli(['train', '--config', 'bad-field.yaml'], dir.path);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('lab: bad-field.yaml: optimizer.learningRate: Too small: expected number to be >0\n');
  });

  it('names a nested array element and an unknown key', async () => {
    await writeFile(join(dir.path, 'bad-size.yaml'), FOOTBALL_CONFIG.replace('[2, 20, 3, 1]', '[2, 20, 0, 1]'));
    const size = await runCli(['train', '--config', 'bad-size.yaml'], dir.path);
    expect(size.code).toBe(1);
    expect(size.stderr).toMatch(/^lab: bad-size\.yaml: model\.layerSizes\[2\]: .+\n$/);
    await writeFile(join(dir.path, 'typo.yaml'), FOOTBALL_CONFIG.replace('  costEvery: 50', '  costEvry: 50'));
    const typo = await runCli(['train', '--config', 'typo.yaml'], dir.path);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toBe('lab: typo.yaml: training.costEvry: unknown field (the fields: numIterations, batchSize, costEvery)\n');
  });

  it('reports bad YAML with its line and column', async () => {
    await writeFile(join(dir.path, 'broken.yaml'), 'name: x\nmodel:\n  layerSizes: [2, 3\n');
    const { code, stdout, stderr } = await runCli(['train', '--config', 'broken.yaml'], dir.path);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^lab: broken\.yaml: not valid YAML: .*line \d+, column \d+\n$/);
  });

  it('reports a missing config file', async () => {
    const { code, stderr } = await runCli(['train', '--config', 'nowhere.yaml'], dir.path);
    expect(code).toBe(1);
    expect(stderr).toBe(`lab: ${join(dir.path, 'nowhere.yaml')}: the file does not exist\n`);
  });

  it('reports a config format it does not know', async () => {
    const { code, stderr } = await runCli(['train', '--config', 'run.toml'], dir.path);
    expect(code).toBe(1);
    expect(stderr).toBe('lab: run.toml: unknown config format ".toml": expected .yaml, .yml or .json\n');
  });

  it('reports a MAT file the config names but that is missing, relative to the config', async () => {
    await writeFile(
      join(dir.path, 'no-data.yaml'),
      FOOTBALL_CONFIG.replace('  kind: builtin\n  name: football', '  kind: mat\n  path: data/none.mat'),
    );
    const { code, stderr } = await runCli(['train', '--config', 'no-data.yaml'], dir.path);
    expect(code).toBe(1);
    expect(stderr).toBe(`lab: ${join(dir.path, 'data', 'none.mat')}: the file does not exist\n`);
  });
});

describe('lab train with an expression schedule', () => {
  const withSchedule = (expression: string) =>
    `${FOOTBALL_CONFIG}schedule:\n  kind: expression\n  expression: ${JSON.stringify(expression)}\n`;

  it('trains with it: the same costs as the constant rate 0.3 until the rate halves at epoch 100', async () => {
    await writeFile(join(dir.path, 'constant.yaml'), FOOTBALL_CONFIG);
    await writeFile(join(dir.path, 'decay.yaml'), withSchedule('0.3 * 0.5 ^ floor(epoch / 100)'));
    const costs = async (config: string) => {
      const { code, stderr } = await runCli(['train', '--config', config, '--out', `out-${config}`, '--quiet'], dir.path);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const record = JSON.parse(await readFile(join(dir.path, `out-${config}`, 'run.json'), 'utf8'));
      return (record.models[0].costs as { iteration: number; cost: number }[]).map(({ cost }) => cost);
    };
    const constant = await costs('constant.yaml');
    const decay = await costs('decay.yaml');
    // Costs are recorded at iterations 0, 50, 100, 150, each before that iteration's update.
    expect(decay.slice(0, 3)).toEqual(constant.slice(0, 3));
    expect(decay[3]).not.toBe(constant[3]);
  });

  it('a formula that fails only at a later epoch: one line naming it and the epoch, before training, nothing written', async () => {
    await writeFile(join(dir.path, 'late.yaml'), withSchedule('epoch > 2 ? max() : 0.01'));
    const { code, stdout, stderr } = await runCli(['train', '--config', 'late.yaml', '--out', 'late'], dir.path);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    // No progress line: the whole run's 200 epochs were checked before the first step.
    expect(stderr).toBe(
      'lab: late.yaml: schedule: ExpressionSchedule: "epoch > 2 ? max() : 0.01": cannot be evaluated at epoch 3, iteration 3: Too few arguments in function max (expected: any, index: 0)\n',
    );
    await expect(readdir(join(dir.path, 'late'))).rejects.toThrow(/ENOENT/);
  });

  it('a 200 000-term formula: one short line, not an internal error', async () => {
    const expression = Array.from({ length: 200_000 }, () => '1').join('+');
    await writeFile(join(dir.path, 'huge.yaml'), withSchedule(expression));
    const { code, stderr } = await runCli(['train', '--config', 'huge.yaml', '--out', 'huge'], dir.path);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `lab: huge.yaml: schedule: ExpressionSchedule: "${expression.slice(0, 60)}…" (399999 characters): is 399999 characters long; a schedule may have at most 1000\n`,
    );
  });
});
