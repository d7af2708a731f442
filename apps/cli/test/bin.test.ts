import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * The built bin, run as a user would. apps/cli/turbo.json makes the cli's `test` task depend on
 * its own `build`, so dist/lab.js is there under `pnpm test`.
 */
const BIN = fileURLToPath(new URL('../dist/lab.js', import.meta.url));
const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

async function lab(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('dist/lab.js', () => {
  it('starts with a shebang and prints its version', async () => {
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(await lab(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('sets the exit code and prints one line, no stack trace, for a user error', async () => {
    const { code, stdout, stderr } = await lab(['report', '/nonexistent/run.json']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('lab: /nonexistent/run.json: the file does not exist\n');
  });

  it('exits 2 for an unknown command', async () => {
    const { code, stderr } = await lab(['nonsense']);
    expect(code).toBe(2);
    expect(stderr).toBe("lab: unknown command 'nonsense'\n");
  });
});
