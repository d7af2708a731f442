import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as connectTls } from 'node:tls';

/** Debian's redis-server, or LAB_REDIS_SERVER. */
export const REDIS_SERVER = process.env.LAB_REDIS_SERVER || '/usr/bin/redis-server';

/** True when a redis-server can be started here. */
export function hasRedisServer(): boolean {
  return existsSync(REDIS_SERVER);
}

/** True when openssl (for a TLS server's test certificates) is on the PATH. */
export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A redis-server of a test's own: on a free 127.0.0.1 port, data in a temp dir, nothing saved. */
export interface TestRedis {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` (`rediss://` with TLS), with the password when there is one. */
  readonly url: string;
  /** With TLS: the PEM file of the certificate authority that signed the server's certificate. */
  readonly caFile?: string;
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

/** Sends PING until the server answers (PONG, or NOAUTH when it wants a password); over TLS when given its CA. */
async function waitForServer(port: number, child: ChildProcess, ca?: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    const answered = await new Promise<boolean>((resolve) => {
      const ping = () => socket.write('PING\r\n');
      const socket =
        ca === undefined ? createConnection({ host: '127.0.0.1', port }, ping) : connectTls({ host: '127.0.0.1', port, ca }, ping);
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
 * A certificate authority and a server certificate it signed for 127.0.0.1 and localhost, made
 * with openssl in `dir`, valid for a day.
 * @returns the PEM files' paths
 */
async function makeCertificates(dir: string): Promise<{ ca: string; cert: string; key: string }> {
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=lab test CA',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.crt'),
  );
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', file('server.key'), '-out', file('server.csr'));
  await writeFile(file('server.ext'), 'subjectAltName = IP:127.0.0.1, DNS:localhost\n');
  openssl(
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.crt'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    file('server.ext'),
    '-out',
    file('server.crt'),
  );
  return { ca: file('ca.crt'), cert: file('server.crt'), key: file('server.key') };
}

/**
 * Starts a redis-server for a test. `stop` kills it and removes its folder, whatever happened;
 * the caller puts it in an afterAll.
 */
export async function startRedis(options: { password?: string; tls?: boolean } = {}): Promise<TestRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'lab-redis-'));
  const port = await freePort();
  const certificates = options.tls === true ? await makeCertificates(dir) : undefined;
  // With TLS the port speaks TLS only (plain port 0 = none); clients need no certificate of their own.
  const ports = certificates === undefined ? ['--port', String(port)] : ['--port', '0', '--tls-port', String(port)];
  const args = [...ports, '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
  if (certificates !== undefined) {
    args.push('--tls-cert-file', certificates.cert, '--tls-key-file', certificates.key, '--tls-ca-cert-file', certificates.ca);
    args.push('--tls-auth-clients', 'no');
  }
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
    await waitForServer(port, child, certificates === undefined ? undefined : await readFile(certificates.ca, 'utf8'));
  } catch (error) {
    await stop();
    throw error;
  }
  const auth = options.password === undefined ? '' : `:${encodeURIComponent(options.password)}@`;
  const scheme = certificates === undefined ? 'redis' : 'rediss';
  return { port, url: `${scheme}://${auth}127.0.0.1:${port}`, ...(certificates === undefined ? {} : { caFile: certificates.ca }), stop };
}
