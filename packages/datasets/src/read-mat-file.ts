import type { Tensor } from '@lab/tensor';
import { DatasetError } from './dataset-error';
import { type ParseMatOptions, parseMat } from './parse-mat';

/**
 * Node only: reads a MAT-file from disk and parses it with {@link parseMat}. `node:fs` is
 * imported when called, not when the package is imported, so browser bundles stay clean.
 * @param path - the file; named in every error message
 * @returns variable name → tensor, in file order
 * @throws DatasetError when the file cannot be read (naming the path and the system's reason) or parsed
 */
export async function readMatFile(path: string, options: ParseMatOptions = {}): Promise<Map<string, Tensor>> {
  // A specifier in a variable: bundlers for the browser leave it alone instead of resolving node:fs.
  const fsModule = 'node:fs/promises';
  const { readFile }: typeof import('node:fs/promises') = await import(/* @vite-ignore */ /* webpackIgnore: true */ fsModule);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new DatasetError(`${path}: cannot read the file (${reason})`);
  }
  return parseMat(bytes, path, options);
}
