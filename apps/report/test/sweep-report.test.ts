import { findAll, markItems, parseSvg } from '@lab/test-kit';
import { parseSweepConfig, SweepStudy, type TrialResult } from '@lab/trainer';
import { lint } from 'markdownlint/sync';
import { describe, expect, it } from 'vitest';
import { bestAndWorstTrials, renderSweepReport } from '../src/index';

/** A λ sweep on a fixed optimizer (not varied: a single value), 3 points × 2 repeats, with made-up results. */
function sweepResults(): { config: ReturnType<typeof parseSweepConfig>; results: TrialResult[] } {
  const config = parseSweepConfig({
    name: 'λ | sweep',
    base: {
      seed: 3,
      dataset: { kind: 'builtin', name: 'football' },
      model: { layerSizes: [2, 20, 3, 1] },
      optimizer: { kind: 'gd', learningRate: 0.3 },
      training: { numIterations: 100 },
    },
    parameters: { 'regularization.l2': [0.01, 1, 10], 'optimizer.kind': ['gd'] },
    repeats: 2,
    metric: { name: 'testAccuracy', goal: 'maximize' },
  });
  const study = new SweepStudy(config);
  // Train accuracy falls with λ, test accuracy peaks at λ = 1: the bias/variance trade-off.
  const table: Record<number, [number, number][]> = {
    0.01: [
      [0.99, 0.9],
      [0.97, 0.88],
    ],
    1: [
      [0.95, 0.94],
      [0.93, 0.92],
    ],
    10: [
      [0.8, 0.78],
      [0.82, 0.8],
    ],
  };
  for (let a = study.ask(); a.kind === 'trial'; a = study.ask()) {
    const [train, test] = (table[a.trial.params['regularization.l2'] as number] as [number, number][])[a.trial.repeat] as [number, number];
    study.tell(a.trial.id, {
      metrics: { trainAccuracy: train, testAccuracy: test },
      rungs: [],
      seconds: 0.5,
      record: `trials/${a.trial.id}/run.json`,
    });
  }
  return { config, results: study.results() };
}

describe('renderSweepReport', () => {
  it('shows the best configuration, the metric against the varied parameter, the learning curves and the runs', async () => {
    const { config, results } = sweepResults();
    const { best, worst } = bestAndWorstTrials(config, results);
    expect([best?.trial.id, worst?.trial.id]).toEqual(['t0002', 't0004']);
    const { markdown, figures } = await renderSweepReport({
      config,
      results,
      learningCurves: [
        {
          label: 'best: t0002',
          costs: [
            { iteration: 0, cost: 0.7 },
            { iteration: 50, cost: 0.3 },
          ],
        },
        {
          label: 'worst: t0004',
          costs: [
            { iteration: 0, cost: 0.7 },
            { iteration: 50, cost: 0.5 },
          ],
        },
      ],
      bestConfigFile: 'best-config.yaml',
      bestConfigText: 'regularization: { l2: 1 }\n',
    });
    // Best point: λ = 1, test accuracy (0.94 + 0.92) / 2 = 0.93, sample sd √((0.01² + 0.01²) / 1) = 0.0141.
    expect(markdown).toContain(
      'regularization.l2 = 1: testAccuracy 0.9300 ± 0.0141 (mean ± sd over the repeats). Train it: `lab train --config best-config.yaml`.',
    );
    expect(markdown).toContain('```yaml\nregularization: { l2: 1 }\n```');
    // Only the varied parameter is a column; the optimizer (one value) is not.
    expect(markdown).toContain(
      '| trial | regularization.l2 | seed | status    | trainAccuracy | testAccuracy | run record                                     |',
    );
    expect(markdown).not.toContain('| optimizer.kind');
    expect(markdown).toContain(
      '| t0003 |                 1 |    4 | completed |        0.9300 |       0.9200 | [trials/t0003/run.json](trials/t0003/run.json) |',
    );
    expect(markdown).toContain('|              0.01 | 0.9800 ± 0.0141 | 0.8900 ± 0.0141 |      2 |');
    expect(figures.map((f) => f.fileName)).toEqual(['metric-vs-regularization-l2.svg', 'learning-curves.svg']);
    // The metric figure: train and test, 3 points each, an error bar per point, lines joining them.
    const metricSvg = parseSvg(figures[0]?.svg as string);
    expect(markItems(metricSvg, 'symbol')).toHaveLength(6);
    expect(findAll(metricSvg, (e) => e.attributes['aria-roledescription'] === 'rule mark')).toHaveLength(6);
    expect(markItems(parseSvg(figures[1]?.svg as string), 'line')).toHaveLength(2);
    const lintProblems = lint({ strings: { 'report.md': markdown }, config: { default: true, MD013: false } })['report.md'] ?? [];
    expect(lintProblems.map((p) => p.ruleNames.join('/'))).toEqual([]);
  });
});
