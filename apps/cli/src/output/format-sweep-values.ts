import type { JsonValue } from '@lab/trainer';

/** A parameter value for the terminal: numbers with up to 4 significant digits. */
export function formatValue(value: JsonValue | undefined): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A metric for the terminal: 4 decimals. */
export function formatMetric(value: number): string {
  return value.toFixed(4);
}
