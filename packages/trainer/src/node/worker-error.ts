import { LabError } from '@lab/tensor';

/** How a pool job failed. */
export type WorkerFailure = 'threw' | 'exited' | 'out of memory' | 'deadline' | 'crashed' | 'stalled';

/**
 * A job whose worker failed: it threw, exited, ran out of memory, crashed or stopped answering
 * before its deadline. One line naming the job and the worker, e.g.
 * `trial t0003 on worker 2: exited with code 7`; the worker's own stack, when there is one, is
 * in `stack` (the CLI shows it with --debug). A LabError, so the CLI prints the line and exits 1.
 */
export class WorkerError extends LabError {
  override name = 'WorkerError';
  /** Which job: `trial t0003`, `training deep-mlp/none`. */
  readonly job: string;
  /** Which worker: `worker 2`, `worker host-a:4242/2`. */
  readonly worker: string;
  readonly failure: WorkerFailure;

  constructor(job: string, worker: string, failure: WorkerFailure, detail: string, remoteStack?: string) {
    super(`${job} on ${worker}: ${detail}`);
    this.job = job;
    this.worker = worker;
    this.failure = failure;
    if (remoteStack !== undefined) this.stack = `${this.stack ?? ''}\n  in the worker: ${remoteStack}`;
  }
}

/** The first line of a message, so that whatever a task threw stays one line. */
export function firstLine(message: string): string {
  return (message.split('\n', 1)[0] ?? '').trim();
}
