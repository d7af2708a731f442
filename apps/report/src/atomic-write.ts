import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The file operations {@link writeFileAtomic} needs; tests pass a failing one. */
export interface FileWriter {
  writeFile(path: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
}

/** Node's `fs/promises`. */
export const nodeFileWriter: FileWriter = {
  writeFile: (path, data) => writeFile(path, data, 'utf8'),
  rename: (from, to) => rename(from, to),
  remove: (path) => rm(path, { force: true }),
};

/**
 * Writes a file atomically: the data goes to a temporary file in the same directory,
 * which is then renamed over the target. Readers see the old file or the new one, never
 * half of one; when anything fails the target is untouched and the temporary file removed.
 * @param path - the target file
 * @param data - UTF-8 text
 * @param writer - the file operations (Node's by default)
 */
export async function writeFileAtomic(path: string, data: string, writer: FileWriter = nodeFileWriter): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writer.writeFile(temp, data);
    await writer.rename(temp, path);
  } catch (error) {
    await writer.remove(temp).catch(() => undefined);
    throw error;
  }
}
