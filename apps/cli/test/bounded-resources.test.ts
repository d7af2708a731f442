import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/run-cli';
import { SMALL_SWEEP } from './helpers/sweep-config';

const BIN = fileURLToPath(new URL('../dist/lab.js', import.meta.url));

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => dir.cleanup());

/**
 * Runs the bin and samples its peak resident memory (VmHWM, which counts every thread of the
 * process) and its thread count from /proc while it runs.
 */
async function measured(args: readonly string[]): Promise<{ code: number | null; stderr: string; peakMb: number; peakThreads: number }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: dir.path, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let peakKb = 0;
  let peakThreads = 0;
  const sample = () => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      peakKb = Math.max(peakKb, Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0));
      peakThreads = Math.max(peakThreads, Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 0));
    } catch {
      // Gone between two samples: the last sample stands.
    }
  };
  const timer = setInterval(sample, 10);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(timer);
  return { code, stderr, peakMb: peakKb / 1024, peakThreads };
}

describe('bounded resources (dist/lab.js)', () => {
  it.skipIf(!existsSync('/proc/self/status'))(
    '--workers 1000 starts no more threads than the cap it announces, and stays in a few hundred MB',
    async () => {
      // 20 trials, more than the cap of 4 per core on a small machine: the cap, not the trial count, bounds the pool.
      const sweep = SMALL_SWEEP.replace('[0, 0.7, 5]', `[${Array.from({ length: 10 }, (_, i) => i / 4).join(', ')}]`).replace(
        'iterations: 300',
        'iterations: 20',
      );
      await writeFile(join(dir.path, 'many.yaml'), sweep);
      const run = await measured(['sweep', '--config', 'many.yaml', '--out', 'many', '--workers', '1000']);
      expect(run.code, run.stderr).toBe(0);
      const note = /^lab: note: --workers 1000: using (\d+) \((.*)\)$/m.exec(run.stderr);
      expect(note, run.stderr).not.toBeNull();
      const workers = Number(note?.[1]);
      expect(workers).toBeLessThanOrEqual(20);
      // Node's own threads (libuv's pool, V8's platform workers, the inspector) number about a dozen,
      // plus as many per worker thread; 1000 workers would be thousands of threads.
      // What one more worker thread costs here, from runs with 1 and 2 workers: threads are exact
      // (Node's own plus each worker's), memory is a worker's heap and its copy of the trainer.
      const one = await measured(['sweep', '--config', 'many.yaml', '--out', 'one', '--workers', '1']);
      const two = await measured(['sweep', '--config', 'many.yaml', '--out', 'two', '--workers', '2']);
      expect([one.code, two.code]).toEqual([0, 0]);
      const threadsPerWorker = two.peakThreads - one.peakThreads;
      expect(run.peakThreads).toBeLessThanOrEqual(one.peakThreads + (workers - 1) * threadsPerWorker + 2);
      expect(run.peakMb).toBeLessThan(one.peakMb + 50 * (workers - 1));
    },
  );
});
