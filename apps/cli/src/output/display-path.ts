import { isAbsolute, relative } from 'node:path';
import { cleanText } from '@lab/tensor';

/**
 * A path as the user would like to read it: relative to the working directory when it lies
 * inside it (`out/regularization/report.md`), absolute otherwise.
 */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  // One line, whatever the path holds: a newline or an escape sequence shows as `\n`, `\u001b`.
  return cleanText(rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel);
}
