import { ConfigError } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { type JournalEvent, parseRunConfig, parseSweepConfig, runFromConfig, runSweep, SweepStudy } from '../src/index';
import { sweepTrialTask, ThreadExecutor, WorkerError } from '../src/node/index';
import { BASE } from './fixtures/sweep-base';

const environment = { node: 'v20', platform: 'linux', arch: 'x64', cpu: 'test', cores: 1, packages: {} };
const sweep = parseSweepConfig({
  name: 'l2',
  base: { ...BASE, training: { iterations: 300, costEvery: 100 } },
  parameters: { 'model.l2': [0, 0.7, 5] },
  repeats: 2,
  metric: { name: 'testAccuracy', goal: 'maximize' },
});
const journal = { append: async (_event: JournalEvent) => undefined };

describe('ThreadExecutor', () => {
  it('gives every trial the result of training its config here, with 1 and 2 threads', async () => {
    const byWorkers: unknown[] = [];
    for (const workers of [1, 2]) {
      const executor = new ThreadExecutor({ workers, dataDir: process.cwd() });
      const results = await runSweep({ study: new SweepStudy(sweep), executor, journal });
      expect(new Set(results.map((r) => r.worker)).size).toBe(workers);
      byWorkers.push(results.map((r) => [r.trial.id, r.metrics]));
    }
    expect(byWorkers[1]).toEqual(byWorkers[0]);
    // The task that trusts the executor's check of each config (no schema in the thread) trains the same.
    const checked = new ThreadExecutor({
      workers: 2,
      dataDir: process.cwd(),
      task: { ...sweepTrialTask(), export: 'runCheckedSweepTrial' },
    });
    const checkedResults = await runSweep({ study: new SweepStudy(sweep), executor: checked, journal });
    expect(checkedResults.map((r) => [r.trial.id, r.metrics])).toEqual(byWorkers[0]);
    // Independently: the same configs trained in this process.
    const study = new SweepStudy(sweep);
    const expected = [];
    for (let a = study.ask(); a.kind === 'trial'; a = study.ask()) {
      const record = await runFromConfig(parseRunConfig(a.trial.config), { environment });
      const model = record.models[0];
      expected.push([a.trial.id, { trainAccuracy: model.trainAccuracy, testAccuracy: model.testAccuracy, cost: model.finalCost }]);
    }
    expect(byWorkers[0]).toEqual(expected);
    // The λ sweep shows regularization: training cost rises with λ.
    const costs = (byWorkers[0] as [string, { cost: number }][]).map(([, m]) => m.cost);
    expect(costs[0]).toBeLessThan(costs[2] as number);
    expect(costs[2]).toBeLessThan(costs[4] as number);
  });

  it('ends the sweep with one line when a trial fails', async () => {
    const bad = parseSweepConfig({ ...sweep.source, base: { ...BASE, data: { kind: 'mat', path: 'missing.mat' } } });
    const executor = new ThreadExecutor({ workers: 2, dataDir: process.cwd() });
    const error = await runSweep({ study: new SweepStudy(bad), executor, journal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerError);
    expect((error as Error).message).toMatch(/^trial t000[01] on worker [12]: .*missing\.mat/);
    expect((error as Error).message).not.toContain('\n');
  });

  it("ends the sweep with the trial's ConfigError when its config fails the check, before any thread runs it", async () => {
    // A study whose trial config is not a run config (the sweep's own check would refuse it first).
    const study = new SweepStudy(sweep);
    const ask = study.ask.bind(study);
    study.ask = () => {
      const asked = ask();
      return asked.kind === 'trial'
        ? { ...asked, trial: { ...asked.trial, config: { ...(asked.trial.config as object), optimizer: { kind: 'sgd' } } } }
        : asked;
    };
    const executor = new ThreadExecutor({ workers: 1, dataDir: process.cwd() });
    const error = await runSweep({ study, executor, journal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/^trial t0000: optimizer\.kind: /);
    expect(executor.timeline().workers.every((w) => w.jobs.length === 0)).toBe(true);
  });

  it('ends a trial that misses its deadline', async () => {
    const slow = parseSweepConfig({ ...sweep.source, base: { ...BASE, training: { iterations: 10_000_000 } } });
    const executor = new ThreadExecutor({ workers: 1, dataDir: process.cwd(), deadlineSeconds: 0.5 });
    await expect(runSweep({ study: new SweepStudy(slow), executor, journal })).rejects.toThrow(
      'trial t0000 on worker 1: did not finish within its deadline of 0.5 s; stopped it',
    );
  });
});
