import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { OutputError } from './output-error';

/** One file of a set of outputs: a plain name (no directories) and its contents. */
export interface OutputFile {
  readonly name: string;
  readonly data: string | Uint8Array;
}

/** What {@link OutputDirectory.commit} did. */
export interface CommitResult {
  /** True when the directory held a previous set of outputs, which the new set replaced. */
  readonly replaced: boolean;
}

/**
 * An output directory opened by {@link openOutputDirectory}: locked against other lab runs
 * until {@link release}, and written as a whole by {@link commit}.
 */
export interface OutputDirectory {
  /** The directory, absolute. */
  readonly path: string;
  /** True when the directory held lab outputs when it was opened (a commit will replace them). */
  readonly hasPrevious: boolean;
  /**
   * Writes `files` as the directory's whole new contents, atomically as a set: they go into a
   * staging directory beside it (each file flushed to disk), which then takes the directory's
   * place by renames. Any failure leaves the previous contents as they were and no staging
   * directory; a crash leaves either the previous or the new set (and leftovers that the next
   * {@link openOutputDirectory} cleans up). Synchronous, so that no signal handler can run in
   * the middle of the swap.
   * @throws OutputError naming the directory and the reason (`no space left on device (ENOSPC)`)
   */
  commit(files: readonly OutputFile[]): CommitResult;
  /** Releases the lock; idempotent. */
  release(): void;
}

/** The file names a set of lab outputs holds: anything else in a directory means it is not lab's to replace. */
export function isOutputFileName(name: string): boolean {
  return name === 'run.json' || name === 'report.md' || name === 'report.html' || /^[^/\\]+\.svg$/.test(name);
}

/** How old a lock's temporary file of another host must be to count as left by a crash. */
const LEFTOVER_TEMP_AGE_MS = 60_000;

/**
 * This host, as 8 hex digits in the names of the lock's temporary files: a temporary file of this
 * host whose process is gone is a leftover at once (a signal's default action can end a run
 * between creating it and removing it), while another host's pid cannot be checked from here.
 */
const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

/** `.<name>.lab-lock.<host tag>-<pid>.<random>.…tmp`: the host tag and pid of its creator. */
const LOCK_TEMP_NAME = /\.lab-lock\.([0-9a-f]{8})-(\d+)\.[0-9a-f]+\.(stale\.)?tmp$/;

/** How long a lock file without readable contents may exist before it counts as left by a crash. */
const UNREADABLE_LOCK_GRACE_MS = 10_000;

/**
 * Opens an output directory for one run: checks that `path` can hold lab outputs, takes a lock
 * beside it so that a second lab run writing to the same directory is refused, and cleans up
 * what a crashed run left beside it (a staging directory; a previous set caught between the two
 * renames of a swap is put back). Call {@link OutputDirectory.release} when done, also on failure.
 *
 * Beside `<parent>/<name>` live `.<name>.lab-lock` (the lock: the holder's pid and host), and, only
 * during a commit, `.<name>.lab-staging.*` and `.<name>.lab-previous.*`.
 * @param path - the directory; created (with its parents) by the first commit if missing
 * @param options - `cwd`: the working directory, which (with its ancestors) is refused as an output directory
 * @throws OutputError, one line: the path is empty, the root, the working directory or above it, not a
 *   directory, or a directory holding files lab did not write; another live lab run holds the lock;
 *   the parent cannot be created or written
 */
export function openOutputDirectory(path: string, options: { readonly cwd?: string } = {}): OutputDirectory {
  if (path === '') throw new OutputError('the output directory is an empty path: name a directory');
  const dir = resolve(path);
  const parent = dirname(dir);
  if (parent === dir) throw new OutputError(`${dir}: the root cannot be an output directory`);
  if (isWithin(resolve(options.cwd ?? process.cwd()), dir)) {
    throw new OutputError(`${dir}: the working directory, or a directory above it, cannot be an output directory`);
  }
  checkReplaceable(dir);
  makeDirectories(parent);
  const lock = acquireLock(dir);
  try {
    cleanLeftovers(dir);
    // Checked again under the lock: a crashed run's previous set may just have been put back.
    const hasPrevious = checkReplaceable(dir);
    let released = false;
    return {
      path: dir,
      hasPrevious,
      commit(files) {
        if (released) throw new OutputError(`${dir}: the output directory was released before the commit`);
        return commitFiles(dir, files);
      },
      release() {
        if (released) return;
        released = true;
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** True when `path` is `ancestor` or lies inside it. */
function isWithin(path: string, ancestor: string): boolean {
  const rel = relative(ancestor, path);
  return rel === '' || !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
}

/**
 * Checks that `dir` is missing, an empty directory, or a directory of lab outputs only.
 * @returns true when it holds lab outputs
 */
function checkReplaceable(dir: string): boolean {
  let stats: fs.Stats;
  try {
    stats = fs.lstatSync(dir);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return false;
    throw writeError(dir, error);
  }
  if (!stats.isDirectory())
    throw new OutputError(`${dir}: not a directory (${describeKind(stats)}); name a new or existing output directory`);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw writeError(dir, error);
  }
  const foreign = entries.find((entry) => !(entry.isFile() && isOutputFileName(entry.name)));
  if (foreign !== undefined) {
    const more = entries.length > 1 ? ` (${entries.length} entries)` : '';
    throw new OutputError(
      `${dir}: holds ${JSON.stringify(foreign.name)}${more}, which lab did not write; name a new or empty directory, or one of earlier lab outputs`,
    );
  }
  return entries.length > 0;
}

function commitFiles(dir: string, files: readonly OutputFile[]): CommitResult {
  const names = new Set<string>();
  for (const { name } of files) {
    if (!isOutputFileName(name) || name.includes('/') || name.includes('\\') || names.has(name)) {
      throw new OutputError(`${dir}: ${JSON.stringify(name)} is not a name an output file can have`);
    }
    names.add(name);
  }
  // Someone may have put a file into the directory since it was opened: it is not ours to delete.
  checkReplaceable(dir);
  const parent = dirname(dir);
  const staging = siblingName(dir, 'staging');
  try {
    fs.mkdirSync(staging);
    for (const file of files) writeDurably(join(staging, file.name), file.data);
    syncDirectory(staging);
  } catch (error) {
    removeQuietly(staging);
    throw writeError(dir, error);
  }
  let replaced = false;
  try {
    const previous = siblingName(dir, 'previous');
    let moved = false;
    try {
      replaced = fs.readdirSync(dir).length > 0;
      fs.renameSync(dir, previous);
      moved = true;
    } catch (error) {
      if (codeOf(error) !== 'ENOENT') throw error;
    }
    try {
      fs.renameSync(staging, dir);
    } catch (error) {
      if (moved) fs.renameSync(previous, dir);
      throw error;
    }
    syncDirectory(parent);
    if (moved) removeQuietly(previous);
  } catch (error) {
    removeQuietly(staging);
    throw writeError(dir, error);
  }
  return { replaced };
}

/** `<parent>/.<name>.lab-<role>.<pid>.<random>`: unique, and recognizable as ours by {@link cleanLeftovers}. */
function siblingName(dir: string, role: 'staging' | 'previous'): string {
  return join(dirname(dir), `.${basename(dir)}.lab-${role}.${process.pid}.${randomBytes(4).toString('hex')}`);
}

/**
 * Removes what a crashed commit left beside `dir` (the lock is held, so no live run owns them):
 * staging directories, and a previous set; when the crash came between the two renames (`dir`
 * missing), the previous set is put back first.
 */
function cleanLeftovers(dir: string): void {
  const parent = dirname(dir);
  const prefix = `.${basename(dir)}.lab-`;
  let entries: string[];
  try {
    entries = fs.readdirSync(parent);
  } catch (error) {
    throw writeError(dir, error);
  }
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const path = join(parent, entry);
    const role = entry.slice(prefix.length).split('.', 1)[0];
    if (role === 'previous' && !fs.existsSync(dir)) {
      fs.renameSync(path, dir);
      continue;
    }
    const leftover = role === 'staging' || role === 'previous' || (role === 'lock' && isLeftoverLockTemp(entry, path));
    if (leftover) removeQuietly(path);
  }
}

/**
 * Whether a lock's temporary file was left by a run that ended: one of this host whose process is
 * gone, or an old one (another host's, or named before the names carried a host). A live run's is
 * kept: it may be creating or taking over the lock right now.
 */
function isLeftoverLockTemp(entry: string, path: string): boolean {
  if (!entry.endsWith('.tmp')) return false;
  const creator = LOCK_TEMP_NAME.exec(entry);
  if (creator !== null && creator[1] === HOST_TAG) return !isAlive(Number(creator[2]));
  return (lockAge(path) ?? 0) > LEFTOVER_TEMP_AGE_MS;
}

/** A lock's temporary file name: `<lockPath>.<host tag>-<pid>.<random>.<suffix>`, see {@link LOCK_TEMP_NAME}. */
function lockTempPath(lockPath: string, suffix: 'tmp' | 'stale.tmp'): string {
  return `${lockPath}.${HOST_TAG}-${process.pid}.${randomBytes(4).toString('hex')}.${suffix}`;
}

/** A lock held by this process. */
interface HeldLock {
  release(): void;
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
}

function acquireLock(dir: string): HeldLock {
  const lockPath = join(dirname(dir), `.${basename(dir)}.lab-lock`);
  const owner: LockOwner = { pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex') };
  const text = `${JSON.stringify(owner)}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (createLockFile(lockPath, text, dir)) {
      return {
        release() {
          // Only our own lock: one taken over after ours was judged stale is someone else's.
          if (readLock(lockPath)?.token === owner.token) removeQuietly(lockPath);
        },
      };
    }
    const holder = readLock(lockPath);
    if (holder === undefined) {
      const age = lockAge(lockPath);
      if (age === undefined) continue; // gone meanwhile: try again
      if (age < UNREADABLE_LOCK_GRACE_MS) throw lockedError(dir, lockPath, 'another lab run');
    } else if (holder.host !== owner.host || isAlive(holder.pid)) {
      throw lockedError(dir, lockPath, `another lab run (pid ${holder.pid}${holder.host === owner.host ? '' : ` on ${holder.host}`})`);
    }
    takeOverStaleLock(lockPath, holder);
  }
  throw lockedError(dir, lockPath, 'another lab run');
}

/**
 * Creates the lock file with its contents in one step (a complete temporary file, hard-linked
 * to the lock's name, which fails if the lock exists), so no reader ever sees it half-written.
 * @returns false when the lock exists
 */
function createLockFile(lockPath: string, text: string, dir: string): boolean {
  const temp = lockTempPath(lockPath, 'tmp');
  try {
    fs.writeFileSync(temp, text, { flag: 'wx' });
  } catch (error) {
    throw writeError(dir, error);
  }
  try {
    fs.linkSync(temp, lockPath);
    return true;
  } catch (error) {
    const code = codeOf(error);
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw writeError(dir, error);
  } finally {
    removeQuietly(temp);
  }
  // A file system without hard links: an exclusive create, then the contents.
  try {
    fs.writeFileSync(lockPath, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw writeError(dir, error);
  }
}

/**
 * Removes a lock whose holder is dead, without removing a lock that another run took over at the
 * same moment: the lock is first renamed aside and checked to be the stale one.
 */
function takeOverStaleLock(lockPath: string, stale: LockOwner | undefined): void {
  const aside = lockTempPath(lockPath, 'stale.tmp');
  try {
    fs.renameSync(lockPath, aside);
  } catch {
    return; // someone else moved it first: try again
  }
  const moved = readLock(aside);
  if (moved?.token !== stale?.token) {
    // A fresh lock of another run: give it back (if its name is free again).
    try {
      fs.linkSync(aside, lockPath);
    } catch {
      // The name was taken meanwhile; the next attempt reads whoever holds it.
    }
  }
  removeQuietly(aside);
}

function readLock(lockPath: string): LockOwner | undefined {
  try {
    const value = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string') {
      return { pid: value.pid, host: value.host, token: value.token };
    }
  } catch {
    // Missing, or not written by lab: the caller decides by its age.
  }
  return undefined;
}

function lockAge(lockPath: string): number | undefined {
  try {
    return Date.now() - fs.statSync(lockPath).mtimeMs;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return codeOf(error) === 'EPERM';
  }
}

function lockedError(dir: string, lockPath: string, who: string): OutputError {
  return new OutputError(`${dir}: ${who} is writing to this directory; wait for it to finish (if it is gone, remove ${lockPath})`);
}

/**
 * mkdir -p, one level at a time (Node's recursive mkdir loops forever under `/proc/self`).
 * @throws OutputError naming the directory that could not be created
 */
function makeDirectories(dir: string): void {
  const missing: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    try {
      if (!fs.statSync(at).isDirectory()) throw new OutputError(`${at}: not a directory, so nothing can be created in it`);
      break;
    } catch (error) {
      if (error instanceof OutputError) throw error;
      if (codeOf(error) !== 'ENOENT' || dirname(at) === at) throw writeError(at, error);
      missing.push(at);
    }
  }
  for (const at of missing.reverse()) {
    try {
      fs.mkdirSync(at);
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw writeError(at, error);
    }
  }
}

function writeDurably(path: string, data: string | Uint8Array): void {
  const fd = fs.openSync(path, 'wx');
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes renames and new entries in `dir` durable; best effort (Windows cannot open a directory). */
function syncDirectory(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Atomicity does not depend on it, only durability across a power cut.
  }
}

function removeQuietly(path: string): void {
  try {
    fs.rmSync(path, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    // Left for the next openOutputDirectory to clean up.
  }
}

function describeKind(stats: fs.Stats): string {
  if (stats.isFile()) return 'a file';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  return 'a device';
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Plain words for the file system errors a write meets; the code follows in parentheses. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  EEXIST: 'already exists',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'a name is too long',
  EXDEV: 'crosses file systems',
  EBUSY: 'busy',
};

function writeError(dir: string, error: unknown): OutputError {
  if (error instanceof OutputError) return error;
  const code = codeOf(error);
  const reason =
    code !== undefined && REASONS[code] !== undefined
      ? `${REASONS[code]} (${code})`
      : (String((error as Error | null)?.message ?? error).split('\n', 1)[0] ?? '');
  return new OutputError(`cannot write to ${dir}: ${reason}`, { cause: error });
}
