import { afterEach, describe, expect, it } from 'vitest';
import { formatPoolTimeline, type PoolTask, summarizePoolTimeline, WorkerError, WorkerPool } from '../src/node/index';

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
    // A job asked to stop before it starts (queued behind a busy thread) sees the flag from its first instruction.
    const busy = p.run({ task: task('square'), input: { x: 2, ms: 100 }, label: 'busy' });
    const early = p.start<boolean>({ task: task('stopFlagAfterSpin'), input: { ms: 0 }, label: 'early' });
    early.requestStop();
    expect(await busy).toBe(4);
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

describe('WorkerPool start-up and timeline', () => {
  it('warmUp starts every thread before any job, and the preload is imported then', async () => {
    const p = pool(2, { preload: [tasks] });
    p.warmUp();
    expect(p.timeline().workers.map((w) => w.name)).toEqual(['worker 1', 'worker 2']);
    // A job sent after the threads are ready finds the module already loaded.
    await waitFor(() => p.timeline().workers.every((w) => w.readyAt !== undefined));
    const results = await Promise.all([0, 1, 2, 3].map((x) => p.run({ task: task('square'), input: { x, ms: 20 }, label: `j${x}` })));
    expect(results).toEqual([0, 1, 4, 9]);
    const { workers } = p.timeline();
    for (const w of workers) {
      expect(w.readyAt).toBeGreaterThanOrEqual(w.spawnedAt);
      // Importing the fixture (and @lab/tensor with it) took a while at start; a job finds it loaded.
      for (const job of w.jobs) expect(job.importMs).toBeLessThan(w.preloadMs ?? 0);
    }
  });

  it('without a preload, the first job on a thread imports the module, later ones do not', async () => {
    const p = pool(1);
    for (const x of [1, 2, 3]) await p.run({ task: task('square'), input: { x, ms: 30 }, label: `j${x}` });
    const [worker] = p.timeline().workers;
    const jobs = worker?.jobs ?? [];
    expect(jobs.map((j) => j.label)).toEqual(['j1', 'j2', 'j3']);
    expect(jobs.slice(1).every((j) => j.importMs < (jobs[0]?.importMs ?? 0))).toBe(true);
    for (const [i, job] of jobs.entries()) {
      // sent ≤ started < ended ≤ received, and a 30 ms spin lasts at least 30 ms (clocks of two threads agree to well under 1 ms).
      expect(job.startedAt).toBeGreaterThanOrEqual(job.sentAt - 1);
      expect(job.endedAt - job.startedAt).toBeGreaterThanOrEqual(30);
      expect(job.receivedAt).toBeGreaterThanOrEqual(job.endedAt - 1);
      if (i > 0) expect(job.startedAt).toBeGreaterThanOrEqual((jobs[i - 1] as (typeof jobs)[number]).endedAt - 1);
    }
    const [summary] = summarizePoolTimeline(p.timeline());
    expect(summary?.jobs).toBe(3);
    expect(summary?.busyMs).toBeGreaterThanOrEqual(90);
    expect(formatPoolTimeline(p.timeline()).split('\n')).toHaveLength(2);
  });

  it.runIf(process.platform === 'linux')("records each thread's CPU time: a 200 ms spin costs about 200 ms", async () => {
    const p = pool(1);
    await p.run({ task: task('square'), input: { x: 1, ms: 200 }, label: 'spin' });
    const job = p.timeline().workers[0]?.jobs[0];
    // 10 ms ticks; on a loaded machine the spin gets less than a whole core, never more.
    expect(job?.cpuMs).toBeGreaterThan(0);
    expect(job?.cpuMs).toBeLessThanOrEqual((job?.endedAt ?? 0) - (job?.startedAt ?? 0) + 20);
  });

  it('takes workerData as a promise: threads start at once, jobs wait for the data', async () => {
    let give: (value: unknown) => void = () => undefined;
    const data = new Promise((resolve) => (give = resolve));
    const p = pool(2, { workerData: data });
    p.warmUp();
    const result = p.run({ task: task('shared'), input: null, label: 'shared' });
    // A job that does not read the data runs meanwhile (and would see none).
    expect(await p.run({ task: task('square'), input: { x: 3 }, label: 'first', withoutWorkerData: true })).toBe(9);
    expect(await p.run({ task: task('shared'), input: null, label: 'unread', withoutWorkerData: true })).toBeUndefined();
    setTimeout(() => give({ rows: [4, 5] }), 50);
    expect(await result).toEqual({ rows: [4, 5] });
    // A thread started after the data arrived gets it directly.
    const late = pool(1, { workerData: Promise.resolve({ rows: [6] }) });
    await new Promise((r) => setTimeout(r, 10));
    expect(await late.run({ task: task('shared'), input: null, label: 'late' })).toEqual({ rows: [6] });
  });

  it('fails every job with the error of a workerData promise that rejects', async () => {
    const p = pool(2, { workerData: Promise.reject(new Error('no data: disk on fire')) });
    p.warmUp();
    await expect(p.run({ task: task('shared'), input: null, label: 'shared' })).rejects.toThrow('no data: disk on fire');
    await expect(p.run({ task: task('shared'), input: null, label: 'later' })).rejects.toThrow('no data: disk on fire');
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error('waitFor: condition never held');
}
