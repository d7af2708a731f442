import { DatasetError } from './dataset-error';
import { describeFileError, describeFileKind, formatBytes } from './internal/file-messages';

/** The largest file {@link readRegularFile} reads unless told otherwise: 256 MiB. */
export const DEFAULT_MAX_FILE_BYTES = 256 * 2 ** 20;

/** Options of {@link readRegularFile}. */
export interface ReadRegularFileOptions {
  /** Refuse a file larger than this many bytes (default {@link DEFAULT_MAX_FILE_BYTES}). */
  readonly maxBytes?: number;
  /** What the file is for, in the size message: `data file` (default), `config file`, … */
  readonly kind?: string;
}

/**
 * Node only: reads a whole file after checking what it is. The file is opened without
 * blocking (`O_NONBLOCK`, so a FIFO nobody writes to does not hang the call) and its type and
 * size are checked on the open descriptor before a byte is read: a directory, a FIFO, a device
 * such as `/dev/zero` or a socket is refused at once, and so is a file over `maxBytes`. A file
 * that grows past `maxBytes` while it is read is refused too. `node:fs/promises` is imported
 * when called, so browser bundles stay clean.
 * @param path - the file, named first in every message
 * @returns the file's bytes
 * @throws DatasetError, one line naming the path:
 *   `data/f.mat: the file does not exist`, `/dev/zero: not a regular file (a character device)`,
 *   `big.mat: 300.0 MiB (314572800 bytes), more than the 256.0 MiB a data file may have`,
 *   `f.mat: cannot read the file: permission denied (EACCES)`
 */
export async function readRegularFile(path: string, options: ReadRegularFileOptions = {}): Promise<Uint8Array> {
  const { maxBytes = DEFAULT_MAX_FILE_BYTES, kind = 'data file' } = options;
  // A specifier in a variable: bundlers for the browser leave it alone instead of resolving node:fs.
  const fsModule = 'node:fs/promises';
  const fs: typeof import('node:fs/promises') = await import(/* @vite-ignore */ /* webpackIgnore: true */ fsModule);
  const { O_RDONLY = 0, O_NONBLOCK = 0 } = fs.constants;
  let handle: import('node:fs/promises').FileHandle;
  try {
    handle = await fs.open(path, O_RDONLY | O_NONBLOCK);
  } catch (error) {
    throw new DatasetError(describeFileError(path, error));
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new DatasetError(`${path}: not a regular file (${describeFileKind(stats)})`);
    if (stats.size > maxBytes) {
      throw new DatasetError(
        `${path}: ${formatBytes(stats.size)} (${stats.size} bytes), more than the ${formatBytes(maxBytes)} a ${kind} may have`,
      );
    }
    // One byte more than the size: reading it means the file grew meanwhile, and the buffer grows,
    // up to one byte past the limit (reading that byte means it grew too far).
    let buffer = new Uint8Array(stats.size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const grown = new Uint8Array(Math.min(2 * buffer.length, maxBytes + 1));
        grown.set(buffer);
        buffer = grown;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw new DatasetError(`${path}: grew past the ${formatBytes(maxBytes)} a ${kind} may have while it was read`);
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    throw new DatasetError(describeFileError(path, error));
  } finally {
    await handle.close().catch(() => undefined);
  }
}
