import { describe, expect, it } from 'vitest';
import { describeFsError, isFsError } from './fs-error';

function fsError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

describe('fs errors', () => {
  it('describes known codes in words, others by their message', () => {
    expect(describeFsError(fsError('ENOENT', "ENOENT: no such file or directory, open 'x'"))).toBe('no such file or directory (ENOENT)');
    expect(describeFsError(fsError('EMFILE', 'EMFILE: too many open files\nmore'))).toBe('EMFILE: too many open files');
  });

  it('recognizes errors with an errno code only', () => {
    expect(isFsError(fsError('EACCES', 'denied'))).toBe(true);
    expect(isFsError(new Error('plain'))).toBe(false);
    expect(isFsError(fsError('ERR_INVALID_ARG_TYPE', 'bad argument'))).toBe(false);
  });
});
