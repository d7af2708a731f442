import { isAbsolute, relative } from 'node:path';

/**
 * A path as the user would like to read it: relative to the working directory when it lies
 * inside it (`out/regularization/report.md`), absolute otherwise.
 */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
