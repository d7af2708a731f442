import { afterEach, describe, expect, it } from 'vitest';
import { type PoolTask, WorkerError, WorkerPool } from '../src/node/index';

const tasks = new URL('./fixtures/pool-tasks.mjs', import.meta.url).href;
const task = (name: string): PoolTask => ({ module: tasks, export: name });

const pools: WorkerPool[] = [];
function pool(size: number, options: Partial<ConstructorParameters<typeof WorkerPool>[0]> = {}): WorkerPool {
  const p = new WorkerPool({ size, ...options });
  pools.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

/** The error a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('WorkerPool', () => {
  it('runs jobs on its threads and gives each job its own result, whatever the number of threads', async () => {
    const inputs = Array.from({ length: 12 }, (_, i) => ({ x: i - 3, ms: (i * 7) % 5 }));
    const expected = inputs.map(({ x }) => x * x);
    for (const size of [1, 2, 3]) {
      const p = pool(size);
      const started: string[] = [];
      const results = await Promise.all(
        inputs.map((input, i) => p.run({ task: task('square'), input, label: `job ${i}`, onStart: (w) => started.push(w) })),
      );
      expect(results).toEqual(expected);
      expect(new Set(started).size).toBeLessThanOrEqual(size);
      await p.close();
    }
  });

  it("gives tasks the pool's workerData and passes their messages on", async () => {
    const p = pool(1, { workerData: { rows: [1, 2, 3] } });
    expect(await p.run({ task: task('shared'), input: null, label: 'shared' })).toEqual({ rows: [1, 2, 3] });
    const seen: unknown[] = [];
    expect(await p.run({ task: task('progress'), input: { count: 3 }, label: 'progress', onMessage: (m) => seen.push(m) })).toBe(3);
    expect(seen).toEqual([{ step: 1 }, { step: 2 }, { step: 3 }]);
  });

  it('lets a running job be asked to stop', async () => {
    const p = pool(1);
    const job = p.start<number>({
      task: task('untilStopped'),
      input: null,
      label: 'loop',
      onMessage: () => setTimeout(() => job.requestStop(), 50),
    });
    expect(await job.result).toBeGreaterThan(0);
    // The flag is cleared for the next job on that thread.
    expect(await p.run({ task: task('stopFlagAfterSpin'), input: { ms: 20 }, label: 'next' })).toBe(false);
    // A job asked to stop before it starts sees the flag from its first instruction.
    const early = p.start<boolean>({ task: task('stopFlagAfterSpin'), input: { ms: 0 }, label: 'early' });
    early.requestStop();
    expect(await early.result).toBe(true);
  });
});

describe('WorkerPool fails loudly', () => {
  /** Starts the failing job beside a long one on a second thread; both must end, with one clear error. */
  async function failWith(name: string, options: Partial<ConstructorParameters<typeof WorkerPool>[0]> = {}, deadlineMs?: number) {
    const p = pool(2, options);
    const other = p.run({ task: task('hang'), input: null, label: 'job other' });
    const failing = p.run({ task: task(name), input: { code: 7 }, label: 'job bad', deadlineMs });
    const error = await rejection(failing);
    // The other thread was stopped: its job fails too, saying why.
    expect((await rejection(other)).message).toBe(`WorkerPool: stopped after ${error.message}`);
    // And the pool takes no more work.
    expect((await rejection(p.run({ task: task('square'), input: { x: 1 }, label: 'late' }))).message).toBe(error.message);
    expect(error).toBeInstanceOf(WorkerError);
    expect(error.message).not.toContain('\n');
    return error as WorkerError;
  }

  it('a task that throws a LabError: its message, naming job and worker', async () => {
    const error = await failWith('labError');
    expect(error.message).toBe('job bad on worker 2: Adam: learningRate must be > 0, got -1');
    expect(error.failure).toBe('threw');
  });

  it('a task that throws anything else: what it threw', async () => {
    const error = await failWith('typeError');
    expect(error.message).toMatch(/^job bad on worker 2: threw TypeError: Cannot read properties of null \(reading 'field'\)$/);
    expect(error.stack).toContain('in the worker: TypeError');
  });

  it('a thread that exits', async () => {
    const error = await failWith('exit');
    expect(error.message).toBe('job bad on worker 2: exited with code 7');
    expect(error.failure).toBe('exited');
  });

  it('a thread that crashes outside its job', async () => {
    const error = await failWith('crashLater');
    expect(error.message).toBe('job bad on worker 2: the thread crashed: RangeError: thrown from a timer');
  });

  it('a thread that runs out of memory', async () => {
    const error = await failWith('outOfMemory', { resourceLimits: { maxOldGenerationSizeMb: 32 } });
    expect(error.message).toBe('job bad on worker 2: ran out of memory (heap limit 32 MB)');
    expect(error.failure).toBe('out of memory');
  });

  it('a job that misses its deadline', async () => {
    const error = await failWith('hang', {}, 300);
    expect(error.message).toBe('job bad on worker 2: did not finish within its deadline of 0.3 s; stopped it');
    expect(error.failure).toBe('deadline');
  });
});
