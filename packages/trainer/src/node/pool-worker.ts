import { parentPort, workerData } from 'node:worker_threads';
import { isLabError } from '@lab/tensor';
import type { PoolWorkerData, RunMessage, SerializedError, SharedMessage, WorkerMessage } from './pool-protocol';
import type { TaskContext, TaskFunction } from './task-context';
import { threadCpuMs } from './thread-cpu';

/**
 * The script of every {@link WorkerPool} thread (built to `dist/pool-worker.js`): imports the
 * pool's preload modules at once, then for each job imports the job's module (once per thread),
 * calls its export with the input and a {@link TaskContext}, and sends back the value (with when
 * it ran and the thread's CPU time, for the pool's timeline) or the error. Anything thrown outside
 * a job (an uncaught exception, an out-of-memory kill) reaches the pool as the thread's
 * `error`/`exit` event instead.
 */
const port = parentPort;
if (port === null) throw new Error('pool-worker: not a worker thread; start it through WorkerPool');
const { stopFlag, preload } = workerData as PoolWorkerData;
const stop = new Int32Array(stopFlag);
const modules = new Map<string, Promise<Record<string, unknown>>>();
const clock = () => performance.timeOrigin + performance.now();

// The pool's workerData, or, when the pool got it as a promise, what it sends once that resolves.
let shared: unknown = (workerData as PoolWorkerData).shared;
let sharedData: Promise<unknown> = Promise.resolve(shared);
let receiveShared: ((value: unknown) => void) | undefined;
if ((workerData as PoolWorkerData).sharedLater) sharedData = new Promise((resolve) => (receiveShared = resolve));

function send(message: WorkerMessage): void {
  (port as NonNullable<typeof port>).postMessage(message);
}

function serialize(error: unknown): SerializedError {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, stack: error.stack, labError: isLabError(error) };
  }
  return { name: 'Error', message: String(error), labError: false };
}

function load(module: string): Promise<Record<string, unknown>> {
  let loading = modules.get(module);
  if (loading === undefined) {
    loading = import(module) as Promise<Record<string, unknown>>;
    modules.set(module, loading);
  }
  return loading;
}

// Preloading overlaps the modules' loading and compiling with whatever the main thread does before
// the first job (loading data); a preload that fails is reported by the job that needs the module.
const preloaded = (async () => {
  const start = clock();
  await Promise.all(preload.map((module) => load(module).catch(() => undefined)));
  send({ kind: 'ready', at: clock(), cpuMs: threadCpuMs(), preloadMs: clock() - start });
})();

port.on('message', async (message: RunMessage | SharedMessage) => {
  if (message.kind === 'shared') {
    shared = message.data;
    receiveShared?.(message.data);
    return;
  }
  const { id } = message;
  if (message.waitForShared) await sharedData;
  const context: TaskContext = {
    workerData: shared,
    post: (data) => send({ kind: 'post', id, data }),
    stopRequested: () => Atomics.load(stop, 0) !== 0,
  };
  try {
    await preloaded;
    const startedAt = clock();
    const cpuStartMs = threadCpuMs();
    const task = (await load(message.module))[message.export];
    const importMs = clock() - startedAt;
    if (typeof task !== 'function') throw new Error(`${message.module} has no function export "${message.export}"`);
    const value = await (task as TaskFunction)(message.input, context);
    send({ kind: 'done', id, value, stats: { startedAt, endedAt: clock(), cpuStartMs, cpuEndMs: threadCpuMs(), importMs } });
  } catch (error) {
    send({ kind: 'failed', id, error: serialize(error) });
  }
});
