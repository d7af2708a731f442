import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { FakeStream } from '../test/helpers/run-cli';
import type { CliIo, SignalHooks } from './cli-io';
import { InterruptedError, reportInterrupt, runInterruptibly, whileHandlingSignals } from './interrupt';

const CLEAR = '\r\x1b[2K';

describe('reportInterrupt', () => {
  it('erases the line on a terminal, then prints one line and returns 130 for SIGINT', () => {
    const stderr = new FakeStream({ isTTY: true });
    stderr.write(`${CLEAR}L2 (2/3) [████████░░░░░░░░░░░░]  40% ETA 4s cost 0.268414`);
    expect(reportInterrupt('SIGINT', stderr, {})).toBe(130);
    expect(stderr.text.endsWith(`cost 0.268414${CLEAR}lab: interrupted\n`)).toBe(true);
  });

  it('returns 143 for SIGTERM', () => {
    const stderr = new FakeStream({ isTTY: true });
    expect(reportInterrupt('SIGTERM', stderr, {})).toBe(143);
    expect(stderr.text).toBe(`${CLEAR}lab: terminated\n`);
  });

  it('writes no escape codes into a pipe or a dumb terminal', () => {
    const pipe = new FakeStream();
    expect(reportInterrupt('SIGINT', pipe, {})).toBe(130);
    expect(pipe.text).toBe('lab: interrupted\n');
    const dumb = new FakeStream({ isTTY: true });
    reportInterrupt('SIGINT', dumb, { TERM: 'dumb' });
    expect(dumb.text).toBe('lab: interrupted\n');
  });
});

/** `process` and `process.exit` stand-ins: an emitter to raise signals on, and the exit codes asked for. */
function fakeSignals(): { hooks: SignalHooks; emitter: EventEmitter; exits: number[] } {
  const emitter = new EventEmitter();
  const exits: number[] = [];
  return { hooks: { process: emitter, exit: (code) => exits.push(code) }, emitter, exits };
}

function ioWith(stderr: FakeStream, signals?: SignalHooks): CliIo {
  return { stdout: new FakeStream(), stderr, env: {}, cwd: '/', ...(signals === undefined ? {} : { signals }) };
}

describe('whileHandlingSignals', () => {
  it('reports a signal that arrives while the work is pending and exits with its code', async () => {
    const { hooks, emitter, exits } = fakeSignals();
    const stderr = new FakeStream({ isTTY: true });
    let finishWork = () => {};
    const work = whileHandlingSignals(ioWith(stderr, hooks), () => new Promise<string>((resolve) => (finishWork = () => resolve('done'))));
    emitter.emit('SIGTERM');
    expect(exits).toEqual([143]);
    expect(stderr.text).toBe(`${CLEAR}lab: terminated\n`);
    emitter.emit('SIGINT');
    expect(exits).toEqual([143, 130]);
    finishWork();
    expect(await work).toBe('done');
  });

  it('removes its listeners when the work ends, also when it fails', async () => {
    const { hooks, emitter, exits } = fakeSignals();
    const io = ioWith(new FakeStream(), hooks);
    expect(await whileHandlingSignals(io, async () => 1)).toBe(1);
    await expect(whileHandlingSignals(io, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(emitter.listenerCount('SIGINT') + emitter.listenerCount('SIGTERM')).toBe(0);
    emitter.emit('SIGINT');
    expect(exits).toEqual([]);
  });

  it('only awaits the work without signal hooks (run in-process)', async () => {
    expect(await whileHandlingSignals(ioWith(new FakeStream()), async () => 'done')).toBe('done');
  });
});

describe('runInterruptibly', () => {
  it("returns the task's value and rethrows its errors unchanged", () => {
    const record = { models: [1, 2, 3] };
    expect(runInterruptibly(() => record)).toBe(record);
    const error = new RangeError('bad index');
    expect(() =>
      runInterruptibly(() => {
        throw error;
      }),
    ).toThrow(error);
  });

  it('is an Error that names the signal (a real SIGINT is tested on the built bin, test/interrupt.test.ts)', () => {
    const error = new InterruptedError('SIGINT');
    expect(error).toBeInstanceOf(Error);
    expect(error.signal).toBe('SIGINT');
  });
});
