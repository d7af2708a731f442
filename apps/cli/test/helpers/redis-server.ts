import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's redis-server, or LAB_REDIS_SERVER. */
export const REDIS_SERVER = process.env.LAB_REDIS_SERVER || '/usr/bin/redis-server';

/** True when a redis-server can be started here. */
export function hasRedisServer(): boolean {
  return existsSync(REDIS_SERVER);
}

/** A redis-server of a test's own: on a free 127.0.0.1 port, data in a temp dir, nothing saved. */
export interface TestRedis {
  readonly port: number;
  /** `redis://127.0.0.1:<port>`, with the password when there is one. */
  readonly url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** Sends PING until the server answers (PONG, or NOAUTH when it wants a password). */
async function waitForServer(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    const answered = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
      socket.on('data', (data) => {
        socket.destroy();
        resolve(/PONG|NOAUTH/.test(data.toString()));
      });
      socket.on('error', () => resolve(false));
    });
    if (answered) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('redis-server did not answer within 10 s');
}

/**
 * Starts a redis-server for a test. `stop` kills it and removes its folder, whatever happened;
 * the caller puts it in an afterAll.
 */
export async function startRedis(options: { password?: string } = {}): Promise<TestRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'lab-redis-'));
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
  if (options.password !== undefined) args.push('--requirepass', options.password);
  const child = spawn(REDIS_SERVER, args, { stdio: 'ignore' });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForServer(port, child);
  } catch (error) {
    await stop();
    throw error;
  }
  const auth = options.password === undefined ? '' : `:${encodeURIComponent(options.password)}@`;
  return { port, url: `redis://${auth}127.0.0.1:${port}`, stop };
}
