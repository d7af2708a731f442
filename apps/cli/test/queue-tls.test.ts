import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SweepSummary } from '../src/output/print-sweep-result';
import { hasOpenssl, hasRedisServer, REDIS_SERVER, startRedis, type TestRedis } from './helpers/redis-server';
import { runCli, tempDir } from './helpers/run-cli';
import { SMALL_SWEEP } from './helpers/sweep-config';

const BIN = fileURLToPath(new URL('../dist/lab.js', import.meta.url));
const PASSWORD = 'tls pa:ss';

/** `lab <args>` as a process of its own (a CA is trusted through NODE_EXTRA_CA_CERTS, read at start-up). */
function runBin(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
    );
  });
}

// The coverage of queue.test.ts, over TLS (rediss://) to a server with a certificate of a test CA.
const canRun = hasRedisServer() && hasOpenssl();

describe.runIf(canRun)('lab sweep --queue rediss:// and lab worker (Redis over TLS)', { timeout: 300_000 }, () => {
  let redis: TestRedis;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let worker: { child: ChildProcess; log: string; exited: Promise<void> } | undefined;

  beforeAll(async () => {
    dir = await tempDir();
    redis = await startRedis({ password: PASSWORD, tls: true });
    await writeFile(join(dir.path, 'l2.yaml'), SMALL_SWEEP);
  });
  afterAll(async () => {
    if (worker !== undefined) {
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    await redis?.stop();
    await dir?.cleanup();
  });

  it('runs the sweep through a lab worker: the same trials as on threads, the password shown nowhere', async () => {
    const trusted = { NODE_EXTRA_CA_CERTS: redis.caFile };
    const threads = await runCli(['sweep', '--config', 'l2.yaml', '--out', 'threads', '--json', '--workers', '1'], dir.path);
    expect(threads.code).toBe(0);
    const child = spawn(process.execPath, [BIN, 'worker', '--queue', redis.url, '--workers', '1'], {
      cwd: dir.path,
      env: { ...process.env, ...trusted },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const started = { child, log: '', exited: new Promise<void>((resolve) => child.on('exit', () => resolve())) };
    worker = started;
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (started.log += chunk));

    const queued = await runBin(['sweep', '--config', 'l2.yaml', '--out', 'queued', '--queue', redis.url, '--json'], dir.path, trusted);
    expect(queued.stderr).toBe('');
    expect(queued.code).toBe(0);
    const trials = (json: string) =>
      (JSON.parse(json) as SweepSummary).trials.map(({ id, params, seed, status, metrics }) => ({ id, params, seed, status, metrics }));
    expect(trials(queued.stdout)).toEqual(trials(threads.stdout));
    expect(started.log).toMatch(/: finished/);
    expect(started.log).toContain(`rediss://:***@127.0.0.1:${redis.port}`);
    const texts = [started.log, queued.stdout, await readFile(join(dir.path, 'queued', 'journal.jsonl'), 'utf8')];
    for (const id of await readdir(join(dir.path, 'queued', 'trials')))
      texts.push(await readFile(join(dir.path, 'queued', 'trials', id, 'run.json'), 'utf8'));
    for (const text of texts) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(encodeURIComponent(PASSWORD));
    }
  });

  it('refuses, in one line, a server whose certificate no trusted authority signed', async () => {
    const { code, stdout, stderr } = await runBin(['sweep', '--config', 'l2.yaml', '--out', 'untrusted', '--queue', redis.url], dir.path, {
      NODE_EXTRA_CA_CERTS: '',
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `lab: cannot use the queue rediss://:***@127.0.0.1:${redis.port}: self-signed certificate in certificate chain` +
        " (to trust the authority that signed the server's certificate: NODE_EXTRA_CA_CERTS=ca.pem)\n",
    );
  });
});

// Without redis-server or openssl the suite above is collected but not run: one line says why, and
// CI (LAB_REQUIRE_REDIS=1) fails instead.
if (!canRun) {
  const missing = hasRedisServer() ? 'no openssl on the PATH' : `no redis-server at ${REDIS_SERVER}`;
  if (process.env.LAB_REQUIRE_REDIS === '1') {
    describe('lab sweep --queue rediss:// (missing tools)', () => {
      it('finds redis-server and openssl, which LAB_REQUIRE_REDIS=1 requires', () => {
        expect(missing).toBe('');
      });
    });
  } else {
    console.log(`Redis TLS tests skipped: ${missing} (apt-get install redis-server openssl)`);
  }
}
