import { setV8FlagOnce } from './v8-flag';

/** Where V8 starts each new isolate's old-generation limit, in MB (its default start is a few MB). */
export const INITIAL_OLD_SPACE_MB = 128;

/**
 * Starts the old generation of every isolate created from now on (the pool's threads) with
 * room for {@link INITIAL_OLD_SPACE_MB} MB before its first full collection. Each batch-norm
 * training allocates a few MB of array buffers (its network's weights, its arena), which count
 * toward that limit: from V8's small default start, a thread ran a full collection (marking on a
 * helper thread, which competes with the other worker for the two cores) after nearly every
 * training: 37 in the worker of a 1-worker run, 6 with this. On 2 cores, `lab experiment
 * batchnorm --workers 2` with a larger initial heap (4 rounds alternating): best 7.88 s and
 * 14.9–16.6 s of CPU instead of 8.46 s and 15.8–17.9 s. After the first collection the limit
 * grows and shrinks as V8 decides; memory is taken only as allocated. Process-wide (a V8 flag read when an isolate is made), so a command calls it
 * before it starts its threads; the main thread's heap, made before, keeps V8's defaults.
 */
export function roomyInitialOldSpace(): void {
  setV8FlagOnce(`--initial-old-space-size=${INITIAL_OLD_SPACE_MB}`);
}
