import { describe, expect, it } from 'vitest';
import { FOOTBALL_TAG, footballMatPath } from '../../../vitest.football';
import { loadFootball } from '../src/football';
import { footballField } from '../src/football-field';
import { trainThreeLayerNet } from './helpers/three-layer-net';

const MODELS = [
  { name: 'no regularization', lambd: 0, keepProb: 1 },
  { name: 'L2, λ = 0.7', lambd: 0.7, keepProb: 1 },
  { name: 'dropout, keep_prob = 0.86', lambd: 0, keepProb: 0.86 },
] as const;

/**
 * Evidence for the README's football-lesson table (not part of the fast suite): trains the course's three
 * models with the self-contained loop net and prints train/test accuracy; `pnpm test:slow` runs it.
 */
describe('the football lesson (2-20-3-1 net, lr 0.3, 30000 iterations)', () => {
  it('the verification net reproduces the published results on football.mat (fresh dropout masks differ)', {
    tags: [FOOTBALL_TAG],
  }, async () => {
    const data = await loadFootball(footballMatPath());
    const results = MODELS.map((model) => ({ ...model, ...trainThreeLayerNet(data.trainX, data.trainY, data.testX, data.testY, model) }));
    console.log(table('football.mat', results));
    expect(results[0].trainAccuracy).toBe(0.9478672985781991);
    expect(results[0].testAccuracy).toBe(0.915);
    expect(results[0].costAt0).toBeCloseTo(0.6557412523481002, 12);
    expect(results[1].trainAccuracy).toBe(0.9383886255924171);
    expect(results[1].testAccuracy).toBe(0.93);
    expect(results[1].costAt0).toBeCloseTo(0.6974484493131264, 12);
  });

  it('shows on the built-in footballField set', () => {
    const split = footballField({ seed: 0 });
    const results = MODELS.map((model) => ({
      ...model,
      ...trainThreeLayerNet(split.trainX, split.trainY, split.testX, split.testY, model),
    }));
    console.log(table('footballField({ seed: 0 })', results));
    const gaps = results.map((r) => r.trainAccuracy - r.testAccuracy);
    expect(gaps[0]).toBeGreaterThan(gaps[1]);
    expect(gaps[0]).toBeGreaterThan(gaps[2]);
    expect(results[1].testAccuracy).toBeGreaterThan(results[0].testAccuracy);
    expect(results[2].testAccuracy).toBeGreaterThan(results[0].testAccuracy);
  });
});

function table(title: string, results: readonly { name: string; trainAccuracy: number; testAccuracy: number; costAt0: number }[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${r.trainAccuracy.toFixed(4)} | ${r.testAccuracy.toFixed(4)} | ${(r.trainAccuracy - r.testAccuracy).toFixed(4)} | ${r.costAt0} |`,
  );
  return [title, '| model | train acc | test acc | gap | cost at iteration 0 |', '|---|---|---|---|---|', ...rows].join('\n');
}
