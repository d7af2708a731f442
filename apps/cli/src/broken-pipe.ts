/**
 * Ends the process quietly when the reader of stdout goes away (`lab gradcheck | head -1`):
 * without this, Node reports the EPIPE as an unhandled 'error' event with a stack trace.
 * Other stream errors are rethrown, as bugs.
 */
export function exitQuietlyOnBrokenPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}
