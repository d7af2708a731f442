import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockingStderr } from './blocking-stderr';

/** The descriptor of a child's stdin pipe, as Node left it: non-blocking. */
function stdinFd(child: ChildProcess): number {
  const fd = (child.stdin as unknown as { _handle: { fd: number } })._handle.fd;
  expect(fd).toBeGreaterThan(2);
  return fd;
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => child.on('close', () => resolve()));

describe('blockingStderr', () => {
  it('writes every byte, in order, before returning (UTF-8, to a file)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-stderr-'));
    const path = join(dir, 'stderr.txt');
    const fd = openSync(path, 'w');
    const stream = blockingStderr({ isTTY: false, columns: 80 }, fd);
    stream.write('cost 0.1 → λ\n');
    stream.write('lab: interrupted\n');
    closeSync(fd);
    expect(readFileSync(path, 'utf8')).toBe('cost 0.1 → λ\nlab: interrupted\n');
    expect({ isTTY: stream.isTTY, columns: stream.columns }).toEqual({ isTTY: false, columns: 80 });
    rmSync(dir, { recursive: true });
  });

  it('waits out a full non-blocking pipe (EAGAIN) instead of dropping text', async () => {
    // 1 MB through a 64 KB pipe: the pipe is full until wc starts reading, then many times more.
    const child = spawn('sh', ['-c', 'sleep 0.2; exec wc -c'], { stdio: ['pipe', 'pipe', 'ignore'] });
    let counted = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (counted += chunk));
    blockingStderr({}, stdinFd(child)).write('x'.repeat(2 ** 20));
    child.stdin?.end();
    await exited(child);
    expect(counted.trim()).toBe(String(2 ** 20));
  });

  it('swallows text for a reader that has gone (EPIPE), as a closed terminal would', async () => {
    // The reader closes its end and stays alive, so the pipe (and our descriptor) remain open.
    const script = "require('node:fs').closeSync(0); process.stdout.write('closed'); setInterval(() => {}, 1000);";
    const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'ignore'] });
    await new Promise((resolve) => child.stdout?.once('data', resolve));
    expect(() => blockingStderr({}, stdinFd(child)).write('lab: interrupted\n'.repeat(10_000))).not.toThrow();
    child.kill();
    await exited(child);
  });
});
