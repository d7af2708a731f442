import type { BatchnormRun, Normalization } from '../record';

/** How each normalization is named in tables, legends and sentences. */
export const NORMALIZATION_LABELS: Readonly<Record<Normalization, string>> = {
  none: 'no normalization',
  batchnorm: 'batch norm',
  layernorm: 'layer norm',
};

/** Legend order of the normalizations. */
export const NORMALIZATION_ORDER: readonly Normalization[] = ['none', 'batchnorm', 'layernorm'];

/** The run of `runs` with this normalization (and batch size, when given), if any. */
export function findRun(runs: readonly BatchnormRun[], normalization: Normalization, batchSize?: number): BatchnormRun | undefined {
  return runs.find((r) => r.job.normalization === normalization && (batchSize === undefined || r.job.batchSize === batchSize));
}

/** `(100, 500)`, NumPy's way of writing a shape. */
export function shapeText(n: number, d: number): string {
  return `(${n}, ${d})`;
}

/** A number in scientific notation with three significant digits: `1.36e-9`. */
export function formatScientific(x: number): string {
  return x.toExponential(2).replace('e+', 'e');
}
