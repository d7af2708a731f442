import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BATCHNORM_EXPERIMENT_DEFAULTS, loadBatchnormDigits, runJob, weightScaleJobs } from '@lab/experiment-batchnorm';
import { spaced } from '@lab/trainer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { FOOTBALL_TAG, footballMatPath } from '../../../vitest.football';
import type { SweepSummary } from '../src/output/print-sweep-result';
import { runCli, tempDir } from './helpers/run-cli';

/** The repository's examples/ folder. */
const EXAMPLES = new URL('../../../examples/', import.meta.url).pathname;

interface TrialRecord {
  config: {
    seed: number;
    model: { l2: number; layers: { kind: string; keepProb?: number; init?: { kind: string; scale?: number } }[] };
  };
  models: { costs: { iteration: number; cost: number }[]; trainAccuracy: number; testAccuracy: number }[];
}

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => dir.cleanup());

/** Runs `lab sweep` on a sweep file, two workers, and reads every trial's run record. */
async function sweep(file: string, out: string) {
  const { code, stdout, stderr } = await runCli(['sweep', '--config', file, '--out', out, '--workers', '2', '--json'], dir.path);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  const summary = JSON.parse(stdout) as SweepSummary;
  const records = await Promise.all(
    summary.trials.map(async (trial) => JSON.parse(await readFile(trial.record as string, 'utf8')) as TrialRecord),
  );
  return { summary, records };
}

/** The preset with its base trained for `iterations` only, on the course's file: the same grid, a short run. */
async function shortened(example: string, iterations: number): Promise<string> {
  const preset = parse(await readFile(join(EXAMPLES, example), 'utf8')) as {
    base: { data: Record<string, unknown>; training: Record<string, unknown> };
  };
  preset.base.training = { ...preset.base.training, iterations, costEvery: iterations / 2 };
  preset.base.data = { ...preset.base.data, path: footballMatPath() };
  const path = join(dir.path, `short-${example}`);
  await writeFile(path, stringify(preset));
  return path;
}

describe("examples/sweep-weight-scale.yaml: lab experiment batchnorm's part 5 as a sweep", () => {
  it('every trial trains as the experiment’s job for its scale and network: every loss to 1e-12, the accuracies exactly', async () => {
    const { summary, records } = await sweep(join(EXAMPLES, 'sweep-weight-scale.yaml'), 'weight-scale');
    const settings = BATCHNORM_EXPERIMENT_DEFAULTS.weightScaleSweep;
    const jobs = weightScaleJobs(settings, BATCHNORM_EXPERIMENT_DEFAULTS.seed);
    expect(summary.trials).toHaveLength(jobs.length);
    // The experiment's own jobs, run by its own code on its own digits.
    const { data } = await loadBatchnormDigits(BATCHNORM_EXPERIMENT_DEFAULTS);
    for (const job of jobs) {
      const k = summary.trials.findIndex(
        (t) => t.params['model.layers'] === job.normalization && t.params['model.layers[*].init.scale'] === job.weightScale,
      );
      expect(k, job.id).toBeGreaterThanOrEqual(0);
      const model = records[k]?.models[0];
      const run = runJob(job, data);
      expect(run.diverged, job.id).toBeNull();
      expect(model?.costs, job.id).toHaveLength(run.losses.length);
      model?.costs.forEach((c, i) =>
        expect(Math.abs(c.cost - (run.losses[i] ?? Number.NaN)) / c.cost, `${job.id} loss ${i}`).toBeLessThan(1e-12),
      );
      const last = run.epochs[run.epochs.length - 1];
      expect([model?.trainAccuracy, model?.testAccuracy], job.id).toEqual([last?.trainAccuracy, last?.valAccuracy]);
    }
  });
});

describe('examples/sweep-l2.yaml and sweep-dropout.yaml: the course’s lessons as curves (short runs)', { tags: [FOOTBALL_TAG] }, () => {
  it('sweep-l2: λ on the log grid 0.01 … 10, three seeds each, the course’s network without dropout', async () => {
    const { summary, records } = await sweep(await shortened('sweep-l2.yaml', 200), 'l2');
    const grid = spaced(0.01, 10, 13, true);
    expect(summary.trials.map((t) => [t.params['model.l2'], t.seed])).toEqual(grid.flatMap((l2) => [3, 4, 5].map((seed) => [l2, seed])));
    records.forEach((record, k) => {
      expect(record.config.model.l2).toBe(grid[Math.floor(k / 3)]);
      expect(record.config.model.layers.map((layer) => layer.kind)).toEqual(['linear', 'relu', 'linear', 'relu', 'linear', 'sigmoid']);
    });
    // The first trial (λ = 0.01, seed 3) is the run lab train gives for its record as the config.
    const again = await runCli(['train', '--config', summary.trials[0]?.record as string, '--out', 'rerun', '--json'], dir.path);
    expect(again.stderr).toBe('');
    const rerun = JSON.parse(await readFile(join(dir.path, 'rerun', 'run.json'), 'utf8')) as TrialRecord;
    expect(rerun.models[0]?.costs).toEqual(records[0]?.models[0]?.costs);
  });

  it('sweep-dropout: keep_prob 0.5 … 1 on both hidden layers, three seeds each', async () => {
    const { summary, records } = await sweep(await shortened('sweep-dropout.yaml', 200), 'dropout');
    expect(summary.trials.map((t) => t.params['model.layers[*].keepProb'])).toEqual(
      [0.5, 0.6, 0.7, 0.8, 0.9, 1].flatMap((keepProb) => [keepProb, keepProb, keepProb]),
    );
    records.forEach((record, k) => {
      const keepProbs = record.config.model.layers.filter((layer) => layer.kind === 'dropout').map((layer) => layer.keepProb);
      expect(keepProbs).toEqual([
        summary.trials[k]?.params['model.layers[*].keepProb'],
        summary.trials[k]?.params['model.layers[*].keepProb'],
      ]);
    });
    // Fresh masks: the same keep_prob with another seed trains another way.
    expect(records[0]?.models[0]?.costs).not.toEqual(records[1]?.models[0]?.costs);
  });
});
