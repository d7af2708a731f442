import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { ConfigError } from '@lab/tensor';

/**
 * Where a run config's data file is: `written` taken relative to `dataDir`. Confined (a worker
 * taking jobs from a queue, where a job is untrusted input), the file must resolve — links
 * followed — to a place inside `dataDir`.
 * @param owner - names the job in the message, e.g. `trial t0003`
 * @param field - names the config field in the message, e.g. `data.path`
 * @throws ConfigError when a confined path leaves the folder
 */
export async function resolveDataPath(
  dataDir: string,
  written: string,
  confine: boolean,
  owner: string,
  field = 'data.path',
): Promise<string> {
  const path = resolve(dataDir, written);
  if (!confine) return path;
  const outside = (): never => {
    throw new ConfigError(`${owner}: ${field} ${JSON.stringify(written)} is outside the worker's data folder ${dataDir}`);
  };
  if (isAbsolute(written) && !isInside(resolve(dataDir), path)) outside();
  const root = await realpath(dataDir);
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    // A missing file: judge the path as written (the loader then says it is missing).
    real = resolve(root, relative(resolve(dataDir), path));
  }
  if (!isInside(root, real)) outside();
  return real;
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
