import { writeSync } from 'node:fs';
import type { CliStream } from './cli-io';

/**
 * The bin's stderr, written with plain `write(2)` calls that return only once the kernel has the
 * bytes. `process.stderr` on a pipe writes asynchronously when it cannot finish at once, and its
 * bookkeeping lives in JavaScript: Ctrl-C stops a training by terminating the running script (see
 * `runInterruptibly`), and when that lands inside a progress write the stream is left believing
 * a write is still under way, so everything after it — `lab: interrupted` — waits in its buffer
 * and is lost when the process exits. A synchronous write has no such state to lose.
 * A pipe whose reader has gone (EPIPE) swallows the text, as a terminal that was closed would.
 * @param stream - for `isTTY` and `columns`: `process.stderr`
 * @param fd - the descriptor written to: 2
 */
export function blockingStderr(stream: { readonly isTTY?: boolean; readonly columns?: number }, fd = 2): CliStream {
  return {
    write(chunk: string) {
      writeFully(fd, Buffer.from(String(chunk), 'utf8'));
      return true;
    },
    get isTTY() {
      return stream.isTTY === true;
    },
    get columns() {
      return stream.columns;
    },
  };
}

/** A short pause without the event loop (this write must finish before anything else runs). */
const pause = new Int32Array(new SharedArrayBuffer(4));

function writeFully(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Node leaves a pipe non-blocking: a full pipe says EAGAIN until its reader catches up.
      if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 1);
      else if (code === 'EPIPE') return;
      else throw error;
    }
  }
}
