import { RandomState } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { BASE } from '../../test/fixtures/sweep-base';
import type { JournalEvent } from './journal';
import { type JournalSink, runSweep, type TrialExecutor, type TrialHooks } from './run-sweep';
import { parseSweepConfig } from './sweep-config';
import { SweepStudy } from './sweep-study';
import type { TrialOutcome, TrialSpec } from './trial';

/** A pretend training: its metrics are a fixed function of the run config, its rungs a curve towards them. */
function pretendTraining(config: { model: { l2: number }; seed: number }): { final: number; curve: [number, number][] } {
  const final = 1 - Math.abs(config.model.l2 - 0.3) + config.seed * 1e-3;
  return { final, curve: [10, 20, 30].map((step) => [step, final * (step / 40)]) };
}

/**
 * Runs pretend trainings in this process on `slots` slots, each taking a random time (from its
 * own generator), reporting rungs as it goes and stopping when told: the order in which trials
 * finish changes with `slots` and `timing`.
 */
class InProcessExecutor implements TrialExecutor {
  readonly slots: number;
  closed = 0;
  private readonly timing: RandomState;
  private readonly stops = new Set<string>();
  private readonly failOn?: string;

  constructor(slots: number, timingSeed: number, failOn?: string) {
    this.slots = slots;
    this.timing = new RandomState(timingSeed);
    this.failOn = failOn;
  }

  async run(trial: TrialSpec, hooks: TrialHooks): Promise<TrialOutcome> {
    const { final, curve } = pretendTraining(trial.config as never);
    const rungs = [];
    for (const [step, value] of curve) {
      await new Promise((resolve) => setTimeout(resolve, Math.floor(this.timing.nextDouble() * 4)));
      if (trial.id === this.failOn) throw new Error(`trial ${trial.id} broke`);
      if (trial.rungs === undefined) continue;
      const rung = { step, metrics: { testAccuracy: value } };
      rungs.push(rung);
      hooks.onRung(rung);
      if (this.stops.has(trial.id)) return { metrics: { testAccuracy: value }, rungs, seconds: 0 };
    }
    return { metrics: { testAccuracy: final, trainAccuracy: final + 0.01 }, rungs, seconds: 0, worker: `slot of ${this.slots}` };
  }

  stop(trialId: string): void {
    this.stops.add(trialId);
  }

  async close(): Promise<void> {
    this.closed++;
  }
}

class MemoryJournal implements JournalSink {
  readonly events: JournalEvent[] = [];
  async append(event: JournalEvent): Promise<void> {
    this.events.push(event);
  }
}

const sweep = (extra: object = {}) =>
  parseSweepConfig({
    name: 'l2',
    base: BASE,
    parameters: { 'model.l2': { kind: 'linspace', min: 0, max: 1, count: 6 } },
    repeats: 2,
    metric: { name: 'testAccuracy', goal: 'maximize' },
    ...extra,
  });

describe('runSweep', () => {
  it('gives the same results with 1 and 3 slots, and journals every trial and result once', async () => {
    const runs = [];
    for (const [slots, timing] of [
      [1, 1],
      [3, 2],
      [3, 3],
    ] as const) {
      const journal = new MemoryJournal();
      const executor = new InProcessExecutor(slots, timing);
      const results = await runSweep({ study: new SweepStudy(sweep()), executor, journal, now: () => 'now' });
      expect(executor.closed).toBe(1);
      const ids = results.map((r) => r.trial.id);
      expect(ids).toEqual(Array.from({ length: 12 }, (_, i) => `t${String(i).padStart(4, '0')}`));
      expect(journal.events.filter((e) => e.type === 'trial').map((e) => (e as { id: string }).id)).toEqual(ids);
      expect(
        journal.events
          .filter((e) => e.type === 'result')
          .map((e) => (e as { id: string }).id)
          .sort(),
      ).toEqual(ids);
      expect(journal.events.at(-1)).toEqual({ type: 'complete', at: 'now', trials: 12 });
      // Each trial's metrics are its own config's, whatever slot ran it.
      for (const r of results) expect(r.metrics.testAccuracy).toBe(pretendTraining(r.trial.config as never).final);
      runs.push(results.map((r) => [r.trial.id, r.status, r.metrics]));
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });

  it('gives the same early-termination decisions with 1 and 3 slots', async () => {
    const config = sweep({ earlyTermination: { rule: 'median', minStep: 10, interval: 10, minTrials: 2 } });
    const outcomes = [];
    for (const [slots, timing] of [
      [1, 1],
      [3, 5],
      [4, 6],
    ] as const) {
      const results = await runSweep({
        study: new SweepStudy(config),
        executor: new InProcessExecutor(slots, timing),
        journal: new MemoryJournal(),
      });
      outcomes.push(results.map((r) => [r.trial.id, r.status, r.stoppedAt, r.metrics.testAccuracy]));
    }
    expect(outcomes[0]?.filter((o) => o[1] === 'stopped').length).toBeGreaterThan(0);
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(outcomes[2]).toEqual(outcomes[0]);
  });

  it('ends cleanly when a trial fails while more are still being handed out (no unhandled rejection)', async () => {
    // Every trial at once, and a slow journal: t0000 fails while later trials are still being journaled.
    const slowJournal = { append: () => new Promise<void>((resolve) => setTimeout(resolve, 5)) };
    const executor = new InProcessExecutor(12, 1, 't0000');
    await expect(runSweep({ study: new SweepStudy(sweep()), executor, journal: slowJournal })).rejects.toThrow('trial t0000 broke');
    expect(executor.closed).toBe(1);
  });

  it('ends at the first failure: journals it, closes the executor, rethrows', async () => {
    const journal = new MemoryJournal();
    const executor = new InProcessExecutor(2, 1, 't0003');
    await expect(runSweep({ study: new SweepStudy(sweep()), executor, journal, now: () => 'now' })).rejects.toThrow('trial t0003 broke');
    expect(executor.closed).toBe(1);
    expect(journal.events.filter((e) => e.type === 'failure')).toEqual([
      { type: 'failure', at: 'now', id: 't0003', message: 'trial t0003 broke' },
    ]);
    expect(journal.events.some((e) => e.type === 'complete')).toBe(false);
  });
});
