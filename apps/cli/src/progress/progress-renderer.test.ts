import { describe, expect, it } from 'vitest';
import { FakeStream } from '../../test/helpers/run-cli';
import { ProgressRenderer } from './progress-renderer';

/** A clock the test moves by hand. */
function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let time = 1000;
  return { now: () => time, advance: (ms) => (time += ms) };
}

const CLEAR = '\r\x1b[2K';

describe('ProgressRenderer, live', () => {
  it('draws one line in place with the model, %, ETA and cost, and erases it at the end', () => {
    const stream = new FakeStream({ isTTY: true });
    const clock = fakeClock();
    const progress = new ProgressRenderer({ stream, mode: 'live', now: clock.now, phases: 2 });
    progress.startPhase('L2');
    expect(stream.text).toBe(`${CLEAR}L2 (1/2) [░░░░░░░░░░░░░░░░░░░░]   0%`);
    clock.advance(1000);
    progress.update(250, 1000, 0.5);
    // A quarter of the first of two phases took 1 s: 7 more quarters take 7 s.
    expect(stream.text.split(CLEAR).at(-1)).toBe('L2 (1/2) [█████░░░░░░░░░░░░░░░]  25% ETA 7s cost 0.500000');
    expect(stream.text).not.toContain('\n');
    progress.finish();
    expect(stream.text.endsWith(CLEAR)).toBe(true);
  });

  it('redraws at most every 100 ms', () => {
    const stream = new FakeStream({ isTTY: true });
    const clock = fakeClock();
    const progress = new ProgressRenderer({ stream, mode: 'live', now: clock.now });
    progress.startPhase('run');
    for (let i = 1; i <= 100; i++) {
      clock.advance(10);
      progress.update(i, 100, 1 / i);
    }
    // 1 s of updates every 10 ms: the start, then one redraw per 100 ms.
    expect(stream.text.split(CLEAR).length - 1).toBe(11);
  });

  it('truncates the line to the terminal width so it never wraps', () => {
    const stream = new FakeStream({ isTTY: true, columns: 30 });
    const clock = fakeClock();
    const progress = new ProgressRenderer({ stream, mode: 'live', now: clock.now });
    progress.startPhase('a model with a long name');
    clock.advance(500);
    progress.update(10, 20, 0.25);
    for (const line of stream.text.split(CLEAR).slice(1)) expect([...line].length).toBeLessThanOrEqual(29);
  });
});

describe('ProgressRenderer, lines', () => {
  it('prints a plain line each time a phase passes another 10 %', () => {
    const stream = new FakeStream();
    const clock = fakeClock();
    const progress = new ProgressRenderer({ stream, mode: 'lines', now: clock.now, phases: 3 });
    progress.startPhase('no regularization');
    for (let iteration = 1000; iteration <= 30000; iteration += 1000) {
      clock.advance(100);
      progress.update(iteration, 30000, 0.3);
    }
    const lines = stream.text.trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    // 3000 of 3 × 30000 iterations in 0.3 s: 87000 more take 8.7 s.
    expect(lines[0]).toBe('no regularization (1/3): 10% (3000/30000 iterations), cost 0.300000, ETA 9s');
    expect(lines[9]).toMatch(/^no regularization \(1\/3\): 100% \(30000\/30000 iterations\), cost 0\.300000, ETA 6s$/);
    expect(stream.text).not.toContain('\r');
  });

  it('leaves the ETA off the last line of the last phase', () => {
    const stream = new FakeStream();
    const progress = new ProgressRenderer({ stream, mode: 'lines', now: fakeClock().now });
    progress.startPhase('run');
    progress.update(200, 200, 0.1);
    progress.finish();
    expect(stream.text).toBe('run: 100% (200/200 iterations), cost 0.100000\n');
  });
});

describe('ProgressRenderer, ETA and units', () => {
  it('gives a phase slower than the others (the dropout model) an ETA at its own pace', () => {
    const stream = new FakeStream();
    const clock = fakeClock();
    const progress = new ProgressRenderer({ stream, mode: 'lines', now: clock.now, phases: 3, lineStepPercent: 50 });
    for (const name of ['no regularization', 'L2']) {
      progress.startPhase(name);
      clock.advance(10_000);
      progress.update(1000, 1000, 0.2);
    }
    progress.startPhase('dropout');
    // Twice as slow: half of it in 10 s, so 10 s more (30 s so far over 2.5 phases would say 6 s).
    clock.advance(10_000);
    progress.update(500, 1000, 0.3);
    expect(stream.text.trimEnd().split('\n').at(-1)).toBe('dropout (3/3): 50% (500/1000 iterations), cost 0.300000, ETA 10s');
  });

  it('before the last phase, counts the phases to come at the mean duration of those done', () => {
    const stream = new FakeStream();
    const clock = fakeClock();
    const progress = new ProgressRenderer({ stream, mode: 'lines', now: clock.now, phases: 3, lineStepPercent: 25 });
    progress.startPhase('first');
    clock.advance(8_000);
    progress.update(10, 10, 1);
    progress.startPhase('second');
    clock.advance(4_000);
    progress.update(1, 4, 1);
    // 12 s more of this phase at its pace, then one phase of 8 s.
    expect(stream.text.trimEnd().split('\n').at(-1)).toBe('second (2/3): 25% (1/4 iterations), cost 1.000000, ETA 20s');
  });

  it('counts other units and leaves the cost out when none is given', () => {
    const stream = new FakeStream();
    const clock = fakeClock();
    const progress = new ProgressRenderer({ stream, mode: 'lines', now: clock.now, unit: 'trainings' });
    progress.startPhase('pool (2 workers)');
    clock.advance(3000);
    progress.update(4, 16);
    progress.update(16, 16);
    expect(stream.text).toBe('pool (2 workers): 25% (4/16 trainings), ETA 9s\npool (2 workers): 100% (16/16 trainings)\n');
  });
});

describe('ProgressRenderer, off', () => {
  it('writes nothing', () => {
    const stream = new FakeStream({ isTTY: true });
    const progress = new ProgressRenderer({ stream, mode: 'off', now: fakeClock().now });
    progress.startPhase('run');
    progress.update(5, 10, 1);
    progress.finish();
    expect(stream.text).toBe('');
  });
});
