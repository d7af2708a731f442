import { blockingStderr } from './blocking-stderr';
import { exitQuietlyOnBrokenPipe } from './broken-pipe';
import { run } from './run';

// The bin: everything else lives in run(), which tests call in-process.
exitQuietlyOnBrokenPipe(process.stdout);
process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  // Synchronous, so that a message written as Ctrl-C stops a training is never lost (see blocking-stderr.ts).
  stderr: blockingStderr(process.stderr),
  env: process.env,
  cwd: process.cwd(),
  // Commands that wait on worker threads end the process at once on SIGINT/SIGTERM (src/interrupt.ts).
  signals: { process, exit: (code) => process.exit(code) },
});
