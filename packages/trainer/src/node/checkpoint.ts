import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ConfigError, isLabError, LabError } from '@lab/tensor';
import { toDocument } from '../internal/checkpoint-document';
import type { Checkpoint } from '../resume';
import { decodeCheckpoint, sealCheckpoint } from './checkpoint-envelope';

/** A checkpoint read from disk; `path` is named in {@link restoreParams}' errors. */
export interface LoadedCheckpoint extends Checkpoint {
  /** The file the checkpoint came from: the one asked for, or the previous one beside it. */
  readonly path: string;
  /**
   * Set when the newest checkpoint was missing or damaged and the previous one was loaded
   * instead: the file asked for and why it was not used, in one line. Tell the user.
   */
  readonly fellBack?: { readonly path: string; readonly reason: string };
}

/** Options of {@link loadCheckpoint}. */
export interface LoadCheckpointOptions {
  /** Fall back to the previous checkpoint ({@link previousCheckpointPath}) when the newest is damaged or missing. Default true. */
  readonly fallBack?: boolean;
}

/** The largest checkpoint {@link loadCheckpoint} reads: 512 MiB, about the longest string V8 can hold. */
export const MAX_CHECKPOINT_BYTES = 512 * 2 ** 20;

/** Where {@link saveCheckpoint} keeps the checkpoint before the newest: `<path>.previous`. */
export function previousCheckpointPath(path: string): string {
  return `${path}.previous`;
}

/**
 * Writes a checkpoint atomically and keeps the one before it. The file (a header with the
 * SHA-256 of the contents, then the checkpoint as JSON) goes to a temporary file in the same
 * directory, which is flushed to disk (fsync); the current checkpoint, when it is intact, becomes
 * `<path>.previous` (hard-linked, then renamed over the old previous one); then the temporary file
 * is renamed over `path`. Renames within one directory are atomic on POSIX file systems, so at
 * every moment `path` holds a whole checkpoint (the old or the new one) and `<path>.previous` the
 * one before — even if the process dies mid-write. Temporary files that a killed process left
 * beside `path` are removed first. On an error the temporary file is removed and `path` is untouched.
 *
 * Parameters and moment buffers are stored as base64 of their float64 bytes, so
 * {@link loadCheckpoint} restores them bit for bit (-0 and subnormals included).
 * @throws ConfigError when the checkpoint is malformed or `extra` is not JSON-safe (nothing is written)
 * @throws LabError `saveCheckpoint: cannot write <path>: <reason>` on an I/O error
 */
export function saveCheckpoint(path: string, checkpoint: Checkpoint): void {
  const bytes = sealCheckpoint(`${JSON.stringify(toDocument(checkpoint))}\n`);
  removeStaleTemps(path);
  const temp = tempName(path, 'tmp');
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'wx');
    for (let offset = 0; offset < bytes.length; ) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    keepAsPrevious(path);
    fs.renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) ignoreErrors(() => fs.closeSync(fd as number));
    ignoreErrors(() => fs.unlinkSync(temp));
    throw new LabError(`saveCheckpoint: cannot write ${path}: ${(error as Error).message}`, { cause: error });
  }
  // Make the renames durable. Directories cannot be opened for fsync on Windows; there
  // the renames are still atomic, only their durability across a power cut is up to the OS.
  ignoreErrors(() => {
    const dirFd = fs.openSync(dirname(path), 'r');
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
  });
}

/**
 * Reads, verifies and validates a checkpoint written by {@link saveCheckpoint}: a regular file of
 * at most {@link MAX_CHECKPOINT_BYTES}, whose contents match the SHA-256 its header records. When it
 * is missing or damaged and `<path>.previous` is intact, that one is loaded instead and
 * `fellBack` says so. Temporary files that a killed save left beside `path` are removed.
 * @throws LabError `<path>: the file does not exist`, `<path>: not a regular file (a FIFO)` and the
 *   like when neither the file nor a previous one can be read
 * @throws ConfigError `<path>: <problem>`, one line naming the file and the field or the damage,
 *   e.g. `ckpt.json: damaged: the SHA-256 of its contents differs from the one it records`,
 *   `ckpt.json: params.W1.data: expected 40 float64 values, got 39 (shape (20, 2))`; with a previous
 *   checkpoint that is damaged too, both reasons
 */
export function loadCheckpoint(path: string, options: LoadCheckpointOptions = {}): LoadedCheckpoint {
  removeStaleTemps(path);
  try {
    return { ...readCheckpoint(path), path };
  } catch (error) {
    const previous = previousCheckpointPath(path);
    if (options.fallBack === false || !isLabError(error) || !fs.existsSync(previous)) throw error;
    let older: Checkpoint;
    try {
      older = readCheckpoint(previous);
    } catch (previousError) {
      if (!isLabError(previousError)) throw previousError;
      throw new ConfigError(`${error.message}; the previous checkpoint cannot be used either: ${previousError.message}`);
    }
    return { ...older, path: previous, fellBack: { path, reason: error.message } };
  }
}

function readCheckpoint(path: string): Checkpoint {
  return decodeCheckpoint(readRegularFileSync(path), path);
}

/**
 * Reads a whole file after checking, on the open descriptor, that it is a regular file within
 * {@link MAX_CHECKPOINT_BYTES} (opened without blocking, so a FIFO does not hang).
 */
function readRegularFileSync(path: string): Uint8Array {
  let fd: number;
  try {
    fd = fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new LabError(`${path}: the file does not exist`);
    throw new LabError(`${path}: cannot read the file: ${(error as Error).message.split('\n', 1)[0]}`, { cause: error });
  }
  try {
    const stats = fs.fstatSync(fd);
    if (!stats.isFile()) throw new LabError(`${path}: not a regular file`);
    if (stats.size > MAX_CHECKPOINT_BYTES) {
      throw new LabError(`${path}: ${stats.size} bytes, more than the ${MAX_CHECKPOINT_BYTES} a checkpoint may have`);
    }
    const bytes = Buffer.alloc(stats.size);
    let length = 0;
    while (length < bytes.length) {
      const read = fs.readSync(fd, bytes, length, bytes.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return bytes.subarray(0, length);
  } catch (error) {
    if (isLabError(error)) throw error;
    throw new LabError(`${path}: cannot read the file: ${(error as Error).message.split('\n', 1)[0]}`, { cause: error });
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Makes the current checkpoint at `path` the previous one, if it is intact (a damaged newest must
 * not replace a good previous): a hard link to it is renamed over `<path>.previous`.
 */
function keepAsPrevious(path: string): void {
  try {
    readCheckpoint(path);
  } catch {
    return; // missing or damaged: keep the previous one as it is
  }
  const link = tempName(path, 'previous.tmp');
  try {
    try {
      fs.linkSync(path, link);
    } catch {
      fs.copyFileSync(path, link); // a file system without hard links
    }
    fs.renameSync(link, previousCheckpointPath(path));
  } catch (error) {
    ignoreErrors(() => fs.unlinkSync(link));
    throw error;
  }
}

/** `.<name>.<pid>.<random>.<suffix>` beside `path`: recognizable by {@link removeStaleTemps}. */
function tempName(path: string, suffix: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.${suffix}`);
}

/**
 * Removes the temporary files of `path` that no running save owns: those of processes that are
 * gone, and this process's own (its saves are synchronous, so none is in progress).
 */
function removeStaleTemps(path: string): void {
  const prefix = `.${basename(path)}.`;
  let entries: string[];
  try {
    entries = fs.readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith(prefix) || !entry.endsWith('.tmp')) continue;
    const pid = Number(entry.slice(prefix.length).split('.', 1)[0]);
    if (Number.isSafeInteger(pid) && pid > 0 && (pid === process.pid || !isAlive(pid))) {
      ignoreErrors(() => fs.unlinkSync(join(dirname(path), entry)));
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ignoreErrors(action: () => void): void {
  try {
    action();
  } catch {
    // Cleanup after a failure, or best-effort durability: the original error (if any) matters more.
  }
}
