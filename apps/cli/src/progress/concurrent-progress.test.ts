import { describe, expect, it } from 'vitest';
import { FakeStream } from '../../test/helpers/run-cli';
import { ConcurrentProgressRenderer } from './concurrent-progress';

function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let time = 1000;
  return { now: () => time, advance: (ms) => (time += ms) };
}

const CLEAR = '\r\x1b[2K';

describe('ConcurrentProgressRenderer', () => {
  it('prints lines that name their model, each with its own ETA, as the models interleave', () => {
    const stream = new FakeStream();
    const clock = fakeClock();
    const progress = new ConcurrentProgressRenderer({ stream, mode: 'lines', now: clock.now, tasks: 3 });
    progress.start(2, 'dropout');
    progress.start(0, 'no regularization');
    clock.advance(1000);
    progress.update(0, 3000, 30000, 0.5);
    // dropout is at 5 %: no line yet; then at 20 % after 1 s, so 4 s to go.
    progress.update(2, 1500, 30000, 0.6);
    progress.update(2, 6000, 30000, 0.4);
    clock.advance(9000);
    progress.update(0, 30000, 30000, 0.25);
    expect(stream.text).toBe(
      [
        'no regularization (1/3): 10% (3000/30000 iterations), cost 0.500000, ETA 9s',
        'dropout (3/3): 20% (6000/30000 iterations), cost 0.400000, ETA 4s',
        'no regularization (1/3): 100% (30000/30000 iterations), cost 0.250000',
        '',
      ].join('\n'),
    );
  });

  it("on a terminal, draws one line with every running model's percentage and erases it at the end", () => {
    const stream = new FakeStream({ isTTY: true });
    const clock = fakeClock();
    const progress = new ConcurrentProgressRenderer({ stream, mode: 'live', now: clock.now, tasks: 3 });
    progress.start(0, 'no regularization');
    progress.start(2, 'dropout');
    clock.advance(200);
    progress.update(0, 15000, 30000, 0.5);
    expect(stream.text.split(CLEAR).at(-1)).toBe('0/3 done · no regularization (1/3)  50% · dropout (3/3)   0%');
    clock.advance(200);
    progress.update(0, 30000, 30000, 0.3);
    expect(stream.text.split(CLEAR).at(-1)).toBe('1/3 done · dropout (3/3)   0%');
    expect(stream.text).not.toContain('\n');
    progress.finish();
    expect(stream.text.endsWith(CLEAR)).toBe(true);
  });

  it('prints nothing when off', () => {
    const stream = new FakeStream();
    const progress = new ConcurrentProgressRenderer({ stream, mode: 'off', now: () => 0, tasks: 1 });
    progress.start(0, 'run');
    progress.update(0, 1, 1, 0.1);
    progress.finish();
    expect(stream.text).toBe('');
  });
});
