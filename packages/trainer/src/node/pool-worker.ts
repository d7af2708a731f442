import { parentPort, workerData } from 'node:worker_threads';
import { isLabError } from '@lab/tensor';
import type { PoolWorkerData, RunMessage, SerializedError, WorkerMessage } from './pool-protocol';
import type { TaskContext, TaskFunction } from './task-context';

/**
 * The script of every {@link WorkerPool} thread (built to `dist/pool-worker.js`): imports the
 * job's module (once per thread), calls its export with the input and a {@link TaskContext}, and
 * sends back the value or the error. Anything thrown outside a job (an uncaught exception, an
 * out-of-memory kill) reaches the pool as the thread's `error`/`exit` event instead.
 */
const port = parentPort;
if (port === null) throw new Error('pool-worker: not a worker thread; start it through WorkerPool');
const { stopFlag, shared } = workerData as PoolWorkerData;
const stop = new Int32Array(stopFlag);
const modules = new Map<string, Promise<Record<string, unknown>>>();

function send(message: WorkerMessage): void {
  (port as NonNullable<typeof port>).postMessage(message);
}

function serialize(error: unknown): SerializedError {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, stack: error.stack, labError: isLabError(error) };
  }
  return { name: 'Error', message: String(error), labError: false };
}

port.on('message', async (message: RunMessage) => {
  const { id } = message;
  const context: TaskContext = {
    workerData: shared,
    post: (data) => send({ kind: 'post', id, data }),
    stopRequested: () => Atomics.load(stop, 0) !== 0,
  };
  try {
    let loading = modules.get(message.module);
    if (loading === undefined) {
      loading = import(message.module) as Promise<Record<string, unknown>>;
      modules.set(message.module, loading);
    }
    const task = (await loading)[message.export];
    if (typeof task !== 'function') throw new Error(`${message.module} has no function export "${message.export}"`);
    const value = await (task as TaskFunction)(message.input, context);
    send({ kind: 'done', id, value });
  } catch (error) {
    send({ kind: 'failed', id, error: serialize(error) });
  }
});
