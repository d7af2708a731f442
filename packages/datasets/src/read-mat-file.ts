import type { Tensor } from '@lab/tensor';
import { type ParseMatOptions, parseMat } from './parse-mat';
import { type ReadRegularFileOptions, readRegularFile } from './read-regular-file';

/** Options of {@link readMatFile}: the parser's and the file check's. */
export interface ReadMatFileOptions extends ParseMatOptions, Pick<ReadRegularFileOptions, 'maxBytes'> {}

/**
 * Node only: reads a MAT-file from disk with {@link readRegularFile} (a regular file of at most
 * `maxBytes`, default 256 MiB, checked before reading) and parses it with {@link parseMat}.
 * @param path - the file; named in every error message
 * @returns variable name → tensor, in file order
 * @throws DatasetError when the file is missing, not a regular file, too large, unreadable or corrupt
 */
export async function readMatFile(path: string, options: ReadMatFileOptions = {}): Promise<Map<string, Tensor>> {
  const bytes = await readRegularFile(path, { maxBytes: options.maxBytes, kind: 'MAT-file' });
  return parseMat(bytes, path, options);
}
