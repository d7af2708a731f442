import { formatExact } from '../format-number';
import { type Cell, code } from '../markdown';

/** A run config as a record holds it: plain JSON. */
type Json = unknown;

function leaf(value: Json): string {
  if (typeof value === 'number') return formatExact(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * A run config's settings as table rows, whatever the config's format: one row per value, its path
 * as code (`optimizer.beta1`, `model.layers[2].keepProb`) and the value. A list of plain values is
 * one row (`model.layerSizes`: `2, 20, 3, 1`); a list of objects gives rows per element.
 */
export function configRows(config: Readonly<Record<string, unknown>>): Cell[][] {
  const rows: Cell[][] = [];
  const visit = (value: Json, path: string): void => {
    if (Array.isArray(value)) {
      if (value.every((item) => item === null || typeof item !== 'object')) {
        rows.push([code(path), value.length === 0 ? 'none' : value.map(leaf).join(', ')]);
      } else {
        value.forEach((item, i) => visit(item, `${path}[${i}]`));
      }
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) visit(item, path === '' ? key : `${path}.${key}`);
    } else {
      rows.push([code(path), leaf(value)]);
    }
  };
  visit(config, '');
  return rows;
}
