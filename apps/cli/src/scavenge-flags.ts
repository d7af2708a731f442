import { setV8FlagOnce } from './v8-flag';

/**
 * Makes V8 scavenge (collect the young generation) on the thread that allocated, not split among
 * its helper threads: with a worker thread per core, parallel scavenging costs more CPU than it
 * saves — the helpers' coordination, on cores the other workers need. Measured on 2 cores,
 * `lab experiment batchnorm --workers 2`: 15.5 s of CPU instead of 18.2 and 9.1 s instead of
 * 10.4; `--workers 1` as fast as before. Process-wide, so a command calls it before it starts its
 * threads. V8 reads this flag at every scavenge, so setting it while running is safe (unlike
 * `--single-threaded-gc`, which aborts the process when set after start).
 */
export function scavengeOnOneThread(): void {
  setV8FlagOnce('--no-parallel-scavenge');
}
