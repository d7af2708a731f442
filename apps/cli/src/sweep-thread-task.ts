import { pathToFileURL } from 'node:url';
import type { PoolTask } from '@lab/trainer/pool';
import { builtWorkerFile } from './worker-file';

/**
 * The task `lab sweep`'s threads run per trial: `dist/sweep-worker.js`'s `runCheckedSweepTrial`
 * (the `ThreadExecutor` checks each trial's config before it sends it).
 * @throws CliError when the CLI has not been built
 */
export function sweepThreadTask(): PoolTask {
  return { module: pathToFileURL(builtWorkerFile('sweep-worker.js')).href, export: 'runCheckedSweepTrial' };
}
