import { describe, expect, it } from 'vitest';
import { BASE } from '../../test/fixtures/sweep-base';
import { parseSweepConfig } from './sweep-config';
import { SweepStudy } from './sweep-study';
import type { RungReport, TrialOutcome } from './trial';

function outcome(rungs: [number, number][], final: number): TrialOutcome {
  return {
    metrics: { testAccuracy: final },
    rungs: rungs.map(([step, v]): RungReport => ({ step, metrics: { testAccuracy: v } })),
    seconds: 0,
  };
}

function studyWith(earlyTermination: object, points: number): SweepStudy {
  const s = new SweepStudy(
    parseSweepConfig({
      name: 'et',
      base: BASE,
      parameters: { 'model.l2': { kind: 'linspace', min: 0, max: 1, count: points } },
      metric: { name: 'testAccuracy', goal: 'maximize' },
      earlyTermination,
    }),
  );
  for (let i = 0; i < points; i++) expect(s.ask().kind).toBe('trial');
  return s;
}

describe('the median rule', () => {
  // Worked by hand: rungs at 10 and 20, at least 2 earlier trials at a rung.
  // t2 at 10: peers 0.5, 0.7 → median 0.6 > 0.4: stop.
  // t3 at 10: peers 0.5, 0.7, 0.4 → median 0.5 < 0.65: go on; at 20: peers 0.6, 0.8 (t2 stopped) → 0.7 > 0.62: stop.
  // t4 at 10: peers 0.5, 0.7, 0.4, 0.65 → median 0.575 > 0.55: stop.
  const outcomes: [string, TrialOutcome][] = [
    [
      't0000',
      outcome(
        [
          [10, 0.5],
          [20, 0.6],
        ],
        0.7,
      ),
    ],
    [
      't0001',
      outcome(
        [
          [10, 0.7],
          [20, 0.8],
        ],
        0.9,
      ),
    ],
    [
      't0002',
      outcome(
        [
          [10, 0.4],
          [20, 0.45],
        ],
        0.5,
      ),
    ],
    [
      't0003',
      outcome(
        [
          [10, 0.65],
          [20, 0.62],
        ],
        0.66,
      ),
    ],
    ['t0004', outcome([[10, 0.55]], 0.56)],
  ];
  const expected = [
    { status: 'completed', metrics: { testAccuracy: 0.7 } },
    { status: 'completed', metrics: { testAccuracy: 0.9 } },
    { status: 'stopped', stoppedAt: 10, metrics: { testAccuracy: 0.4 } },
    { status: 'stopped', stoppedAt: 20, metrics: { testAccuracy: 0.62 } },
    { status: 'stopped', stoppedAt: 10, metrics: { testAccuracy: 0.55 } },
  ];
  const rule = { rule: 'median', minStep: 10, interval: 10, minTrials: 2 };

  it('stops the trials worse than the median of the earlier ones at a rung', () => {
    const s = studyWith(rule, 5);
    for (const [id, o] of outcomes) s.tell(id, o);
    expect(s.isComplete()).toBe(true);
    expect(
      s.results().map(({ status, stoppedAt, metrics }) => ({ status, metrics, ...(stoppedAt === undefined ? {} : { stoppedAt }) })),
    ).toEqual(expected);
    expect(s.results()[3]?.rungs.map((r) => r.step)).toEqual([10, 20]);
  });

  it('decides the same whatever order reports and outcomes arrive in, waiting for earlier trials', () => {
    const s = studyWith(rule, 5);
    // Later trials first: nothing about them can be decided before the earlier ones get there.
    s.tell('t0004', outcomes[4]?.[1] as TrialOutcome);
    s.report('t0003', { step: 10, metrics: { testAccuracy: 0.65 } });
    expect(s.decide('t0003', 10)).toBeUndefined();
    expect(s.result('t0004')).toBeUndefined();
    s.report('t0000', { step: 10, metrics: { testAccuracy: 0.5 } });
    s.report('t0001', { step: 10, metrics: { testAccuracy: 0.7 } });
    s.tell('t0002', outcomes[2]?.[1] as TrialOutcome);
    expect(s.decide('t0002', 10)).toBe('stop');
    expect(s.decide('t0003', 10)).toBe('continue');
    expect(s.result('t0004')?.status).toBe('stopped');
    s.report('t0003', { step: 20, metrics: { testAccuracy: 0.62 } });
    expect(s.decide('t0003', 20)).toBeUndefined();
    s.tell('t0001', outcomes[1]?.[1] as TrialOutcome);
    s.tell('t0000', outcomes[0]?.[1] as TrialOutcome);
    expect(s.decide('t0003', 20)).toBe('stop');
    // t0003's worker was told to stop at 20 and ended there: same result as a full run.
    s.tell(
      't0003',
      outcome(
        [
          [10, 0.65],
          [20, 0.62],
        ],
        0.62,
      ),
    );
    expect(s.isComplete()).toBe(true);
    expect(s.results().map((r) => [r.status, r.metrics.testAccuracy])).toEqual(expected.map((e) => [e.status, e.metrics.testAccuracy]));
  });

  it('needs the metric at every rung', () => {
    const s = studyWith(rule, 2);
    expect(() => s.report('t0000', { step: 10, metrics: { cost: 1 } })).toThrow(
      /earlyTermination.metric "testAccuracy" is not among trial t0000's metrics at step 10 \(cost\)/,
    );
  });
});

describe('ASHA', () => {
  it('keeps only the best third at each rung', () => {
    // η = 3, rungs 10 and 30, one earlier trial suffices. Keep the best max(1, ⌊n/3⌋) of n values:
    // t1 at 10: 0.5, 0.4 → keep 1 (0.5): stop. t2 at 10: 0.5, 0.4, 0.9 → keep 0.9: go on; at 30:
    // 0.6, 0.95 → keep 0.95: go on. t3 at 10: 0.5, 0.4, 0.9, 0.6 → keep 0.9: stop.
    const s = studyWith({ rule: 'asha', minStep: 10, reductionFactor: 3, minTrials: 1 }, 4);
    s.tell(
      't0000',
      outcome(
        [
          [10, 0.5],
          [30, 0.6],
        ],
        0.61,
      ),
    );
    s.tell(
      't0001',
      outcome(
        [
          [10, 0.4],
          [30, 0.7],
        ],
        0.71,
      ),
    );
    s.tell(
      't0002',
      outcome(
        [
          [10, 0.9],
          [30, 0.95],
        ],
        0.96,
      ),
    );
    s.tell(
      't0003',
      outcome(
        [
          [10, 0.6],
          [30, 0.99],
        ],
        0.99,
      ),
    );
    expect(s.results().map((r) => [r.status, r.stoppedAt, r.metrics.testAccuracy])).toEqual([
      ['completed', undefined, 0.61],
      ['stopped', 10, 0.4],
      ['completed', undefined, 0.96],
      ['stopped', 10, 0.6],
    ]);
  });
});
