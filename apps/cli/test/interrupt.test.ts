import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/run-cli';

/** The built bin (apps/cli/turbo.json builds it before the tests). */
const BIN = fileURLToPath(new URL('../dist/lab.js', import.meta.url));

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => dir.cleanup());

describe('Ctrl-C during training (dist/lab.js)', () => {
  it('exits 130 with one line on stderr and writes no output', async () => {
    // 300 000 iterations per model: the first progress line (10 % of the first model) comes after
    // about a second, the whole run would take half a minute. SIGINT goes out after that line,
    // so the training is running: no timing assumption beyond "not finished yet".
    const child = spawn(process.execPath, [BIN, 'experiment', 'regularization', '--iterations', '300000', '--out', 'out'], {
      cwd: dir.path,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    const training = new Promise<void>((resolve) =>
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        if (/^no regularization \(1\/3\): /m.test(stderr)) resolve();
      }),
    );
    await Promise.race([training, exited]);
    child.kill('SIGINT');
    const { code, signal } = await exited;
    expect({ code, signal }).toEqual({ code: 130, signal: null });
    expect(stderr).toMatch(/^Data: the built-in football-field set .*\nno regularization \(1\/3\): 10% .*\n(.*\n)*lab: interrupted\n$/);
    expect(stdout).toBe('');
    expect(existsSync(join(dir.path, 'out'))).toBe(false);
  });
});
