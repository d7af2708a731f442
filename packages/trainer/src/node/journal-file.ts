import { type FileHandle, open, readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { ConfigError } from '@lab/tensor';
import { formatJournalEvent, type JournalEvent, type ParsedJournal, parseJournal } from '../sweep/journal';
import type { JournalSink } from '../sweep/run-sweep';

/**
 * A sweep journal on disk: JSONL, append-only, every line written in one call and flushed to
 * the disk (fdatasync) before the append resolves, so a line the coordinator acted on survives a
 * crash. Appends are serialized in call order.
 */
export class JournalFile implements JournalSink {
  readonly path: string;
  private readonly handle: FileHandle;
  private chain: Promise<void> = Promise.resolve();

  private constructor(path: string, handle: FileHandle) {
    this.path = path;
    this.handle = handle;
  }

  /**
   * Creates a new journal; refuses to overwrite one.
   * @throws ConfigError when the file exists
   */
  static async create(path: string): Promise<JournalFile> {
    let handle: FileHandle;
    try {
      handle = await open(path, 'ax');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new ConfigError(
          `${basename(path)}: a sweep journal already exists in ${dirname(path)}: resume it with --resume, or choose another --out`,
        );
      }
      throw error;
    }
    await syncDirectory(dirname(path));
    return new JournalFile(path, handle);
  }

  /**
   * Opens an existing journal to resume it: parses it, and cuts off a torn last line (reported in
   * `parsed.warnings`) so that the next append starts on a line of its own.
   * @throws ConfigError when the file is missing or a line other than the last is not an event
   */
  static async resume(path: string): Promise<{ journal: JournalFile; parsed: ParsedJournal }> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new ConfigError(`${basename(path)}: no sweep journal in ${dirname(path)} to resume; run without --resume to start the sweep`);
      }
      throw error;
    }
    const parsed = parseJournal(text, basename(path));
    const handle = await open(path, 'r+');
    const { size } = await handle.stat();
    if (parsed.validBytes < size) {
      await handle.truncate(parsed.validBytes);
      await handle.datasync();
    }
    await handle.close();
    return { journal: new JournalFile(path, await open(path, 'a')), parsed };
  }

  /** Appends one event as one line and flushes it to the disk. */
  append(event: JournalEvent): Promise<void> {
    const line = Buffer.from(formatJournalEvent(event), 'utf8');
    const next = this.chain.then(async () => {
      await this.handle.write(line);
      await this.handle.datasync();
    });
    // A failed append fails its caller; the chain goes on for the next one.
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Waits for pending appends and closes the file. */
  async close(): Promise<void> {
    await this.chain;
    await this.handle.close();
  }
}

/** Flushes a directory entry (a new file's name) to the disk; a no-op where directories cannot be opened. */
async function syncDirectory(path: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the file's own data is still synced.
  } finally {
    await handle?.close();
  }
}
