import { ConfigError } from '@lab/tensor';

/** BullMQ and ioredis, loaded when a queue is used: optional peer dependencies of `@lab/trainer`. */
export interface QueueModules {
  readonly bullmq: typeof import('bullmq');
  readonly Redis: typeof import('ioredis').default;
}

/**
 * Imports bullmq and ioredis.
 * @throws ConfigError saying what to install when they are missing
 */
export async function loadQueueModules(): Promise<QueueModules> {
  try {
    const [bullmq, ioredis] = await Promise.all([import('bullmq'), import('ioredis')]);
    return { bullmq, Redis: ioredis.default };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' || (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') {
      throw new ConfigError('--queue needs the packages bullmq and ioredis: pnpm add bullmq ioredis');
    }
    throw error;
  }
}

/**
 * Connects once to check the server is there and accepts the credentials, with no retries: a
 * wrong address or password is one line at once, not a client that retries forever.
 * @throws ConfigError naming the URL (without its password) and the reason
 */
export async function checkQueueServer(modules: QueueModules, options: Record<string, unknown>, display: string): Promise<void> {
  const client = new modules.Redis({
    ...options,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 5000,
  });
  // The reason (ECONNREFUSED, WRONGPASS, …) comes as an error event; the promise only says the connection closed.
  let reason: Error | undefined;
  client.on('error', (error: Error) => {
    reason ??= error;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const cause = reason ?? (error as Error);
    const message = cause.message.split('\n', 1)[0] ?? '';
    throw new ConfigError(`cannot use the queue ${display}: ${message}${certificateHint(cause)}`);
  } finally {
    client.disconnect();
  }
}

/** Node's codes for a server certificate that no trusted authority vouches for. */
const UNTRUSTED_CERTIFICATE = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

/** What to do about a certificate signed by a private authority, the usual case of a Redis server's. */
function certificateHint(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && UNTRUSTED_CERTIFICATE.has(code)
    ? " (to trust the authority that signed the server's certificate: NODE_EXTRA_CA_CERTS=ca.pem)"
    : '';
}
