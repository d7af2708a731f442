import { CliError } from './cli-error';

/** The environment variable `--queue` without a URL reads: keeps a password out of `ps` and shell history. */
export const QUEUE_URL_ENV = 'LAB_QUEUE_URL';

/**
 * The queue URL of `--queue [url]`: the URL given, or, for a bare `--queue` (commander's `true`),
 * `LAB_QUEUE_URL` from the environment.
 * @throws CliError when `--queue` has no URL and LAB_QUEUE_URL is not set
 */
export function queueUrlOf(option: string | true, env: Readonly<Record<string, string | undefined>>): string {
  if (option !== true) return option;
  const url = env[QUEUE_URL_ENV];
  if (url === undefined || url === '') throw new CliError(`--queue without a URL reads it from ${QUEUE_URL_ENV}, which is not set`);
  return url;
}
