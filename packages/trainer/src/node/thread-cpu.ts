import { readFileSync, readlinkSync } from 'node:fs';

/** Clock ticks per second of /proc's times: USER_HZ, 100 on every Linux that Node runs on. */
const TICKS_PER_SECOND = 100;

/**
 * The CPU time (user + system) the calling thread has used so far, in milliseconds, from
 * `/proc/thread-self/stat` (10 ms resolution); undefined where there is no such file (not Linux).
 * Node 20 has no per-thread CPU clock, and `process.cpuUsage()` sums every thread of the process.
 */
export function threadCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // The fields after the command name (which may hold spaces) start with the state, field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}

/** The calling thread's kernel id (`/proc/thread-self` → `<pid>/task/<tid>`), or undefined off Linux. */
export function threadId(): number | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) ? tid : undefined;
  } catch {
    return undefined;
  }
}
