import { RandomState } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { BASE } from '../../test/fixtures/sweep-base';
import { parseRunConfig } from '../config/run-config';
import { parseSweepConfig } from './sweep-config';
import { SweepStudy } from './sweep-study';
import type { TrialSpec } from './trial';

function study(input: Record<string, unknown>): SweepStudy {
  return new SweepStudy(
    parseSweepConfig({ name: 's', base: BASE, metric: { name: 'testAccuracy', goal: 'maximize' }, parameters: {}, ...input }),
  );
}

/** Asks until the study says done (never waits: grid and random plan without results). */
function askAll(s: SweepStudy): TrialSpec[] {
  const trials: TrialSpec[] = [];
  for (let a = s.ask(); a.kind === 'trial'; a = s.ask()) trials.push(a.trial);
  return trials;
}

describe('a grid sweep', () => {
  it('plans every point in nested-loop order, each repeated with seeds seed, seed + 1, …', () => {
    const s = study({
      parameters: { 'model.l2': [0, 0.7], 'model.layers[2].keepProb': [0.86, 1], 'optimizer.kind': ['gd', 'adam'] },
      repeats: 2,
      seed: 40,
    });
    const trials = askAll(s);
    expect(s.ask()).toEqual({ kind: 'done' });
    // The same grid as three nested loops, written out by hand.
    const expected: { l2: number; keepProb: number; kind: string; seed: number }[] = [];
    for (const l2 of [0, 0.7])
      for (const keepProb of [0.86, 1])
        for (const kind of ['gd', 'adam']) for (const seed of [40, 41]) expected.push({ l2, keepProb, kind, seed });
    expect(trials).toHaveLength(16);
    trials.forEach((trial, i) => {
      const e = expected[i] as (typeof expected)[number];
      expect(trial.id).toBe(`t${String(i).padStart(4, '0')}`);
      expect(trial.point).toBe(Math.floor(i / 2));
      expect(trial.repeat).toBe(i % 2);
      expect(trial.params).toEqual({ 'model.l2': e.l2, 'model.layers[2].keepProb': e.keepProb, 'optimizer.kind': e.kind });
      expect(trial.seed).toBe(e.seed);
      // The run config is the base (defaults filled in) with the three values and the seed set, nothing
      // else changed: the data keep the base's seed (repeats differ in weights and masks, not in data).
      expect(parseRunConfig(trial.config)).toEqual(
        parseRunConfig({
          ...BASE,
          seed: e.seed,
          data: { ...BASE.data, seed: BASE.seed },
          model: {
            ...BASE.model,
            l2: e.l2,
            layers: BASE.model.layers.map((layer, k) => (k === 2 ? { ...layer, keepProb: e.keepProb } : layer)),
          },
          optimizer: { kind: e.kind, learningRate: 0.3 },
        }),
      );
    });
  });
});

describe('a random sweep', () => {
  const parameters = {
    'optimizer.learningRate': { kind: 'log-uniform', min: 1e-4, max: 1 },
    'model.layers[2].keepProb': { kind: 'uniform', min: 0.5, max: 1 },
    'training.iterations': { kind: 'integer', min: 1, max: 4 },
    'optimizer.kind': { kind: 'choice', values: ['gd', 'momentum', 'adam'] },
  } as const;

  it('plans the trial budget, every value in its domain, the same for the same seed', () => {
    const trials = askAll(study({ method: 'random', trials: 2000, parameters, seed: 7 }));
    expect(trials).toHaveLength(2000);
    const again = askAll(study({ method: 'random', trials: 2000, parameters, seed: 7 }));
    expect(again.map((t) => t.params)).toEqual(trials.map((t) => t.params));
    const other = askAll(study({ method: 'random', trials: 2000, parameters, seed: 8 }));
    expect(other.map((t) => t.params)).not.toEqual(trials.map((t) => t.params));

    const lr = trials.map((t) => t.params['optimizer.learningRate'] as number);
    const keep = trials.map((t) => t.params['model.layers[2].keepProb'] as number);
    const iterations = trials.map((t) => t.params['training.iterations'] as number);
    const kinds = trials.map((t) => t.params['optimizer.kind'] as string);
    expect(Math.min(...lr)).toBeGreaterThanOrEqual(1e-4);
    expect(Math.max(...lr)).toBeLessThanOrEqual(1);
    // log10 of a log-uniform draw is uniform on [-4, 0]: mean -2, sd 4/√12; 2000 draws put the
    // sample mean within 4 standard errors (4 · 1.155 / √2000 ≈ 0.10) of -2.
    const meanLog = lr.reduce((a, v) => a + Math.log10(v), 0) / lr.length;
    expect(Math.abs(meanLog + 2)).toBeLessThan(0.1);
    const meanKeep = keep.reduce((a, b) => a + b, 0) / keep.length;
    expect(Math.abs(meanKeep - 0.75)).toBeLessThan((4 * 0.5) / Math.sqrt(12 * 2000));
    expect(Math.min(...keep)).toBeGreaterThanOrEqual(0.5);
    // Every integer and every choice comes up about equally often (±5 standard errors).
    for (const k of [1, 2, 3, 4])
      expect(Math.abs(iterations.filter((v) => v === k).length - 500)).toBeLessThan(5 * Math.sqrt(2000 * 0.25 * 0.75));
    for (const kind of ['gd', 'momentum', 'adam'])
      expect(Math.abs(kinds.filter((v) => v === kind).length - 2000 / 3)).toBeLessThan(5 * Math.sqrt((2000 * 2) / 9));
  });

  it('gives each point the same values and seeds whatever order results come back in', () => {
    const s1 = study({ method: 'random', trials: 6, repeats: 2, parameters });
    const s2 = study({ method: 'random', trials: 6, repeats: 2, parameters });
    const first = askAll(s1);
    // s2 is asked one at a time and told in between, in reverse order of a batch.
    const second: TrialSpec[] = [];
    for (let a = s2.ask(); a.kind === 'trial'; a = s2.ask()) {
      second.push(a.trial);
      if (second.length % 3 === 0)
        for (const t of [...second.slice(-3)].reverse()) s2.tell(t.id, { metrics: { testAccuracy: 0.5 }, rungs: [], seconds: 0 });
    }
    expect(second.map((t) => [t.params, t.seed])).toEqual(first.map((t) => [t.params, t.seed]));
    // Repeats of one point share the values.
    expect(first[0]?.params).toEqual(first[1]?.params);
    expect([first[0]?.seed, first[1]?.seed]).toEqual([3, 4]);
  });
});

describe('a TPE sweep', () => {
  const parameters = { 'model.l2': { kind: 'uniform', min: 0, max: 1 } } as const;
  const objective = (x: number): number => -((x - 0.27) ** 2);

  /** Runs a sequential or batched loop against the objective; `order` shuffles the completion order within a batch. */
  function optimize(method: 'tpe' | 'random', shuffle: RandomState | undefined): number[] {
    const tpe = { startupTrials: 10, batch: 4, candidates: 24, gamma: 0.25 };
    const s = study({ method, trials: 60, parameters, ...(method === 'tpe' ? { tpe } : {}), seed: 5 });
    const xs: number[] = [];
    const inFlight: TrialSpec[] = [];
    for (;;) {
      const a = s.ask();
      if (a.kind === 'trial') {
        inFlight.push(a.trial);
        xs.push(a.trial.params['model.l2'] as number);
        if (inFlight.length < 3) continue;
      }
      if (inFlight.length === 0) break;
      const pick = shuffle === undefined ? 0 : Math.floor(shuffle.nextDouble() * inFlight.length);
      const [t] = inFlight.splice(pick, 1) as [TrialSpec];
      s.tell(t.id, { metrics: { testAccuracy: objective(t.params['model.l2'] as number) }, rungs: [], seconds: 0 });
    }
    expect(s.isComplete()).toBe(true);
    return xs;
  }

  it('proposes the same points whatever order results arrive in', () => {
    const inOrder = optimize('tpe', undefined);
    expect(optimize('tpe', new RandomState(1))).toEqual(inOrder);
    expect(optimize('tpe', new RandomState(2))).toEqual(inOrder);
  });

  it('concentrates its proposals near the optimum, unlike random search', () => {
    const distance = (xs: number[]): number => xs.slice(10).reduce((a, x) => a + Math.abs(x - 0.27), 0) / (xs.length - 10);
    const tpe = distance(optimize('tpe', undefined));
    const random = distance(optimize('random', undefined));
    // Random search on [0, 1] is on average about 0.3 away from 0.27; TPE's proposals after the
    // start-up phase should be several times closer.
    expect(random).toBeGreaterThan(0.2);
    expect(tpe).toBeLessThan(random / 3);
  });

  it('waits for the previous batch before proposing the next', () => {
    const s = study({ method: 'tpe', trials: 8, parameters, tpe: { startupTrials: 2, batch: 2, candidates: 8, gamma: 0.25 } });
    const a = [s.ask(), s.ask()];
    expect(a.map((x) => x.kind)).toEqual(['trial', 'trial']);
    expect(s.ask()).toEqual({ kind: 'wait' });
    const [t0, t1] = a.map((x) => (x as { trial: TrialSpec }).trial) as [TrialSpec, TrialSpec];
    s.tell(t1.id, { metrics: { testAccuracy: 1 }, rungs: [], seconds: 0 });
    expect(s.ask()).toEqual({ kind: 'wait' });
    s.tell(t0.id, { metrics: { testAccuracy: 0 }, rungs: [], seconds: 0 });
    expect(s.ask().kind).toBe('trial');
    expect(s.ask().kind).toBe('trial');
    expect(s.ask()).toEqual({ kind: 'wait' });
  });
});

describe('tell', () => {
  it('records an outcome once and names a missing metric', () => {
    const s = study({ parameters: { 'model.l2': [0, 1] } });
    const [t0] = askAll(s) as [TrialSpec];
    expect(s.tell(t0.id, { metrics: { testAccuracy: 0.9 }, rungs: [], seconds: 1 })).toBe(true);
    expect(s.tell(t0.id, { metrics: { testAccuracy: 0.1 }, rungs: [], seconds: 1 })).toBe(false);
    expect(s.result(t0.id)?.metrics).toEqual({ testAccuracy: 0.9 });
    expect(() => s.tell('t0001', { metrics: { accuracy: 0.9 }, rungs: [], seconds: 1 })).toThrow(
      /sweep metric "testAccuracy" is not among trial t0001's metrics \(accuracy\)/,
    );
    expect(() => s.tell('t0009', { metrics: { testAccuracy: 1 }, rungs: [], seconds: 1 })).toThrow(/no trial "t0009" has been planned/);
  });
});
