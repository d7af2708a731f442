import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BATCHNORM_EXPERIMENT_DEFAULTS, deepMlpJobs, loadBatchnormDigits, runJob } from '@lab/experiment-batchnorm';
import { PUBLISHED_RESULTS } from '@lab/experiment-regularization';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOOTBALL_TAG, footballMatPath } from '../../../vitest.football';
import type { RunSummary } from '../src/output/run-summary';
import { runCli, tempDir } from './helpers/run-cli';

/** The repository's examples/ folder. */
const EXAMPLES = new URL('../../../examples/', import.meta.url).pathname;

interface TrainedModel {
  name: string;
  costs: { iteration: number; cost: number }[];
  trainAccuracy: number;
  testAccuracy: number;
}

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => dir.cleanup());

async function train(example: string, extra: readonly string[] = []): Promise<TrainedModel> {
  const { code, stdout, stderr } = await runCli(
    ['train', '--config', join(EXAMPLES, example), '--out', example, '--json', ...extra],
    dir.path,
  );
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  const summary = JSON.parse(stdout) as RunSummary;
  const record = JSON.parse(await readFile(summary.runRecord, 'utf8')) as { models: TrainedModel[] };
  return record.models[0] as TrainedModel;
}

/** The old BinaryMlp's cost trajectory on football.mat (the regularization experiment's fixture, with its provenance note). */
const TRAJECTORY = JSON.parse(
  readFileSync(new URL('../../experiments/regularization/test/fixtures/course-cost-trajectory.json', import.meta.url), 'utf8'),
) as { models: { name: string; costAt10000: number; costAt20000: number }[] };

describe("the course's three models through lab train reproduce the published table", { tags: [FOOTBALL_TAG] }, () => {
  for (const [example, name] of [
    ['football-none.yaml', 'no regularization'],
    ['football-l2.yaml', 'L2'],
    ['football-dropout.yaml', 'dropout'],
  ] as const) {
    it(`${example}: accuracies exactly, cost at iteration 0 to 1e-12, the old BinaryMlp's costs at 10000 and 20000 to 1e-9`, async () => {
      const published = PUBLISHED_RESULTS[name];
      if (published === undefined) throw new Error(`no published result for ${name}`);
      const model = await train(example, ['--data', footballMatPath()]);
      expect(model.name).toBe(name);
      expect(model.costs[0]?.iteration).toBe(0);
      expect(Math.abs((model.costs[0]?.cost ?? Number.NaN) - published.costAt0)).toBeLessThan(1e-12);
      expect(model.trainAccuracy).toBe(published.trainAccuracy);
      expect(model.testAccuracy).toBe(published.testAccuracy);
      const old = TRAJECTORY.models.find((m) => m.name === name);
      const costAt = (iteration: number) => model.costs.find((c) => c.iteration === iteration)?.cost ?? Number.NaN;
      expect(Math.abs(costAt(10000) - (old?.costAt10000 ?? Number.NaN))).toBeLessThan(1e-9);
      expect(Math.abs(costAt(20000) - (old?.costAt20000 ?? Number.NaN))).toBeLessThan(1e-9);
    });
  }
});

describe("examples/deep-mlp-batchnorm.yaml: CS231n's deep MLP with batch norm on MNIST", () => {
  it('trains as lab experiment batchnorm’s deep-MLP run with batch norm does: every loss to 1e-12, the accuracies exactly', async () => {
    const model = await train('deep-mlp-batchnorm.yaml');
    // The experiment's own job, run by its own code on its own digits.
    const config = BATCHNORM_EXPERIMENT_DEFAULTS;
    const job = deepMlpJobs(config.deepMlp, config.seed).find((j) => j.normalization === 'batchnorm');
    if (job === undefined) throw new Error('no deep-MLP job with batch norm');
    const { data } = await loadBatchnormDigits(config);
    const run = runJob(job, data);
    // The compiled step's fused kernels may sum in another order than the layers' own: 1e-12 relative.
    expect(model.costs).toHaveLength(run.losses.length);
    model.costs.forEach((c, i) => expect(Math.abs(c.cost - (run.losses[i] ?? Number.NaN)) / c.cost, `loss ${i}`).toBeLessThan(1e-12));
    const last = run.epochs[run.epochs.length - 1];
    expect([model.trainAccuracy, model.testAccuracy]).toEqual([last?.trainAccuracy, last?.valAccuracy]);
    expect(model.testAccuracy).toBeGreaterThan(0.8);
  });
});
