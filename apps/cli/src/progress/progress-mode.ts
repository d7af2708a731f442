import type { CliStream } from '../cli-io';

/**
 * How progress is shown: `live`, one bar redrawn in place (a terminal); `lines`, a plain line
 * every few percent (CI logs, pipes); `off` (`--quiet`, `--json`).
 */
export type ProgressMode = 'live' | 'lines' | 'off';

/**
 * Picks the progress mode for a stream: off when asked to be quiet or to print JSON, live on a
 * terminal that can erase a line (not `TERM=dumb`), plain lines otherwise.
 */
export function progressModeFor(
  stream: CliStream,
  env: Readonly<Record<string, string | undefined>>,
  flags: { readonly quiet?: boolean; readonly json?: boolean },
): ProgressMode {
  if (flags.quiet === true || flags.json === true) return 'off';
  return stream.isTTY === true && env.TERM !== 'dumb' ? 'live' : 'lines';
}
