import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
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

/**
 * Runs `lab` with `args` in the temp dir, sends SIGINT once a progress line matching
 * `running` has come (so the training is under way: no timing assumption beyond "not finished
 * yet") and returns how it ended.
 */
async function interruptWhileTraining(
  args: readonly string[],
  running: RegExp,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: dir.path,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  // 'close', not 'exit': 'exit' can come before the last of stderr has been read.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const training = new Promise<void>((resolve) =>
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (running.test(stderr)) resolve();
    }),
  );
  await Promise.race([training, exited]);
  child.kill('SIGINT');
  return { ...(await exited), stdout, stderr };
}

describe('Ctrl-C during training (dist/lab.js)', () => {
  it('lab experiment regularization --workers 1 (training on the main thread): exits 130 with one line on stderr and writes no output', async () => {
    // 300 000 iterations per model: the first progress line (10 % of the first model) comes after
    // a few tenths of a second, the whole run would take several seconds.
    const { code, signal, stdout, stderr } = await interruptWhileTraining(
      ['experiment', 'regularization', '--iterations', '300000', '--workers', '1', '--out', 'out'],
      /^no regularization \(1\/3\): /m,
    );
    expect({ code, signal }).toEqual({ code: 130, signal: null });
    expect(stderr).toMatch(/^Data: the built-in football-field set .*\nno regularization \(1\/3\): 10% .*\n(.*\n)*lab: interrupted\n$/);
    expect(stdout).toBe('');
    expect(existsSync(join(dir.path, 'out'))).toBe(false);
  });

  it('lab experiment regularization on worker threads: exits 130 with one line on stderr and writes no output', async () => {
    const { code, signal, stdout, stderr } = await interruptWhileTraining(
      ['experiment', 'regularization', '--iterations', '300000', '--workers', '2', '--out', 'out-threads'],
      /^(no regularization \(1\/3\)|L2 \(2\/3\)|dropout \(3\/3\)): 10% /m,
    );
    expect({ code, signal }).toEqual({ code: 130, signal: null });
    expect(stderr).toMatch(
      /^Data: the built-in football-field set .*\n((no regularization \(1\/3\)|L2 \(2\/3\)|dropout \(3\/3\)): \d+% .*\n)+lab: interrupted\n$/,
    );
    expect(stdout).toBe('');
    expect(existsSync(join(dir.path, 'out-threads'))).toBe(false);
  });

  it('lab train: exits 130 with one line on stderr and writes no output', async () => {
    const config = ['name: long', 'dataset: { kind: builtin, name: football }', 'model: { layerSizes: [2, 20, 3, 1] }'];
    config.push('optimizer: { kind: gd, learningRate: 0.3 }', 'training: { numIterations: 1000000, costEvery: 1000 }');
    await writeFile(join(dir.path, 'long.yaml'), `${config.join('\n')}\n`);
    const { code, signal, stdout, stderr } = await interruptWhileTraining(
      ['train', '--config', 'long.yaml', '--out', 'train-out'],
      /^long: /m,
    );
    expect({ code, signal }).toEqual({ code: 130, signal: null });
    expect(stderr).toMatch(/^long: 10% .*\n(.*\n)*lab: interrupted\n$/);
    expect(stdout).toBe('');
    expect(existsSync(join(dir.path, 'train-out'))).toBe(false);
  });
});
