/**
 * A duration for an ETA, rounded up to whole seconds: `0s`, `42s`, `3m05s`, `1h02m`.
 * @param seconds - ≥ 0; NaN or ±Infinity (no estimate yet) give `?`
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const total = Math.ceil(seconds);
  if (total < 60) return `${total}s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes}m${String(total % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
