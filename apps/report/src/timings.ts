/**
 * Markers around the one part of a report that changes from run to run of the same
 * record (seconds, creation date). Everything outside them is byte-identical for a
 * fixed record, so tests compare reports after {@link maskTimings}.
 */
export const TIMINGS_START = '<!-- timings:start -->';
export const TIMINGS_END = '<!-- timings:end -->';

/**
 * Replaces everything between the timing markers (markers kept) with `…`.
 * @param markdown - a report
 * @returns the report with every timings section masked
 */
export function maskTimings(markdown: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const start = markdown.indexOf(TIMINGS_START, from);
    if (start < 0) break;
    const end = markdown.indexOf(TIMINGS_END, start + TIMINGS_START.length);
    if (end < 0) break;
    out += `${markdown.slice(from, start)}${TIMINGS_START}\n…\n`;
    from = end;
  }
  return out + markdown.slice(from);
}
