import { isIP } from 'node:net';
import { ConfigError } from '@lab/tensor';

/** How to reach a Redis server: ioredis options, and the URL with its password hidden for messages. */
export interface QueueConnection {
  readonly host: string;
  readonly port: number;
  readonly username?: string;
  readonly password?: string;
  readonly db: number;
  /** `rediss://`: TLS. */
  readonly tls: boolean;
  /** The URL as it may be printed: `redis://:***@host:6379/0`. Never the password. */
  readonly display: string;
}

/**
 * Parses a queue URL: `redis://[[user]:password@]host[:port][/db]`, or `rediss://…` for TLS.
 * Percent-escapes in the user and password are decoded.
 * @throws ConfigError naming the URL without its password
 */
export function parseQueueUrl(text: string): QueueConnection {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`--queue: not a URL: expected redis://[:password@]host[:port][/db] (rediss:// for TLS)`);
  }
  const display = redact(url);
  const fail = (what: string): never => {
    throw new ConfigError(`--queue ${display}: ${what}`);
  };
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') fail(`the scheme must be redis:// or rediss://, not ${url.protocol}//`);
  if (url.hostname === '') fail('no host');
  const port = url.port === '' ? 6379 : Number(url.port);
  const dbText = url.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d{1,2}$/.test(dbText)) fail(`the database must be a number, got "${dbText}"`);
  if (url.search !== '' || url.hash !== '') fail('no query or fragment is understood');
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    ...(url.username === '' ? {} : { username: decodeURIComponent(url.username) }),
    ...(url.password === '' ? {} : { password: decodeURIComponent(url.password) }),
    db: dbText === '' ? 0 : Number(dbText),
    tls: url.protocol === 'rediss:',
    display,
  };
}

/** The URL with the password (and a user's name) replaced by `***`. */
function redact(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password !== '') copy.password = '***';
  if (copy.username !== '') copy.username = '***';
  return copy.href.replace(/\/$/, '');
}

/** ioredis options for a connection; BullMQ's blocking connections need `maxRetriesPerRequest: null`. */
export function ioredisOptions(connection: QueueConnection): Record<string, unknown> {
  return {
    host: connection.host,
    port: connection.port,
    db: connection.db,
    ...(connection.username === undefined ? {} : { username: connection.username }),
    ...(connection.password === undefined ? {} : { password: connection.password }),
    // SNI names a host, never an address (RFC 6066; Node warns): an IP is checked against the certificate without it.
    ...(connection.tls ? { tls: isIP(connection.host) === 0 ? { servername: connection.host } : {} } : {}),
    maxRetriesPerRequest: null,
  };
}
