/** Plain words for the file system errors a reader meets; the code follows in parentheses. */
const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/**
 * One line for a file that could not be opened or read, the same shape for every reader:
 * `<path>: the file does not exist` for ENOENT, else `<path>: cannot read the file: <reason> (<CODE>)`.
 */
export function describeFileError(path: string, error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === 'ENOENT') return `${path}: the file does not exist`;
  const reason =
    typeof code === 'string' && REASONS[code] !== undefined
      ? `${REASONS[code]} (${code})`
      : typeof code === 'string'
        ? code
        : (String(message ?? error).split('\n', 1)[0] ?? '');
  return `${path}: cannot read the file: ${reason}`;
}

/** The part of `fs.Stats` that says what a path is. */
export interface FileKindStats {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
  isSymbolicLink(): boolean;
}

/** What a path that is not a regular file is, in words: `a directory`, `a FIFO`, `a character device`. */
export function describeFileKind(stats: FileKindStats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a file';
}

/** Bytes for a message: `512 bytes`, `1.5 KiB`, `256.0 MiB`, `9.5 GiB`. */
export function formatBytes(bytes: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  if (bytes < 1024) return `${bytes} bytes`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
