import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parseSweepConfig, SweepStudy } from '../src/index';

/** The README's sweep example, with a pretend training in place of `trainSomehow`. */
it("the README's sweep example plans 4 λ values × 2 seeds", () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  expect(readme).toContain("parameters: { 'model.l2': { kind: 'logspace', min: 0.01, max: 10, count: 4 } },");
  const trainSomehow = (config: unknown): number => 1 - (config as { model: { l2: number } }).model.l2 / 20;
  const sweep = parseSweepConfig({
    name: 'l2',
    base: {
      data: { kind: 'football' },
      model: {
        layers: [{ kind: 'linear', units: 20 }, { kind: 'relu' }, { kind: 'linear', units: 1 }, { kind: 'sigmoid' }],
        loss: 'binary-cross-entropy',
      },
      optimizer: { kind: 'gd', learningRate: 0.3 },
      training: { iterations: 1000 },
    },
    parameters: { 'model.l2': { kind: 'logspace', min: 0.01, max: 10, count: 4 } },
    repeats: 2,
    metric: { name: 'testAccuracy', goal: 'maximize' },
  });
  const study = new SweepStudy(sweep);
  for (let next = study.ask(); next.kind === 'trial'; next = study.ask()) {
    const { id, config } = next.trial;
    study.tell(id, { metrics: { testAccuracy: trainSomehow(config) }, rungs: [], seconds: 0 });
  }
  const rows = study.results().map((r) => [r.trial.params['model.l2'], r.trial.seed]);
  // 10^-2, 10^-1, 10^0, 10^1, each with the default seed 0 and 1 (the base has no seed).
  expect(rows).toEqual([
    [0.01, 0],
    [0.01, 1],
    [0.1, 0],
    [0.1, 1],
    [1, 0],
    [1, 1],
    [10, 0],
    [10, 1],
  ]);
});
