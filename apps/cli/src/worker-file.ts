import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CliError } from './cli-error';

/**
 * A built task module of the CLI's worker threads, e.g. `batchnorm-worker.js`: beside this module
 * once bundled into `dist/`, or in `../dist` when this module runs from `src/` (tests).
 * @param name - the built file's name
 * @throws CliError when it has not been built
 */
export function builtWorkerFile(name: string): string {
  const candidates = [new URL(`./${name}`, import.meta.url), new URL(`../dist/${name}`, import.meta.url)];
  for (const candidate of candidates) {
    const path = fileURLToPath(candidate);
    if (existsSync(path)) return path;
  }
  throw new CliError(`the worker's task module (dist/${name}) is missing; build @lab/cli first (pnpm --filter @lab/cli build)`);
}
