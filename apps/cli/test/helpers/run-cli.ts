import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliStream } from '../../src/cli-io';
import { run } from '../../src/run';

/** A stream that keeps what is written to it. */
export class FakeStream implements CliStream {
  text = '';
  readonly isTTY: boolean;
  readonly columns: number | undefined;

  constructor(options: { isTTY?: boolean; columns?: number } = {}) {
    this.isTTY = options.isTTY ?? false;
    this.columns = options.columns;
  }

  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** What one in-process `lab` run produced. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `lab <argv>` in-process with fake streams.
 * @param cwd - the working directory relative paths resolve against
 */
export async function runCli(argv: readonly string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const stdout = new FakeStream();
  const stderr = new FakeStream();
  const code = await run(argv, { stdout, stderr, env, cwd });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A fresh temporary directory; `cleanup` removes it. */
export async function tempDir(): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'lab-cli-'));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}
