import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Reads a NumPy reference vector file from ../shared/reference beside the project root. */
export function readReference<T = unknown>(name: string): T {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');
  return JSON.parse(readFileSync(resolve(root, 'shared/reference', name), 'utf8')) as T;
}
