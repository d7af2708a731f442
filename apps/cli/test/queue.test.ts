import { type ChildProcess, spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type JournalEvent, parseJournal } from '@lab/trainer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SweepSummary } from '../src/output/print-sweep-result';
import { hasRedisServer, REDIS_SERVER, startRedis, type TestRedis } from './helpers/redis-server';
import { runCli, tempDir } from './helpers/run-cli';
import { SMALL_SWEEP } from './helpers/sweep-config';

const BIN = fileURLToPath(new URL('../dist/lab.js', import.meta.url));
const PASSWORD = 'pa ss:w/rd';

/** A worker process (the real bin) and its log. */
interface WorkerProcess {
  readonly child: ChildProcess;
  log: string;
  readonly exited: Promise<void>;
}

// Whole processes and a server on a shared 2-core machine: minutes, not seconds, under load.
describe.runIf(hasRedisServer())('lab sweep --queue and lab worker (Redis)', { timeout: 400_000 }, () => {
  let redis: TestRedis;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  const workers: WorkerProcess[] = [];

  function startWorker(args: readonly string[] = []): WorkerProcess {
    // Short locks: a worker that dies gives its trial back within about two seconds.
    const child = spawn(
      process.execPath,
      [BIN, 'worker', '--queue', redis.url, '--workers', '1', '--lock-ms', '1500', '--stalled-check-ms', '500', ...args],
      {
        cwd: dir.path,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    const worker: WorkerProcess = { child, log: '', exited: new Promise((resolve) => child.on('exit', () => resolve())) };
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (worker.log += chunk));
    workers.push(worker);
    return worker;
  }

  async function stopWorkers(): Promise<void> {
    for (const worker of workers.splice(0)) {
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
  }

  async function until(condition: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 300_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  beforeAll(async () => {
    dir = await tempDir();
    redis = await startRedis({ password: PASSWORD });
    await writeFile(join(dir.path, 'l2.yaml'), SMALL_SWEEP);
  });
  afterAll(async () => {
    await stopWorkers();
    await redis?.stop();
    await dir?.cleanup();
  });

  async function trialsOf(json: string): Promise<unknown[]> {
    const summary = JSON.parse(json) as SweepSummary;
    return summary.trials.map(({ id, params, seed, status, metrics }) => ({ id, params, seed, status, metrics }));
  }

  it('gives the same trial results with two lab workers as with worker threads, and never shows the password', async () => {
    const threads = await runCli(['sweep', '--config', 'l2.yaml', '--out', 'threads', '--json', '--workers', '1'], dir.path);
    expect(threads.code).toBe(0);
    const [a, b] = [startWorker(), startWorker()];
    await until(() => /taking trials/.test(a.log) && /taking trials/.test(b.log), 'the workers to start');
    const queued = await runCli(['sweep', '--config', 'l2.yaml', '--out', 'queued', '--queue', redis.url, '--json'], dir.path);
    expect(queued.stderr).toBe('');
    expect(queued.code).toBe(0);
    expect(await trialsOf(queued.stdout)).toEqual(await trialsOf(threads.stdout));
    // Both workers took trials.
    expect(a.log).toMatch(/: finished/);
    expect(b.log).toMatch(/: finished/);
    // The password appears nowhere: not in the workers' logs, the output, the journal or the records.
    expect(a.log).toContain('redis://:***@127.0.0.1:');
    const texts = [a.log, b.log, queued.stdout, await readFile(join(dir.path, 'queued', 'journal.jsonl'), 'utf8')];
    for (const id of await readdir(join(dir.path, 'queued', 'trials')))
      texts.push(await readFile(join(dir.path, 'queued', 'trials', id, 'run.json'), 'utf8'));
    for (const text of texts) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(encodeURIComponent(PASSWORD));
    }
    await stopWorkers();
  });

  it('completes when a worker is killed (SIGKILL) mid-trial: another takes the trial, every trial once in the journal', async () => {
    // Two trials long enough to be killed in the middle of.
    await writeFile(
      join(dir.path, 'long.yaml'),
      SMALL_SWEEP.replace('iterations: 300', 'iterations: 20000').replace('[0, 0.7, 5]', '[0, 0.7]').replace('repeats: 2', 'repeats: 1'),
    );
    const victim = startWorker();
    await until(() => /taking trials/.test(victim.log), 'the first worker to start');
    const sweep = runCli(['sweep', '--config', 'long.yaml', '--out', 'killed', '--queue', redis.url, '--json'], dir.path);
    await until(() => /: started/.test(victim.log), 'a trial to start');
    victim.child.kill('SIGKILL');
    await victim.exited;
    const killedTrial = /(t\d{4}) of \S+: started/.exec(victim.log)?.[1];
    const rescuer = startWorker();
    const result = await sweep;
    expect(result.code).toBe(0);
    expect(rescuer.log).toContain(`${killedTrial} of`);
    const events = parseJournal(await readFile(join(dir.path, 'killed', 'journal.jsonl'), 'utf8')).events;
    const results = events.filter((e): e is Extract<JournalEvent, { type: 'result' }> => e.type === 'result').map((e) => e.id);
    expect([...results].sort()).toEqual(['t0000', 't0001']);
    // The same results as on threads here.
    const threads = await runCli(['sweep', '--config', 'long.yaml', '--out', 'long-threads', '--json', '--workers', '1'], dir.path);
    expect(await trialsOf(result.stdout)).toEqual(await trialsOf(threads.stdout));
    await stopWorkers();
  });

  it('fails loudly: a trial that fails on a worker ends the sweep with one line naming the trial and the worker', async () => {
    await writeFile(join(dir.path, 'missing.yaml'), SMALL_SWEEP.replace('{ kind: football }', '{ kind: mat, path: missing.mat }'));
    await writeFile(join(dir.path, 'outside.yaml'), SMALL_SWEEP.replace('{ kind: football }', '{ kind: mat, path: ../secret.mat }'));
    const worker = startWorker();
    await until(() => /taking trials/.test(worker.log), 'the worker to start');
    const missing = await runCli(['sweep', '--config', 'missing.yaml', '--out', 'missing', '--queue', redis.url], dir.path);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^Queued on .*\nlab: trial t0000 on \S+:\d+ worker 1: .*missing\.mat: the file does not exist\n$/);
    const outside = await runCli(['sweep', '--config', 'outside.yaml', '--out', 'outside', '--queue', redis.url, '--quiet'], dir.path);
    expect(outside.code).toBe(1);
    expect(outside.stderr).toMatch(
      /^lab: trial t0000 on \S+:\d+ worker 1: trial t0000: data\.path "\.\.\/secret\.mat" is outside the worker's data folder .*\n$/,
    );
    await stopWorkers();
  });

  it('refuses a job that is not a valid trial, and a queue it cannot reach or log in to', async () => {
    const { Queue, QueueEvents } = await import('bullmq');
    const connection = { host: '127.0.0.1', port: redis.port, password: PASSWORD };
    const queue = new Queue('lab-trials', { connection });
    const events = new QueueEvents('lab-trials', { connection });
    await events.waitUntilReady();
    const worker = startWorker();
    await until(() => /taking trials/.test(worker.log), 'the worker to start');
    const job = await queue.add('trial', {
      v: 1,
      sweep: 'x',
      trial: { id: 't0000', config: { code: 'process.exit()' }, deadlineSeconds: 1e12 },
    });
    await expect(job.waitUntilFinished(events, 30_000)).rejects.toThrow(/^job \d+ on \S+: refused: trial\.deadlineSeconds: Too big/);
    await Promise.all([queue.close(), events.close()]);
    await stopWorkers();
    const wrong = await runCli(
      ['sweep', '--config', 'l2.yaml', '--out', 'wrong', '--queue', `redis://:nope@127.0.0.1:${redis.port}`],
      dir.path,
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(
      `lab: cannot use the queue redis://:***@127.0.0.1:${redis.port}: WRONGPASS invalid username-password pair or user is disabled.\n`,
    );
  });
});

// Without redis-server the suite above is collected but not run: one line says why, and CI
// (LAB_REQUIRE_REDIS=1) fails instead.
if (!hasRedisServer()) {
  if (process.env.LAB_REQUIRE_REDIS === '1') {
    describe('lab sweep --queue (no redis-server)', () => {
      it(`finds redis-server at ${REDIS_SERVER}, which LAB_REQUIRE_REDIS=1 requires`, () => {
        expect(hasRedisServer()).toBe(true);
      });
    });
  } else {
    console.log(`Redis tests skipped: no redis-server at ${REDIS_SERVER} (apt-get install redis-server, or set LAB_REDIS_SERVER)`);
  }
}
