import { setFlagsFromString } from 'node:v8';

/** The flags {@link setV8FlagOnce} has set in this process. */
const set = new Set<string>();

/**
 * Sets a V8 flag for the whole process (every isolate, the worker threads' included), once: a
 * later call with the same flag does nothing, so a caller may call it at every event that makes
 * the flag worth setting.
 * @param flag - as on node's command line, e.g. `--no-parallel-scavenge`
 */
export function setV8FlagOnce(flag: string): void {
  if (set.has(flag)) return;
  setFlagsFromString(flag);
  set.add(flag);
}
