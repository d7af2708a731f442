import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PoolTask } from './task-context';

/**
 * The pool task that runs `runSweepTrial`: this package's built `dist/node.js` (beside this
 * module once built, or in `../../dist` when it runs from `src/node` in tests). A module of its
 * own, so that `startSweepPool` names the task without loading it.
 */
export function sweepTrialTask(): PoolTask {
  const candidates = [new URL('./node.js', import.meta.url), new URL('../../dist/node.js', import.meta.url)];
  const found = candidates.find((url) => existsSync(fileURLToPath(url))) ?? candidates[0];
  return { module: (found as URL).href, export: 'runSweepTrial' };
}
