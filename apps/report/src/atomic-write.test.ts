import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FileWriter, nodeFileWriter, writeFileAtomic } from './atomic-write';

describe('writeFileAtomic', () => {
  it('replaces the target and leaves nothing else behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-atomic-'));
    const path = join(dir, 'a.txt');
    writeFileSync(path, 'old');
    await writeFileAtomic(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('keeps the old file and removes the temporary one when the rename fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-atomic-'));
    const path = join(dir, 'a.txt');
    writeFileSync(path, 'old');
    const writer: FileWriter = {
      ...nodeFileWriter,
      rename: async () => {
        throw new Error('EXDEV: cross-device link not permitted');
      },
    };
    await expect(writeFileAtomic(path, 'new', writer)).rejects.toThrow('EXDEV');
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });
});
