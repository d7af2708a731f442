/**
 * One line describing a file system error, without the path (the caller names it):
 * ENOENT → `no such file or directory (ENOENT)`; an unknown code → the first line of the message.
 */
export function describeFsError(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const reasons: Readonly<Record<string, string>> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'is a directory',
    ENOTDIR: 'a parent is not a directory',
    EEXIST: 'already exists',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on device',
  };
  const known = code === undefined ? undefined : reasons[code];
  if (known !== undefined && code !== undefined) return `${known} (${code})`;
  return (typeof message === 'string' ? message : String(error)).split('\n', 1)[0] ?? '';
}

/** True for the errors Node's `fs` throws (they carry a string `code` such as `ENOENT`). */
export function isFsError(error: unknown): error is NodeJS.ErrnoException {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === 'string' &&
    /^E[A-Z]+$/.test((error as NodeJS.ErrnoException).code ?? '')
  );
}
